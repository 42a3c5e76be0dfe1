import type { Role } from '../../../src/core/roles';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import {
  acknowledgeWarning,
  isWarningOverdue,
  newWarningRecord,
  resolveWarning,
  unstoredWarnings,
  warningSchema,
  type Warning,
} from '../../../src/core/monitoring/warning-record';
import { computeWarnings } from '../../../src/core/monitoring/warnings';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const NOW = bj('2026-03-10T10:00:00');
const officer = { _id: 'u-officer', role: 'officer' as Role };

const computed = computeWarnings(
  { householdId: 'h1', gridId: 'g01-01', villageId: 'v01', categories: ['dibaoEdge'], income: { perCapitaMonthly: 1300, recordedAt: NOW } },
  DEFAULT_SETTINGS,
  NOW,
);
const open = (): Warning => newWarningRecord(computed[0]!, NOW);

test('a stored warning: id = key, open, valid record', () => {
  const w = open();
  expect(warningSchema.parse(w)).toEqual(w);
  expect(w).toMatchObject({ _id: computed[0]!.key, state: 'open', type: 'edgeIncomeAboveLine', version: 0, acknowledgedAt: null, resolvedAt: null });
});

test('unstoredWarnings: only keys not stored yet, once each', () => {
  expect(unstoredWarnings([...computed, ...computed], [])).toEqual(computed);
  expect(unstoredWarnings(computed, [computed[0]!.key])).toEqual([]);
});

describe('lifecycle: open → acknowledged → resolved, by the officer', () => {
  test('acknowledge, then resolve with what was done', () => {
    const a = acknowledgeWarning(open(), officer, NOW + 1);
    expect(a).toMatchObject({ ok: true, data: { from: 'open', to: 'acknowledged', patch: { state: 'acknowledged', acknowledgedAt: NOW + 1, acknowledgedBy: 'u-officer' } } });
    if (!a.ok) return;
    const r = resolveWarning(a.data.warning, officer, '已入户核实，家庭转为一般户', NOW + 2);
    expect(r).toMatchObject({ ok: true, data: { from: 'acknowledged', to: 'resolved', warning: { state: 'resolved', resolution: '已入户核实，家庭转为一般户', resolvedBy: 'u-officer', updatedAt: NOW + 2 } } });
    if (r.ok) expect(warningSchema.parse(r.data.warning)).toEqual(r.data.warning);
  });

  test('resolve straight from open', () => {
    expect(resolveWarning(open(), officer, '已核实', NOW)).toMatchObject({ ok: true, data: { from: 'open', to: 'resolved' } });
  });

  test('no acknowledging twice, nothing after resolved', () => {
    const a = acknowledgeWarning(open(), officer, NOW);
    if (!a.ok) throw new Error('ack failed');
    expect(acknowledgeWarning(a.data.warning, officer, NOW)).toMatchObject({ ok: false, error: { code: 'WARNING.INVALID_TRANSITION' } });
    const r = resolveWarning(a.data.warning, officer, '已处理', NOW);
    if (!r.ok) throw new Error('resolve failed');
    expect(resolveWarning(r.data.warning, officer, '再处理', NOW)).toMatchObject({ ok: false, error: { code: 'WARNING.INVALID_TRANSITION', message: '预警当前为“已处理”，不能办结' } });
    expect(acknowledgeWarning(r.data.warning, officer, NOW)).toMatchObject({ ok: false, error: { code: 'WARNING.INVALID_TRANSITION' } });
  });

  test.each(['gridworker', 'cadre', 'admin', 'resident'] as Role[])('%s cannot acknowledge or resolve', (role) => {
    expect(acknowledgeWarning(open(), { _id: 'x', role }, NOW)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(resolveWarning(open(), { _id: 'x', role }, '好', NOW)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });

  test('a resolution text is required, at most 500 characters', () => {
    expect(resolveWarning(open(), officer, ' ', NOW)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(resolveWarning(open(), officer, '字'.repeat(501), NOW)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });
});

test('overdue: past its due instant and not resolved', () => {
  const w = open();
  expect(isWarningOverdue(w, w.dueAt)).toBe(false);
  expect(isWarningOverdue(w, w.dueAt + 1)).toBe(true);
  expect(isWarningOverdue({ ...w, state: 'acknowledged' }, w.dueAt + 1)).toBe(true);
  expect(isWarningOverdue({ ...w, state: 'resolved' }, w.dueAt + 1)).toBe(false);
});
