// The clocks a step starts or stops on a case: a replaced clock goes to the history, stopped at the step's time.
import type { CaseRecord } from './case-record';
import type { Clock } from './clock';
import type { TransitionContext } from './context';
import { startStepClock } from './limits';

/** Replaces one of the case's clocks; the old one, stopped at `at`, goes to the history. */
function replaceClock(c: CaseRecord, key: 'clock' | 'procedureClock', clock: Clock | undefined, at: number): CaseRecord {
  const old = c[key];
  const next: CaseRecord = { ...c, clockHistory: old ? [...c.clockHistory, { ...old, stoppedAt: at }] : c.clockHistory };
  if (clock) next[key] = clock;
  else delete next[key];
  return next;
}

export const withStepClock = (c: CaseRecord, clock: Clock | undefined, at: number) => replaceClock(c, 'clock', clock, at);
// RULES §8: the whole 低保 procedure.
export const withProcedureClock = (c: CaseRecord, clock: Clock | undefined, at: number) => replaceClock(c, 'procedureClock', clock, at);

/**
 * The town's clock for a case that has just reached it (PRODUCT flows 1–2): 急难 starts the help clock
 * (RULES §17, §19); any other application starts the acknowledgement clock (RULES §27, local).
 */
export function intakeClock(c: CaseRecord, ctx: TransitionContext, at: number): Clock {
  return startStepClock(c.kind === 'temporaryEmergency' ? 'emergencyHelp' : 'acknowledge', c, ctx.settings, at);
}
