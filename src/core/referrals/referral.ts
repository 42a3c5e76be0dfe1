// Referrals (转介, RULES §20): help the town does not decide goes to the office that does, and the town tracks it —
// sent → received → decided (outcome with amount or service) → closed — on a clock: 司法救助's 10-working-day
// decision limit from the agency's receipt, else the town's follow-up interval (a local setting). Steps are pure:
// (referral, step) → next record and the audit facts; the caller persists with a version check.
import { z } from 'zod';
import { beijingDate, startOfBeijingDayMs } from '../calendar';
import { dateSchema, REFERRAL_KINDS, REFERRAL_RESULTS, REFERRAL_TARGETS, type ReferralKind } from '../cases/case-record';
import { clockSchema, startClock, type Clock } from '../cases/clock';
import { JUDICIAL_DECISION_WORKING_DAYS } from '../cases/limits';
import { err, ok, type Result } from '../errors';
import { recordIdSchema, requestIdSchema } from '../ids';
import { recordMeta } from '../records';
import type { TownSettings } from '../settings';

export { REFERRAL_KINDS, REFERRAL_TARGETS, type ReferralKind };

export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = {
  medical: '医疗救助',
  education: '教育救助',
  housing: '住房救助',
  employment: '就业救助',
  judicial: '司法救助',
};

export const REFERRAL_STATES = ['sent', 'received', 'decided', 'closed'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export const REFERRAL_STATE_LABELS: Record<ReferralState, string> = { sent: '已转出', received: '对方已受理', decided: '已有结果', closed: '已办结' };
/** Waiting on the receiving office: a clock runs. */
export const OPEN_REFERRAL_STATES = ['sent', 'received'] as const satisfies readonly ReferralState[];

export const REFERRAL_OUTCOMES = ['granted', 'partly', 'refused'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export const REFERRAL_OUTCOME_LABELS: Record<ReferralOutcome, string> = { granted: '给予救助', partly: '部分给予', refused: '不予救助' };
/** RULES §20: the office's answer is the outcome the referred case closes with. */
export const CASE_RESULT_OF_OUTCOME: Record<ReferralOutcome, (typeof REFERRAL_RESULTS)[number]> = { granted: 'helped', partly: 'helped', refused: 'notEligible' };

/** Where a referral started: an officer's case (a discovery report is a case too), a gridworker's visit, a roster person. */
export const REFERRAL_SOURCES = ['case', 'visit', 'person'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = { case: '办件', visit: '走访', person: '花名册' };


/** The board's state filters: the open ones, one state, those past their clock, or all. */
export const REFERRAL_FILTERS = ['open', 'overdue', ...REFERRAL_STATES, 'all'] as const;
export type ReferralFilter = (typeof REFERRAL_FILTERS)[number];
export const REFERRAL_FILTER_LABELS: Record<ReferralFilter, string> = { open: '跟进中', overdue: '已超期', ...REFERRAL_STATE_LABELS, all: '全部' };

export const OFFICE_MAX = 40;
export const REFERRAL_TEXT_MAX = 300;
export const SERVICE_MAX = 100;
export const AMOUNT_MAX_YUAN = 1_000_000;
/** A stored step list never grows past the four steps and a few notes; bounded for the schema. */
const STEPS_MAX = 10;
/** Sort and sweep key of a referral whose clock has stopped (the same far date as cases use). */
export const REFERRAL_NO_DUE = Date.UTC(2999, 0, 1);

const stepSchema = z.object({
  state: z.enum(REFERRAL_STATES),
  /** When it happened (a receipt or an answer is entered with its own date). */
  at: z.number(),
  recordedAt: z.number(),
  byUserId: z.string(),
  byName: z.string(),
  note: z.string().optional(),
});
export type ReferralStep = z.infer<typeof stepSchema>;

export const referralRecordSchema = z.object({
  ...recordMeta,
  kind: z.enum(REFERRAL_KINDS),
  office: z.string(),
  reason: z.string(),
  source: z.object({ kind: z.enum(REFERRAL_SOURCES), id: z.string() }),
  /** The case it started from, for the case page. */
  caseId: z.string().nullable(),
  personId: z.string().nullable(),
  householdId: z.string().nullable(),
  name: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  /** The linked resident, told of the outcome. */
  residentUserId: z.string().nullable(),
  state: z.enum(REFERRAL_STATES),
  clock: clockSchema.nullable(),
  /** The running clock's due instant, REFERRAL_NO_DUE once decided: the board's sort key (overdue first). */
  dueAt: z.number(),
  /** The next instant the sweep has a mark to make (due soon, breached), REFERRAL_NO_DUE when none. */
  sweepAt: z.number(),
  decision: z
    .object({ outcome: z.enum(REFERRAL_OUTCOMES), amountYuan: z.number().nullable(), service: z.string().nullable(), note: z.string() })
    .nullable(),
  steps: z.array(stepSchema).max(STEPS_MAX),
});
export type ReferralRecord = z.infer<typeof referralRecordSchema>;

const officeSchema = z.string().trim().min(1, '请填写接收单位').max(OFFICE_MAX);
const noteSchema = z.string().trim().max(REFERRAL_TEXT_MAX);

export const newReferralInputSchema = z
  .object({
    requestId: requestIdSchema,
    kind: z.enum(REFERRAL_KINDS),
    /** The exact office; the kind's default when left out. */
    office: officeSchema.optional(),
    reason: z.string().trim().min(1, '请写明转介原因').max(REFERRAL_TEXT_MAX),
    from: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('case'), caseId: recordIdSchema }).strict(),
      z.object({ kind: z.literal('visit'), visitId: recordIdSchema, personId: recordIdSchema }).strict(),
      z.object({ kind: z.literal('person'), personId: recordIdSchema }).strict(),
    ]),
  })
  .strict();
