// The case workflows as one pure transition: (case, event, context) → the next case and the effects to perform.
// A handler loads the case, calls `transition`, persists `next` with its version check (see `casePatch`), appends the
// audit entry and performs the effects. An event not allowed for the case's kind and state (the workflow table,
// graph.ts), or sent by a role that may not send it, is a coded error and no new record. The steps themselves are in
// steps/, one file per group of events.
import { err, ok, type Result } from '../errors';
import type { CaseRecord, TimelineEntry } from './case-record';
import type { TransitionContext } from './context';
import { notify, type Effect } from './effects';
import { CASE_EVENT_LABELS, caseEventSchema, EVENT_ROLES, type CaseEvent, type CaseEventType, type EventOf } from './events';
import { activeClocks, CLOCK_KEYS } from './clock';
import { allowedEvents, DATA_CHECK_GATED_EVENTS, dataCheckOnFile, edgeOf, WAITING, type Edge, type EffectTag } from './graph';
import { CASE_STATE_LABELS } from './states';
import { CLOSING_STEPS } from './steps/closing';
import { DECISION_STEPS } from './steps/decision';
import { INTAKE_STEPS } from './steps/intake';
import { REVIEW_STEPS } from './steps/review';
import { SUPPORT_STEPS } from './steps/support';
import { isErr, type Handler, type Handlers, type Step } from './steps/shared';

export type { Actor, TransitionContext } from './context';
export { benefitStartMonth, writtenNoticeRequired } from './steps/decision';

export interface TransitionResult {
  next: CaseRecord;
  effects: Effect[];
}

const HANDLERS: Handlers<CaseEventType> = { ...INTAKE_STEPS, ...REVIEW_STEPS, ...DECISION_STEPS, ...CLOSING_STEPS, ...SUPPORT_STEPS };

const tagOf = (x: Effect): EffectTag => (x.type === 'notify' ? `notify:${x.recipient}:${x.message}` : x.type);

/**
 * A step that goes where its row of the workflow table does not lead — another state, a clock or an effect the row
 * does not name — is a defect in the handler or the table, never a user's error: it throws.
 */
function checkAgainstTable(c: CaseRecord, type: CaseEventType, edge: Edge, step: Step): void {
  const where = `${c.kind}/${c.state}/${type}`;
  const target = edge.to.find((t) => t.state === step.next.state);
  if (!target) throw new Error(`workflow table: ${where} does not lead to ${step.next.state}`);
  for (const key of CLOCK_KEYS) {
    const clock = step.next[key];
    if (clock && clock !== c[key] && !target.clocks?.includes(clock.step)) throw new Error(`workflow table: ${where} → ${target.state} does not start ${clock.step}`);
  }
  // Every state that waits on someone by law has a clock (WAITING). A triage changes the kind: the report's
  // acknowledgement was the triage itself, so the new kind's intake clock does not start again.
  const waiting = WAITING[step.next.kind][step.next.state];
  if (step.next.state !== c.state && step.next.kind === c.kind && waiting && 'clocks' in waiting) {
    const running = activeClocks(step.next).map((k) => k.step);
    if (!waiting.clocks.some((k) => running.includes(k))) throw new Error(`workflow table: ${where} → ${target.state} leaves no ${waiting.clocks.join('/')} clock running`);
  }
  for (const effect of step.effects ?? []) {
    if (!target.effects?.includes(tagOf(effect))) throw new Error(`workflow table: ${where} → ${target.state} does not ask for ${tagOf(effect)}`);
  }
}

/** Messages to a resident go only where the case names the resident's own user (a proxy case may have none). */
export function reachable(effects: Effect[]): Effect[] {
  return effects.filter((x) => !(x.type === 'notify' && x.recipient === 'resident' && x.userId === undefined));
}

/**
 * Applies `event` to case `c` on behalf of `ctx.actor` at `ctx.now`.
 * Errors (no new record): INPUT.INVALID (the event fails its schema or a data check), ROLE.FORBIDDEN (the role may not
 * send it), SCOPE.FORBIDDEN (a resident acting on a case not in their name), CASE.NOT_CONFIRMED (a town step before the
 * resident confirmed a proxy application), CASE.ILLEGAL_TRANSITION (not allowed for this kind in this state), and the
 * step's own CASE.* codes. Grid / village scope is the caller's check.
 * On success the next record has the timeline entry appended and `updatedAt = now`; `version` is the store's.
 * Besides the step's own effects, a change of state notifies the resident (unless they acted themselves) and the town
 * office (unless it acted itself). Resident messages are dropped when the case names no resident user.
 */
