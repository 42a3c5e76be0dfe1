// Visit schedule: when each person is next due a visit, and which worklist bucket that falls in.
// Pure: the caller passes the facts, the last visit, the town settings and the current time (epoch ms).
import { addDays, addHours, beijingDate, endOfBeijingDayMs, startOfBeijingDayMs } from '../calendar';
import { RISK_TIER_KEYS, RISK_TIERS, SPECIAL_DIFFICULTY_ELDERLY, type Category, type RiskTier } from '../categories';
import { isDispersedTekun } from '../risk-tier';
import type { TownSettings } from '../settings';
import { MAJOR_CHANGE_LABELS, type MajorChangeFact, type MajorChangeKind } from './major-change';

export type ScheduleSettings = Pick<TownSettings, 'visitIntervalDays' | 'majorChangeVisitHours'>;

/** What the schedule reads about a person. A stored `Person` fits as is (its `createdAt` is the roster entry). */
export interface VisitScheduleFacts {
  riskTier: RiskTier;
  categories: readonly Category[];
  keyHousehold: boolean;
  /** When the person entered the roster: a first visit is planned from here (else from `now`). */
  createdAt?: number;
  /** 特困 cared for in an institution (集中供养); absent or false = dispersed (分散供养) at home. */
  centralisedCare?: boolean;
  /** The household's follow-up plan frequency (跟踪帮扶), when it has one. */
  followUpIntervalDays?: number;
  /** Major changes recorded for the person; those after the last visit are pending. */
  majorChanges?: readonly MajorChangeFact[];
}

export type IntervalRule = 'tier' | 'dispersedTekun' | 'specialDifficultyElderly' | 'keyHousehold' | 'followUpPlan';

export interface VisitInterval {
  days: number;
  rule: IntervalRule;
  /** Chinese, for display: why this frequency. */
  reason: string;
}

const FREQUENCY_LABELS: Readonly<Record<number, string>> = {
  7: '每周',
  14: '每两周',
  30: '每月',
  90: '每季度',
  180: '每半年',
  365: '每年',
};

/** '每周', '每月', '每季度' … or '每N天' for an unusual interval. */
export function frequencyLabel(days: number): string {
  return FREQUENCY_LABELS[days] ?? `每${days}天`;
}

/** RULES §25 (local): how often each tier is visited, "高风险每周走访，重点每月，一般每季度" by default. */
export function tierFrequencyText(settings: Pick<TownSettings, 'visitIntervalDays'>): string {
  return RISK_TIER_KEYS.map((tier, i) => `${RISK_TIERS[tier]}${frequencyLabel(settings.visitIntervalDays[tier])}${i === 0 ? '走访' : ''}`).join('，');
}

/**
 * The visit interval in days that applies to a person: the shortest of the rules that apply, with its reason.
 * "Monthly" floors use the town's monthly (priority) setting, so one setting moves them all.
 */
export function visitIntervalFor(facts: VisitScheduleFacts, settings: Pick<TownSettings, 'visitIntervalDays'>): VisitInterval {
  const intervals = settings.visitIntervalDays;
  const monthly = intervals.priority;
  // RULES §25 (local): high weekly, priority monthly, general quarterly.
  let best: VisitInterval = {
    days: intervals[facts.riskTier],
    rule: 'tier',
    reason: `${RISK_TIERS[facts.riskTier]}人员${frequencyLabel(intervals[facts.riskTier])}走访一次`,
  };
  const consider = (days: number, rule: IntervalRule, reason: string) => {
    if (days < best.days) best = { days, rule, reason };
  };
  const has = (c: Category) => facts.categories.includes(c);
  // RULES §25 (local, Anhui): dispersed 特困 at least monthly.
  if (isDispersedTekun(facts)) consider(monthly, 'dispersedTekun', `分散供养特困人员至少${frequencyLabel(monthly)}走访一次`);
  // RULES §25 (national target): special-difficulty elderly monthly.
  if (SPECIAL_DIFFICULTY_ELDERLY.some(has)) consider(monthly, 'specialDifficultyElderly', `独居、空巢老人${frequencyLabel(monthly)}探访一次`);
  // RULES §25 (local): key households (重点户) take the higher frequency — at least monthly.
  if (facts.keyHousehold) consider(monthly, 'keyHousehold', `重点户至少${frequencyLabel(monthly)}走访一次`);
  // RULES §25: a follow-up plan (跟踪帮扶) may set a higher frequency still, never a lower one.
  if (facts.followUpIntervalDays !== undefined && facts.followUpIntervalDays > 0) {
    consider(facts.followUpIntervalDays, 'followUpPlan', `跟踪帮扶计划${frequencyLabel(facts.followUpIntervalDays)}走访一次`);
  }
  return best;
}

export interface MajorChangeDue extends MajorChangeFact {
  /** The visit must happen by this instant. */
  dueAt: number;
  reason: string;
}

// RULES §25 (local): a major change makes a visit due within `majorChangeVisitHours` (default 24 h), elapsed time.
export function majorChange(kind: MajorChangeKind, at: number, settings: Pick<TownSettings, 'majorChangeVisitHours'>): MajorChangeDue {
  const hours = settings.majorChangeVisitHours;
  return { kind, at, dueAt: addHours(at, hours), reason: `${MAJOR_CHANGE_LABELS[kind]}，须在${hours}小时内走访` };
}

