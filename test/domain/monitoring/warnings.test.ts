import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/core/settings';
import { addMonths, monthsLaterEndMs } from '../../../src/core/monitoring/months';
import { computeWarnings, WARNING_TYPE_KEYS, WARNING_TYPES, type MonitoringFacts, type WarningType } from '../../../src/core/monitoring/warnings';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const at = (date: string, time = '10:00:00') => bj(`${date}T${time}`);
const S = DEFAULT_SETTINGS; // 低保 standard 800, edge line 1.5 × = 1200

const base: MonitoringFacts = { householdId: 'h1', gridId: 'g01-01', villageId: 'v01', categories: [] };
const of = (facts: Partial<MonitoringFacts>, now: number, settings = S) => computeWarnings({ ...base, ...facts }, settings, now);
const types = (ws: { type: WarningType }[]) => ws.map((w) => w.type);

describe('addMonths', () => {
  test('calendar months, clamped to the month end', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonths('2026-12-01', 12)).toBe('2027-12-01');
  });

  test('from an instant, on its Beijing date', () => {
    // 20:00 UTC on 31 Jan is already 1 Feb in Beijing.
    expect(monthsLaterEndMs(Date.UTC(2026, 0, 31, 20), 1)).toEqual({ date: '2026-03-01', endMs: bj('2026-03-01T23:59:59.999') });
  });
});

test('every warning type has a Chinese label and a RULES reference', () => {
  for (const t of WARNING_TYPE_KEYS) {
    expect(WARNING_TYPES[t].label).toMatch(/[\u4e00-\u9fa5]/);
    expect(WARNING_TYPES[t].rule).toMatch(/^RULES §\d+$/);
  }
});

describe('income against the lines (RULES §22)', () => {
  const recorded = at('2026-03-10');
  const edge = (amount: number, settings = S) => of({ categories: ['dibaoEdge'], income: { perCapitaMonthly: amount, recordedAt: recorded } }, recorded, settings);
  const uncovered = (amount: number, categories: MonitoringFacts['categories'] = []) =>
    of({ categories, income: { perCapitaMonthly: amount, recordedAt: recorded } }, recorded);

  test('边缘 household at exactly 1.5 × the standard → warning; just below → none', () => {
    const ws = edge(1200);
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({
      type: 'edgeIncomeAboveLine',
      rule: 'RULES §22',
      householdId: 'h1',
      personId: null,
      gridId: 'g01-01',
      villageId: 'v01',
      overdue: false,
      message: '低保边缘家庭人均月收入1200元，已达到低保标准的1.5倍（1200元），请核实是否仍属边缘家庭',
    });
    // Verified within 10 working days of the record: Tue 10 Mar → Tue 24 Mar.
    expect(ws[0]).toMatchObject({ dueDate: '2026-03-24', dueAt: bj('2026-03-24T23:59:59.999'), dueEstimated: false });
    expect(edge(1199.99)).toEqual([]);
    expect(edge(1500)).toHaveLength(1);
  });

  test('the line follows the town settings', () => {
    const s = mergeSettings({ dibaoStandardMonthly: 900, edgeIncomeMultiple: 2 });
    expect(edge(1799, s)).toEqual([]);
    expect(types(edge(1800, s))).toEqual(['edgeIncomeAboveLine']);
  });

  test('a household not covered: below the standard → may qualify for 低保; below the edge line → may be 边缘', () => {
    expect(uncovered(799)[0]).toMatchObject({ type: 'uncoveredIncomeBelowLine', message: expect.stringContaining('可能符合低保条件') });
    expect(uncovered(800)[0]).toMatchObject({ type: 'uncoveredIncomeBelowLine', message: expect.stringContaining('可能符合低保边缘家庭条件') });
    expect(types(uncovered(1199.99))).toEqual(['uncoveredIncomeBelowLine']);
    expect(uncovered(1200)).toEqual([]);
    // 刚性支出 / 其他困难 households are not covered by 低保, 特困 or 边缘 status.
    expect(types(uncovered(500, ['rigidSpending']))).toEqual(['uncoveredIncomeBelowLine']);
  });

  test('covered households raise no income warning of this kind', () => {
    expect(uncovered(300, ['dibao'])).toEqual([]);
    expect(uncovered(300, ['tekun'])).toEqual([]);
    expect(uncovered(300, ['dibaoEdge'])).toEqual([]);
  });
});

