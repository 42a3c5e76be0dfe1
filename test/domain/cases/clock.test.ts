// Step clocks: start (hours / working days), due soon, breach, the idempotent sweep, estimates beyond the calendar.
import { endOfBeijingDayMs, startOfBeijingDayMs } from '../../../src/core/calendar';
import {
  clockLeft,
  clockMet,
  clockStatus,
  nextSweepAt,
  refreshEstimatedClock,
  startClock,
  sweepCase,
  type CaseRecord,
} from '../../../src/core/cases';
import { bj, go, HOUR, officer, proxyApplication, receivedApplication } from './fixtures';

describe('hour clocks', () => {
  test('24 h runs through the night; due soon in the last quarter (6 h); breached after the due instant', () => {
    const start = bj('2025-09-30T20:00:00');
    const c = startClock('acknowledge', { unit: 'hours', amount: 24 }, start, []);
    expect(c).toEqual({ step: 'acknowledge', unit: 'hours', amount: 24, startedAt: start, dueAt: start + 24 * HOUR, dueSoonAt: start + 18 * HOUR, estimated: false });
    expect(clockStatus(c, start)).toBe('ok');
    expect(clockStatus(c, start + 18 * HOUR - 1)).toBe('ok');
    expect(clockStatus(c, start + 18 * HOUR)).toBe('dueSoon');
    expect(clockStatus(c, c.dueAt)).toBe('dueSoon');
    expect(clockStatus(c, c.dueAt + 1)).toBe('breached');
  });

  test('48 h: due soon in the last 12 h', () => {
    const c = startClock('emergencyHelp', { unit: 'hours', amount: 48 }, 0, []);
    expect(c.dueSoonAt).toBe(36 * HOUR);
  });
});

describe('working-day clocks', () => {
  test('5 wd across 2025 国庆: due 10 Oct end of day; due soon from 30 Sep (only 9 and 10 Oct remain)', () => {
    const start = bj('2025-09-26T10:00:00');
    const c = startClock('emergencyPaperwork', { unit: 'workingDays', amount: 5 }, start, []);
    expect(c).toMatchObject({ dueDate: '2025-10-10', dueAt: endOfBeijingDayMs('2025-10-10'), dueSoonAt: startOfBeijingDayMs('2025-09-30'), estimated: false });
    expect(clockStatus(c, bj('2025-09-29T23:59:59'))).toBe('ok');
    expect(clockStatus(c, bj('2025-09-30T00:00:00'))).toBe('dueSoon');
    expect(clockStatus(c, bj('2025-10-05'))).toBe('dueSoon');
    expect(clockStatus(c, bj('2025-10-10T23:59:59'))).toBe('dueSoon');
    expect(clockStatus(c, bj('2025-10-11T00:00:00'))).toBe('breached');
  });

  test('3 wd across 2026 春节: started Thu 12 Feb, due Tue 24 Feb (Sat 14 Feb is worked)', () => {
    const c = startClock('investigationStart', { unit: 'workingDays', amount: 3 }, bj('2026-02-12T16:00:00'), []);
    expect(c).toMatchObject({ dueDate: '2026-02-24', dueSoonAt: startOfBeijingDayMs('2026-02-13'), estimated: false });
    expect(clockStatus(c, bj('2026-02-12T23:00:00'))).toBe('ok');
    expect(clockStatus(c, bj('2026-02-18'))).toBe('dueSoon');
    expect(clockStatus(c, bj('2026-02-25T00:00:00'))).toBe('breached');
  });

  test('a limit running past 2026 is an estimate (Mon–Fri), flagged, and never later than the true date', () => {
    const c = startClock('countyDecision', { unit: 'workingDays', amount: 10 }, bj('2026-12-24'), []);
    // 25 Dec (1), 28–31 Dec (5), then 2027 counted Mon–Fri: 1 Jan (6, really 元旦), 4–7 Jan (10)
    expect(c).toMatchObject({ dueDate: '2027-01-07', estimated: true });
    const inside = startClock('countyDecision', { unit: 'workingDays', amount: 3 }, bj('2026-11-30'), []);
    expect(inside).toMatchObject({ dueDate: '2026-12-03', estimated: false });
  });

  test('refreshing an estimate recomputes it from start and limit (a no-op while the year is still missing)', () => {
    const estimated = startClock('countyDecision', { unit: 'workingDays', amount: 10 }, bj('2026-12-24'), []);
    expect(refreshEstimatedClock(estimated, [])).toBe(estimated);
    const exact = startClock('countyDecision', { unit: 'workingDays', amount: 10 }, bj('2025-09-26'), []);
    expect(refreshEstimatedClock(exact, [])).toBe(exact);
    // A clock stored as an estimate whose year the calendar now carries becomes exact, keeping its marks.
    const stale = { ...exact, dueDate: '2025-10-08', dueAt: endOfBeijingDayMs('2025-10-08'), estimated: true, warnedAt: 5 };
    expect(refreshEstimatedClock(stale, [])).toEqual({ ...exact, warnedAt: 5 });
  });

  test('a stopped clock met its limit when it stopped by the due instant', () => {
    const c = startClock('writtenNotice', { unit: 'workingDays', amount: 3 }, bj('2025-09-29'), []);
    expect(clockMet(c)).toBe(false);
    expect(clockMet({ ...c, stoppedAt: c.dueAt })).toBe(true);
    expect(clockMet({ ...c, stoppedAt: c.dueAt + 1 })).toBe(false);
  });
});

