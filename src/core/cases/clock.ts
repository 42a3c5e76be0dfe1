// Step clocks: a limit starts at an instant, is due at an instant, and is swept by a timer (never held in memory).
// Hour limits (24 h / 48 h) run through nights and holidays; working-day limits count the official calendar and end
// at 23:59:59.999 Beijing time of the due date. Beyond the calendar package's years the working days follow the
// arrangement the town entered (RULES §34), else a Monday–Friday estimate (`estimated: true`) that may be early or late.
import { z } from 'zod';
import {
  addDays,
  addHours,
  addWorkingDaysOrEstimate,
  beijingDate,
  endOfBeijingDayMs,
  HOUR_MS,
  spansYearBeyondPackage,
  startOfBeijingDayMs,
  workingDaysBetweenOrEstimate,
} from '../calendar';
import type { HolidayArrangements } from '../holidays';
import type { CaseRecord } from './case-record';
import { isOpenState } from './states';
import { notify, type Effect } from './effects';

export const CLOCK_STEPS = [
  'acknowledge',
  'emergencyHelp',
  'emergencyPaperwork',
  'investigationStart',
  'townInvestigation',
  'reinvestigation',
  'countyDecision',
  'townConfirmation',
  'townDecision',
  'writtenNotice',
  'procedure',
  'dataCheckStart',
  'selfCareReassessment',
  'terminationObjection',
  'referralFollowUp',
  'judicialDecision',
] as const;
export type ClockStep = (typeof CLOCK_STEPS)[number];

export const CLOCK_STEP_LABELS: Record<ClockStep, string> = {
  acknowledge: '受理响应',
  emergencyHelp: '先行救助',
  emergencyPaperwork: '补齐手续',
  investigationStart: '启动入户调查',
  townInvestigation: '乡镇调查核实',
  reinvestigation: '重新调查核实',
  countyDecision: '县级审核确认',
  townConfirmation: '乡镇审核确认',
  townDecision: '审批决定',
  writtenNotice: '书面告知不予批准理由',
  procedure: '全程办理时限',
  dataCheckStart: '县级启动经济状况核对',
  selfCareReassessment: '重新评估生活自理能力',
  terminationObjection: '终止异议复核',
  referralFollowUp: '转介跟进',
  judicialDecision: '司法救助决定',
};

// Issue 3 (product rule): a working-day clock is "due soon" from 2 working days before its due date.
export const DUE_SOON_WORKING_DAYS = 2;
// Issue 3 (product rule, our reading for hour limits, which have no working days): an hour clock is "due soon" in
// the last quarter of its span, e.g. the last 6 h of 24 h, the last 12 h of 48 h.
export const HOUR_CLOCK_DUE_SOON_FRACTION = 0.25;

export const CLOCK_UNITS = ['hours', 'workingDays'] as const;
export type ClockUnit = (typeof CLOCK_UNITS)[number];
export interface ClockLimit {
  unit: ClockUnit;
  amount: number;
}

/**
 * One step's clock. `dueSoonAt` is computed once at start so that "due soon" is a plain comparison both here and in
 * a database query (`dueSoonAt <= now`); "overdue" is `dueAt < now`. `warnedAt` / `breachedAt` are set once by the
 * sweep; `stoppedAt` is set when the step ends and the clock moves to the case's `clockHistory`.
 */
export const clockSchema = z.object({
  step: z.enum(CLOCK_STEPS),
  unit: z.enum(CLOCK_UNITS),
  amount: z.number().int().positive(),
  startedAt: z.number(),
  dueAt: z.number(),
  /** Working-day clocks: the Beijing due date ('YYYY-MM-DD'); `dueAt` is its last millisecond. */
  dueDate: z.string().optional(),
  dueSoonAt: z.number(),
  warnedAt: z.number().optional(),
  breachedAt: z.number().optional(),
  stoppedAt: z.number().optional(),
  /**
   * When the step that stopped the clock happened outside and was entered later (a county decision typed in days
   * after): `stoppedAt` is the day it happened, by which the clock is judged; these say when and by whom it was entered.
   */
  stopRecordedAt: z.number().optional(),
  stopRecordedBy: z.string().max(64).optional(),
  /** True when a day counted lies beyond the calendar package's years (Monday–Friday estimate). */
  estimated: z.boolean(),
});
export type Clock = z.infer<typeof clockSchema>;

