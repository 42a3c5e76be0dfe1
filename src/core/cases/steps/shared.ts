// What every step handler shares: its result type, closing a case, today's date and the two common refusals.
import { beijingDate } from '../../calendar';
import { err, type Err } from '../../errors';
import type { CaseOutcome, CaseRecord } from '../case-record';
import { replaceClock, withProcedureClock, withStepClock, type StopTime } from '../case-clocks';
import type { TransitionContext } from '../context';
import type { Effect } from '../effects';
import type { CaseEventType, EventOf } from '../events';
import { missingItems } from '../materials';

/** What one event handler produces; `transition` adds the timeline entry, `updatedAt` and default notifications. */
export interface Step {
  next: CaseRecord;
  effects?: Effect[];
  note?: string;
}
export type Outcome = Step | Err;
export type Handler<T extends CaseEventType> = (c: CaseRecord, e: EventOf<T>, ctx: TransitionContext) => Outcome;
/** The handlers of a group of events, one per event. */
export type Handlers<T extends CaseEventType> = { [K in T]: Handler<K> };

export const isErr = (r: Outcome): r is Err => (r as Err).ok === false;

/** Closes the case; its clocks stop at `stop` (the day an outside step happened, see `happenedOn`), by default now. */
export function closeCase(c: CaseRecord, outcome: CaseOutcome, ctx: TransitionContext, note?: string, stop: number | StopTime = ctx.now): CaseRecord {
  const stopped = replaceClock(withProcedureClock(withStepClock(c, undefined, stop), undefined, stop), 'dataCheckClock', undefined, stop);
  const closure: CaseRecord['closure'] = { at: ctx.now, byUserId: ctx.actor.userId, outcome };
  if (note !== undefined) closure.note = note;
  return { ...stopped, state: 'closed', closure };
}

export const today = (ctx: TransitionContext) => beijingDate(ctx.now);

export function notInFuture(date: string, ctx: TransitionContext): Err | null {
  return date > today(ctx) ? err('INPUT.INVALID', `日期不能晚于今天：${date}`) : null;
}

export function missingMessage(c: CaseRecord): Err | null {
  const missing = missingItems(c);
  if (missing.length === 0) return null;
  return err('CASE.MATERIALS_INCOMPLETE', `材料还不齐全：${missing.map((m) => m.label).join('、')}`, { missing });
}