describe('death of a member → re-check within 3 months (RULES §9)', () => {
  const died = at('2026-01-15', '22:00:00');
  const facts: Partial<MonitoringFacts> = { categories: ['dibao'], deaths: [{ personId: 'p2', diedAt: died }] };

  test('raised at once, due exactly 3 months later, overdue the day after', () => {
    const ws = of(facts, at('2026-01-16'));
    expect(ws).toEqual([
      expect.objectContaining({ type: 'deathRecheck', personId: 'p2', dueDate: '2026-04-15', overdue: false, key: 'deathRecheck:h1:p2:2026-04-15' }),
    ]);
    expect(ws[0]!.message).toBe('家庭成员于2026-01-15去世，须在3个月内（2026-04-15前）复核低保');
    expect(of(facts, at('2026-04-15', '23:59:59'))[0]!.overdue).toBe(false);
    expect(of(facts, at('2026-04-16', '00:00:01'))[0]!.overdue).toBe(true);
  });

  test('a re-check since the death clears it; a household not on 低保 has none', () => {
    expect(of({ ...facts, dibao: { approvedAt: at('2024-01-01'), lastReviewAt: at('2026-02-01'), irregularIncome: false, ableBodiedMember: false } }, at('2026-02-02'))).toEqual([]);
    expect(of({ deaths: facts.deaths }, at('2026-02-02'))).toEqual([]);
  });
});

describe('a major change unreported for more than 3 months (RULES §9)', () => {
  const occurred = at('2026-01-15');
  const change = (reportedAt?: number) => ({ majorChanges: [{ kind: 'lostIncome' as const, occurredAt: occurred, reportedAt: reportedAt ?? null }] });

  test('exactly 3 months unreported → no warning yet; one day more → warning, overdue', () => {
    expect(of(change(), at('2026-04-15', '23:59:59'))).toEqual([]);
    const ws = of(change(), at('2026-04-16', '00:00:01'));
    expect(ws).toEqual([expect.objectContaining({ type: 'majorChangeUnreported', rule: 'RULES §9', dueDate: '2026-04-15', overdue: true })]);
    expect(ws[0]!.message).toBe('2026-01-15发生的重大变化（失去收入来源）超过3个月未报告，请核实待遇是否应调整');
  });

  test('reported within 3 months → none, ever; reported late → warning that says so', () => {
    expect(of(change(at('2026-04-15', '18:00:00')), at('2026-09-01'))).toEqual([]);
    const late = of(change(at('2026-04-16')), at('2026-04-20'));
    expect(late[0]!.message).toBe('2026-01-15发生的重大变化（失去收入来源）于2026-04-16才报告，超过3个月，请核实待遇是否应调整');
  });

  test('Beijing dates: a change at 00:30 Beijing on 15 Jan counts from 15 Jan, though UTC still says 14 Jan', () => {
    const c = { majorChanges: [{ kind: 'disaster' as const, occurredAt: at('2026-01-15', '00:30:00') }] };
    // 00:30 Beijing on 15 Jan is 16:30 UTC on 14 Jan: the limit is still 15 Apr.
    expect(new Date(at('2026-01-15', '00:30:00')).getUTCDate()).toBe(14);
    expect(of(c, at('2026-04-15', '12:00:00'))).toEqual([]);
    expect(types(of(c, at('2026-04-16', '12:00:00')))).toEqual(['majorChangeUnreported']);
  });
});

describe('渐退期 ending (RULES §9)', () => {
  const startedAt = at('2026-01-10');

  test('at most 6 months; shown from 30 days before the end', () => {
    const facts = { taper: { startedAt } };
    expect(of(facts, at('2026-06-09'))).toEqual([]);
    const ws = of(facts, at('2026-06-10'));
    expect(ws).toEqual([expect.objectContaining({ type: 'taperEnding', dueDate: '2026-07-10', overdue: false })]);
    expect(ws[0]!.message).toBe('渐退期将于2026-07-10结束，请办理退出或转入其他救助');
    expect(of(facts, at('2026-07-11'))[0]!.overdue).toBe(true);
  });

  test('a shorter end set by the office is kept; a longer one is capped at 6 months', () => {
    expect(of({ taper: { startedAt, endsAt: at('2026-04-10') } }, at('2026-04-01'))[0]!.dueDate).toBe('2026-04-10');
    const capped = of({ taper: { startedAt, endsAt: at('2026-09-01') } }, at('2026-07-01'));
    expect(capped[0]!.dueDate).toBe('2026-07-10');
    expect(capped[0]!.message).toContain('渐退期最长6个月');
  });
});

