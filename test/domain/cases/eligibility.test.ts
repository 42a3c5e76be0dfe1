// The resident's self-check (RULES §11, §17–18, §22–23) against the town's 低保 standard (setting, default 800).
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { checkEligibility, ELIGIBILITY_DISCLAIMER, lacksWorkAbility, type EligibilityInput } from '../../../src/core/cases';

const check = (input: EligibilityInput, settings = DEFAULT_SETTINGS) => {
  const r = checkEligibility(input, settings);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};
const kinds = (input: EligibilityInput, settings = DEFAULT_SETTINGS) => check(input, settings).likely.map((l) => l.kind);
const household = (size: number, income: number, extra: Partial<EligibilityInput> = {}): EligibilityInput => ({
  householdSize: size,
  monthlyIncomeYuan: income,
  assetsOverLimit: false,
  ...extra,
});

test('低保: per-capita income below the standard, assets within limits; says it is an estimate', () => {
  const report = check(household(3, 2100));
  expect(report.perCapitaMonthlyIncomeYuan).toBe(700);
  expect(report.likely).toEqual([
    { kind: 'dibao', label: '最低生活保障', applyAs: 'dibao', reason: '家庭人均月收入约700元，低于本镇低保标准800元，家庭财产没有超过规定' },
  ]);
  expect(report.disclaimer).toBe(ELIGIBILITY_DISCLAIMER);
  expect(report.disclaimer).toContain('不是审核结果');
});

test('低保边缘: above the standard, below 1.5 × (RULES §22); nothing above that', () => {
  const edge = check(household(2, 2000));
  expect(edge.likely.map((l) => l.kind)).toEqual(['dibaoEdge']);
  expect(edge.likely[0]!.applyAs).toBeUndefined();
  expect(edge.likely[0]!.reason).toContain('1200元');
  expect(kinds(household(2, 2400))).toEqual([]);
});

test('the standard is the town setting', () => {
  expect(kinds(household(1, 700), { ...DEFAULT_SETTINGS, dibaoStandardMonthly: 600 })).toEqual(['dibaoEdge']);
});

test('assets over the limit rule out 低保, 边缘 and 特困', () => {
  expect(kinds(household(1, 200, { assetsOverLimit: true, members: [{ age: 80 }] }))).toEqual([]);
});

test('特困: no work ability, no able legal supporter, no income source (RULES §11)', () => {
  const alone = household(1, 300, { members: [{ age: 72 }] });
  const report = check(alone);
  expect(report.likely.map((l) => l.kind)).toEqual(['tekun', 'dibao']);
  expect(report.likely[0]).toMatchObject({ applyAs: 'tekun' });
  expect(report.likely[0]!.reason).toContain('72岁');
  expect(kinds(household(1, 300, { members: [{ age: 72, hasAbleLegalSupporter: true }] }))).toEqual(['dibao']);
  expect(kinds(household(1, 300, { members: [{ age: 45 }] }))).toEqual(['dibao']);
  expect(kinds(household(1, 300, { members: [{ age: 45, disability: { type: 'intellectual', grade: 2 } }] }))).toEqual(['tekun', 'dibao']);
});

test('no work ability: ≥ 60, < 16, intellectual/mental 1–3, physical 1–2, visual 1', () => {
  expect([59, 60, 15, 16].map((age) => lacksWorkAbility({ age }))).toEqual([false, true, true, false]);
  const disabled = (type: 'intellectual' | 'mental' | 'physical' | 'visual' | 'hearing', grade: number) => lacksWorkAbility({ age: 40, disability: { type, grade } });
  expect([disabled('intellectual', 3), disabled('intellectual', 4), disabled('mental', 3), disabled('mental', 4)]).toEqual([true, false, true, false]);
  expect([disabled('physical', 2), disabled('physical', 3), disabled('visual', 1), disabled('visual', 2), disabled('hearing', 1)]).toEqual([true, false, true, false, false]);
});

test('临时救助 急难: a sudden emergency, whatever the income (RULES §17)', () => {
  expect(check(household(3, 9000, { suddenEmergency: true })).likely).toEqual([
    expect.objectContaining({ kind: 'temporaryEmergency', applyAs: 'temporaryEmergency' }),
  ]);
});

test('支出型 and 刚性支出: large essential spending, income below the local average when known (RULES §18, §23)', () => {
  const spending = household(2, 4000, { largeEssentialSpending: true, members: [{ age: 50, seriousIllness: true }] });
  const unknownAverage = check(spending);
  expect(unknownAverage.likely.map((l) => l.kind)).toEqual(['temporaryExpense', 'rigidSpending']);
  expect(unknownAverage.likely[0]!.reason).toContain('家中有重病成员');
  expect(unknownAverage.likely[0]!.reason).toContain('由镇民政办核实');
  expect(unknownAverage.likely[1]!.reason).toContain('有效期最长12个月');
  expect(unknownAverage.likely[1]!.applyAs).toBeUndefined();
  expect(kinds(spending, { ...DEFAULT_SETTINGS, averageDisposableIncomeMonthly: 1800 })).toEqual([]);
  const below = check(spending, { ...DEFAULT_SETTINGS, averageDisposableIncomeMonthly: 2500 });
  expect(below.likely.map((l) => l.kind)).toEqual(['temporaryExpense', 'rigidSpending']);
  expect(below.likely[0]!.reason).toContain('低于当地上年人均可支配收入2500元');
  // 刚性支出 is for families that are not 低保 / 特困 / 边缘.
  expect(kinds(household(2, 1400, { largeEssentialSpending: true }))).toEqual(['dibao', 'temporaryExpense']);
  expect(kinds(household(2, 2000, { largeEssentialSpending: true }))).toEqual(['dibaoEdge', 'temporaryExpense']);
});

test('input is validated', () => {
  expect(checkEligibility(household(1, 100, { members: [{ age: 1 }, { age: 2 }] }), DEFAULT_SETTINGS).ok).toBe(false);
  expect(checkEligibility(household(0, 100), DEFAULT_SETTINGS).ok).toBe(false);
  expect(checkEligibility(household(1, -1), DEFAULT_SETTINGS).ok).toBe(false);
});
