// Help requests and applications (PRODUCT flows 1–3): create from every source, the statutory workflow as the
// core's pure transitions, worklists on working-day clocks, the resident's own cases, and the clock sweep.
import { z } from 'zod';
import {
  availableEvents,
  caseAttachments,
  caseDueAt,
  caseEventFileIds,
  caseEventSchema,
  caseDueStatus,
  caseRecordSchema,
  checkEligibility,
  createCase,
  eligibilityInputSchema,
  findOpenCaseToLink,
  missingItems,
  newCaseFileIds,
  newCaseInputSchema,
  publicNoticeView,
  transition,
  withoutPendingEffects,
  CASE_KINDS,
  CASE_STATES,
  type CaseRecord,
  type CreateContext,
} from '../../../src/core/cases';
import { beijingDate, isMinorOn } from '../../../src/core/calendar';
import { AppFailure } from '../../../src/core/errors';
import { FILE_URLS_MAX } from '../../../src/core/files';
import { fileIdSchema } from '../../../src/core/ids';
import { householdSchema, personSchema, gridSchema } from '../../../src/core/records';
import { inScope, type Placement, type Role } from '../../../src/core/roles';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { idFor, storedFor } from '../../platform/create-once';
import { checkFileReferences, fileLinks } from '../../platform/files';
import { allInOrder } from '../../platform/parallel';
import type { Database, Doc } from '../../platform/database-port';
import { unwrap } from '../../platform/result';
import { scopeCondition } from '../../platform/scope-query';
import { loadSettings } from '../../platform/settings';
import { readRecord } from '../../platform/store';
import { residentUserIdOf } from '../../platform/users';
import { addCaseWithEffects, saveCaseWithEffects } from './effects';
import { caseTrail, TRAIL_PARTS } from './trail';
import { cursorSchema } from '../../platform/paging';
import { caseConflict, NO_DUE, readCase } from './store';

/** A case's position in a worklist: its due instant (the stored sort key) and id. */
function cursorOf(c: Pick<CaseRecord, '_id' | 'clock' | 'procedureClock'>): { dueAt: number; id: string } {
  return { dueAt: caseDueAt(c) ?? NO_DUE, id: c._id };
}

function after(_: Database['command'], cursor: { dueAt: number; id: string }): object {
  const dueAt = new Date(cursor.dueAt);
  return _.or({ dueAt: _.gt(dueAt) }, { dueAt, _id: _.gt(cursor.id) });
}

const CASE_ROLES: readonly Role[] = ['resident', 'gridworker', 'cadre', 'officer'];
const STAFF_CASE_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer'];
const idSchema = z.string().min(1).max(64);
const PAGE_MAX = 50;

function placementOf(c: CaseRecord): Placement {
  return { gridId: c.gridId, villageId: c.villageId, ...(c.residentUserId ? { ownerUserId: c.residentUserId } : {}) };
}

async function scopedCase(ctx: ActionContext, caseId: string): Promise<CaseRecord> {
  const c = await readCase(ctx.db, caseId);
  if (!inScope(ctx.caller.scope, placementOf(c))) throw new AppFailure('SCOPE.FORBIDDEN');
  return c;
}

/** Where a new case sits, from the caller's own records — never from the payload's word about who or where. */
async function placementFor(
  ctx: ActionContext,
  personId: string | undefined,
  gridId: string | undefined,
): Promise<{ placement: CreateContext['placement']; applicant: CreateContext['rosterApplicant'] }> {
  const { db, caller } = ctx;
  const ownPerson = caller.user.role === 'resident' ? caller.user.personId : undefined;
  const chosenPerson = caller.user.role === 'resident' ? ownPerson : personId;
  if (chosenPerson) {
    const person = await readRecord(db, COLLECTIONS.persons, chosenPerson, personSchema);
    if (caller.user.role !== 'resident' && !inScope(caller.scope, person)) throw new AppFailure('SCOPE.FORBIDDEN');
    const [household, resident] = await Promise.all([
      readRecord(db, COLLECTIONS.households, person.householdId, householdSchema),
      caller.user.role === 'resident' ? caller.user._id : residentUserIdOf(db, person._id),
    ]);
    return {
      placement: { gridId: person.gridId, villageId: person.villageId, householdId: person.householdId, ...(resident ? { residentUserId: resident } : {}) },
      // RULES §29: whether a minor comes from the roster's birth date, not from the form.
      applicant: { personId: person._id, name: person.name, householdSize: household.size, minor: isMinorOn(person.birthDate, beijingDate(ctx.now)) },
    };
  }
  // Not on the roster (a newcomer, floating population): the grid where the need is, which must exist and be in scope.
  if (!gridId) throw new AppFailure('INPUT.INVALID', '请选择所在网格');
  const grid = await readRecord(db, COLLECTIONS.grids, gridId, gridSchema);
  if (caller.user.role !== 'resident' && !inScope(caller.scope, { gridId: grid._id, villageId: grid.villageId })) throw new AppFailure('SCOPE.FORBIDDEN');
  return { placement: { gridId: grid._id, villageId: grid.villageId }, applicant: undefined };
}