export type NewReferralInput = z.infer<typeof newReferralInputSchema>;

export const referralStepInputSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('receive'), receivedOn: dateSchema, note: noteSchema.optional() }).strict(),
  z
    .object({
      step: z.literal('decide'),
      decidedOn: dateSchema,
      outcome: z.enum(REFERRAL_OUTCOMES),
      amountYuan: z.number().positive().max(AMOUNT_MAX_YUAN).optional(),
      service: z.string().trim().min(1).max(SERVICE_MAX).optional(),
      note: noteSchema,
    })
    .strict(),
  z.object({ step: z.literal('close'), note: noteSchema.optional() }).strict(),
]);
export type ReferralStepInput = z.infer<typeof referralStepInputSchema>;
export const REFERRAL_STEP_LABELS: Record<ReferralStepInput['step'], string> = { receive: '登记对方受理', decide: '登记办理结果', close: '办结' };

export interface ReferralContext {
  now: number;
  actor: { userId: string; name: string };
  settings: Pick<TownSettings, 'referralFollowUpWorkingDays' | 'holidayArrangements'>;
}

/** Who the referral is for and where, from the server's own records. */
export interface ReferralSubject {
  caseId: string | null;
  personId: string | null;
  householdId: string | null;
  name: string;
  gridId: string;
  villageId: string;
  residentUserId: string | null;
  sourceId: string;
}

function followUpClock(startedAt: number, ctx: ReferralContext): Clock {
  // RULES §20 (local): offices without a statutory limit are asked again after the town's follow-up interval.
  return startClock('referralFollowUp', { unit: 'workingDays', amount: ctx.settings.referralFollowUpWorkingDays }, startedAt, ctx.settings.holidayArrangements);
}

/** The next instant the sweep marks a running clock (due soon, then breached). */
export function referralSweepAt(clock: Clock | null): number {
  if (!clock || clock.stoppedAt !== undefined) return REFERRAL_NO_DUE;
  if (clock.warnedAt === undefined) return clock.dueSoonAt;
  if (clock.breachedAt === undefined) return clock.dueAt + 1;
  return REFERRAL_NO_DUE;
}

function withClock<R extends Pick<ReferralRecord, 'clock' | 'dueAt' | 'sweepAt'>>(r: R, clock: Clock | null): R {
  const running = clock && clock.stoppedAt === undefined ? clock : null;
  return { ...r, clock, dueAt: running ? running.dueAt : REFERRAL_NO_DUE, sweepAt: referralSweepAt(clock) };
}

/** What a new referral is: the kind, the office (the kind's default when left out), the reason, where it started. */
export type ReferralRequest = Omit<NewReferralInput, 'requestId'>;

export function newReferral(input: ReferralRequest, subject: ReferralSubject, ctx: ReferralContext): Omit<ReferralRecord, '_id'> {
  const office = input.office ?? REFERRAL_TARGETS[input.kind];
  const base = {
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 0,
    kind: input.kind,
    office,
    reason: input.reason,
    source: { kind: input.from.kind, id: subject.sourceId },
    caseId: subject.caseId,
    personId: subject.personId,
    householdId: subject.householdId,
    name: subject.name,
    gridId: subject.gridId,
    villageId: subject.villageId,
    residentUserId: subject.residentUserId,
    state: 'sent' as const,
    decision: null,
    steps: [{ state: 'sent' as const, at: ctx.now, recordedAt: ctx.now, byUserId: ctx.actor.userId, byName: ctx.actor.name, note: `转介至${office}` }],
  };
  return withClock({ ...base, clock: null, dueAt: REFERRAL_NO_DUE, sweepAt: REFERRAL_NO_DUE }, followUpClock(ctx.now, ctx));
}