describe('刚性支出 status older than 12 months (RULES §23)', () => {
  const facts = { categories: ['rigidSpending' as const], rigidSpending: { recognisedAt: at('2025-03-01') } };

  test('valid through exactly 12 months; warned 30 days ahead; expired the day after', () => {
    expect(of(facts, at('2026-01-29'))).toEqual([]);
    expect(of(facts, at('2026-01-30'))[0]).toMatchObject({ type: 'rigidSpendingExpiring', dueDate: '2026-03-01', overdue: false, message: expect.stringContaining('将于2026-03-01到期') });
    expect(of(facts, at('2026-03-01', '23:59:59'))[0]!.overdue).toBe(false);
    expect(of(facts, at('2026-03-02', '00:00:01'))[0]).toMatchObject({ overdue: true, message: expect.stringContaining('已超过12个月有效期') });
  });
});

describe('低保 re-check (RULES §9)', () => {
  const dibao = (irregularIncome: boolean, ableBodiedMember: boolean, lastReviewAt: number | null = null) => ({
    categories: ['dibao' as const],
    dibao: { approvedAt: at('2025-06-01'), lastReviewAt, irregularIncome, ableBodiedMember },
  });

  test('stable: yearly', () => {
    expect(of(dibao(false, false), at('2026-05-01'))).toEqual([]);
    const ws = of(dibao(false, false), at('2026-05-02'));
    expect(ws).toEqual([expect.objectContaining({ type: 'dibaoRecheck', dueDate: '2026-06-01', overdue: false })]);
    expect(ws[0]!.message).toBe('低保家庭应于2026-06-01前完成复核（收入稳定，每12个月复核一次）');
  });

  test('irregular income with able-bodied members: every 6 months', () => {
    expect(of(dibao(true, true), at('2025-11-02'))[0]).toMatchObject({ dueDate: '2025-12-01', message: expect.stringContaining('每6个月') });
    // Irregular income alone, without able-bodied members, stays yearly.
    expect(of(dibao(true, false), at('2025-11-02'))).toEqual([]);
  });

  test('a re-check moves the next one', () => {
    expect(of(dibao(false, false, at('2026-05-20')), at('2026-06-02'))).toEqual([]);
    expect(of(dibao(false, false, at('2026-05-20')), at('2027-04-20'))[0]!.dueDate).toBe('2027-05-20');
  });
});

describe('特困 yearly re-check (RULES §16)', () => {
  test('per person, from approval or the last re-check', () => {
    const facts = {
      categories: ['tekun' as const],
      tekun: [
        { personId: 'p1', approvedAt: at('2025-04-01') },
        { personId: 'p2', approvedAt: at('2024-04-01'), lastReviewAt: at('2025-09-01') },
      ],
    };
    const ws = of(facts, at('2026-03-15'));
    expect(ws).toEqual([expect.objectContaining({ type: 'tekunRecheck', rule: 'RULES §16', personId: 'p1', dueDate: '2026-04-01', message: '特困人员应于2026-04-01前完成年度复核' })]);
    expect(of(facts, at('2026-08-05')).map((w) => [w.personId, w.overdue])).toEqual([
      ['p1', true],
      ['p2', false],
    ]);
  });
});

test('the same facts give the same keys (a sweep run twice stores nothing new); lead days are an option', () => {
  const facts: MonitoringFacts = {
    ...base,
    categories: ['dibao'],
    dibao: { approvedAt: at('2025-06-01'), irregularIncome: false, ableBodiedMember: false },
    deaths: [{ personId: 'p2', diedAt: at('2026-05-01') }],
  };
  const a = computeWarnings(facts, S, at('2026-05-10'));
  const b = computeWarnings(facts, S, at('2026-05-11'));
  expect(a.map((w) => w.key)).toEqual(['deathRecheck:h1:p2:2026-08-01', 'dibaoRecheck:h1:-:2026-06-01']);
  expect(b.map((w) => w.key)).toEqual(a.map((w) => w.key));
  expect(computeWarnings(facts, S, at('2026-05-10'), { leadDays: 7 }).map((w) => w.type)).toEqual(['deathRecheck']);
});
