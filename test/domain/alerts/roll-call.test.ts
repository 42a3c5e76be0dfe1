// 一拉就响 rules: who is on the roll (RULES §24, §26 settings), the marks allowed, the board's arithmetic.
import { escalationDue, escalationFigures, escalationNotices, isEscalatedEntry } from '../../../src/core/alerts/escalation';
import {
  checkMark,
  closingSummary,
  isOnRollCall,
  progressOf,
  raiseAlertInputSchema,
  reachedPercent,
  rollCallCriteria,
  statusesOf,
  summarize,
  unreachedCount,
} from '../../../src/core/alerts/roll-call';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/core/settings';

describe('who is on the roll', () => {
  const criteria = rollCallCriteria(DEFAULT_SETTINGS);
  test('the default categories and key households; not 低保 alone', () => {
    expect(isOnRollCall({ categories: ['aloneElderly'], keyHousehold: false }, criteria)).toBe(true);
    expect(isOnRollCall({ categories: ['leftBehindChild', 'dibao'], keyHousehold: false }, criteria)).toBe(true);
    expect(isOnRollCall({ categories: ['dibao'], keyHousehold: true }, criteria)).toBe(true);
    expect(isOnRollCall({ categories: ['dibao'], keyHousehold: false }, criteria)).toBe(false);
    expect(isOnRollCall({ categories: [], keyHousehold: false }, criteria)).toBe(false);
  });
  test('the town’s setting decides', () => {
    const only = rollCallCriteria(mergeSettings({ alertVulnerable: { categories: ['tekun'], includeKeyHouseholds: false } }));
    expect(isOnRollCall({ categories: ['aloneElderly'], keyHousehold: true }, only)).toBe(false);
    expect(isOnRollCall({ categories: ['tekun'], keyHousehold: false }, only)).toBe(true);
  });
});

describe('raising', () => {
  const valid = { requestId: 'req-alert-0001', reason: 'typhoon', villageIds: ['v01'], deadlineHours: 6, instructions: '台风登陆前确认转移' };
  test('reason from the list, at least one village, a deadline in hours, instructions of at most 150 characters', () => {
    expect(raiseAlertInputSchema.safeParse(valid).success).toBe(true);
    expect(raiseAlertInputSchema.safeParse({ ...valid, instructions: '字'.repeat(150) }).success).toBe(true);
    expect(raiseAlertInputSchema.safeParse({ ...valid, instructions: '字'.repeat(151) }).success).toBe(false);
    expect(raiseAlertInputSchema.safeParse({ ...valid, instructions: '   ' }).success).toBe(false);
    expect(raiseAlertInputSchema.safeParse({ ...valid, reason: 'earthquake' }).success).toBe(false);
    expect(raiseAlertInputSchema.safeParse({ ...valid, villageIds: [] }).success).toBe(false);
    expect(raiseAlertInputSchema.safeParse({ ...valid, villageIds: ['v01', 'v01'] }).success).toBe(false);
    expect(raiseAlertInputSchema.safeParse({ ...valid, deadlineHours: 0 }).success).toBe(false);
    expect(raiseAlertInputSchema.safeParse({ ...valid, deadlineHours: 1.5 }).success).toBe(false);
  });
});

describe('marks', () => {
  test('pending, safe and unreachable may become anything; needs-help stays (its case is open)', () => {
    expect(checkMark('pending', 'safe').ok).toBe(true);
    expect(checkMark('unreachable', 'safe').ok).toBe(true);
    expect(checkMark('safe', 'needsHelp').ok).toBe(true);
    expect(checkMark('needsHelp', 'needsHelp').ok).toBe(true);
    expect(checkMark('needsHelp', 'safe')).toMatchObject({ ok: false, error: { code: 'ALERT.ALREADY_NEEDS_HELP' } });
    expect(checkMark('needsHelp', 'unreachable').ok).toBe(false);
  });
});

