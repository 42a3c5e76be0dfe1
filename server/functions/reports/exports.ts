// Exports (issue 12): the rows of each export, read page by page in the caller's scope and shown as the caller's role
// may see them (RULES §29: maskPerson, as every screen masks), written by platform/xlsx-export.ts. Each export is one
// audit entry: what, how many rows, and which sensitive fields it carried in full.
import { formatInBeijing, beijingDate, ageOn } from '../../../src/core/calendar';
import { CATEGORY_LABELS, RISK_TIERS } from '../../../src/core/categories';
import { CASE_KIND_LABELS, CASE_SOURCE_LABELS, CASE_STATE_LABELS, caseRecordSchema } from '../../../src/core/cases';
import { GENDER_LABELS } from '../../../src/core/id-number';
import { maskIdNumber, maskPerson, seesInFull, type SensitiveField } from '../../../src/core/masking';
import { FINDING_LABELS, RECHECK_OUTCOME_LABELS, subjectSchema, type FindingCode } from '../../../src/core/verification';
import { gridSchema, villageSchema } from '../../../src/core/records';
import { EXPORT_COLUMNS, EXPORT_KIND_LABELS, exportFileName, type ExportKind } from '../../../src/core/reports';
import { issueSchema, ISSUE_STATE_LABELS } from '../../../src/core/visits/issue';
import { visitRecordSchema } from '../../../src/core/visits/visit-record';
import type { ActionContext } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { scopeCondition } from '../../platform/scope-query';
import { readAllPages } from '../../platform/store';
import { writeXlsx } from '../../platform/xlsx-export';
import { referralRow } from '../../referrals/store';
import { personSchema } from '../../roster/persons';
import { referralRecordSchema } from '../../../src/core/referrals/referral';

const PAGE = 100;
const TIME = 'YYYY-MM-DD HH:mm';

type Row = Record<string, string | number | null>;

/** Records under `where` in `_id` order, a page at a time; the next page is asked for while this one is written. */
async function* pagesOf(ctx: ActionContext, collection: string, where: Record<string, unknown>, fields?: Record<string, true>): AsyncGenerator<Record<string, unknown>[]> {
  const _ = ctx.db.command;
  const fetch = (after: string) => {
    const query = ctx.db.collection(collection).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE);
    return (fields ? query.field(fields) : query).get().then((r) => r.data);
  };
  let next = fetch('');
  for (;;) {
    const page = await next;
    if (page.length === PAGE) next = fetch(String(page[page.length - 1]!._id));
    yield page;
    if (page.length < PAGE) return;
  }
}

async function* mapPages<T>(pages: AsyncIterable<Record<string, unknown>[]>, row: (raw: Record<string, unknown>) => T): AsyncGenerator<T[]> {
  for await (const page of pages) yield page.map(row);
}

const EXPORT_COLLECTION: Record<ExportKind, string> = { roster: COLLECTIONS.persons, cases: COLLECTIONS.cases, visits: COLLECTIONS.visits, issues: COLLECTIONS.issues, referrals: COLLECTIONS.referrals, rechecks: COLLECTIONS.campaignSubjects };