export type ClockStatus = 'ok' | 'dueSoon' | 'breached';

/** The earliest date from which at most DUE_SOON_WORKING_DAYS working days remain until `dueDate` (inclusive). */
function dueSoonDate(dueDate: string, arrangements: HolidayArrangements): { date: string; estimated: boolean } {
  let date = dueDate;
  let estimated = false;
  for (;;) {
    const before = addDays(date, -1);
    const left = workingDaysBetweenOrEstimate(before, dueDate, arrangements);
    estimated ||= left.estimated;
    if (left.days > DUE_SOON_WORKING_DAYS) return { date, estimated };
    date = before;
  }
}

/**
 * Starts a clock of `limit` at `startedAt` (epoch ms). Working days count from the Beijing date of `startedAt`, on
 * the town's entered holiday arrangements for years the package lacks (settings.holidayArrangements).
 */
export function startClock(step: ClockStep, limit: ClockLimit, startedAt: number, arrangements: HolidayArrangements): Clock {
  if (limit.unit === 'hours') {
    const dueAt = addHours(startedAt, limit.amount);
    const dueSoonAt = dueAt - Math.round((dueAt - startedAt) * HOUR_CLOCK_DUE_SOON_FRACTION);
    return { step, unit: limit.unit, amount: limit.amount, startedAt, dueAt, dueSoonAt, estimated: false };
  }
  const due = addWorkingDaysOrEstimate(beijingDate(startedAt), limit.amount, arrangements);
  const soon = dueSoonDate(due.date, arrangements);
  return {
    step,
    unit: limit.unit,
    amount: limit.amount,
    startedAt,
    dueAt: endOfBeijingDayMs(due.date),
    dueDate: due.date,
    dueSoonAt: startOfBeijingDayMs(soon.date),
    estimated: due.estimated || soon.estimated,
  };
}

/** 'breached' after `dueAt`; 'dueSoon' from `dueSoonAt` (2 working days before, or the last 25 % of an hour span). */
export function clockStatus(clock: Clock, now: number): ClockStatus {
  if (now > clock.dueAt) return 'breached';
  if (now >= clock.dueSoonAt) return 'dueSoon';
  return 'ok';
}


/** What is left on a clock at `now`, in its own unit: working days (counted on the official calendar) or hours. */
export type ClockLeft =
  | { unit: 'workingDays'; days: number; estimated: boolean; overdue: boolean }
  | { unit: 'hours'; hours: number };

/** Counted by the server at its own time, so a phone with a wrong clock still shows the true days left. */
export function clockLeft(clock: Clock, now: number, arrangements: HolidayArrangements): ClockLeft {
  if (clock.unit === 'workingDays' && clock.dueDate) {
    const { days, estimated } = workingDaysBetweenOrEstimate(beijingDate(now), clock.dueDate, arrangements);
    return { unit: 'workingDays', days, estimated, overdue: now > clock.dueAt };
  }
  return { unit: 'hours', hours: (clock.dueAt - now) / HOUR_MS };
}
/** A stopped clock kept in history met its limit when it stopped by its due instant. */
export function clockMet(clock: Clock): boolean {
  return clock.stoppedAt !== undefined && clock.stoppedAt <= clock.dueAt;
}

/**
 * A clock whose days reach beyond the package's years recomputed from its start and limit: once the missing year is
 * known (a newer package, or the arrangement the town entered or corrected, RULES §34) the due date becomes exact,
 * earlier or later. The sweep marks are kept. Returns the same object when nothing changed.
 */
export function refreshEstimatedClock(clock: Clock, arrangements: HolidayArrangements): Clock {
  if (clock.unit !== 'workingDays' || !clock.dueDate) return clock;
  if (!clock.estimated && !spansYearBeyondPackage(beijingDate(clock.startedAt), clock.dueDate)) return clock;
  const fresh = startClock(clock.step, clock, clock.startedAt, arrangements);
  if (fresh.dueAt === clock.dueAt && fresh.dueSoonAt === clock.dueSoonAt && fresh.estimated === clock.estimated) return clock;
  const next: Clock = { ...clock, dueAt: fresh.dueAt, dueSoonAt: fresh.dueSoonAt, estimated: fresh.estimated };
  if (fresh.dueDate !== undefined) next.dueDate = fresh.dueDate;
  return next;
}