/** The fields a list row needs: lists read only these, not the timeline and checklist (far less to decode). */
const summaryFields = {
  _id: true,
  version: true,
  kind: true,
  state: true,
  source: true,
  applicant: true,
  gridId: true,
  villageId: true,
  clock: true,
  procedureClock: true,
  explanation: true,
  createdAt: true,
  updatedAt: true,
} as const;
const caseSummarySchema = caseRecordSchema.pick(summaryFields);
type CaseSummaryRecord = z.infer<typeof caseSummarySchema>;
const mineSchema = caseSummarySchema.extend({ residentUserId: z.string().optional() });

function summary(c: CaseSummaryRecord, now: number) {
  return {
    _id: c._id,
    version: c.version,
    kind: c.kind,
    state: c.state,
    source: c.source,
    applicantName: c.applicant.name,
    gridId: c.gridId,
    villageId: c.villageId,
    dueAt: caseDueAt(c) ?? null,
    dueStatus: caseDueStatus(c, now),
    clock: c.clock ?? null,
    /** A denial the gridworker still has to explain to the applicant (解释说明). */
    explanationOpen: c.explanation !== undefined && c.explanation.closedAt === undefined,
    updatedAt: c.updatedAt,
  };
}

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
      if (retried) return { caseId: String(retried._id), created: false, linked: false };
      const caseInput = input.case;

      const kind = caseInput.source === 'proxy' || caseInput.source === 'direct' ? caseInput.kind : 'unclassified';
      if (placement.householdId && kind !== 'unclassified') {
        const open = await db.collection(COLLECTIONS.cases).where({ householdId: placement.householdId, queue: 'open' }).limit(100).get();
        const existing = findOpenCaseToLink(parseAll(open.data), { kind, householdId: placement.householdId });
        if (existing) {
          await ctx.audit({ collection: COLLECTIONS.cases, recordId: existing._id, kind: 'view', why: `重复申请，已关联到在办的案件（请求 ${input.requestId}）` });
          return { caseId: existing._id, created: false, linked: true };
        }
      }

      // Built before the write (its id comes from the caller and the request), so the recipients of its notices
      // are looked up while the record is written.
      const id = idFor(key.callerId, key.requestId);
      const built = unwrap(createCase(caseInput, { now, actor, settings, id, requestId: input.requestId, placement, rosterApplicant: applicant }));
      const created = await addCaseWithEffects(ctx, built, built.record.source);
      return { caseId: id, created, linked: false };
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
      const actor = { userId: ctx.caller.user._id, role: ctx.caller.user.role };
      // RULES 29: every view of a case's sensitive details is logged (the officer pages the trail with `trail`).
      await ctx.audit({ collection: COLLECTIONS.cases, recordId: c._id, kind: 'view' });
      return {
        case: withoutPendingEffects(c), // bookkeeping of the sweep, not the case
        dueStatus: caseDueStatus(c, ctx.now),
        available: availableEvents(c, actor),
        missing: missingItems(c),
        publicView: publicNoticeView(c),
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
      const items = cases.map((c) => ({ ...summary(c, ctx.now), awaitingMe: availableEvents(c, { userId: ctx.caller.user._id, role: 'resident' }) }));
      items.sort((a, b) => Number(b.awaitingMe.length > 0) - Number(a.awaitingMe.length > 0));
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
      const [total, overdue, dueSoon] = await Promise.all([cases.where(tabs.all).count(), cases.where(tabs.overdue).count(), cases.where(tabs.dueSoon).count()]);
      const where = input.after ? _.and(tabs[input.due], after(_, input.after)) : tabs[input.due];
      const found = await cases.where(where).orderBy('dueAt', 'asc').orderBy('_id', 'asc').limit(input.limit).field(summaryFields).get();
      const items = found.data.map((d) => caseSummarySchema.parse(d));
      const last = items[items.length - 1];
      return {
        items: items.map((c) => summary(c, ctx.now)),
        counts: { total: total.total, overdue: overdue.total, dueSoon: dueSoon.total },
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
} satisfies ActionTable;
