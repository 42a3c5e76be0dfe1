// 一拉就响 rules: who is on the roll (RULES §24, §26 settings), the marks allowed, the board's arithmetic.
import {
  checkMark,
  escalationDue,
  isOnRollCall,
  raiseAlertInputSchema,
  reachedPercent,
  rollCallCriteria,
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