/** The case fields that hold a running clock: the current step's, 低保's whole procedure, the county's data check. */
export const CLOCK_KEYS = ['clock', 'procedureClock', 'dataCheckClock'] as const;
export type ClockKey = (typeof CLOCK_KEYS)[number];
export type CaseClocks = Pick<CaseRecord, ClockKey>;

/** The running clocks of a case (see CLOCK_KEYS). */
export function activeClocks(c: Partial<CaseClocks>): Clock[] {
  return CLOCK_KEYS.flatMap((key) => (c[key] ? [c[key]] : []));
}

/**
 * The earliest instant at which `sweepCase` will mark something on this case, or undefined when it never will (closed,
 * no clock, or every clock already breached). Stored beside the record, it makes the sweep's query exact:
 * `nextSweepAt <= now`.
 */
export function nextSweepAt(c: Pick<CaseRecord, 'state'> & Partial<CaseClocks>): number | undefined {
  if (!isOpenState(c.state)) return undefined;
  const marks = activeClocks(c)
    .filter((k) => k.breachedAt === undefined)
    .map((k) => (k.warnedAt === undefined ? k.dueSoonAt : k.dueAt + 1));
  return marks.length ? Math.min(...marks) : undefined;
}

/**
 * The timer sweep for one case: marks `warnedAt` when a clock becomes due soon and `breachedAt` when it is breached,
 * each once, and tells the town office. Estimated clocks are recomputed first. Returns null when nothing changed,
 * so a second sweep at the same moment (or a later one with no new mark) writes nothing and sends nothing.
 */
export function sweepCase(c: CaseRecord, now: number, arrangements: HolidayArrangements): { next: CaseRecord; effects: Effect[] } | null {
  if (!isOpenState(c.state)) return null;
  const effects: Effect[] = [];
  let changed = false;
  const sweep = (clock: Clock): Clock => {
    let k = refreshEstimatedClock(clock, arrangements);
    if (k !== clock) changed = true;
    const status = clockStatus(k, now);
    if (status === 'breached' && k.breachedAt === undefined) {
      k = { ...k, breachedAt: now };
      effects.push(notify(c, 'officer', 'clockBreached', k));
      changed = true;
    } else if (status === 'dueSoon' && k.warnedAt === undefined) {
      k = { ...k, warnedAt: now };
      effects.push(notify(c, 'officer', 'clockDueSoon', k));
      changed = true;
    }
    return k;
  };
  const next: CaseRecord = { ...c };
  for (const key of CLOCK_KEYS) {
    const clock = c[key];
    if (clock) next[key] = sweep(clock);
  }
  if (!changed) return null;
  next.updatedAt = now;
  return { next, effects };
}

/** One clock whose due date a holiday arrangement moved (RULES §34). */
export interface MovedClock {
  step: ClockStep;
  from: string | undefined;
  to: string | undefined;
  earlier: boolean;
}

/**
 * RULES §34: an open case's clocks recomputed on the holiday arrangements now known (the town entered or corrected
 * a year). The town office is told of a due date that moved earlier, the one move that can cost a deadline; a later
 * date just shows. Null when no due date moved.
 */
export function recomputeCaseClocks(c: CaseRecord, arrangements: HolidayArrangements): { next: CaseRecord; effects: Effect[]; moved: MovedClock[] } | null {
  if (!isOpenState(c.state)) return null;
  const next: CaseRecord = { ...c };
  const moved: MovedClock[] = [];
  const effects: Effect[] = [];
  for (const key of CLOCK_KEYS) {
    const old = c[key];
    if (!old) continue;
    const fresh = refreshEstimatedClock(old, arrangements);
    if (fresh === old) continue;
    next[key] = fresh;
    if (fresh.dueAt === old.dueAt) continue;
    const earlier = fresh.dueAt < old.dueAt;
    moved.push({ step: old.step, from: old.dueDate, to: fresh.dueDate, earlier });
    if (earlier) effects.push(notify(c, 'officer', 'clockMovedEarlier', fresh));
  }
  return CLOCK_KEYS.every((key) => next[key] === c[key]) ? null : { next, effects, moved };
}
