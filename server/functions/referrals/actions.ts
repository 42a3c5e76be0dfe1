// Referrals (转介, RULES §20, PRODUCT flow 10): help the town does not decide goes to the office that does. Staff
// refer from a case or discovery report, a visit, or a roster person; the town office records the office's answers
// (received, decided with outcome and amount or service, closed), each step versioned, audited and told to the grid's
// staff and, once decided, to the linked resident. The office's board lists its referrals overdue first.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { householdSchema, personSchema } from '../../../src/core/records';
import { transition } from '../../../src/core/cases';
import {
  CASE_RESULT_OF_OUTCOME,
  isReferralOverdue,
  newReferral,
  newReferralInputSchema,
  REFERRAL_FILTERS,
  REFERRAL_KINDS,
  REFERRAL_OUTCOME_LABELS,
  referralStep,
  referralStepInputSchema,
  type NewReferralInput,
  type ReferralRecord,
  type ReferralSubject,
} from '../../../src/core/referrals/referral';
import { recordIdSchema } from '../../../src/core/ids';
import { CASEWORK_ROLES, inScope, type Placement } from '../../../src/core/roles';
import { visitRecordSchema } from '../../../src/core/visits/visit-record';
import { saveCaseWithEffects } from '../../cases/effects';
import { readCase } from '../../cases/store';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { addOnce, idFor } from '../../platform/create-once';
import { cursorSchema, rangePage } from '../../platform/paging';
import { unwrap } from '../../platform/result';
import { readRecord } from '../../platform/store';
import { residentUserIdOf } from '../../platform/users';
import { boardCondition, caseSubject, notifyReferralStep, readReferral, saveReferral } from '../../referrals/store';
import { referralRecordSchema } from '../../../src/core/referrals/referral';

const versionSchema = z.number().int().nonnegative();
/** A family has a handful of referrals; 我的办件 lists the latest this many. */
const MINE_MAX = 50;

function inCallerScope(ctx: ActionContext, at: Placement): void {
  if (!inScope(ctx.caller.scope, at)) throw new AppFailure('SCOPE.FORBIDDEN');
}

/** A roster person as the subject of a referral, with their household and linked resident account. */
async function personSubject(ctx: ActionContext, personId: string, sourceId: string, caseId: string | null): Promise<ReferralSubject> {
  const person = await readRecord(ctx.db, COLLECTIONS.persons, personId, personSchema);
  inCallerScope(ctx, person);
  const [household, residentUserId] = await Promise.all([
    readRecord(ctx.db, COLLECTIONS.households, person.householdId, householdSchema),
    residentUserIdOf(ctx.db, person._id),
  ]);
  return {
    caseId,
    personId: person._id,
    householdId: household._id,
    name: person.name,
    gridId: person.gridId,
    villageId: person.villageId,
    residentUserId: residentUserId ?? null,
    sourceId,
  };
}

/** Who and where, from the record the referral starts from — never from the payload's word. */
async function subjectOf(ctx: ActionContext, from: NewReferralInput['from']): Promise<ReferralSubject> {
  switch (from.kind) {
    case 'case': {
      const c = await readCase(ctx.db, from.caseId);
      inCallerScope(ctx, c);
      return caseSubject(c);
    }
    case 'visit': {
      const visit = await readRecord(ctx.db, COLLECTIONS.visits, from.visitId, visitRecordSchema);
      inCallerScope(ctx, visit);
      if (!visit.members.some((m) => m.personId === from.personId)) throw new AppFailure('REFERRAL.SOURCE_INVALID');
      return personSubject(ctx, from.personId, visit._id, null);
    }
    case 'person':
      return personSubject(ctx, from.personId, from.personId, null);
  }
}

/** A referral the caller may read: staff within their area, a resident their own. */
async function readableReferral(ctx: ActionContext, id: string): Promise<ReferralRecord> {
  const r = await readReferral(ctx.db, id);
  inCallerScope(ctx, { gridId: r.gridId, villageId: r.villageId, ...(r.residentUserId ? { ownerUserId: r.residentUserId } : {}), ...(r.personId ? { personId: r.personId } : {}) });
  return r;
}

/** What a resident reads of their referral: where it went, where it stands, the answer — no staff names or notes. */
function residentView(r: ReferralRecord) {
  return {
    _id: r._id,
    kind: r.kind,
    office: r.office,
    name: r.name,
    state: r.state,
    createdAt: r.createdAt,
    decision: r.decision,
    steps: r.steps.map((s) => ({ state: s.state, at: s.at })),
  };
}

function staffView(r: ReferralRecord, now: number) {
  return { ...r, overdue: isReferralOverdue(r, now) };
}

/**
 * RULES §20: the office's answer closes the case the referral started from, while it waits in `referred` — on the
 * decision, or on a later step if that write was lost — as the officer who recorded it (versioned, audited).
 */