export function transition(c: CaseRecord, event: CaseEvent, ctx: TransitionContext): Result<TransitionResult> {
  const parsed = caseEventSchema.safeParse(event);
  if (!parsed.success) return err('INPUT.INVALID', parsed.error.issues[0]?.message, parsed.error.flatten());
  const e = parsed.data;
  const { actor } = ctx;
  if (!EVENT_ROLES[e.type].includes(actor.role)) return err('ROLE.FORBIDDEN', undefined, { event: e.type, role: actor.role });
  if (actor.role === 'resident' && c.residentUserId !== actor.userId) return err('SCOPE.FORBIDDEN');
  const edge = edgeOf(c.kind, c.state, e.type);
  if (!edge) {
    const details = { kind: c.kind, state: c.state, event: e.type };
    if (c.state === 'awaitingConfirmation' && actor.role === 'officer') return err('CASE.NOT_CONFIRMED', undefined, details);
    return err('CASE.ILLEGAL_TRANSITION', `当前环节（${CASE_STATE_LABELS[c.state]}）不能${CASE_EVENT_LABELS[e.type]}`, details);
  }
  // RULES §3, §5, §12 逢进必核: no approval of 低保 / 特困 before the data-check result is on the file.
  if ((e.type === 'decide' || e.type === 'recordCountyDecision') && e.decision.outcome === 'approve' && !dataCheckOnFile(c)) return err('CASE.DATA_CHECK_REQUIRED');
  const handler = HANDLERS[e.type] as Handler<CaseEventType>;
  const step = handler(c, e as EventOf<CaseEventType>, ctx);
  if (isErr(step)) return step;
  checkAgainstTable(c, e.type, edge, step);

  const entry: TimelineEntry = { at: ctx.now, actorId: actor.userId, actorRole: actor.role, from: c.state, to: step.next.state, event: e.type };
  if (step.note) entry.note = step.note;
  const next: CaseRecord = { ...step.next, updatedAt: ctx.now, timeline: [...c.timeline, entry] };
  const effects = step.effects ?? [];
  if (next.state !== c.state) {
    const told = (recipient: string) => effects.some((x) => x.type === 'notify' && x.recipient === recipient);
    if (actor.role !== 'resident' && !told('resident')) effects.push(notify(next, 'resident', 'stateChanged'));
    if (actor.role !== 'officer' && !told('officer')) effects.push(notify(next, 'officer', 'stateChanged'));
  }
  return ok({ next, effects: reachable(effects) });
}

/**
 * Steps recorded on a record of their own, which then steps the case: a referral case closes with the answer recorded
 * on its referral (RULES §20), so the case page offers no second way to record it.
 */
export const STEPS_FROM_OWN_RECORD = ['recordReferralOutcome'] as const satisfies readonly CaseEventType[];
/** The events a case page may offer. */
export type OfferedEvent = Exclude<CaseEventType, (typeof STEPS_FROM_OWN_RECORD)[number]>;
export const isOfferedEvent = (type: CaseEventType): type is OfferedEvent => !(STEPS_FROM_OWN_RECORD as readonly CaseEventType[]).includes(type);

/** The events this actor may send on this case now (for the case page's action buttons). */
export function availableEvents(
  c: Pick<CaseRecord, 'kind' | 'state' | 'residentUserId'> & Partial<Pick<CaseRecord, 'decision' | 'explanation' | 'closure' | 'proxy' | 'dataCheck'>>,
  actor: TransitionContext['actor'],
): OfferedEvent[] {
  if (actor.role === 'resident' && c.residentUserId !== actor.userId) return [];
  // A denied case waits for two things; the one already done is no longer on offer.
  const done = (type: CaseEventType) =>
    (type === 'recordWrittenNotice' && c.decision?.writtenNotice !== undefined) ||
    (type === 'closeExplanation' && c.explanation?.closedAt !== undefined) ||
    (type === 'recordDataCheck' && c.dataCheck?.reference !== undefined) ||
    // A proxy application answered after the help came first (RULES §17).
    ((type === 'confirmByResident' || type === 'refuseByResident' || type === 'recordPaperConfirmation') && c.proxy !== undefined && c.proxy.confirmation.status !== 'pending');
  // Offered only when the step can succeed (issue 15): RULES §5 a result is recorded for a check that was requested
  // (until its report is on file: `done`), and a second request waits for the first result; RULES §17 the file is
  // completed only after the resident answered a proxy application.
  const premature = (type: CaseEventType) =>
    (type === 'recordDataCheck' && c.dataCheck === undefined) ||
    (type === 'requestDataCheck' && c.dataCheck !== undefined && c.dataCheck.result === undefined) ||
    (type === 'completePaperwork' && c.proxy !== undefined && c.proxy.confirmation.status === 'pending');
  // A closed case offers the after-approval steps only while the person is in support (RULES §15–16).
  const inSupport = c.state !== 'closed' || c.closure?.outcome === 'approved';
  // 逢进必核 (RULES §3, §5, §12): the decision form offers approval, so it waits for the data check.
  const gated = (type: CaseEventType) => DATA_CHECK_GATED_EVENTS.includes(type) && !dataCheckOnFile(c);
  return allowedEvents(c.kind, c.state)
    .filter(isOfferedEvent)
    .filter((type) => EVENT_ROLES[type].includes(actor.role) && !done(type) && !premature(type) && !gated(type) && (inSupport || type === 'link'));
}
