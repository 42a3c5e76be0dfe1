// Calendar months on Beijing dates, for rules stated in months (re-checks, 渐退, validity periods).
import { beijingDate, endOfBeijingDayMs, fromEpochDay, toEpochDay } from '../calendar';

/**
 * 'YYYY-MM-DD' plus n calendar months; a day that does not exist in the target month becomes its last day
 * (31 Aug + 6 months = 28 Feb, or 29 Feb in a leap year). n may be negative.
 */
export function addMonths(date: string, n: number): string {
  toEpochDay(date); // validates
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12; // 0-based
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromEpochDay(Math.round(Date.UTC(ty, tm, Math.min(d, lastDay)) / 86_400_000));
}

/** The instant n months after `ms`, as the end of that Beijing day: "within 3 months of D" ends there. */
export function monthsLaterEndMs(ms: number, n: number): { date: string; endMs: number } {
  const date = addMonths(beijingDate(ms), n);
  return { date, endMs: endOfBeijingDayMs(date) };
}
