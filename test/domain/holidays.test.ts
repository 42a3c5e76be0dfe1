// RULES §34: a year's holiday arrangement entered by the town — working days counted on it (exact, not estimated),
// its checks, the words shown while a year is unknown, and open clocks recomputed on it.
import { addWorkingDaysOrEstimate, dayInfo, workingDaysBetweenOrEstimate } from '../../src/core/calendar';
import { recomputeCaseClocks, startClock } from '../../src/core/cases';
import { arrangementSummary, estimatedDateNote, holidayArrangementSchema, holidayArrangementsSchema, withArrangement, type HolidayArrangement } from '../../src/core/holidays';
import { mergeSettings } from '../../src/core/settings';
import { bj, receivedApplication } from './cases/fixtures';

// A 2027 arrangement for the tests (the package 1.5.7 stops at 2026): 元旦 Fri 1 – Sun 3 Jan; 春节 Sat 6 – Sat 13 Feb;
// make-up working Saturdays 9 Jan and 20 Feb.
export const ARRANGEMENT_2027: HolidayArrangement = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-13' },
  ],
  makeupDays: ['2027-01-09', '2027-02-20'],
};
const entered = [ARRANGEMENT_2027];

describe('working days on an entered arrangement', () => {
  test('a holiday does not count, and the result is exact, not estimated', () => {
    // Thu 24 Dec 2026 + 10 wd: 25, 28–31 Dec (5), 1–3 Jan off, 4–8 Jan (10).
    expect(addWorkingDaysOrEstimate('2026-12-24', 10, entered)).toEqual({ date: '2027-01-08', estimated: false });
    // Unknown, 1 Jan counts as a working Friday: a day early, and flagged.
    expect(addWorkingDaysOrEstimate('2026-12-24', 10, [])).toEqual({ date: '2027-01-07', estimated: true });
    expect(dayInfo('2027-02-10', entered)).toMatchObject({ working: false, kind: 'holiday', holidayName: '春节', estimated: false });
  });

  test('a make-up Saturday counts: the estimate without it comes out LATER than the true date', () => {
    // Mon 4 Jan + 5 wd: 5–8 Jan (4), Sat 9 Jan 调休上班 (5).
    expect(addWorkingDaysOrEstimate('2027-01-04', 5, entered)).toEqual({ date: '2027-01-09', estimated: false });
    expect(addWorkingDaysOrEstimate('2027-01-04', 5, [])).toEqual({ date: '2027-01-11', estimated: true });
    expect(workingDaysBetweenOrEstimate('2027-01-08', '2027-01-11', entered)).toEqual({ days: 2, estimated: false });
    expect(dayInfo('2027-01-09', entered)).toMatchObject({ working: true, kind: 'makeup', estimated: false });
    // Across the 春节 week: Fri 5 Feb + 2 wd → Mon 15 Feb, Tue 16 Feb.
    expect(addWorkingDaysOrEstimate('2027-02-05', 2, entered).date).toBe('2027-02-16');
  });

  test('a year still unknown stays estimated even with another year entered', () => {
    expect(addWorkingDaysOrEstimate('2027-12-28', 5, entered).estimated).toBe(true);
  });
});

