import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/core/settings';
import {
  buildFollowUpPlan,
  checkPlanFrequency,
  defaultPlanFor,
  followUpFindings,
  followUpPlanInputSchema,
  followUpPlanSchema,
  isFollowUpAnomaly,
  type PlanHouseholdFacts,
} from '../../../src/core/visits/follow-up';
import { nextVisitDue } from '../../../src/core/visits/schedule';
import { bj, member } from './fixtures';

const S = DEFAULT_SETTINGS;
const NOW = bj('2026-03-10T09:00:00');

describe('defaultPlanFor', () => {
  test('tier of the most at-risk member; frequency of the schedule rules; items that fit the members', () => {
    const household: PlanHouseholdFacts = {
      keyHousehold: true,
      members: [
        { riskTier: 'high', categories: ['aloneElderly', 'tekun'] },
        { riskTier: 'general', categories: [] },
      ],
    };
    const plan = defaultPlanFor(household, S);
    expect(plan.tier).toBe('high');
    expect(plan.frequencyDays).toBe(7);
    expect(plan.frequencyReason).toBe('高风险人员每周走访一次');
    expect(plan.items.map((i) => i.id)).toEqual(['policyDelivered', 'stillInHardship', 'noCarer', 'noVisits', 'noHomeCheck', 'noBasicService']);
    expect(plan.items[2]).toEqual({ id: 'noCarer', label: '是否无人照料（日常生活没有人照顾）？', checklistKey: 'noCarer' });
  });

  test('key households get the higher frequency', () => {
    const members = [{ riskTier: 'general' as const, categories: ['dibaoEdge' as const] }];
    expect(defaultPlanFor({ keyHousehold: false, members }, S)).toMatchObject({ tier: 'general', frequencyDays: 90 });
    expect(defaultPlanFor({ keyHousehold: true, members }, S)).toMatchObject({ tier: 'general', frequencyDays: 30, frequencyReason: '重点户至少每月走访一次' });
    expect(defaultPlanFor({ keyHousehold: true, members }, mergeSettings({ visitIntervalDays: { priority: 21 } })).frequencyDays).toBe(21);
  });

  test('children bring guardian and child-safety items', () => {
    const plan = defaultPlanFor({ keyHousehold: false, members: [{ riskTier: 'general', categories: ['leftBehindChild'] }] }, S);
    expect(plan.items.map((i) => i.id)).toEqual(['policyDelivered', 'stillInHardship', 'noGuardian', 'childAtRisk']);
  });

  test('the plan frequency feeds the person schedule', () => {
    const due = nextVisitDue({ riskTier: 'general', categories: [], keyHousehold: false, followUpIntervalDays: 14 }, NOW, S, NOW);
    expect(due.interval.rule).toBe('followUpPlan');
    expect(due.dueDate).toBe('2026-03-24');
  });
});

test('checkPlanFrequency: more often than the rules is fine, less often is refused', () => {
  const defaults = { frequencyDays: 30, frequencyReason: '重点户至少每月走访一次' };
  expect(checkPlanFrequency(14, defaults)).toEqual({ ok: true, data: 14 });
  expect(checkPlanFrequency(30, defaults)).toEqual({ ok: true, data: 30 });
  expect(checkPlanFrequency(31, defaults)).toMatchObject({
    ok: false,
    error: { code: 'PLAN.FREQUENCY_TOO_LOW', message: '跟踪帮扶频次不能低于规定频次：重点户至少每月走访一次（每月）', details: { maxDays: 30 } },
  });
});

