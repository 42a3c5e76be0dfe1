// Effects are data: the caller stores them with the case in the same write (`pendingEffects`), then performs them
// (queue a message, create a task); the clock sweep performs any a stop left pending, and clears them.
// The audit entry of a transition is the caller's for every transition, so it is not an effect.
import type { Role } from '../roles';
import type { CaseRecord, PendingEffects, ReferralKind } from './case-record';
import type { Clock, ClockStep } from './clock';

export const NOTIFY_RECIPIENTS = ['resident', 'gridworker', 'officer'] as const;
export type NotifyRecipient = (typeof NOTIFY_RECIPIENTS)[number];

export const NOTIFY_MESSAGES = [
  'stateChanged',
  'missingMaterials',
  'decision',
  'confirmProxy',
  'urgentReport',
  'clockDueSoon',
  'clockBreached',
  // RULES §34: an entered holiday arrangement moved a due date earlier.
  'clockMovedEarlier',
] as const;
export type NotifyMessage = (typeof NOTIFY_MESSAGES)[number];

export interface NotifyEffect {
  type: 'notify';
  recipient: NotifyRecipient;
  /**
   * The recipient's user when the case names them (the resident's own user; the gridworker or cadre who filed the
   * case). Otherwise the caller resolves it: a gridworker by `gridId`, the officer as the town office.
   */
  userId?: string;
  message: NotifyMessage;
  caseId: string;
  kind: CaseRecord['kind'];
  state: CaseRecord['state'];
  gridId: string;
  villageId: string;
  /** The clock the message is about (clock messages), or the step clock now running (other messages). */
  due?: { step: ClockStep; dueAt: number; dueDate?: string; estimated: boolean };
}

export interface CreateExplanationTaskEffect {
  type: 'createExplanationTask';
  caseId: string;
  gridId: string;
  villageId: string;
  householdId?: string;
  applicantName: string;
  reasons: string[];
  /** The gridworker or cadre who filed the case, when one did; otherwise the grid's gridworker. */
  assigneeUserId?: string;
}

/**
 * RULES §20: a referral case's `refer` step sends it to the office as a referral record, under an id from the case
 * (one per case), so the action and the sweep after a stop store it once between them.
 */
export interface CreateReferralEffect {
  type: 'createReferral';
  caseId: string;
  referralId: string;
  kind: ReferralKind;
  office: string;
  reason: string;
}

export type Effect = NotifyEffect | CreateExplanationTaskEffect | CreateReferralEffect;

/** The referral record a referral case is sent as (RULES §20): a case is referred once, so one id per case. */
export const caseReferralId = (caseId: string) => `${caseId}-referral`;

const FILING_WORKERS: readonly Role[] = ['gridworker', 'cadre'];

/** The worker who filed the case (proxy application, discovery report), if a worker did. */
export function filingWorkerId(c: Pick<CaseRecord, 'createdBy'>): string | undefined {
  return FILING_WORKERS.includes(c.createdBy.role) ? c.createdBy.userId : undefined;
}

/** A notification about case `c` (as it is after the transition). `clock` defaults to the case's step clock. */
export function notify(c: CaseRecord, recipient: NotifyRecipient, message: NotifyMessage, clock: Clock | undefined = c.clock): NotifyEffect {
  const effect: NotifyEffect = {
    type: 'notify',
    recipient,
    message,
    caseId: c._id,
    kind: c.kind,
    state: c.state,
    gridId: c.gridId,
    villageId: c.villageId,
  };
  const userId = recipient === 'resident' ? c.residentUserId : recipient === 'gridworker' ? filingWorkerId(c) : undefined;
  if (userId !== undefined) effect.userId = userId;
  if (clock) {
    effect.due = { step: clock.step, dueAt: clock.dueAt, estimated: clock.estimated };
    if (clock.dueDate !== undefined) effect.due.dueDate = clock.dueDate;
  }
  return effect;
}

/** Effects of one write, kept with the case until carried out: a step makes at most a handful. */
export const PENDING_EFFECTS_PER_ENTRY_MAX = 8;
/** Writes whose effects may wait for the sweep at once; a write past this carries out the oldest first. */
export const PENDING_ENTRIES_MAX = 20;
/** How long the writing action has to carry out its effects itself before the sweep takes them up. */
export const PENDING_EFFECTS_GRACE_MS = 2 * 60_000;

/**
 * `c` with the effects of a write added to those still pending, and the oldest entries that no longer fit: the
 * caller carries those out before the write that drops them.
 */
export function withPendingEffects(c: CaseRecord, entry: PendingEffects): { next: CaseRecord; overflow: PendingEffects[] } {
  const all = [...(c.pendingEffects ?? []), entry];
  const cut = Math.max(0, all.length - PENDING_ENTRIES_MAX);
  return { next: { ...c, pendingEffects: all.slice(cut) }, overflow: all.slice(0, cut) };
}

/** When the sweep takes up the effects still pending on `c` (the grace after the oldest write), if any are. */
export function pendingEffectsDueAt(c: Pick<CaseRecord, 'pendingEffects'>): number | undefined {
  const oldest = c.pendingEffects?.[0];
  return oldest ? oldest.at + PENDING_EFFECTS_GRACE_MS : undefined;
}

/** `c` without pending effects, once they are carried out. */
export function withoutPendingEffects(c: CaseRecord): CaseRecord {
  const { pendingEffects: _done, ...rest } = c;
  return rest;
}