export interface VisitDue {
  /** The visit is due by this instant (epoch ms): the end of a Beijing day for intervals, the exact hour for a major change. */
  dueAt: number;
  /** Beijing date of `dueAt`. */
  dueDate: string;
  basis: 'interval' | 'firstVisit' | 'majorChange';
  /** Chinese, for display. */
  reason: string;
  /** The regular interval in force (also when a major change is what is due first). */
  interval: VisitInterval;
  /** The pending major change that set the due time, when it did. */
  majorChange?: MajorChangeDue;
}

/**
 * When the person is next due a visit: the regular interval counted in Beijing calendar days from the last visit
 * (or, never visited, from the roster entry), or a pending major change (one recorded after the last visit),
 * whichever is earlier. Call it again whenever tier, categories, key-household flag or plan change: the new
 * interval counts from the last visit, so a re-plan takes effect at once (possibly already overdue).
 */
export function nextVisitDue(facts: VisitScheduleFacts, lastVisitAt: number | null, settings: ScheduleSettings, now: number): VisitDue {
  const interval = visitIntervalFor(facts, settings);
  const base = lastVisitAt ?? facts.createdAt ?? now;
  const dueDate = addDays(beijingDate(base), interval.days);
  let due: VisitDue = {
    dueAt: endOfBeijingDayMs(dueDate),
    dueDate,
    basis: lastVisitAt === null ? 'firstVisit' : 'interval',
    reason: lastVisitAt === null ? `尚未走访过；${interval.reason}` : interval.reason,
    interval,
  };
  for (const change of facts.majorChanges ?? []) {
    // A visit at or after the change covered it.
    if (lastVisitAt !== null && lastVisitAt >= change.at) continue;
    const pending = majorChange(change.kind, change.at, settings);
    if (pending.dueAt <= due.dueAt) {
      due = { dueAt: pending.dueAt, dueDate: beijingDate(pending.dueAt), basis: 'majorChange', reason: pending.reason, interval, majorChange: pending };
    }
  }
  return due;
}

// ---------------------------------------------------------------------------------------------------------------
// Worklist buckets, on Beijing dates

// Issue 15: the buckets cover every due date — overdue, today, the next 7 days, later — so a person whose due date
// moved (a tier change, a major change) is always in exactly one list, whatever the weekday.
export const VISIT_BUCKETS = ['overdue', 'today', 'nextSevenDays', 'later'] as const;
export type VisitBucket = (typeof VISIT_BUCKETS)[number];
export const VISIT_BUCKET_LABELS: Readonly<Record<VisitBucket, string>> = {
  overdue: '已逾期',
  today: '今天到期',
  nextSevenDays: '7天内到期',
  later: '以后到期',
};
/** How many days after today the "next days" bucket covers. */
export const VISIT_SOON_DAYS = 7;

export interface VisitBucketBounds {
  /** Before this instant a due visit is overdue (it is `now`). */
  overdueBefore: number;
  /** Start of tomorrow, Beijing: due before it = today. */
  tomorrowStart: number;
  /** Start of the 8th day from today, Beijing: due before it = within the next 7 days; from it on = later. */
  laterStart: number;
}

/** The instants that separate the buckets at `now`: a handler queries `dueAt` ranges with them. */
export function visitBucketBounds(now: number): VisitBucketBounds {
  const today = beijingDate(now);
  return {
    overdueBefore: now,
    tomorrowStart: startOfBeijingDayMs(addDays(today, 1)),
    laterStart: startOfBeijingDayMs(addDays(today, 1 + VISIT_SOON_DAYS)),
  };
}

/** A range of due instants: from `gte` up to `lt` (either open when absent). */
export interface DueRange {
  gte?: number;
  lt?: number;
}

/** The worklists' buckets as ranges of due instants, for queries on the stored due date; together they cover all. */
export function visitBucketRange(bucket: VisitBucket, now: number): DueRange {
  const b = visitBucketBounds(now);
  if (bucket === 'overdue') return { lt: b.overdueBefore };
  if (bucket === 'today') return { gte: b.overdueBefore, lt: b.tomorrowStart };
  if (bucket === 'nextSevenDays') return { gte: b.tomorrowStart, lt: b.laterStart };
  return { gte: b.laterStart };
}

/** PRODUCT flow 6, the daily digest: visits due tomorrow, a Beijing day. */
export function dueTomorrowRange(now: number): Required<DueRange> {
  const tomorrowStart = visitBucketBounds(now).tomorrowStart;
  return { gte: tomorrowStart, lt: startOfBeijingDayMs(addDays(beijingDate(tomorrowStart), 1)) };
}

/** Overdue once the due instant has passed; otherwise today / the next 7 days / later, by Beijing date. */
export function visitBucket(dueAt: number, now: number): VisitBucket {
  const b = visitBucketBounds(now);
  if (dueAt < b.overdueBefore) return 'overdue';
  if (dueAt < b.tomorrowStart) return 'today';
  if (dueAt < b.laterStart) return 'nextSevenDays';
  return 'later';
}
