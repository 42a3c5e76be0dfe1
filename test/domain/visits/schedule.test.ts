import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/core/settings';
import { CLOCK_SKEW_MS } from '../../../src/core/calendar';
import { checkMajorChangeTime, MAJOR_CHANGE_BACKDATE_MAX_MS } from '../../../src/core/visits/major-change';
import {
  frequencyLabel,
  tierFrequencyText,
  majorChange,
  nextVisitDue,
  visitBucket,
  visitBucketBounds,
  VISIT_BUCKETS,
  visitBucketRange,
  dueTomorrowRange,
  visitIntervalFor,
  type VisitScheduleFacts,
} from '../../../src/core/visits/schedule';
import { bj, endOf } from './fixtures';

const S = DEFAULT_SETTINGS;
const general: VisitScheduleFacts = { riskTier: 'general', categories: [], keyHousehold: false };
const LAST = bj('2026-03-01T10:00:00');
const NOW = bj('2026-03-02T09:00:00');

describe('visit interval per tier (RULES §25)', () => {
  test.each([
    ['high', 7, '2026-03-08', '高风险人员每周走访一次'],
    ['priority', 30, '2026-03-31', '重点人员每月走访一次'],
    ['general', 90, '2026-05-30', '一般人员每季度走访一次'],
  ] as const)('%s: every %i days from the last visit, due at the end of that Beijing day', (tier, days, date, reason) => {
    const due = nextVisitDue({ ...general, riskTier: tier }, LAST, S, NOW);
    expect(due).toMatchObject({ dueDate: date, dueAt: endOf(date), basis: 'interval', reason });
    expect(due.interval).toEqual({ days, rule: 'tier', reason });
  });

  test('the intervals are the town settings, not constants', () => {
    const s = mergeSettings({ visitIntervalDays: { high: 5, general: 60 } });
    expect(visitIntervalFor({ ...general, riskTier: 'high' }, s).days).toBe(5);
    expect(visitIntervalFor(general, s).days).toBe(60);
    expect(visitIntervalFor({ ...general, riskTier: 'priority' }, s).days).toBe(30);
  });

  test('dispersed 特困 at least monthly; centralised 特困 follows the tier', () => {
    const dispersed = visitIntervalFor({ ...general, categories: ['tekun'] }, S);
    expect(dispersed).toEqual({ days: 30, rule: 'dispersedTekun', reason: '分散供养特困人员至少每月走访一次' });
    expect(visitIntervalFor({ ...general, categories: ['tekun'], centralisedCare: true }, S)).toMatchObject({ days: 90, rule: 'tier' });
    // A town that visits priority people every 20 days visits dispersed 特困 every 20 days too.
    expect(visitIntervalFor({ ...general, categories: ['tekun'] }, mergeSettings({ visitIntervalDays: { priority: 20 } })).days).toBe(20);
    // Never lowers a higher frequency.
    expect(visitIntervalFor({ ...general, riskTier: 'high', categories: ['tekun'] }, S)).toMatchObject({ days: 7, rule: 'tier' });
  });

  test('key household takes the higher frequency: at least monthly', () => {
    expect(visitIntervalFor({ ...general, keyHousehold: true }, S)).toEqual({ days: 30, rule: 'keyHousehold', reason: '重点户至少每月走访一次' });
    expect(visitIntervalFor({ ...general, riskTier: 'high', keyHousehold: true }, S)).toMatchObject({ days: 7, rule: 'tier' });
    expect(nextVisitDue({ ...general, keyHousehold: true }, LAST, S, NOW).dueDate).toBe('2026-03-31');
  });

  test('独居 and 空巢 elderly are visited monthly (national target)', () => {
    expect(visitIntervalFor({ ...general, categories: ['aloneElderly'] }, S)).toMatchObject({ days: 30, rule: 'specialDifficultyElderly' });
    expect(visitIntervalFor({ ...general, categories: ['emptyNestElderly'] }, S)).toMatchObject({ days: 30, rule: 'specialDifficultyElderly' });
    expect(visitIntervalFor({ ...general, categories: ['leftBehindChild'] }, S)).toMatchObject({ days: 90, rule: 'tier' });
  });

  test('a follow-up plan may set a higher frequency', () => {
    expect(visitIntervalFor({ ...general, followUpIntervalDays: 14 }, S)).toEqual({ days: 14, rule: 'followUpPlan', reason: '跟踪帮扶计划每两周走访一次' });
    expect(visitIntervalFor({ ...general, riskTier: 'high', followUpIntervalDays: 14 }, S)).toMatchObject({ days: 7, rule: 'tier' });
  });

  test('frequency labels', () => {
    expect([7, 14, 30, 90, 180, 365, 45].map(frequencyLabel)).toEqual(['每周', '每两周', '每月', '每季度', '每半年', '每年', '每45天']);
  });
});