export interface ReferralTransition {
  next: ReferralRecord;
  from: ReferralState;
  to: ReferralState;
  why: string;
}

/** A date the office answered on: not in the future, not before the referral was sent (Beijing dates). */
function answeredOn(r: ReferralRecord, on: string, now: number): Result<number> {
  if (on > beijingDate(now)) return err('REFERRAL.DATE_INVALID', '日期不能晚于今天');
  if (on < beijingDate(r.createdAt)) return err('REFERRAL.DATE_INVALID', '日期不能早于转出的日期');
  // The day itself counts from its start; today's entry is timed now, so its clock starts no later than it is entered.
  return ok(on === beijingDate(now) ? now : startOfBeijingDayMs(on));
}

function stepped(r: ReferralRecord, state: ReferralState, at: number, ctx: ReferralContext, note: string | undefined): ReferralRecord {
  const step: ReferralStep = { state, at, recordedAt: ctx.now, byUserId: ctx.actor.userId, byName: ctx.actor.name };
  if (note) step.note = note;
  return { ...r, state, steps: [...r.steps, step] };
}

/** The officer records the office's answer (RULES §20: the town tracks, the office decides). */
export function referralStep(r: ReferralRecord, input: ReferralStepInput, ctx: ReferralContext): Result<ReferralTransition> {
  const illegal = err('REFERRAL.INVALID_TRANSITION');
  switch (input.step) {
    case 'receive': {
      if (r.state !== 'sent') return illegal;
      const at = answeredOn(r, input.receivedOn, ctx.now);
      if (!at.ok) return at;
      // RULES §20: 司法救助's 10 wd run from the agency's receipt; the other offices are followed up at the town's interval.
      const clock =
        r.kind === 'judicial'
          ? startClock('judicialDecision', { unit: 'workingDays', amount: JUDICIAL_DECISION_WORKING_DAYS }, at.data, ctx.settings.holidayArrangements)
          : followUpClock(at.data, ctx);
      // The follow-up clock of the sending is done with: the new one replaces it.
      return ok({ next: withClock(stepped(r, 'received', at.data, ctx, input.note), clock), from: r.state, to: 'received', why: input.note ?? `${r.office}已受理` });
    }
    case 'decide': {
      if (r.state !== 'sent' && r.state !== 'received') return illegal;
      const at = answeredOn(r, input.decidedOn, ctx.now);
      if (!at.ok) return at;
      // What was given must be named: an amount or a service; a refusal carries the office's reasons.
      if (input.outcome !== 'refused' && input.amountYuan === undefined && input.service === undefined) {
        return err('REFERRAL.OUTCOME_INCOMPLETE', '请填写救助金额或提供的服务');
      }
      if (!input.note) return err('REFERRAL.OUTCOME_INCOMPLETE', input.outcome === 'refused' ? '请填写对方不予救助的理由' : '请填写对方答复的内容');
      const decision = { outcome: input.outcome, amountYuan: input.amountYuan ?? null, service: input.service ?? null, note: input.note };
      const clock = r.clock ? { ...r.clock, stoppedAt: at.data } : null;
      const next = withClock({ ...stepped(r, 'decided', at.data, ctx, input.note), decision }, clock);
      return ok({ next, from: r.state, to: 'decided', why: `${REFERRAL_OUTCOME_LABELS[input.outcome]}：${input.note}` });
    }
    case 'close': {
      if (r.state !== 'decided') return illegal;
      return ok({ next: stepped(r, 'closed', ctx.now, ctx, input.note), from: r.state, to: 'closed', why: input.note ?? '办结' });
    }
  }
}

export type ReferralMark = 'dueSoon' | 'breached';

/** The sweep's marks on a running clock, each once; null when there is nothing to mark at `now`. */
export function sweepReferral(r: ReferralRecord, now: number): { next: ReferralRecord; mark: ReferralMark } | null {
  const c = r.clock;
  if (!c || c.stoppedAt !== undefined || !(OPEN_REFERRAL_STATES as readonly ReferralState[]).includes(r.state)) return null;
  if (c.breachedAt === undefined && now > c.dueAt) {
    return { next: withClock(r, { ...c, warnedAt: c.warnedAt ?? now, breachedAt: now }), mark: 'breached' };
  }
  if (c.warnedAt === undefined && now >= c.dueSoonAt) return { next: withClock(r, { ...c, warnedAt: now }), mark: 'dueSoon' };
  return null;
}

/** Past its running clock's due instant. */
export function isReferralOverdue(r: Pick<ReferralRecord, 'state' | 'clock'>, now: number): boolean {
  return (OPEN_REFERRAL_STATES as readonly ReferralState[]).includes(r.state) && !!r.clock && r.clock.stoppedAt === undefined && now > r.clock.dueAt;
}
