// The verify function (issue 12): half-yearly verification campaigns (RULES §1(3,5,9), §2(16), PRODUCT flow 8) —
// open a campaign listing every current beneficiary with their legal supporters, export the list for the county's
// comparison, import the comparison results (all rows or none), home re-check tasks for the flagged, their outcomes,
// the office's board, and the scheduled re-checks that come due (RULES §9, §16) and fold into the next campaign.
import { z } from 'zod';
import { beijingDate } from '../../../src/core/calendar';
import { dibaoGapAmount } from '../../../src/core/cases/amounts';
import { caseRecordSchema, type CaseRecord } from '../../../src/core/cases/case-record';
import { transition } from '../../../src/core/cases/workflow';
import { AppFailure } from '../../../src/core/errors';
import { CATEGORY_LABELS } from '../../../src/core/categories';
import { maskIdNumber } from '../../../src/core/masking';
import { gridSchema, personSchema, userSchema, villageSchema } from '../../../src/core/records';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';
import { postMessagesWithIds } from '../../platform/messages';
import { CASEWORK_ROLES, inScope } from '../../../src/core/roles';
import {
  checkResultRows,
  FINDING_LABELS,
  halfYearOf,
  halfYearSchema,
  isFlagging,
  RECHECK_OUTCOME_LABELS,
  RECHECK_REASON_LABELS,
  recheckDue,
  recheckOutcomeSchema,
  recheckPhotosSchema,
  RESULT_COLUMNS,
  RESULT_ROWS_MAX,
  subjectSchema,
  VERIFIED_CATEGORIES,
  type Subject,
  type FindingCode,
} from '../../../src/core/verification';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { checkFileReferences } from '../../platform/files';
import { readSpreadsheetUpload } from '../../platform/spreadsheet-read';
import { fileIdSchema } from '../../../src/core/ids';
import { inParallel, INTERACTIVE_BUDGET_MS, continueLater } from '../../platform/jobs';
import { GET_MAX } from '../../platform/paging';
import { scopeCondition } from '../../platform/scope-query';
import { readAllPages } from '../../platform/store';
import { writeXlsx } from '../../platform/xlsx-export';
import { saveCaseWithEffects } from '../../cases/effects';
import { allSubjects, campaignIdOf, campaignSchema, newCampaign, readCampaign, runListing, subjectPages, type Campaign } from './campaigns';

const OFFICER = ['officer'] as const;
const DAY_MS = 86_400_000;
const idSchema = z.string().min(1).max(120);
const requestIdSchema = z.string().min(8).max(64);
/** Due re-checks the overview lists: those due now or within this many days. */
const DUE_SOON_DAYS = 30;
const DUE_SHOWN = 100;
const ERRORS_SHOWN = 200;

function summaryOf(c: Campaign) {
  return { campaignId: c._id, half: c.half, label: c.label, state: c.state, listed: c.listed, openedAt: c.openedAt, results: c.results ?? null };
}

async function scopedSubject(ctx: ActionContext, subjectId: string): Promise<Subject> {
  const found = await ctx.db.collection(COLLECTIONS.campaignSubjects).where({ _id: subjectId }).limit(1).get();
  const s = found.data[0] ? subjectSchema.parse(found.data[0]) : undefined;
  if (!s || !inScope(ctx.caller.scope, s)) throw new AppFailure('RECORD.NOT_FOUND');
  return s;
}

/** What a re-check task shows its gridworker: the finding, not the whole ID number. */
function taskView(s: Subject, now: number) {
  return {
    subjectId: s._id,
    version: s.version,
    campaignId: s.campaignId,
    name: s.name,
    idNumber: maskIdNumber(s.idNumber),
    categories: s.categories.map((c) => CATEGORY_LABELS[c]),
    gridId: s.gridId,
    finding: s.finding ? FINDING_LABELS[s.finding as FindingCode] : null,
    detail: s.detail ?? '',
    dueAt: s.dueAt ?? null,
    overdue: s.task === 'open' && s.dueAt !== undefined && s.dueAt < now,
    task: s.task,
    outcome: s.outcome ? { ...s.outcome, label: RECHECK_OUTCOME_LABELS[s.outcome.outcome] } : null,
    dibao: s.categories.includes('dibao'),
  };
}