describe('nextVisitDue', () => {
  test('never visited: the first visit is planned from the roster entry', () => {
    const created = bj('2026-02-20T15:00:00');
    const due = nextVisitDue({ ...general, riskTier: 'high', createdAt: created }, null, S, NOW);
    expect(due).toMatchObject({ dueDate: '2026-02-27', basis: 'firstVisit', reason: '尚未走访过；高风险人员每周走访一次' });
    // …or from now when the roster entry time is unknown.
    expect(nextVisitDue({ ...general, riskTier: 'high' }, null, S, NOW).dueDate).toBe('2026-03-09');
  });

  test('days count on Beijing dates: a visit at 00:30 Beijing is the next day even though UTC still says the day before', () => {
    const late = bj('2026-03-01T23:30:00');
    const afterMidnight = bj('2026-03-02T00:30:00');
    expect(new Date(afterMidnight).getUTCDate()).toBe(1);
    const high = { ...general, riskTier: 'high' as const };
    expect(nextVisitDue(high, late, S, NOW).dueDate).toBe('2026-03-08');
    expect(nextVisitDue(high, afterMidnight, S, NOW).dueDate).toBe('2026-03-09');
  });

  test('a major change makes a visit due within 24 h (elapsed hours, not the end of a day)', () => {
    const at = bj('2026-03-05T10:15:00');
    expect(majorChange('hospitalised', at, S)).toEqual({ kind: 'hospitalised', at, dueAt: bj('2026-03-06T10:15:00'), reason: '住院，须在24小时内走访' });
    const due = nextVisitDue({ ...general, majorChanges: [{ kind: 'deathInFamily', at }] }, LAST, S, bj('2026-03-05T11:00:00'));
    expect(due).toMatchObject({ dueAt: bj('2026-03-06T10:15:00'), dueDate: '2026-03-06', basis: 'majorChange', reason: '家庭成员去世，须在24小时内走访' });
    expect(due.majorChange).toMatchObject({ kind: 'deathInFamily' });
    expect(due.interval.days).toBe(90);
  });

  test.each(['hospitalised', 'deathInFamily', 'disaster', 'lostIncome'] as const)('every major change kind forces the visit: %s', (kind) => {
    const at = bj('2026-03-05T10:00:00');
    expect(nextVisitDue({ ...general, majorChanges: [{ kind, at }] }, LAST, S, at).dueAt).toBe(at + 24 * 3_600_000);
  });

  test('the hours are a town setting', () => {
    const at = bj('2026-03-05T10:00:00');
    expect(majorChange('disaster', at, mergeSettings({ majorChangeVisitHours: 12 })).dueAt).toBe(bj('2026-03-05T22:00:00'));
  });

  test('a major change before the last visit is covered by it; the earliest pending change wins', () => {
    const before = { kind: 'disaster' as const, at: LAST - 3_600_000 };
    expect(nextVisitDue({ ...general, majorChanges: [before] }, LAST, S, NOW).basis).toBe('interval');
    const a = { kind: 'lostIncome' as const, at: bj('2026-03-07T08:00:00') };
    const b = { kind: 'hospitalised' as const, at: bj('2026-03-06T20:00:00') };
    expect(nextVisitDue({ ...general, majorChanges: [before, a, b] }, LAST, S, NOW)).toMatchObject({ dueAt: bj('2026-03-07T20:00:00'), majorChange: { kind: 'hospitalised' } });
  });

  test('the interval wins when it is due earlier than the major change', () => {
    const high = { ...general, riskTier: 'high' as const, majorChanges: [{ kind: 'disaster' as const, at: bj('2026-03-08T12:00:00') }] };
    expect(nextVisitDue(high, LAST, S, NOW)).toMatchObject({ dueDate: '2026-03-08', dueAt: endOf('2026-03-08'), basis: 'interval' });
  });

  test('re-planning: a tier change takes effect at once, counted from the last visit (possibly already overdue)', () => {
    const now = bj('2026-03-20T09:00:00');
    const before = nextVisitDue(general, LAST, S, now);
    expect(before.dueDate).toBe('2026-05-30');
    expect(visitBucket(before.dueAt, now)).toBe('later');
    const raised = nextVisitDue({ ...general, riskTier: 'high' }, LAST, S, now);
    expect(raised.dueDate).toBe('2026-03-08');
    expect(visitBucket(raised.dueAt, now)).toBe('overdue');
    const lowered = nextVisitDue({ ...general, riskTier: 'priority' }, LAST, S, now);
    expect(lowered.dueDate).toBe('2026-03-31');
  });

  test('re-planning: setting the key-household flag, or a pending major change, whichever is earlier', () => {
    const now = bj('2026-03-20T09:00:00');
    const change = { kind: 'hospitalised' as const, at: bj('2026-03-19T18:00:00') };
    expect(nextVisitDue({ ...general, keyHousehold: true }, LAST, S, now).dueDate).toBe('2026-03-31');
    expect(nextVisitDue({ ...general, keyHousehold: true, majorChanges: [change] }, LAST, S, now)).toMatchObject({
      dueAt: bj('2026-03-20T18:00:00'),
      basis: 'majorChange',
    });
    expect(nextVisitDue({ ...general, riskTier: 'high', majorChanges: [change] }, LAST, S, now)).toMatchObject({ dueDate: '2026-03-08', basis: 'interval' });
  });
});