async function closeReferredCase(ctx: ActionContext, r: ReferralRecord): Promise<void> {
  if (!r.caseId || !r.decision) return;
  const [c, settings] = await Promise.all([readCase(ctx.db, r.caseId), ctx.settings()]);
  if (c.state !== 'referred') return;
  const note = `${REFERRAL_OUTCOME_LABELS[r.decision.outcome]}：${r.decision.note}`;
  const event = { type: 'recordReferralOutcome' as const, result: CASE_RESULT_OF_OUTCOME[r.decision.outcome], note };
  const step = unwrap(transition(c, event, { now: ctx.now, actor: { userId: ctx.caller.user._id, role: ctx.caller.user.role }, settings }));
  await saveCaseWithEffects(ctx, c, step, c.version, `${event.type}：${note}`);
}

export const referralActions = {
  /** A new referral, once per requestId; its follow-up clock starts now (RULES §20). */
  create: defineAction({
    roles: CASEWORK_ROLES,
    input: newReferralInputSchema,
    async run(ctx, input) {
      const id = idFor(ctx.caller.user._id, input.requestId);
      const settings = await ctx.settings();
      const subject = await subjectOf(ctx, input.from);
      const made = await addOnce(ctx.db, COLLECTIONS.referrals, id, () =>
        newReferral(input, subject, { now: ctx.now, actor: { userId: ctx.caller.user._id, name: ctx.caller.user.name }, settings }),
      );
      const r = referralRecordSchema.parse(made.record);
      if (made.created) {
        await Promise.all([
          ctx.audit({ collection: COLLECTIONS.referrals, recordId: id, kind: 'create', to: { kind: r.kind, office: r.office, state: r.state, source: r.source.kind } }),
          notifyReferralStep(ctx.db, r, ctx.now, ctx.caller.user._id),
        ]);
      }
      return staffView(r, ctx.now);
    },
  }),

  /** The board: the caller's area, overdue first (by the running clock's due instant), filtered by kind, village, state or case. */
  board: defineAction({
    roles: CASEWORK_ROLES,
    input: z
      .object({
        state: z.enum(REFERRAL_FILTERS).default('open'),
        kind: z.enum(REFERRAL_KINDS).optional(),
        villageId: recordIdSchema.optional(),
        caseId: recordIdSchema.optional(),
        after: cursorSchema.optional(),
        limit: z.number().int().min(1).max(50).default(20),
      })
      .strict(),
    async run({ caller, db, now }, input) {
      const where = boardCondition(db, caller.scope, input);
      // Overdue is a range of the due index: the page holds only those.
      const range = input.state === 'overdue' ? { lt: now } : undefined;
      const page = await rangePage(db, COLLECTIONS.referrals, { where, field: 'dueAt', limit: input.limit, after: input.after, ...(range ? { range } : {}) });
      return { items: page.docs.map((raw) => staffView(referralRecordSchema.parse(raw), now)), next: page.next };
    },
  }),

  /** One referral: staff see the record with its steps; the resident it is for sees where it stands and the answer. */
  get: defineAction({
    roles: [...CASEWORK_ROLES, 'resident'],
    input: z.object({ referralId: recordIdSchema }).strict(),
    async run(ctx, input) {
      const r = await readableReferral(ctx, input.referralId);
      return ctx.caller.user.role === 'resident' ? { resident: residentView(r), staff: null } : { resident: null, staff: staffView(r, ctx.now) };
    },
  }),

  /** A resident's own referrals for 我的办件, newest first: where each went and where it stands, read-only. */
  mine: defineAction({
    roles: ['resident'],
    input: z.object({}).strict(),
    async run(ctx) {
      const found = await ctx.db.collection(COLLECTIONS.referrals).where({ residentUserId: ctx.caller.user._id }).orderBy('createdAt', 'desc').limit(MINE_MAX).get();
      return { items: found.data.map((raw) => residentView(referralRecordSchema.parse(raw))) };
    },
  }),

  /** The office's answer, recorded by the town office at the version it saw. */
  step: defineAction({
    roles: ['officer'],
    input: z.object({ referralId: recordIdSchema, version: versionSchema, step: referralStepInputSchema }).strict(),
    async run(ctx, input) {
      const r = await readableReferral(ctx, input.referralId);
      const settings = await ctx.settings();
      const t = unwrap(referralStep(r, input.step, { now: ctx.now, actor: { userId: ctx.caller.user._id, name: ctx.caller.user.name }, settings }));
      const saved = await saveReferral(ctx.db, t.next, input.version, ctx.now);
      await Promise.all([
        ctx.audit({ collection: COLLECTIONS.referrals, recordId: r._id, kind: 'transition', from: { state: t.from }, to: { state: t.to }, why: t.why }),
        notifyReferralStep(ctx.db, saved, ctx.now, ctx.caller.user._id),
        closeReferredCase(ctx, saved),
      ]);
      return staffView(saved, ctx.now);
    },
  }),
} satisfies ActionTable;