/** The approved 低保 / 特困 case an exit terminates, when the system holds one for this person. */
async function approvedCaseOf(ctx: ActionContext, personId: string): Promise<CaseRecord | undefined> {
  const found = await ctx.db.collection(COLLECTIONS.cases).where({ 'applicant.personId': personId, state: 'closed' }).limit(GET_MAX).get();
  return found.data.map((raw) => caseRecordSchema.parse(raw)).find((c) => (c.kind === 'dibao' || c.kind === 'tekun') && c.closure?.outcome === 'approved');
}

export const verifyActions = {
  /** The office's 核查 page: campaigns, re-checks due now or soon (RULES §9, §16), the half-year to open next. */
  overview: defineAction({
    roles: OFFICER,
    input: z.object({}).strict(),
    async run(ctx) {
      const { db, now } = ctx;
      const [campaigns, persons, villages] = await Promise.all([
        db.collection(COLLECTIONS.campaigns).orderBy('_id', 'desc').limit(20).get(),
        Promise.all(VERIFIED_CATEGORIES.filter((c) => c !== 'disabledInHardship').map((c) => readAllPages(db, COLLECTIONS.persons, personSchema, { categories: c }))),
        readAllPages(db, COLLECTIONS.villages, villageSchema),
      ]);
      const villageName = new Map(villages.map((v) => [v._id, v.name]));
      const seen = new Set<string>();
      const due = persons
        .flat()
        .filter((p) => !seen.has(p._id) && seen.add(p._id))
        .map((p) => ({ p, due: recheckDue(p) }))
        .filter((x) => x.due && x.due.dueAt <= now + DUE_SOON_DAYS * DAY_MS)
        .sort((a, b) => a.due!.dueAt - b.due!.dueAt);
      return {
        campaigns: campaigns.data.map((raw) => summaryOf(campaignSchema.parse(raw))),
        due: due.slice(0, DUE_SHOWN).map(({ p, due: d }) => ({
          personId: p._id,
          name: p.name,
          village: villageName.get(p.villageId) ?? '',
          reason: RECHECK_REASON_LABELS[d!.reason],
          dueOn: beijingDate(d!.dueAt),
          overdue: d!.dueAt < now,
        })),
        dueCount: due.length,
        nextHalf: halfYearOf(beijingDate(now)),
      };
    },
  }),

  /** Opens the campaign of a half-year: lists every current beneficiary (a long list goes on in a follow-up). */
  open: defineAction({
    roles: OFFICER,
    input: z.object({ half: halfYearSchema, requestId: requestIdSchema }).strict(),
    async run(ctx, input) {
      const { db, now, caller } = ctx;
      const id = campaignIdOf(input.half);
      const found = await db.collection(COLLECTIONS.campaigns).where({ _id: id }).limit(1).get();
      let campaign = found.data[0] ? campaignSchema.parse(found.data[0]) : undefined;
      if (!campaign) {
        campaign = newCampaign(input.half, caller.user._id, now);
        const { _id, ...fields } = campaign;
        await db.collection(COLLECTIONS.campaigns).doc(_id).set({ data: fields });
        await ctx.audit({ key: `${id}:open`, collection: COLLECTIONS.campaigns, recordId: id, kind: 'create', to: { half: input.half }, why: '开启核查' });
      }
      if (campaign.state === 'listing' && !(await runListing(db, campaign, now, INTERACTIVE_BUDGET_MS))) await continueLater(ctx.fn, 'continueListing');
      return summaryOf(await readCampaign(db, id));
    },
  }),

  /** A campaign with its board: by village and grid — flagged, re-checked, overdue, outcomes. */
  board: defineAction({
    roles: OFFICER,
    input: z.object({ campaignId: idSchema }).strict(),
    async run(ctx, input) {
      const { db, now } = ctx;
      const [campaign, flagged, villages, grids] = await Promise.all([
        readCampaign(db, input.campaignId),
        allSubjects(db, input.campaignId, { flagged: true }),
        readAllPages(db, COLLECTIONS.villages, villageSchema),
        readAllPages(db, COLLECTIONS.grids, gridSchema),
      ]);
      const gridOf = new Map(grids.map((g) => [g._id, g]));
      type Tally = { flagged: number; rechecked: number; overdue: number; outcomes: Record<string, number> };
      const empty = (): Tally => ({ flagged: 0, rechecked: 0, overdue: 0, outcomes: {} });
      const byGrid = new Map<string, Tally>();
      for (const s of flagged) {
        const t = byGrid.get(s.gridId) ?? empty();
        t.flagged += 1;
        if (s.task === 'done') t.rechecked += 1;
        if (s.task === 'open' && s.dueAt !== undefined && s.dueAt < now) t.overdue += 1;
        if (s.outcome) t.outcomes[s.outcome.outcome] = (t.outcomes[s.outcome.outcome] ?? 0) + 1;
        byGrid.set(s.gridId, t);
      }
      const add = (into: Tally, t: Tally) => {
        into.flagged += t.flagged;
        into.rechecked += t.rechecked;
        into.overdue += t.overdue;
        for (const [k, n] of Object.entries(t.outcomes)) into.outcomes[k] = (into.outcomes[k] ?? 0) + n;
      };
      const total = empty();
      const rows = villages
        .map((v) => {
          const own = grids.filter((g) => g.villageId === v._id).map((g) => ({ gridId: g._id, name: g.name, ...(byGrid.get(g._id) ?? empty()) }));
          const sum = empty();
          own.forEach((g) => add(sum, g));
          add(total, sum);
          return { villageId: v._id, name: v.name, ...sum, grids: own.filter((g) => g.flagged > 0) };
        })
        .filter((v) => v.flagged > 0);
      const exits = flagged
        .filter((s) => s.outcome?.outcome === 'exit' && s.outcome.exitStartedAt === undefined)
        .map((s) => ({ ...taskView(s, now), grid: gridOf.get(s.gridId)?.name ?? '', hasCase: s.outcome!.caseId !== undefined }));
      return { campaign: summaryOf(campaign), total, villages: rows, exits };
    },
  }),

  /** The list for the county's comparison as .xlsx (docs/verification.md): each person, then their legal supporters. */
  export: defineAction({
    roles: OFFICER,
    input: z.object({ campaignId: idSchema }).strict(),
    async run(ctx, input) {
      const { db } = ctx;
      const campaign = await readCampaign(db, input.campaignId);
      if (campaign.state !== 'open') throw new AppFailure('VERIFY.LISTING', undefined, { listed: campaign.listed });
      const [villages, grids] = await Promise.all([readAllPages(db, COLLECTIONS.villages, villageSchema), readAllPages(db, COLLECTIONS.grids, gridSchema)]);
      const villageName = new Map(villages.map((v) => [v._id, v.name]));
      const gridName = new Map(grids.map((g) => [g._id, g.name]));
      let n = 0;
      async function* rows() {
        for await (const page of subjectPages(db, campaign._id)) {
          yield page.flatMap((s) => {
            n += 1;
            const place = { village: villageName.get(s.villageId) ?? '', grid: gridName.get(s.gridId) ?? '' };
            const categories = s.categories.map((c) => CATEGORY_LABELS[c]).join('、');
            return [
              { no: n, kind: '救助对象', name: s.name, idNumber: s.idNumber, relation: s.relation, subjectIdNumber: s.idNumber, categories, reason: s.dueReason ?? '定期核查', ...place },
              ...(s.supporters ?? []).map((p) => ({ no: n, kind: '赡养义务人', name: p.name, idNumber: p.idNumber, relation: p.relation, subjectIdNumber: s.idNumber, categories, reason: '', ...place })),
            ];
          });
        }
      }
      const fileName = `${campaign.label}核查名单.xlsx`;
      const file = await writeXlsx(ctx, { fileName, sheets: [{ name: '核查名单', columns: EXPORT_COLUMNS, rows: rows() }] });
      // RULES §29: the list carries full ID numbers (the comparison needs them): one view entry names them.
      await ctx.audit({ collection: COLLECTIONS.campaignSubjects, recordId: campaign._id, kind: 'view', to: { kind: 'verify', rows: file.rows, revealed: ['idNumber'] }, why: '导出核查名单' });
      return { fileName, url: file.url, rows: file.rows };
    },
  }),

  /**
   * Imports the comparison results (.xlsx or CSV): all rows or none. Each flagged person becomes a home re-check task
   * for their grid, due in the town's `recheckTaskDays`; a clean result is that person's re-check (RULES §9, §16).
   */
  importResults: defineAction({
    roles: OFFICER,
    input: z.object({ campaignId: idSchema, fileId: fileIdSchema, dryRun: z.boolean().default(false), requestId: requestIdSchema }).strict(),
    async run(ctx, input) {
      const { db, now } = ctx;
      const campaign = await readCampaign(db, input.campaignId);
      if (campaign.results) {
        if (campaign.results.requestId === input.requestId) return { ...campaign.results, errors: [] };
        throw new AppFailure('VERIFY.RESULTS_IMPORTED');
      }
      if (campaign.state !== 'open') throw new AppFailure('VERIFY.LISTING', undefined, { listed: campaign.listed });
      const [sheet, subjects, settings] = await Promise.all([readSpreadsheetUpload(ctx, input.fileId, 'verification', { maxRows: RESULT_ROWS_MAX + 1, headerWith: RESULT_COLUMNS.idNumber }), allSubjects(db, campaign._id), ctx.settings()]);
      const byId = new Map(subjects.map((s) => [s.idNumber, s]));
      const checked = checkResultRows(sheet.header, sheet.rows, new Map(subjects.map((s) => [s.idNumber, s.name])), beijingDate(now));
      if (checked.errors.length) {
        const errors = checked.errors.slice(0, ERRORS_SHOWN).map((e) => ({ ...e, text: `第${e.row}行：${e.message}` }));
        if (input.dryRun) return { at: now, requestId: input.requestId, rows: 0, flagged: 0, errors };
        throw new AppFailure('IMPORT.INVALID_ROWS', `表格中有${checked.errors.length}处错误，没有导入任何数据。${errors[0]!.text}`, { errors });
      }
      const flaggedRows = checked.rows.filter((r) => isFlagging(r.finding));
      const results = { at: now, requestId: input.requestId, rows: checked.rows.length, flagged: flaggedRows.length };
      if (input.dryRun) return { ...results, errors: [] };
      const dueAt = now + settings.recheckTaskDays * DAY_MS;
      const _ = db.command;
      // Each write is the same on a retry: the subject's finding and task, the clean person's re-check date.
      await inParallel(checked.rows, async (r) => {
        const s = byId.get(r.idNumber)!;
        const flag = isFlagging(r.finding);
        const patch = flag ? { finding: r.finding, detail: r.detail, flagged: true, task: 'open', dueAt } : { finding: r.finding, detail: r.detail };
        await db.collection(COLLECTIONS.campaignSubjects).doc(s._id).update({ data: { ...patch, updatedAt: now, version: _.inc(1) } });
        if (!flag) await db.collection(COLLECTIONS.persons).doc(s.personId).update({ data: { lastRecheckAt: now } });
      });
      // Each gridworker of a flagged grid is told once (ids derived from the campaign: a retry adds nothing).
      const flaggedGrids = new Map<string, number>();
      for (const r of flaggedRows) flaggedGrids.set(byId.get(r.idNumber)!.gridId, (flaggedGrids.get(byId.get(r.idNumber)!.gridId) ?? 0) + 1);
      const workers = await readAllPages(db, COLLECTIONS.users, userSchema, { role: 'gridworker' });
      const told = workers
        .map((w) => ({ w, count: w.gridIds.reduce((n, g) => n + (flaggedGrids.get(g) ?? 0), 0) }))
        .filter((x) => x.count > 0)
        .map(({ w, count }) => ({
          id: `${campaign._id}:recheck:${w._id}`,
          message: { recipientUserId: w._id, type: 'recheckTasks', link: 'rechecks', ...MESSAGE_TEXTS.recheckTasks({ campaign: campaign.label, count, dueOn: beijingDate(dueAt) }) },
        }));
      await postMessagesWithIds(db, told, now);
      await db.collection(COLLECTIONS.campaigns).doc(campaign._id).update({ data: { results: _.set(results), updatedAt: now, version: _.inc(1) } });
      await ctx.audit({ key: `${campaign._id}:results`, collection: COLLECTIONS.campaigns, recordId: campaign._id, kind: 'update', to: { rows: results.rows, flagged: results.flagged }, why: '导入比对结果' });
      return { ...results, errors: [] };
    },
  }),

  /** The caller's home re-check tasks (open first by due date, then the recently done). */
  tasks: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({}).strict(),
    async run(ctx) {
      const { db, now, caller } = ctx;
      const where = scopeCondition(db.command, caller.scope, {});
      const [open, done] = await Promise.all(
        (['open', 'done'] as const).map((task) => db.collection(COLLECTIONS.campaignSubjects).where({ ...where, task }).orderBy('dueAt', 'asc').limit(GET_MAX).get()),
      );
      return { open: open!.data.map((raw) => taskView(subjectSchema.parse(raw), now)), done: done!.data.map((raw) => taskView(subjectSchema.parse(raw), now)) };
    },
  }),

  task: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ subjectId: idSchema }).strict(),
    async run(ctx, input) {
      const s = await scopedSubject(ctx, input.subjectId);
      await ctx.audit({ collection: COLLECTIONS.campaignSubjects, recordId: s._id, kind: 'view' });
      return taskView(s, ctx.now);
    },
  }),

  /**
   * The home re-check's outcome with evidence photos: no change, changed (the new 低保 amount by RULES §33), exit
   * (the office then starts the termination, with 渐退 up to 6 months for 低保 — RULES §9), or an objection.
   */
  recordOutcome: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ subjectId: idSchema, version: z.number().int().nonnegative(), result: recheckOutcomeSchema, photoFileIds: recheckPhotosSchema }).strict(),
    async run(ctx, input) {
      const { db, now, caller } = ctx;
      const s = await scopedSubject(ctx, input.subjectId);
      if (s.task !== 'open') throw new AppFailure('VERIFY.TASK_NOT_OPEN');
      if (s.version !== input.version) throw new AppFailure('RECORD.CONFLICT');
      const r = input.result;
      const dibao = s.categories.includes('dibao');
      const outcome: NonNullable<Subject['outcome']> = { outcome: r.outcome, note: r.note, photoFileIds: input.photoFileIds, recordedAt: now, recordedBy: caller.user._id };
      if (r.outcome === 'changed') {
        if (!dibao) throw new AppFailure('VERIFY.AMOUNT_NOT_DIBAO');
        // RULES §33: the gap to the standard for the covered persons; none left means the household leaves (§9).
        const amount = dibaoGapAmount(r.perCapitaIncomeYuan, r.coveredPersons, await ctx.settings());
        if (amount === 0) throw new AppFailure('VERIFY.INCOME_OVER_LINE');
        Object.assign(outcome, { perCapitaIncomeYuan: r.perCapitaIncomeYuan, coveredPersons: r.coveredPersons, newAmountYuan: amount });
      }
      if (r.outcome === 'exit') {
        // RULES §9: 渐退 is for 低保 only.
        if (r.gradualExitMonths > 0 && !dibao) throw new AppFailure('INPUT.INVALID', '只有低保对象可以设渐退期');
        if (r.gradualExitMonths > 0) outcome.gradualExitMonths = r.gradualExitMonths;
        const c = await approvedCaseOf(ctx, s.personId);
        if (c) outcome.caseId = c._id;
      }
      await checkFileReferences(ctx, input.photoFileIds);
      const _ = db.command;
      const written = await db
        .collection(COLLECTIONS.campaignSubjects)
        .where({ _id: s._id, version: s.version })
        .update({ data: { task: 'done', outcome: _.set(outcome), updatedAt: now, version: _.inc(1) } });
      if (written.stats.updated !== 1) throw new AppFailure('RECORD.CONFLICT');
      await Promise.all([
        db.collection(COLLECTIONS.persons).doc(s.personId).update({ data: { lastRecheckAt: now } }),
        ctx.audit({ collection: COLLECTIONS.campaignSubjects, recordId: s._id, kind: 'update', from: { task: 'open' }, to: { task: 'done', outcome: r.outcome }, why: RECHECK_OUTCOME_LABELS[r.outcome] }),
      ]);
      return taskView({ ...s, task: 'done', outcome, version: s.version + 1 }, now);
    },
  }),

  /** The office starts the termination procedure (RULES §16, 7-day notice) for an exit found at the re-check. */
  startExit: defineAction({
    roles: OFFICER,
    input: z.object({ subjectId: idSchema }).strict(),
    async run(ctx, input) {
      const { db, now, caller } = ctx;
      const s = await scopedSubject(ctx, input.subjectId);
      const o = s.outcome;
      if (o?.outcome !== 'exit' || o.exitStartedAt !== undefined) throw new AppFailure('VERIFY.TASK_NOT_OPEN');
      if (!o.caseId) throw new AppFailure('VERIFY.NO_CASE');
      const found = await db.collection(COLLECTIONS.cases).where({ _id: o.caseId }).limit(1).get();
      const c = caseRecordSchema.parse(found.data[0]);
      const reason = `核查复核：${s.finding ? FINDING_LABELS[s.finding as FindingCode] : ''}${o.note ? `，${o.note}` : ''}`.slice(0, 200);
      const event = { type: 'startTermination' as const, reason, ...(o.gradualExitMonths ? { gradualExitMonths: o.gradualExitMonths } : {}) };
      const step = transition(c, event, { now, actor: { userId: caller.user._id, role: caller.user.role }, settings: await ctx.settings() });
      if (!step.ok) throw new AppFailure(step.error.code, step.error.message);
      await saveCaseWithEffects(ctx, c, step.data, c.version, `startTermination：${reason}`);
      await db.collection(COLLECTIONS.campaignSubjects).doc(s._id).update({ data: { 'outcome.exitStartedAt': now, updatedAt: now, version: db.command.inc(1) } });
      return { caseId: c._id };
    },
  }),
} satisfies ActionTable;

/** The export's layout (docs/verification.md). */
export const EXPORT_COLUMNS = [
  { header: '序号', key: 'no', width: 8 },
  { header: '人员类型', key: 'kind', width: 12 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '身份证号', key: 'idNumber', width: 22 },
  { header: '与对象关系', key: 'relation', width: 12 },
  { header: '对象身份证号', key: 'subjectIdNumber', width: 22 },
  { header: '救助类别', key: 'categories', width: 20 },
  { header: '村（社区）', key: 'village', width: 14 },
  { header: '网格', key: 'grid', width: 14 },
  { header: '核查原因', key: 'reason', width: 20 },
];
