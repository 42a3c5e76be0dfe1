// The working-day calendar: dates are 'YYYY-MM-DD' strings in Beijing time (UTC+8, no DST).
// Working days follow the official holiday and 调休 arrangement shipped in `chinese-days`, never plain weekdays
// (RULES preamble). The package only knows the years the State Council had published when it was released; for a
// later year the town admin enters the published arrangement (RULES §34, src/core/holidays.ts) and the `…OrEstimate`
// functions take those entries as an argument. Outside both the strict functions throw, and the `…OrEstimate`
// functions fall back to Monday–Friday and say so with `estimated: true`.
//
// No Intl time zones and no local-time getters of our own: all arithmetic is on UTC epoch days with a fixed +8 h,
// and every instant shown or sent is formatted by dayjs at that fixed offset (`formatInBeijing`), whatever the device's zone.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { getDayDetail } from 'chinese-days';
import { AppFailure } from './errors';
import type { HolidayArrangement, HolidayArrangements } from './holidays';

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
export const BEIJING_OFFSET_MS = 8 * HOUR_MS;
/** Device clocks drift: a time a device gives up to this far ahead of the server is still accepted as now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

dayjs.extend(utc);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------------------------
// Plain date arithmetic (calendar days)

/** Epoch day number (days since 1970-01-01) of a 'YYYY-MM-DD' string; throws `INPUT.INVALID` on a malformed date. */
export function toEpochDay(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new AppFailure('INPUT.INVALID', `日期格式应为 YYYY-MM-DD：${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new AppFailure('INPUT.INVALID', `日期不存在：${date}`);
  }
  return Math.round(ms / DAY_MS);
}

/** 'YYYY-MM-DD' of an epoch day number. */
export function fromEpochDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return formatUtcDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function formatUtcDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True for a well-formed, existing 'YYYY-MM-DD' date. */
export function isValidDate(date: string): boolean {
  try {
    toEpochDay(date);
    return true;
  } catch {
    return false;
  }
}

/** Day of week of an epoch day, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return weekdayOf(toEpochDay(date));
}

/** Calendar days (not working days) added; n may be negative. */
export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

// RULES §26, §29: a minor is under 18 (未成年人保护法 §2): child-at-risk questions on visits, minors' cases not posted.
export const ADULT_AGE = 18;

/** Under 18 on `onDate`. */
export function isMinorOn(birthDate: string, onDate: string): boolean {
  return ageOn(birthDate, onDate) < ADULT_AGE;
}

/** Full years of age on `onDate` for someone born on `birthDate` (a 29 Feb birthday counts from 1 Mar in common years). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = onDate.split('-').map(Number) as [number, number, number];
  toEpochDay(birthDate);
  toEpochDay(onDate);
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}

// ---------------------------------------------------------------------------------------------------------------
// Beijing time

/** The Beijing calendar date of an instant. */
export function beijingDate(ms: number): string {
  return fromEpochDay(Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS));
}

/**
 * An instant in Beijing time, in a dayjs pattern ('YYYY-MM-DD HH:mm', 'YYYY年M月D日', 'HH:mm:ss' …): the one
 * formatter for every moment a page shows or a message carries. A fixed +08:00, not the Asia/Shanghai zone: it has
 * had no daylight saving since 1991, and a fixed offset needs no time-zone data on the device.
 */
export function formatInBeijing(ms: number, pattern: string): string {
  return dayjs.utc(ms).utcOffset(BEIJING_OFFSET_MS / 60_000).format(pattern);
}

/** First millisecond of a Beijing calendar day (00:00:00.000 UTC+8). */
export function startOfBeijingDayMs(date: string): number {
  return toEpochDay(date) * DAY_MS - BEIJING_OFFSET_MS;
}

/** Last millisecond of a Beijing calendar day (23:59:59.999 UTC+8): a deadline "on date X" ends here. */
export function endOfBeijingDayMs(date: string): number {
  return startOfBeijingDayMs(date) + DAY_MS - 1;
}

/** An instant plus h hours (elapsed time: hour limits such as 24 h / 48 h run through nights and holidays). */
export function addHours(ms: number, h: number): number {
  return ms + h * HOUR_MS;
}

// ---------------------------------------------------------------------------------------------------------------
// The official calendar, one year at a time

interface YearCalendar {
  /** The package carries this year's published arrangement. */
  covered: boolean;
  /** working[i] = 1 when day i of the year (0 = 1 Jan) is a working day. */
  working: Uint8Array;
  /** Chinese holiday name per day of the arrangement (holidays and make-up days), else undefined. */
  names: Array<string | undefined>;
  firstDay: number;
}

const years = new Map<number, YearCalendar>();

const PLAIN_DAY_NAMES = new Set(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);

/**
 * One day as the package's arrangement tables know it, or null for a day outside them.
 * We pass the 'YYYY-MM-DD' string: the package turns it into a date the same way it built its tables, so a
 * lookup hits the right entry in any time zone. We never use the package's own weekday rule, which reads local
 * Date fields and is a day off west of UTC; a day outside the tables is classified by our own weekday arithmetic.
 */
function arrangementEntry(date: string): { work: boolean; name: string } | null {
  const detail = getDayDetail(date);
  if (PLAIN_DAY_NAMES.has(detail.name)) return null;
  // Entries are named "English,中文,n"; keep the Chinese part.
  const parts = detail.name.split(',');
  return { work: detail.work, name: parts[1] || detail.name };
}

function isWeekday(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday >= 1 && weekday <= 5;
}

function yearCalendar(year: number): YearCalendar {
  const cached = years.get(year);
  if (cached) return cached;
  const firstDay = Math.round(Date.UTC(year, 0, 1) / DAY_MS);
  const lastDay = Math.round(Date.UTC(year, 11, 31) / DAY_MS);
  const working = new Uint8Array(lastDay - firstDay + 1);
  const names: Array<string | undefined> = new Array(working.length);
  let holidays = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const entry = arrangementEntry(fromEpochDay(day));
    if (entry && !entry.work) holidays++;
    working[day - firstDay] = (entry ? entry.work : isWeekday(day)) ? 1 : 0;
    names[day - firstDay] = entry?.name;
  }
  // A published year always has statutory days off (元旦 at least); an unpublished year has none, and its
  // working days above are then plain Monday–Friday.
  const cal = { covered: holidays > 0, working, names, firstDay };
  years.set(year, cal);
  return cal;
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

const entered = new WeakMap<HolidayArrangement, YearCalendar>();

/** A year the package lacks, from the arrangement the town entered (RULES §34): its ranges off, its 调休 days on. */
function enteredYearCalendar(a: HolidayArrangement): YearCalendar {
  const cached = entered.get(a);
  if (cached) return cached;
  const firstDay = Math.round(Date.UTC(a.year, 0, 1) / DAY_MS);
  const lastDay = Math.round(Date.UTC(a.year, 11, 31) / DAY_MS);
  const working = new Uint8Array(lastDay - firstDay + 1);
  const names: Array<string | undefined> = new Array(working.length);
  for (let day = firstDay; day <= lastDay; day++) working[day - firstDay] = isWeekday(day) ? 1 : 0;
  for (const h of a.holidays) {
    for (let day = toEpochDay(h.from); day <= toEpochDay(h.to); day++) {
      working[day - firstDay] = 0;
      names[day - firstDay] = h.name;
    }
  }
  for (const d of a.makeupDays) working[toEpochDay(d) - firstDay] = 1;
  const cal = { covered: true, working, names, firstDay };
  entered.set(a, cal);
  return cal;
}

/** The year's calendar: the package's when it has the year, else the entered arrangement, else Monday–Friday. */
function calendarOfYear(year: number, arrangements: HolidayArrangements): YearCalendar {
  const cal = yearCalendar(year);
  if (cal.covered) return cal;
  const a = arrangements.find((x) => x.year === year);
  return a ? enteredYearCalendar(a) : cal;
}

/** Looks a day up; `covered` false means the answer is a Monday–Friday estimate. */
function lookup(day: number, arrangements: HolidayArrangements = []): { working: boolean; covered: boolean } {
  const cal = calendarOfYear(yearOfDay(day), arrangements);
  return { working: cal.working[day - cal.firstDay] === 1, covered: cal.covered };
}

/** Whether the official arrangement for this date's year is in the package. */
export function calendarCovers(date: string): boolean {
  return yearCalendar(yearOfDay(toEpochDay(date))).covered;
}

/** Whether some day from `from` to `to` (inclusive) lies in a year the package does not carry (entered or guessed). */
export function spansYearBeyondPackage(from: string, to: string): boolean {
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!yearCalendar(y).covered) return true;
  return false;
}

/**
 * The years (inclusive) for which the package carries the official arrangement, probed 1990–2100 by whether
 * 1 January (元旦, a statutory holiday every year) is in its tables. For diagnostics and error messages.
 */
export function calendarDataYears(): { first: number; last: number } {
  let first = 0;
  let last = 0;
  for (let y = 1990; y <= 2100; y++) {
    const entry = arrangementEntry(`${y}-01-01`);
    if (entry && !entry.work) {
      if (!first) first = y;
      last = y;
    }
  }
  return { first, last };
}

/** Thrown by the strict functions for a date whose year the package does not carry. */
export class CalendarOutOfRange extends AppFailure {
  readonly date: string;
  constructor(date: string) {
    const year = date.slice(0, 4);
    super('INTERNAL', `工作日历缺少${year}年的节假日安排，请更新 chinese-days 后再计算期限`, {
      reason: 'CALENDAR.OUT_OF_RANGE',
      date,
    });
    this.date = date;
  }
}

function strictLookup(day: number): boolean {
  const r = lookup(day);
  if (!r.covered) throw new CalendarOutOfRange(fromEpochDay(day));
  return r.working;
}

export interface DayInfo {
  date: string;
  working: boolean;
  /** 'holiday' = a day off of a holiday arrangement (weekend days inside it too); 'makeup' = 调休 working weekend day (补班). */
  kind: 'workday' | 'weekend' | 'holiday' | 'makeup';
  /** Chinese holiday name when the day belongs to a holiday arrangement (e.g. 国庆节, 春节). */
  holidayName?: string;
  /** True when the year is neither in the package nor entered, and `working` is a Monday–Friday guess. */
  estimated: boolean;
}

/** Everything known about one day, never throwing for uncovered years (the flag says so). */
export function dayInfo(date: string, arrangements: HolidayArrangements = []): DayInfo {
  const day = toEpochDay(date);
  const cal = calendarOfYear(yearOfDay(day), arrangements);
  const working = cal.working[day - cal.firstDay] === 1;
  const weekend = !isWeekday(day);
  const name = cal.names[day - cal.firstDay];
  const kind: DayInfo['kind'] = working ? (weekend ? 'makeup' : 'workday') : name ? 'holiday' : 'weekend';
  const info: DayInfo = { date, working, kind, estimated: !cal.covered };
  if (name) info.holidayName = name;
  return info;
}

// ---------------------------------------------------------------------------------------------------------------
// Working days — strict (throw `CalendarOutOfRange` outside the package's years)

/** Official working day (weekday not on holiday, or a 调休 make-up weekend day). Throws outside the data years. */
export function isWorkingDay(date: string): boolean {
  return strictLookup(toEpochDay(date));
}

function addWorkingDaysWith(date: string, n: number, at: (day: number) => boolean): string {
  if (!Number.isInteger(n) || n < 0) throw new AppFailure('INPUT.INVALID', `工作日数应为非负整数：${n}`);
  let day = toEpochDay(date);
  if (n === 0) {
    while (!at(day)) day++;
    return fromEpochDay(day);
  }
  let left = n;
  while (left > 0) {
    day++;
    if (at(day)) left--;
  }
  return fromEpochDay(day);
}

/**
 * The n-th working day after `date` (`date` itself never counts for n ≥ 1): a step "within 10 wd of acceptance"
 * accepted on D is due by the end of addWorkingDays(D, 10). n = 0 returns `date` if it is a working day, otherwise
 * the next working day. Throws `CalendarOutOfRange` if any day examined lies outside the package's years.
 */
export function addWorkingDays(date: string, n: number): string {
  return addWorkingDaysWith(date, n, strictLookup);
}

function countWorkingDaysWith(from: string, to: string, at: (day: number) => boolean): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  if (a === b) return 0;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (at(day)) count++;
  return b > a ? count : 0 - count; // 0 - 0 is +0, unlike -0
}

/**
 * Working days after `from` up to and including `to`: workingDaysBetween(D, addWorkingDays(D, n)) === n for n ≥ 1.
 * 0 when `to` equals `from`; when `to` is before `from` the result is minus the working days after `to` up to and
 * including `from` (so it is ≤ 0). Throws `CalendarOutOfRange` outside the package's years.
 */
export function workingDaysBetween(from: string, to: string): number {
  return countWorkingDaysWith(from, to, strictLookup);
}

// ---------------------------------------------------------------------------------------------------------------
// Working days — tolerant (the entered arrangements beyond the package's years, else Monday–Friday, flagged)

function tolerant(arrangements: HolidayArrangements): { at: (day: number) => boolean; estimated: () => boolean } {
  let estimated = false;
  return {
    at: (day) => {
      const r = lookup(day, arrangements);
      if (!r.covered) estimated = true;
      return r.working;
    },
    estimated: () => estimated,
  };
}

/**
 * Same as `addWorkingDays`, but a year the package lacks is counted on the town's entered arrangement for it
 * (`arrangements`, from the town settings: exact, not estimated), and a year known to neither counts Monday–Friday
 * with `estimated: true`. The estimate can be wrong either way: unknown holidays counted as working days make it
 * early, but unknown 调休 make-up Saturdays not counted make it LATE (2026-02-24 + 10 wd: true 03-09, estimate
 * 03-10). Statutory clocks store the flag, say so on every page, and are recomputed when the year is entered.
 */
export function addWorkingDaysOrEstimate(date: string, n: number, arrangements: HolidayArrangements): { date: string; estimated: boolean } {
  const t = tolerant(arrangements);
  const result = addWorkingDaysWith(date, n, t.at);
  return { date: result, estimated: t.estimated() };
}

/** Same as `workingDaysBetween`, on the entered arrangements, with Monday–Friday estimates (flagged) for missing years. */
export function workingDaysBetweenOrEstimate(from: string, to: string, arrangements: HolidayArrangements): { days: number; estimated: boolean } {
  const t = tolerant(arrangements);
  const days = countWorkingDaysWith(from, to, t.at);
  return { days, estimated: t.estimated() };
}

/** Minutes since midnight in Beijing at `ms`. */
export function minutesIntoBeijingDay(ms: number): number {
  return Math.floor((ms - startOfBeijingDayMs(beijingDate(ms))) / 60_000);
}
