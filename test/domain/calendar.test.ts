import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isWorkday } from 'chinese-days';
import fc from 'fast-check';
import {
  addDays,
  addHours,
  addWorkingDays,
  addWorkingDaysOrEstimate,
  ageOn,
  beijingDate,
  calendarCovers,
  calendarDataYears,
  CalendarOutOfRange,
  dayInfo,
  dayOfWeek,
  endOfBeijingDayMs,
  fromEpochDay,
  isWorkingDay,
  startOfBeijingDayMs,
  toEpochDay,
  workingDaysBetween,
  workingDaysBetweenOrEstimate,
} from '../../src/core/calendar';
import { AppFailure } from '../../src/core/errors';

describe('chinese-days facts the product relies on', () => {
  test('2025 国庆+中秋: 1–8 Oct off; Sun 28 Sep and Sat 11 Oct are make-up working days', () => {
    for (let d = 1; d <= 8; d++) expect(isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(dayOfWeek('2025-09-28')).toBe(0);
    expect(dayOfWeek('2025-10-11')).toBe(6);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false);
    expect(dayInfo('2025-10-11')).toEqual({ date: '2025-10-11', working: true, kind: 'makeup', holidayName: '国庆节', estimated: false });
    expect(dayInfo('2025-10-03')).toMatchObject({ working: false, kind: 'holiday', holidayName: '国庆节' });
    expect(dayInfo('2025-10-04')).toMatchObject({ working: false, kind: 'holiday' });
    expect(dayInfo('2025-10-09')).toEqual({ date: '2025-10-09', working: true, kind: 'workday', estimated: false });
  });

  test('2026 春节: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are make-up working days', () => {
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(dayInfo('2026-02-28').kind).toBe('makeup');
    expect(dayInfo('2026-02-18').holidayName).toBe('春节');
  });

  test('2026 国庆: 1–7 Oct off; Sun 20 Sep and Sat 10 Oct are make-up working days; 中秋 25–27 Sep off', () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-09-25')).toBe(false);
    expect(dayInfo('2026-09-25').holidayName).toBe('中秋');
  });

  test('the installed package covers 2004 through at least 2026', () => {
    const years = calendarDataYears();
    expect(years.first).toBe(2004);
    expect(years.last).toBeGreaterThanOrEqual(2026);
  });

  test('agrees with chinese-days isWorkday on every day 2004–2026 (the package is right in UTC and UTC+8)', () => {
    let mismatches = 0;
    for (let day = toEpochDay('2004-01-01'); day <= toEpochDay('2026-12-31'); day++) {
      const date = fromEpochDay(day);
      if (isWorkingDay(date) !== isWorkday(date)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  // The package reads local Date fields, so its own weekday rule is a day off west of UTC. Jest sandboxes
  // process.env, so each zone runs in a child process.
  test.each([
    ['UTC', 0],
    ['Asia/Shanghai', -480],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
  ])('gives the same answers whatever the process time zone (%s)', (tz, offsetMinutes) => {
    const script = `
      const cal = require(${JSON.stringify(join(__dirname, '../../src/core/calendar.ts'))});
      console.log(JSON.stringify({
        offset: new Date(Date.UTC(2025, 0, 15)).getTimezoneOffset(),
        a: cal.addWorkingDays('2025-09-26', 10),
        b: cal.addWorkingDays('2025-12-31', 1),
        c: [cal.isWorkingDay('2026-02-28'), cal.isWorkingDay('2026-02-27'), cal.isWorkingDay('2026-03-01')],
        d: cal.dayInfo('2025-10-11').kind,
        e: cal.beijingDate(Date.UTC(2025, 8, 30, 16)),
        f: cal.workingDaysBetween('2004-01-01', '2026-12-31'),
      }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
      cwd: join(__dirname, '../..'),
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      offset: offsetMinutes,
      a: '2025-10-16',
      b: '2026-01-04',
      c: [true, true, false],
      d: 'makeup',
      e: '2025-10-01',
      f: workingDaysBetween('2004-01-01', '2026-12-31'),
    });
  }, 30_000);
});

describe('addWorkingDays', () => {
  test('a 10-wd clock started before 国庆 2025 crosses it (plain weekdays would say 10 Oct)', () => {
    // Fri 26 Sep → 28 Sep(1, 补班) 29(2) 30(3) | 1–8 Oct off | 9(4) 10(5) 11(6, 补班) 13(7) 14(8) 15(9) 16(10)
    expect(addWorkingDays('2025-09-26', 10)).toBe('2025-10-16');
    expect(addWorkingDays('2025-09-30', 3)).toBe('2025-10-11'); // a make-up Saturday is a working day
  });

  test('a 30-wd 低保 procedure accepted mid-September 2026 crosses 中秋 and 国庆', () => {
    expect(addWorkingDays('2026-09-15', 30)).toBe('2026-11-02');
  });

  test('crossing 春节 2026', () => {
    // Thu 12 Feb → 13(1) 14(2, 补班) | 15–23 off | 24(3) 25(4) 26(5) 27(6) 28(7, 补班) 2 Mar(8) 3(9) 4(10)
    expect(addWorkingDays('2026-02-12', 10)).toBe('2026-03-04');
    expect(addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
  });

  test('across the year boundary: 元旦 2026 (1–3 Jan off, Sun 4 Jan 补班)', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(addWorkingDays('2025-12-30', 3)).toBe('2026-01-05');
  });

  test('n = 0 is the day itself when working, else the next working day', () => {
    expect(addWorkingDays('2025-09-30', 0)).toBe('2025-09-30');
    expect(addWorkingDays('2025-09-28', 0)).toBe('2025-09-28');
    expect(addWorkingDays('2025-10-01', 0)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-04', 0)).toBe('2025-10-09');
  });

  test('rejects negative or fractional n and malformed dates', () => {
    expect(() => addWorkingDays('2025-09-30', -1)).toThrow(AppFailure);
    expect(() => addWorkingDays('2025-09-30', 1.5)).toThrow(AppFailure);
    expect(() => addWorkingDays('2025-9-30', 1)).toThrow(AppFailure);
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(AppFailure);
  });

  test('property: the result is a working day and lies exactly n working days after the start', () => {
    const start = toEpochDay('2004-01-01');
    const end = toEpochDay('2026-10-31');
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), fc.integer({ min: 1, max: 40 }), (day, n) => {
        const from = fromEpochDay(day);
        const due = addWorkingDays(from, n);
        expect(isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(from, due)).toBe(n);
        expect(workingDaysBetween(from, addDays(due, -1))).toBe(n - 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('workingDaysBetween', () => {
  test('counts working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2025-09-26', '2025-10-16')).toBe(10);
    expect(workingDaysBetween('2025-10-01', '2025-10-08')).toBe(0);
    expect(workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(workingDaysBetween('2026-02-13', '2026-02-14')).toBe(1);
  });

  test('zero for the same day, negative when `to` is earlier', () => {
    expect(workingDaysBetween('2025-10-16', '2025-10-16')).toBe(0);
    expect(workingDaysBetween('2025-10-16', '2025-09-26')).toBe(-10);
    expect(workingDaysBetween('2025-10-08', '2025-10-01')).toBe(0);
  });
});

describe('Beijing time', () => {
  test('beijingDate uses UTC+8 regardless of the machine zone', () => {
    expect(beijingDate(Date.UTC(2025, 8, 30, 15, 59, 59, 999))).toBe('2025-09-30');
    expect(beijingDate(Date.UTC(2025, 8, 30, 16, 0, 0, 0))).toBe('2025-10-01');
    expect(beijingDate(Date.UTC(2025, 11, 31, 16))).toBe('2026-01-01');
  });

  test('start and end of a Beijing day', () => {
    expect(startOfBeijingDayMs('2025-10-16')).toBe(Date.UTC(2025, 9, 15, 16));
    expect(endOfBeijingDayMs('2025-10-16')).toBe(Date.UTC(2025, 9, 16, 15, 59, 59, 999));
    expect(beijingDate(endOfBeijingDayMs('2025-10-16'))).toBe('2025-10-16');
    expect(beijingDate(endOfBeijingDayMs('2025-10-16') + 1)).toBe('2025-10-17');
  });

  test('addHours is elapsed time', () => {
    const t = Date.UTC(2025, 8, 30, 10);
    expect(addHours(t, 48)).toBe(Date.UTC(2025, 9, 2, 10));
    expect(beijingDate(addHours(t, 48))).toBe('2025-10-02');
  });

  test('calendar-day helpers', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-28')).toBe(0);
    expect(ageOn('1946-10-01', '2026-09-30')).toBe(79);
    expect(ageOn('1946-10-01', '2026-10-01')).toBe(80);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
  });
});

describe('dates outside the package data are never silently plain weekdays', () => {
  // 2099 and 2003 stay outside the data whatever future package version is installed.
  test('strict functions throw a coded CalendarOutOfRange', () => {
    expect(calendarCovers('2099-06-01')).toBe(false);
    expect(calendarCovers('2003-10-01')).toBe(false);
    expect(calendarCovers('2026-10-01')).toBe(true);
    let caught: unknown;
    try {
      isWorkingDay('2099-06-01');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CalendarOutOfRange);
    expect(caught).toBeInstanceOf(AppFailure);
    expect((caught as AppFailure).error.details).toEqual({ reason: 'CALENDAR.OUT_OF_RANGE', date: '2099-06-01' });
    expect((caught as AppFailure).error.message).toContain('2099');
    expect(() => isWorkingDay('2003-10-01')).toThrow(CalendarOutOfRange);
    expect(() => addWorkingDays('2098-12-24', 10)).toThrow(CalendarOutOfRange);
    expect(() => workingDaysBetween('2003-12-20', '2004-01-10')).toThrow(CalendarOutOfRange);
  });

  test('a clock that runs past the last data year throws when strict and is flagged when estimated', () => {
    const { last } = calendarDataYears();
    const lateDecember = `${last}-12-24`;
    expect(() => addWorkingDays(lateDecember, 10)).toThrow(CalendarOutOfRange);
    const estimate = addWorkingDaysOrEstimate(lateDecember, 10, []);
    expect(estimate.estimated).toBe(true);
    expect(estimate.date > `${last}-12-31`).toBe(true);
  });

  test('estimates count Monday–Friday and carry the flag; inside the data the flag is false', () => {
    // Wed 2098-12-24 (no data): 25 Thu(1) 26 Fri(2) 29(3) 30(4) 31(5) 1 Jan 2099 Thu(6) 2(7) 5(8) 6(9) 7(10)
    expect(addWorkingDaysOrEstimate('2098-12-24', 10, [])).toEqual({ date: '2099-01-07', estimated: true });
    expect(addWorkingDaysOrEstimate('2025-09-26', 10, [])).toEqual({ date: '2025-10-16', estimated: false });
    expect(workingDaysBetweenOrEstimate('2098-12-24', '2099-01-07', [])).toEqual({ days: 10, estimated: true });
    expect(workingDaysBetweenOrEstimate('2025-09-26', '2025-10-16', [])).toEqual({ days: 10, estimated: false });
    expect(dayInfo('2099-06-01')).toEqual({ date: '2099-06-01', working: true, kind: 'workday', estimated: true });
    expect(dayInfo('2099-06-06')).toMatchObject({ working: false, kind: 'weekend', estimated: true });
  });
});