describe('visitBucket on Beijing dates (the machine runs in UTC)', () => {
  // Wednesday 11 March 2026, one second before Beijing midnight (15:59:59 UTC, still the 11th in UTC too).
  const lateWed = bj('2026-03-11T23:59:59');

  test('just before Beijing midnight: something due at 00:30 Beijing is tomorrow, though UTC calls it the same day', () => {
    const due = bj('2026-03-12T00:30:00');
    expect(new Date(due).getUTCDate()).toBe(11);
    expect(visitBucket(due, lateWed)).toBe('nextSevenDays');
    expect(visitBucket(endOf('2026-03-11'), lateWed)).toBe('today');
    expect(visitBucket(bj('2026-03-11T23:00:00'), lateWed)).toBe('overdue');
  });

  test('just after Beijing midnight (16:00 UTC of the previous UTC day): yesterday’s end-of-day due is overdue', () => {
    const earlyThu = bj('2026-03-12T00:00:01');
    expect(new Date(earlyThu).getUTCDate()).toBe(11);
    expect(visitBucket(endOf('2026-03-11'), earlyThu)).toBe('overdue');
    expect(visitBucket(endOf('2026-03-12'), earlyThu)).toBe('today');
  });

  test('a due instant equal to now is not yet overdue', () => {
    expect(visitBucket(lateWed, lateWed)).toBe('today');
    expect(visitBucket(lateWed - 1, lateWed)).toBe('overdue');
  });

  test('the next 7 days run from tomorrow through the 7th day, whatever the weekday; then later (issue 15)', () => {
    expect(visitBucket(endOf('2026-03-18'), lateWed)).toBe('nextSevenDays');
    expect(visitBucket(bj('2026-03-19T00:00:00'), lateWed)).toBe('later');
    // On a Sunday, a visit due next week (after a tier change: in 7 days) is in a list, not in none.
    const sunday = bj('2026-03-15T10:00:00');
    expect(visitBucket(endOf('2026-03-15'), sunday)).toBe('today');
    expect(visitBucket(endOf('2026-03-16'), sunday)).toBe('nextSevenDays');
    expect(visitBucket(endOf('2026-03-22'), sunday)).toBe('nextSevenDays');
    expect(visitBucket(endOf('2026-03-23'), sunday)).toBe('later');
    const monday = bj('2026-03-16T08:00:00');
    expect(visitBucket(endOf('2026-03-23'), monday)).toBe('nextSevenDays');
    expect(visitBucket(endOf('2026-03-15'), monday)).toBe('overdue');
  });

  test('every due instant is in exactly one bucket range', () => {
    const now = bj('2026-03-15T10:00:00');
    const inRange = (r: { gte?: number; lt?: number }, t: number) => (r.gte === undefined || t >= r.gte) && (r.lt === undefined || t < r.lt);
    for (let t = now - 3 * 86_400_000; t < now + 40 * 86_400_000; t += 3_600_000) {
      const holding = VISIT_BUCKETS.filter((b) => inRange(visitBucketRange(b, now), t));
      expect(holding).toEqual([visitBucket(t, now)]);
    }
  });

  test('bounds for range queries', () => {
    expect(visitBucketBounds(lateWed)).toEqual({
      overdueBefore: lateWed,
      tomorrowStart: bj('2026-03-12T00:00:00'),
      laterStart: bj('2026-03-19T00:00:00'),
    });
    expect(visitBucketBounds(bj('2026-03-15T23:59:59')).laterStart).toBe(bj('2026-03-23T00:00:00'));
    expect(visitBucketRange('overdue', lateWed)).toEqual({ lt: lateWed });
    expect(visitBucketRange('today', lateWed)).toEqual({ gte: lateWed, lt: bj('2026-03-12T00:00:00') });
    expect(visitBucketRange('nextSevenDays', lateWed)).toEqual({ gte: bj('2026-03-12T00:00:00'), lt: bj('2026-03-19T00:00:00') });
    expect(visitBucketRange('later', lateWed)).toEqual({ gte: bj('2026-03-19T00:00:00') });
  });

  test('the digest’s tomorrow is the next Beijing day, whatever the hour', () => {
    expect(dueTomorrowRange(lateWed)).toEqual({ gte: bj('2026-03-12T00:00:00'), lt: bj('2026-03-13T00:00:00') });
    expect(dueTomorrowRange(bj('2026-03-11T00:00:00'))).toEqual({ gte: bj('2026-03-12T00:00:00'), lt: bj('2026-03-13T00:00:00') });
  });
});

describe('when a reported major change happened', () => {
  const now = bj('2026-03-11T10:00:00');
  test('now or earlier, up to five years back; a few minutes ahead is clock drift', () => {
    expect(checkMajorChangeTime(now, now)).toEqual({ ok: true, data: now });
    expect(checkMajorChangeTime(now + CLOCK_SKEW_MS, now).ok).toBe(true);
    expect(checkMajorChangeTime(now - MAJOR_CHANGE_BACKDATE_MAX_MS, now).ok).toBe(true);
  });
  test('later than now, or further back, is refused', () => {
    expect(checkMajorChangeTime(now + CLOCK_SKEW_MS + 1, now)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '发生时间不正确' } });
    expect(checkMajorChangeTime(now - MAJOR_CHANGE_BACKDATE_MAX_MS - 1, now)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });
});

test('each tier’s frequency, in words, from the town’s intervals', () => {
  expect(tierFrequencyText(DEFAULT_SETTINGS)).toBe('高风险每周走访，重点每月，一般每季度');
  expect(tierFrequencyText(mergeSettings({ visitIntervalDays: { high: 14, priority: 30, general: 180 } }))).toBe('高风险每两周走访，重点每月，一般每半年');
});
