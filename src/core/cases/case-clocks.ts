// The clocks a step starts or stops on a case: a replaced clock goes to the history, stopped at the step's time.
import { beijingDate, startOfBeijingDayMs } from '../calendar';
import type { CaseRecord } from './case-record';
import type { Clock, ClockKey } from './clock';
import type { TransitionContext } from './context';
import { startStepClock } from './limits';

/**
 * When a step stopped its clock: `at` the instant it happened (by which the clock is judged); `recorded` when a
 * person entered it later, with who did — a county decision typed in days after it was taken (issue 11 item 3).
 */
export interface StopTime {
  at: number;
  recorded?: { at: number; by: string };
}

/**
 * The stop time of a step that happened outside the office on `happenedOn` (Beijing date) and is entered now: a day
 * before today counts from that day's start (so a decision taken on the due date meets it however late it is typed
 * in), today counts as now.
 */
export function happenedOn(date: string | undefined, ctx: TransitionContext): StopTime {
  if (date === undefined || date >= beijingDate(ctx.now)) return { at: ctx.now };
  return { at: startOfBeijingDayMs(date), recorded: { at: ctx.now, by: ctx.actor.userId } };
}

/** Replaces one of the case's clocks; the old one, stopped at `stop`, goes to the history. */
export function replaceClock(c: CaseRecord, key: ClockKey, clock: Clock | undefined, stop: number | StopTime): CaseRecord {
  const { at, recorded } = typeof stop === 'number' ? { at: stop, recorded: undefined } : stop;
  const old = c[key];
  let history = c.clockHistory;
  if (old) {
    const stopped: Clock = { ...old, stoppedAt: at };
    if (recorded) Object.assign(stopped, { stopRecordedAt: recorded.at, stopRecordedBy: recorded.by });
    history = [...history, stopped];
  }
  const next: CaseRecord = { ...c, clockHistory: history };
  if (clock) next[key] = clock;
  else delete next[key];
  return next;
}

export const withStepClock = (c: CaseRecord, clock: Clock | undefined, stop: number | StopTime) => replaceClock(c, 'clock', clock, stop);
// RULES §8: the whole 低保 procedure.
export const withProcedureClock = (c: CaseRecord, clock: Clock | undefined, stop: number | StopTime) => replaceClock(c, 'procedureClock', clock, stop);

/**
 * The town's clock for a case that has just reached it (PRODUCT flows 1–2): 急难 starts the help clock
 * (RULES §17, §19); any other application starts the acknowledgement clock (RULES §27, local).
 */
export function intakeClock(c: CaseRecord, ctx: TransitionContext, at: number): Clock {
  return startStepClock(c.kind === 'temporaryEmergency' ? 'emergencyHelp' : 'acknowledge', c, ctx.settings, at);
}
