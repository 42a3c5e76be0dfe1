// Help requests and applications (PRODUCT flows 1–3): create from every source, the statutory workflow as the
// core's pure transitions, worklists on working-day clocks, the resident's own cases, and the clock sweep.
import { z } from 'zod';
import {
  availableEvents,
  caseAttachments,
  caseDueStatus,
  caseEventFileIds,
  caseEventSchema,
  caseRecordSchema,
  checkEligibility,
  clockLeft,
  createCase,
  eligibilityInputSchema,
  findOpenCaseToLink,
  missingItems,
  newCaseFileIds,
  newCaseInputSchema,
  publicNoticeView,
  residentAsk,
  residentOutlook,
  spotCheckShare,
  isOfferedEvent,
  transition,
  withoutPendingEffects,
  CASE_KINDS,
  CASE_STATES,
  suggestedAmount,
  type CaseRecord,
} from '../../../src/core/cases';
import { AppFailure } from '../../../src/core/errors';
import { FILE_URLS_MAX } from '../../../src/core/files';
import { fileIdSchema } from '../../../src/core/ids';
import type { Role } from '../../../src/core/roles';
import { addCaseWithEffects, saveCaseWithEffects } from '../../cases/effects';
import { caseConflict, NO_DUE } from '../../cases/store';
import { caseTrail, TRAIL_PARTS } from '../../cases/trail';
import { defineAction, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { idFor, storedFor } from '../../platform/create-once';
import { checkFileReferences, fileLinks } from '../../platform/files';
import { allInOrder } from '../../platform/parallel';
import type { Doc } from '../../platform/database-port';
import { cursorSchema } from '../../platform/paging';
import { unwrap } from '../../platform/result';
import { scopeCondition } from '../../platform/scope-query';
import { loadSettings } from '../../platform/settings';
import { guideActions } from './guide';
import { noticeActions } from './notices';
import { appraisalActions } from './appraisals';
import { placementFor, scopedCase } from './placement';
import { reportHouseholdChange } from './household-change';
import { after, caseSummarySchema, cursorOf, mineSchema, summary, summaryFields } from './projections';

const CASE_ROLES: readonly Role[] = ['resident', 'gridworker', 'cadre', 'officer'];
const STAFF_CASE_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer'];
const idSchema = z.string().min(1).max(64);
const PAGE_MAX = 50;

const worklistInput = z
  .object({
    kind: z.enum(CASE_KINDS).optional(),
    state: z.enum(CASE_STATES).optional(),
    villageId: idSchema.optional(),
    gridId: idSchema.optional(),
    due: z.enum(['all', 'dueSoon', 'overdue']).default('all'),
    /** Cursor: the last item of the previous page. */
    after: z.object({ dueAt: z.number().int().min(0).max(NO_DUE), id: idSchema }).strict().optional(), // a cursor is a real time
    limit: z.number().int().min(1).max(PAGE_MAX).default(20),
  })
  .strict();

function parseAll(docs: Doc[]): CaseRecord[] {
  return docs.map((d) => caseRecordSchema.parse(d));
}

export const caseActions = {
  /** A new case from any source; a retry with the same requestId returns the first; an open case of the same kind for the household is linked, not duplicated. */
  create: defineAction({
    roles: CASE_ROLES,
    input: z
      .object({
        requestId: z.string().min(8).max(64),
        /** The roster person the case is for (staff); a resident's case is always their own. */
        personId: idSchema.optional(),
        /** Where the need is, for someone not on the roster. */
        gridId: idSchema.optional(),
        case: newCaseInputSchema,
      })
      .strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const actor = { userId: caller.user._id, role: caller.user.role };
      const key = { callerId: caller.user._id, requestId: input.requestId };
      // Read at once: settings, where the case sits, a case an earlier try of this request made (a retry answers with
      // it, before any linking, which would audit it again); and the photos must be the caller's own fresh uploads.
      const [settings, { placement, applicant }, retried] = await allInOrder([
        ctx.settings(),
        placementFor(ctx, input.personId, input.gridId),
        storedFor(db, COLLECTIONS.cases, key),
        checkFileReferences(ctx, newCaseFileIds(input.case)),
      ]);
      if (retried) return { caseId: String(retried._id), created: false, linked: false, viewable: true };
      const caseInput = input.case;

      const kind = caseInput.source === 'proxy' || caseInput.source === 'direct' ? caseInput.kind : 'unclassified';
      if (placement.householdId && kind !== 'unclassified') {
        const open = await db.collection(COLLECTIONS.cases).where({ householdId: placement.householdId, queue: 'open' }).limit(100).get();
        const existing = findOpenCaseToLink(parseAll(open.data), { kind, householdId: placement.householdId });
        if (existing) {
          await ctx.audit({ collection: COLLECTIONS.cases, recordId: existing._id, kind: 'view', why: `重复申请，已关联到在办的案件（请求 ${input.requestId}）` });
          // A resident is sent to the household's case only when it is theirs (a family member's or a proxy
          // application for someone else stays out of their sight; they are told it is in hand).
          const visible = actor.role !== 'resident' || existing.residentUserId === actor.userId;
          return { caseId: existing._id, created: false, linked: true, viewable: visible };
        }
      }

      const id = idFor(key.callerId, key.requestId);
      const built = unwrap(createCase(caseInput, { now, actor, settings, id, requestId: input.requestId, placement, rosterApplicant: applicant }));
      const created = await addCaseWithEffects(ctx, built, built.record.source);
      if (created && caseInput.source === 'direct' && caseInput.householdChange && applicant?.personId) {
        await reportHouseholdChange(ctx, id, applicant.personId, applicant.householdSize, caseInput.householdChange);
      }
      return { caseId: id, created, linked: false, viewable: true };
    },
  }),

  /** One workflow step on a case, at the version the actor saw (of two racing actors exactly one wins). */
  transition: defineAction({
    roles: CASE_ROLES,
    input: z.object({ caseId: idSchema, version: z.number().int().nonnegative(), event: caseEventSchema }).strict(),
    async run(ctx, input) {
      const { caller, now } = ctx;
      const [c, settings] = await Promise.all([scopedCase(ctx, input.caseId), ctx.settings()]);
      if (c.version !== input.version) throw caseConflict(c);
      if (!isOfferedEvent(input.event.type)) throw new AppFailure('CASE.STEP_ON_OWN_RECORD');
      // Files the event brings in are checked first; those already on the case stay acceptable (an edit keeps them).
      await checkFileReferences(ctx, caseEventFileIds(input.event), caseAttachments(c).map((a) => a.fileId));
      const { next, effects } = unwrap(transition(c, input.event, { now, actor: { userId: caller.user._id, role: caller.user.role }, settings }));
      // The step, its effects and its audit entry in one write; the notices' recipients are looked up meanwhile.
      const event = next.timeline[next.timeline.length - 1];
      const saved = await saveCaseWithEffects(ctx, c, { next, effects }, input.version, event.note ? `${event.event}：${event.note}` : event.event);
      return { caseId: saved._id, version: saved.version, state: saved.state };
    },
  }),

  /** The whole case for its page: timeline, checklist, what the caller may do next. */
  get: defineAction({
    roles: CASE_ROLES,
    input: z.object({ caseId: idSchema }).strict(),
    async run(ctx, input) {
      const c = await scopedCase(ctx, input.caseId);
      const settings = await ctx.settings();
      const { holidayArrangements } = settings;
      const actor = { userId: ctx.caller.user._id, role: ctx.caller.user.role };
      // RULES 29: every view of a case's sensitive details is logged (the officer pages the trail with `trail`).
      await ctx.audit({ collection: COLLECTIONS.cases, recordId: c._id, kind: 'view' });
      return {
        case: withoutPendingEffects(c), // bookkeeping of the sweep, not the case
        dueStatus: caseDueStatus(c, ctx.now),
        /** What is left on each running clock, counted here rather than by the phone's clock. */
        left: {
          clock: c.clock ? clockLeft(c.clock, ctx.now, holidayArrangements) : null,
          procedureClock: c.procedureClock ? clockLeft(c.procedureClock, ctx.now, holidayArrangements) : null,
          dataCheckClock: c.dataCheckClock ? clockLeft(c.dataCheckClock, ctx.now, holidayArrangements) : null,
        },
        available: availableEvents(c, actor),
        missing: missingItems(c),
        publicView: publicNoticeView(c),
        /** RULES §33: the amount the local rules give, shown beside the decision's amount input. */
        amountSuggestion: suggestedAmount(c, settings),
      };
    },
  }),

  /** More of a case's audit trail for the town office: its history or who viewed it, newest first. */
  trail: defineAction({
    roles: ['officer'],
    input: z.object({ caseId: idSchema, part: z.enum(TRAIL_PARTS), before: cursorSchema.optional() }).strict(),
    async run(ctx, input) {
      const c = await scopedCase(ctx, input.caseId);
      return caseTrail(ctx.db, c._id, input.part, input.before);
    },
  }),

  /** Short-lived links to photos on a case the caller may read (the same scope as reading it); sensitive views audited. */
  fileUrls: defineAction({
    roles: CASE_ROLES,
    input: z.object({ caseId: idSchema, fileIds: z.array(fileIdSchema).min(1).max(FILE_URLS_MAX) }).strict(),
    async run(ctx, input) {
      const c = await scopedCase(ctx, input.caseId);
      return fileLinks(ctx, { collection: COLLECTIONS.cases, recordId: c._id, attachments: caseAttachments(c) }, input.fileIds);
    },
  }),

  /** A resident's own cases: state, next step and due date; proxy applications waiting for them first. */
  mine: defineAction({
    roles: ['resident'],
    input: z.object({}).strict(),
    async run(ctx) {
      const found = await ctx.db
        .collection(COLLECTIONS.cases)
        .where({ residentUserId: ctx.caller.user._id })
        .orderBy('updatedAt', 'desc')
        .limit(PAGE_MAX)
        .field({ ...summaryFields, residentUserId: true })
        .get();
      const cases = found.data.map((d) => mineSchema.parse(d));
      const userId = ctx.caller.user._id;
      const { holidayArrangements } = await ctx.settings();
      const items = cases.map((c) => {
        const ask = residentAsk(c, userId);
        return { ...summary(c, ctx.now, holidayArrangements), awaitingMe: availableEvents(c, { userId, role: 'resident' }), ask, outlook: residentOutlook(c, ask) };
      });
      items.sort((a, b) => Number(b.ask !== null) - Number(a.ask !== null));
      return { items };
    },
  }),

  /** Open cases in the caller's scope, earliest due first, with counts for the tabs. */
  worklist: defineAction({
    roles: STAFF_CASE_ROLES,
    input: worklistInput,
    async run(ctx, input) {
      const _ = ctx.db.command;
      const base: Record<string, unknown> = { queue: 'open', ...scopeCondition(_, ctx.caller.scope, input) };
      if (input.kind) base.kind = input.kind;
      if (input.state) base.state = input.state;
      const now = new Date(ctx.now);
      // The meaning of due soon and overdue is the core's (clock.ts); the stored keys make it a range (store.ts).
      const tabs = {
        all: base,
        overdue: { ...base, dueAt: _.lt(now) },
        dueSoon: { ...base, dueAt: _.gte(now), soonAt: _.lte(now) },
      };
      const cases = ctx.db.collection(COLLECTIONS.cases);
      const where = input.after ? _.and(tabs[input.due], after(_, input.after)) : tabs[input.due];
      // RULES §14: the town office sees the county's spot-check share of its 特困 files (a warning, see spotCheckShare).
      const spotCheckCounts = () => Promise.all([cases.where({ countyReview: 'sampled' }).count(), cases.where({ countyReview: 'unsampled' }).count()]);
      // The tab counts, the page and the share are independent reads: one round trip for all of them.
      const [[total, overdue, dueSoon], found, sampling] = await Promise.all([
        Promise.all([cases.where(tabs.all).count(), cases.where(tabs.overdue).count(), cases.where(tabs.dueSoon).count()]),
        cases.where(where).orderBy('dueAt', 'asc').orderBy('_id', 'asc').limit(input.limit).field(summaryFields).get(),
        ctx.caller.user.role === 'officer' ? spotCheckCounts() : null,
      ]);
      const items = found.data.map((d) => caseSummarySchema.parse(d));
      const last = items[items.length - 1];
      const spotCheck = sampling ? spotCheckShare(sampling[0].total, sampling[0].total + sampling[1].total) : null;
      const { holidayArrangements } = await ctx.settings();
      return {
        items: items.map((c) => summary(c, ctx.now, holidayArrangements)),
        counts: { total: total.total, overdue: overdue.total, dueSoon: dueSoon.total },
        spotCheck,
        next: items.length === input.limit && last ? cursorOf(last) : null,
      };
    },
  }),

  /** The 1-minute self-check against the town's 低保 standard: an estimate with reasons, never a decision. */
  selfCheck: defineAction({
    roles: CASE_ROLES,
    input: eligibilityInputSchema,
    async run(ctx, input) {
      return unwrap(checkEligibility(input, await loadSettings(ctx.db)));
    },
  }),

  // Issue 13: the village notice board and the policy guide (their own modules).
  ...noticeActions,
  ...guideActions,
  // 民主评议 records, shown on the cases they name (appraisals.ts).
  ...appraisalActions,
} satisfies ActionTable;