describe('checks on an arrangement', () => {
  const messages = (a: unknown) => {
    const r = holidayArrangementSchema.safeParse(a);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  test('the published arrangement passes; its summary is what the admin confirms', () => {
    expect(messages(ARRANGEMENT_2027)).toEqual([]);
    expect(arrangementSummary(ARRANGEMENT_2027)).toBe('2027年：法定假日11天，调休上班2天');
  });

  test('dates outside the year, reversed or overlapping ranges, an over-long range are refused', () => {
    expect(messages({ ...ARRANGEMENT_2027, holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }] })).toEqual(['元旦的日期应在2027年内']);
    expect(messages({ ...ARRANGEMENT_2027, holidays: [{ name: '元旦', from: '2027-01-03', to: '2027-01-01' }] })).toEqual(['元旦的结束日期早于开始日期']);
    expect(messages({ ...ARRANGEMENT_2027, holidays: [...ARRANGEMENT_2027.holidays, { name: '重复', from: '2027-02-13', to: '2027-02-13' }] })).toEqual([
      '重复与其他假日的日期重叠（2027-02-13）',
    ]);
    expect(messages({ ...ARRANGEMENT_2027, holidays: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-20' }], makeupDays: [] })).toEqual([
      '国庆节放假20天，超过12天，请核对',
    ]);
    expect(messages({ ...ARRANGEMENT_2027, holidays: [] })).toEqual(['至少填写一个法定假日（元旦）']);
  });

  test('a make-up day must be a weekend day of the year, outside the holidays, once', () => {
    expect(messages({ ...ARRANGEMENT_2027, makeupDays: ['2027-01-04'] })).toEqual(['调休上班日2027-01-04不是周末']);
    expect(messages({ ...ARRANGEMENT_2027, makeupDays: ['2027-02-06'] })).toEqual(['调休上班日2027-02-06在假日之内']);
    expect(messages({ ...ARRANGEMENT_2027, makeupDays: ['2026-12-26'] })).toEqual(['调休上班日2026-12-26应在2027年内']);
    expect(messages({ ...ARRANGEMENT_2027, makeupDays: ['2027-01-09', '2027-01-09'] })).toEqual(['调休上班日2027-01-09重复']);
    expect(messages({ ...ARRANGEMENT_2027, makeupDays: ['2027-02-30'] })).toEqual(['日期格式应为 YYYY-MM-DD']);
  });

  test('one arrangement per year; a new one for a year replaces it; stored invalid lists fall back to none', () => {
    expect(holidayArrangementsSchema.safeParse([ARRANGEMENT_2027, ARRANGEMENT_2027]).success).toBe(false);
    const fixed = { ...ARRANGEMENT_2027, makeupDays: ['2027-01-09'] };
    expect(withArrangement(entered, fixed)).toEqual([fixed]);
    expect(mergeSettings({ holidayArrangements: [{ year: 2027 }] }).holidayArrangements).toEqual([]);
    expect(mergeSettings({ holidayArrangements: entered }).holidayArrangements).toEqual(entered);
  });
});

describe('a date that depends on an unknown year says so', () => {
  test('one sentence, naming the year, only when estimated', () => {
    expect(estimatedDateNote('2027-01-11', true)).toBe('2027年节假日安排未公布，日期可能变动');
    expect(estimatedDateNote('2027-01-11', false)).toBe('');
  });
});

describe('open clocks recomputed on an entered arrangement', () => {
  test('a due date that moves earlier tells the town office; the clock is no longer estimated', () => {
    const c = { ...receivedApplication('dibao', bj('2027-01-04T09:00:00')) };
    c.clock = startClock('investigationStart', { unit: 'workingDays', amount: 5 }, bj('2027-01-04T09:00:00'), []);
    expect(c.clock).toMatchObject({ dueDate: '2027-01-11', estimated: true });
    const r = recomputeCaseClocks(c, entered)!;
    expect(r.next.clock).toMatchObject({ dueDate: '2027-01-09', estimated: false, dueAt: bj('2027-01-09T23:59:59.999') });
    expect(r.moved).toContainEqual({ step: 'investigationStart', from: '2027-01-11', to: '2027-01-09', earlier: true });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'notify', recipient: 'officer', message: 'clockMovedEarlier' }));
    // Done: recomputing again changes nothing.
    expect(recomputeCaseClocks(r.next, entered)).toBeNull();
  });

  test('a due date that moves later is recomputed without a notice', () => {
    const c = { ...receivedApplication('dibao', bj('2026-12-24T09:00:00')) };
    c.clock = startClock('countyDecision', { unit: 'workingDays', amount: 10 }, bj('2026-12-24T09:00:00'), []);
    delete c.procedureClock;
    const r = recomputeCaseClocks(c, entered)!;
    expect(r.moved).toEqual([{ step: 'countyDecision', from: '2027-01-07', to: '2027-01-08', earlier: false }]);
    expect(r.effects).toEqual([]);
  });
});