describe('the board', () => {
  const tally = (villageId: string, gridId: string, c: { total: number; pending: number; safe: number; needsHelp: number; unreachable: number }) => ({ villageId, gridId, ...c });
  test('sums grids into villages and the town; reached = safe + needs help', () => {
    const { overall, villages } = summarize([
      tally('v02', 'g02-01', { total: 4, pending: 1, safe: 2, needsHelp: 0, unreachable: 1 }),
      tally('v01', 'g01-02', { total: 3, pending: 0, safe: 1, needsHelp: 2, unreachable: 0 }),
      tally('v01', 'g01-01', { total: 3, pending: 3, safe: 0, needsHelp: 0, unreachable: 0 }),
    ]);
    expect(overall).toEqual({ total: 10, pending: 4, safe: 3, needsHelp: 2, unreachable: 1 });
    expect(villages.map((v) => v.villageId)).toEqual(['v01', 'v02']);
    expect(villages[0]!.grids.map((g) => g.gridId)).toEqual(['g01-01', 'g01-02']);
    expect(reachedPercent(overall)).toBe(50);
    expect(unreachedCount(overall)).toBe(5);
    expect(reachedPercent(villages[0]!.counts)).toBe(50);
    expect(reachedPercent({ total: 3, pending: 2, safe: 1, needsHelp: 0, unreachable: 0 })).toBe(33.3);
    expect(reachedPercent({ total: 0, pending: 0, safe: 0, needsHelp: 0, unreachable: 0 })).toBe(100);
    expect(progressOf(overall)).toEqual({ ...overall, reached: 5, unreached: 5, reachedPercent: 50 });
    const closing = closingSummary({ overall, villages });
    expect(closing).toMatchObject({ ...overall, reachedPercent: 50 });
    expect(closing.byVillage).toEqual([
      { villageId: 'v01', total: 6, pending: 3, safe: 1, needsHelp: 2, unreachable: 0, reachedPercent: 50 },
      { villageId: 'v02', total: 4, pending: 1, safe: 2, needsHelp: 0, unreachable: 1, reachedPercent: 50 },
    ]);
  });
  test('the list filters: the reached are the safe and those needing help; the unreached the rest', () => {
    expect(statusesOf('all')).toBeNull();
    expect(statusesOf('reached')).toEqual(['safe', 'needsHelp']);
    expect(statusesOf('unreached')).toEqual(['pending', 'unreachable']);
    expect(statusesOf('safe')).toEqual(['safe']);
  });
});

describe('escalation', () => {
  test('due once: open, not yet escalated, deadline reached', () => {
    const base = { state: 'open' as const, escalation: null, deadlineAt: 1000 };
    expect(escalationDue(base, 999)).toBe(false);
    expect(escalationDue(base, 1000)).toBe(true);
    expect(escalationDue({ ...base, escalation: { at: 1000, unreached: 3, byVillage: [] } }, 2000)).toBe(false);
    expect(escalationDue({ ...base, state: 'closed' }, 2000)).toBe(false);
  });
});

describe('who is told at the deadline', () => {
  const counts = (pending: number, unreachable: number) => ({ total: 5, pending, safe: 5 - pending - unreachable, needsHelp: 0, unreachable });
  const figures = escalationFigures(counts(2, 1), [
    { villageId: 'v01', counts: counts(2, 0) },
    { villageId: 'v02', counts: counts(0, 1) },
    { villageId: 'v03', counts: counts(0, 0) },
  ]);
  test('the unreached, overall and by village', () => {
    expect(figures).toEqual({ unreached: 3, byVillage: [{ villageId: 'v01', unreached: 2 }, { villageId: 'v02', unreached: 1 }, { villageId: 'v03', unreached: 0 }] });
  });
  test('each cadre of their villages with someone unreached, each officer of the town; nobody when all were reached', () => {
    const cadres = [{ _id: 'c1', villageIds: ['v01', 'v02'] }, { _id: 'c3', villageIds: ['v03'] }];
    expect(escalationNotices(figures, cadres, [{ _id: 'o1' }])).toEqual([
      { userId: 'c1', count: 3, villageIds: ['v01', 'v02'] },
      { userId: 'o1', count: 3, villageIds: null },
    ]);
    expect(escalationNotices({ unreached: 0, byVillage: [] }, cadres, [{ _id: 'o1' }])).toEqual([]);
  });
  test('an entry is escalated when its alert is and it is still unreached', () => {
    const escalated = { escalation: { at: 1, unreached: 1, byVillage: [] } };
    expect(isEscalatedEntry(escalated, 'pending')).toBe(true);
    expect(isEscalatedEntry(escalated, 'unreachable')).toBe(true);
    expect(isEscalatedEntry(escalated, 'safe')).toBe(false);
    expect(isEscalatedEntry({ escalation: null }, 'pending')).toBe(false);
  });
});
