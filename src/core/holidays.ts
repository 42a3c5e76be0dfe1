// RULES §34: next year's holiday arrangement (节假日安排), as the State Council publishes it each November/December,
// entered by the town admin for a year the calendar package does not carry yet. Pure: the schema, its checks, the
// summary the admin confirms, and the one sentence every page shows beside a date that still depends on a guess.
import { z } from 'zod';
import { calendarDataYears, dayOfWeek, daysBetween, isValidDate } from './calendar';

// RULES §34: the longest statutory break (春节, 国庆节) is 8–9 days; a longer range is a typing slip.
export const HOLIDAY_RANGE_MAX_DAYS = 12;
export const HOLIDAYS_PER_YEAR_MAX = 20;
export const MAKEUP_DAYS_PER_YEAR_MAX = 20;
/** Years kept: enough for next year and a few back, and bounded like every stored list. */
export const ARRANGEMENT_YEARS_MAX = 10;
export const ARRANGEMENT_YEAR_MIN = 2020;
export const ARRANGEMENT_YEAR_MAX = 2100;

const date = z.string().max(10).refine(isValidDate, '日期格式应为 YYYY-MM-DD');

export const holidayRangeSchema = z.object({
  name: z.string().trim().min(1, '请填写节日名称').max(20),
  from: date,
  to: date,
});
export type HolidayRange = z.infer<typeof holidayRangeSchema>;

/** One year's arrangement: the days off (ranges, weekends inside them included) and the 调休 make-up working days. */
export const holidayArrangementSchema = z
  .object({
    year: z.number().int().min(ARRANGEMENT_YEAR_MIN).max(ARRANGEMENT_YEAR_MAX),
    holidays: z.array(holidayRangeSchema).min(1, '至少填写一个法定假日（元旦）').max(HOLIDAYS_PER_YEAR_MAX),
    makeupDays: z.array(date).max(MAKEUP_DAYS_PER_YEAR_MAX),
  })
  .superRefine((a, ctx) => {
    const prefix = `${a.year}-`;
    const off = new Set<string>();
    a.holidays.forEach((h, i) => {
      const at = ['holidays', i];
      if (!isValidDate(h.from) || !isValidDate(h.to)) return; // refused above, by the date's own check
      if (!h.from.startsWith(prefix) || !h.to.startsWith(prefix)) {
        ctx.addIssue({ code: 'custom', path: at, message: `${h.name}的日期应在${a.year}年内` });
        return;
      }
      const span = daysBetween(h.from, h.to);
      if (span < 0) return void ctx.addIssue({ code: 'custom', path: at, message: `${h.name}的结束日期早于开始日期` });
      if (span + 1 > HOLIDAY_RANGE_MAX_DAYS) {
        return void ctx.addIssue({ code: 'custom', path: at, message: `${h.name}放假${span + 1}天，超过${HOLIDAY_RANGE_MAX_DAYS}天，请核对` });
      }
      for (const d of datesOf(h)) {
        if (off.has(d)) return void ctx.addIssue({ code: 'custom', path: at, message: `${h.name}与其他假日的日期重叠（${d}）` });
        off.add(d);
      }
    });
    const seen = new Set<string>();
    a.makeupDays.forEach((d, i) => {
      const at = ['makeupDays', i];
      if (!isValidDate(d)) return;
      if (!d.startsWith(prefix)) return void ctx.addIssue({ code: 'custom', path: at, message: `调休上班日${d}应在${a.year}年内` });
      const weekday = dayOfWeek(d);
      if (weekday !== 0 && weekday !== 6) return void ctx.addIssue({ code: 'custom', path: at, message: `调休上班日${d}不是周末` });
      if (off.has(d)) return void ctx.addIssue({ code: 'custom', path: at, message: `调休上班日${d}在假日之内` });
      if (seen.has(d)) return void ctx.addIssue({ code: 'custom', path: at, message: `调休上班日${d}重复` });
      seen.add(d);
    });
  });
export type HolidayArrangement = z.infer<typeof holidayArrangementSchema>;

/** The entered years, one arrangement each. */
export const holidayArrangementsSchema = z
  .array(holidayArrangementSchema)
  .max(ARRANGEMENT_YEARS_MAX)
  .refine((list) => new Set(list.map((a) => a.year)).size === list.length, '同一年份只能有一份节假日安排');
export type HolidayArrangements = readonly HolidayArrangement[];

/** Every date of a holiday range, in order. */
export function datesOf(h: Pick<HolidayRange, 'from' | 'to'>): string[] {
  const out: string[] = [];
  const n = daysBetween(h.from, h.to);
  for (let i = 0; i <= n; i++) out.push(addDaysTo(h.from, i));
  return out;
}

function addDaysTo(from: string, n: number): string {
  const d = new Date(Date.parse(`${from}T00:00:00Z`) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** "2027年：法定假日X天，调休上班Y天" — what the admin confirms before saving. */
export function arrangementSummary(a: Pick<HolidayArrangement, 'year' | 'holidays' | 'makeupDays'>): string {
  const off = new Set(a.holidays.flatMap((h) => (isValidDate(h.from) && isValidDate(h.to) && h.from <= h.to ? datesOf(h) : [])));
  return `${a.year}年：法定假日${off.size}天，调休上班${new Set(a.makeupDays).size}天`;
}

/** The entered arrangement of a year, if any. */
/** RULES §34: the years a town can enter now — the next two after the last the calendar package knows. */
export function enterableYears(): number[] {
  const { last } = calendarDataYears();
  return [last + 1, last + 2];
}

export function arrangementFor(arrangements: HolidayArrangements, year: number): HolidayArrangement | undefined {
  return arrangements.find((a) => a.year === year);
}

/** The arrangements with `next` in place of its year's (added when new), newest year first, bounded. */
export function withArrangement(arrangements: HolidayArrangements, next: HolidayArrangement): HolidayArrangement[] {
  return [next, ...arrangements.filter((a) => a.year !== next.year)].sort((a, b) => b.year - a.year).slice(0, ARRANGEMENT_YEARS_MAX);
}

/**
 * RULES §34: the words every page shows beside a date counted on a Monday–Friday guess — the year is the date's
 * own (a clock running into an unpublished year is due in it). Empty when the date is exact.
 */
export function estimatedDateNote(date: string | undefined, estimated: boolean): string {
  if (!estimated) return '';
  const year = date && isValidDate(date) ? date.slice(0, 4) : '';
  return year ? `${year}年节假日安排未公布，日期可能变动` : '节假日安排未公布，日期可能变动';
}