describe('buildFollowUpPlan', () => {
  const ctx = {
    id: 'plan-1',
    household: { _id: 'h000001', gridId: 'g01-01', villageId: 'v01', keyHousehold: true, members: [{ riskTier: 'priority' as const, categories: ['tekun' as const] }] },
    owner: { _id: 'u-gw-01', name: '李网格', role: 'gridworker' as const },
    createdBy: 'u-officer',
    settings: S,
    now: NOW,
  };
  const input = followUpPlanInputSchema.parse({ requestId: 'req-plan-0001', householdId: 'h000001', ownerId: 'u-gw-01' });

  test('defaults filled in, one named owner, a valid record', () => {
    const r = buildFollowUpPlan(input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(followUpPlanSchema.parse(r.data)).toEqual(r.data);
    expect(r.data).toMatchObject({ tier: 'priority', frequencyDays: 30, ownerId: 'u-gw-01', ownerName: '李网格', state: 'active', version: 0 });
    expect(r.data.items.length).toBeGreaterThan(2);
  });

  test('a chosen higher frequency and custom items are kept; a lower frequency is refused', () => {
    const custom = buildFollowUpPlan({ ...input, frequencyDays: 7, items: [{ id: 'custom-1', label: '药品是否按时领取' }] }, ctx);
    expect(custom).toMatchObject({ ok: true, data: { frequencyDays: 7, items: [{ id: 'custom-1', label: '药品是否按时领取' }] } });
    expect(buildFollowUpPlan({ ...input, frequencyDays: 60 }, ctx)).toMatchObject({ ok: false, error: { code: 'PLAN.FREQUENCY_TOO_LOW' } });
  });

  test('the owner must be someone who visits, and the one named in the input', () => {
    expect(buildFollowUpPlan(input, { ...ctx, owner: { _id: 'u-gw-01', name: '管理员', role: 'admin' } })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(buildFollowUpPlan({ ...input, ownerId: 'u-gw-02' }, ctx)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });

  test('input: at least one item, no duplicate ids, owner required', () => {
    expect(followUpPlanInputSchema.safeParse({ requestId: 'req-plan-0001', householdId: 'h1', ownerId: 'u1', items: [] }).success).toBe(false);
    const dup = [{ id: 'a', label: '甲' }, { id: 'a', label: '乙' }];
    expect(followUpPlanInputSchema.safeParse({ requestId: 'req-plan-0001', householdId: 'h1', ownerId: 'u1', items: dup }).success).toBe(false);
    expect(followUpPlanInputSchema.safeParse({ requestId: 'req-plan-0001', householdId: 'h1' }).success).toBe(false);
  });
});

describe('anomalies on a follow-up visit', () => {
  const plan = { items: [{ id: 'noCarer', label: '是否无人照料？', checklistKey: 'noCarer' as const }, { id: 'c1', label: '药品是否按时领取' }] };

  test('all in order is no anomaly; unchecked items are not findings', () => {
    expect(isFollowUpAnomaly({ members: [member('p1')], followUp: { planId: 'x', items: [] } }, plan)).toBe(false);
    expect(isFollowUpAnomaly({ members: [member('p1')], followUp: { planId: 'x', items: [{ itemId: 'c1', ok: true }] } }, plan)).toBe(false);
  });

  test('any problem answer, any major change, any plan item not in order', () => {
    const findings = followUpFindings(
      {
        members: [member('p1', { stillInHardship: true }), member('p2', { majorChange: 'lostIncome' })],
        followUp: { planId: 'x', items: [{ itemId: 'c1', ok: false, note: '本月未领' }, { itemId: 'unknown', ok: false }] },
      },
      plan,
    );
    expect(findings).toEqual([
      { kind: 'checklist', personId: 'p1', key: 'stillInHardship', label: '享受政策后仍有困难' },
      { kind: 'majorChange', personId: 'p2', change: 'lostIncome', label: '重大变故：失去收入来源' },
      { kind: 'planItem', itemId: 'c1', label: '跟踪事项异常：药品是否按时领取', note: '本月未领' },
    ]);
  });

  test('a checklist-backed item not in order without the member answer is still a finding', () => {
    expect(followUpFindings({ members: [member('p1')], followUp: { planId: 'x', items: [{ itemId: 'noCarer', ok: false }] } }, plan)).toEqual([
      { kind: 'planItem', itemId: 'noCarer', label: '无人照料' },
    ]);
  });
});