/** Writes one export of the caller's scope (optionally one village) and audits it. */
export async function exportKind(ctx: ActionContext, kind: ExportKind, filter: { villageId?: string }) {
  const { db, caller, now } = ctx;
  const where = scopeCondition(db.command, caller.scope, filter);
  const [villages, grids] = await Promise.all([readAllPages(db, COLLECTIONS.villages, villageSchema), readAllPages(db, COLLECTIONS.grids, gridSchema)]);
  const villageName = new Map(villages.map((v) => [v._id, v.name]));
  const gridName = new Map(grids.map((g) => [g._id, g.name]));
  const place = (r: { villageId: string; gridId: string }) => ({ village: villageName.get(r.villageId) ?? '', grid: gridName.get(r.gridId) ?? '' });
  const today = beijingDate(now);
  const role = caller.user.role;
  const rows: Record<ExportKind, () => AsyncIterable<Row[]>> = {
    roster: () =>
      mapPages(pagesOf(ctx, COLLECTIONS.persons, where), (raw) => {
        const p = maskPerson(personSchema.parse(raw), role).value;
        return {
          name: p.name,
          gender: GENDER_LABELS[p.gender],
          age: ageOn(p.birthDate, today),
          idNumber: p.idNumber,
          phone: p.phone,
          relation: p.relation,
          ...place(p),
          categories: p.categories.map((c) => CATEGORY_LABELS[c]).join('、'),
          riskTier: RISK_TIERS[p.riskTier],
          keyHousehold: p.keyHousehold ? '是' : '',
        };
      }),
    cases: () =>
      mapPages(pagesOf(ctx, COLLECTIONS.cases, where, { _id: true, kind: true, source: true, state: true, applicant: true, gridId: true, villageId: true, createdAt: true }), (raw) => {
        const c = caseRecordSchema.pick({ _id: true, kind: true, source: true, state: true, applicant: true, gridId: true, villageId: true, createdAt: true }).parse(raw);
        return {
          id: c._id,
          kind: CASE_KIND_LABELS[c.kind],
          source: CASE_SOURCE_LABELS[c.source],
          state: CASE_STATE_LABELS[c.state],
          applicant: c.applicant.name,
          ...place(c),
          createdAt: formatInBeijing(c.createdAt, TIME),
        };
      }),
    visits: () =>
      mapPages(pagesOf(ctx, COLLECTIONS.visits, where, { _id: true, householdId: true, gridId: true, villageId: true, visitorName: true, visitedAt: true }), (raw) => {
        const v = visitRecordSchema.pick({ householdId: true, gridId: true, villageId: true, visitorName: true, visitedAt: true }).parse(raw);
        return { visitedAt: formatInBeijing(v.visitedAt, TIME), ...place(v), householdId: v.householdId, visitor: v.visitorName };
      }),
    issues: () =>
      mapPages(pagesOf(ctx, COLLECTIONS.issues, where), (raw) => {
        const i = issueSchema.parse(raw);
        return {
          title: i.title,
          state: ISSUE_STATE_LABELS[i.state],
          ...place(i),
          owner: i.ownerName ?? '',
          deadlineAt: formatInBeijing(i.deadlineAt, TIME),
          createdAt: formatInBeijing(i.createdAt, TIME),
        };
      }),
    referrals: () =>
      mapPages(pagesOf(ctx, COLLECTIONS.referrals, where), (raw) => {
        const r = referralRecordSchema.parse(raw);
        const { overdue, ...row } = referralRow(r, now);
        return { ...row, ...place(r), overdue: overdue ? '是' : '' };
      }),
    rechecks: () =>
      mapPages(pagesOf(ctx, COLLECTIONS.campaignSubjects, { ...where, flagged: true }), (raw) => {
        const x = subjectSchema.parse(raw);
        return {
          campaign: x.campaignId,
          name: x.name,
          idNumber: seesInFull(role, 'idNumber', false) ? x.idNumber : maskIdNumber(x.idNumber),
          ...place(x),
          finding: x.finding ? FINDING_LABELS[x.finding as FindingCode] : '',
          detail: x.detail ?? '',
          dueAt: x.dueAt === undefined ? '' : formatInBeijing(x.dueAt, TIME),
          outcome: x.outcome ? RECHECK_OUTCOME_LABELS[x.outcome.outcome] : '待复核',
          newAmountYuan: x.outcome?.newAmountYuan ?? null,
          note: x.outcome?.note ?? '',
          recordedAt: x.outcome ? formatInBeijing(x.outcome.recordedAt, TIME) : '',
        };
      }),
  };
  const fileName = exportFileName(kind, now);
  const written = await writeXlsx(ctx, { fileName, sheets: [{ name: EXPORT_KIND_LABELS[kind], columns: EXPORT_COLUMNS[kind], rows: rows[kind]() }] });
  // RULES §29: an export carrying full ID numbers or phones is a view of each of them; one entry names them.
  const carried: Partial<Record<ExportKind, readonly SensitiveField[]>> = { roster: ['idNumber', 'phone'], rechecks: ['idNumber'] };
  const revealed: SensitiveField[] = (carried[kind] ?? []).filter((f) => seesInFull(role, f, false));
  await ctx.audit({
    collection: EXPORT_COLLECTION[kind],
    recordId: 'export',
    kind: 'view',
    to: { kind, rows: written.rows, ...(filter.villageId ? { villageId: filter.villageId } : {}), revealed },
    why: `导出${EXPORT_KIND_LABELS[kind]}`,
  });
  return { fileName, url: written.url, rows: written.rows };
}