describe('the sweep', () => {
  const acceptedAt = bj('2025-09-26T10:00:00');
  const accepted = (): CaseRecord => go(receivedApplication('dibao', acceptedAt), { type: 'accept' }, officer, acceptedAt);

  test('marks due soon once, then breached once, telling the office each time; a repeat sweep changes nothing', () => {
    const c = accepted(); // investigation start due 30 Sep; procedure due 13 Nov
    expect(sweepCase(c, bj('2025-09-27'), [])).toBeNull();

    const warnedAt = bj('2025-09-28T08:00:00');
    const warned = sweepCase(c, warnedAt, [])!;
    expect(warned.next.clock).toMatchObject({ warnedAt });
    expect(warned.next.clock!.breachedAt).toBeUndefined();
    expect(warned.next.procedureClock!.warnedAt).toBeUndefined();
    expect(warned.next.updatedAt).toBe(warnedAt);
    expect(warned.next.timeline).toEqual(c.timeline);
    expect(warned.effects).toEqual([
      expect.objectContaining({
        type: 'notify',
        recipient: 'officer',
        message: 'clockDueSoon',
        caseId: c._id,
        due: { step: 'investigationStart', dueAt: endOfBeijingDayMs('2025-09-30'), dueDate: '2025-09-30', estimated: false },
      }),
    ]);
    expect(sweepCase(warned.next, warnedAt, [])).toBeNull();
    expect(sweepCase(warned.next, bj('2025-09-30T23:00:00'), [])).toBeNull();

    const breachedAt = bj('2025-10-01T00:05:00');
    const breached = sweepCase(warned.next, breachedAt, [])!;
    expect(breached.next.clock).toMatchObject({ warnedAt, breachedAt });
    expect(breached.effects).toEqual([expect.objectContaining({ message: 'clockBreached', due: expect.objectContaining({ step: 'investigationStart' }) })]);
    expect(sweepCase(breached.next, breachedAt, [])).toBeNull();
    expect(sweepCase(breached.next, bj('2025-10-20'), [])).toBeNull();
  });

  test('nextSweepAt: exactly when the sweep has something to mark, then nothing', () => {
    let c = accepted();
    const first = nextSweepAt(c)!;
    expect(first).toBe(c.clock!.dueSoonAt);
    expect(sweepCase(c, first - 1, [])).toBeNull();
    c = sweepCase(c, first, [])!.next;
    expect(nextSweepAt(c)).toBe(c.clock!.dueAt + 1);
    expect(sweepCase(c, c.clock!.dueAt, [])).toBeNull();
    c = sweepCase(c, c.clock!.dueAt + 1, [])!.next;
    expect(nextSweepAt(c)).toBe(c.procedureClock!.dueSoonAt);
    c = sweepCase(c, c.procedureClock!.dueAt + 1, [])!.next;
    expect(nextSweepAt(c)).toBeUndefined();
    expect(nextSweepAt(proxyApplication('dibao', acceptedAt))).toBeUndefined();
  });

  test('a clock found already breached is marked breached (not warned); both clocks are swept', () => {
    const late = sweepCase(accepted(), bj('2025-11-14'), [])!;
    expect(late.next.clock).toMatchObject({ breachedAt: bj('2025-11-14') });
    expect(late.next.clock!.warnedAt).toBeUndefined();
    expect(late.next.procedureClock).toMatchObject({ breachedAt: bj('2025-11-14') });
    expect(late.effects.map((e) => e.type === 'notify' && [e.message, e.due!.step])).toEqual([
      ['clockBreached', 'investigationStart'],
      ['clockBreached', 'procedure'],
    ]);
  });

  test('the procedure clock warns 2 wd before 13 Nov; a closed case or one without clocks is never swept', () => {
    let c = go(accepted(), { type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '甲' }, { name: '乙' }], formPhotoFileId: 'f' }, officer, acceptedAt);
    expect(sweepCase(c, bj('2025-11-10T23:59:59'), [])).toBeNull();
    expect(sweepCase(c, bj('2025-11-11T00:00:00'), [])!.effects).toEqual([expect.objectContaining({ message: 'clockDueSoon', due: expect.objectContaining({ step: 'procedure' }) })]);
    c = go(c, { type: 'close', reason: '终止' }, officer, acceptedAt);
    expect(sweepCase(c, bj('2026-01-01'), [])).toBeNull();
    expect(sweepCase(proxyApplication('dibao', acceptedAt), bj('2026-01-01'), [])).toBeNull();
  });
});

describe('what is left on a clock', () => {
  test('hours for an hour clock, negative once it has run out', () => {
    const c = startClock('acknowledge', { unit: 'hours', amount: 24 }, 0, []);
    expect(clockLeft(c, 6 * HOUR, [])).toEqual({ unit: 'hours', hours: 18 });
    expect(clockLeft(c, 30 * HOUR, [])).toEqual({ unit: 'hours', hours: -6 });
  });

  test('working days on the official calendar for a working-day clock, overdue after the due instant', () => {
    const c = startClock('emergencyPaperwork', { unit: 'workingDays', amount: 5 }, bj('2025-09-26T10:00:00'), []); // due 10 Oct
    expect(clockLeft(c, bj('2025-09-30T09:00:00'), [])).toEqual({ unit: 'workingDays', days: 2, estimated: false, overdue: false }); // 9, 10 Oct
    expect(clockLeft(c, bj('2025-10-10T12:00:00'), [])).toEqual({ unit: 'workingDays', days: 0, estimated: false, overdue: false });
    expect(clockLeft(c, bj('2025-10-13T09:00:00'), [])).toMatchObject({ unit: 'workingDays', overdue: true });
  });
});
