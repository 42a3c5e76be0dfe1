// Effects are data: the caller performs them after persisting the transition (queue a message, create a task).
// The audit entry of a transition is the caller's for every transition, so it is not an effect.
import type { Role } from '../roles';
import type { CaseRecord } from './case-record';
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

export type Effect = NotifyEffect | CreateExplanationTaskEffect;

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
