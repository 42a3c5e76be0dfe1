import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/core/settings';
import { DEFAULT_ISSUE_DEADLINES, deriveEscalation, withoutOpenDuplicates } from '../../../src/core/visits/escalation';
import type { FollowUpPlan } from '../../../src/core/visits/follow-up';
import { issueSchema } from '../../../src/core/visits/issue';
import { buildVisitRecord, CHECKLIST_KEYS, VISIT_CHECKLIST, type VisitInput } from '../../../src/core/visits/visit-record';
import { bj, endOf, HOUR, member, visitInput } from './fixtures';

// Received Tuesday 29 Sep 2026, just before 中秋/国庆 (1–7 Oct off, Sat 10 Oct a make-up working day).
const RECEIVED = bj('2026-09-29T15:00:00');
const names = { p000001: '王秀英', p000002: '李小明' };
const settings = DEFAULT_SETTINGS;

const stored = (input: VisitInput) =>
  buildVisitRecord(input, {
    id: `visit-${input.requestId}`,
    visitor: { _id: 'u-gw-01', name: '李网格', role: 'gridworker' },
    household: { gridId: 'g01-01', villageId: 'v01' },
    now: RECEIVED,
  });

const plan: Pick<FollowUpPlan, '_id' | 'items'> = {
  _id: 'plan-1',
  items: [
    { id: 'noCarer', label: '是否无人照料日常生活？', checklistKey: 'noCarer' },
    { id: 'custom-medicine', label: '药品是否按时领取' },
  ],
};

describe('deriveEscalation', () => {
  test('nothing wrong → no issue, no alert', () => {
    const e = deriveEscalation(stored(visitInput()), { memberNames: names, settings });
    expect(e).toEqual({ issues: [], notifyOfficerNow: false, notifyReasons: [], anomaly: false, majorChanges: [] });
  });

  test('a 无人 problem → one issue for that member, due in 5 working days (across 国庆), not urgent', () => {
    const visit = stored(visitInput({ members: [member('p000001', { noCarer: true }), member('p000002')] }));
    const e = deriveEscalation(visit, { memberNames: names, settings });
    expect(e.notifyOfficerNow).toBe(false);
    expect(e.issues).toHaveLength(1);
    const issue = e.issues[0]!;
    expect(issueSchema.parse(issue)).toEqual(issue);
    expect(issue).toMatchObject({
      _id: 'visit-req-0001-abcd:p000001:noCarer',
      type: 'noCarer',
      title: '王秀英：无人照料',
      householdId: 'h000001',
      personId: 'p000001',
      gridId: 'g01-01',
      villageId: 'v01',
      source: { kind: 'visit', id: 'visit-req-0001-abcd' },
      reportedBy: 'u-gw-01',
      subjectKey: 'p000001:noCarer',
      urgent: false,
      notifyNow: false,
      deadlineAt: endOf('2026-10-12'),
      deadlineEstimated: false,
      state: 'open',
      ownerId: null,
      reopenCount: 0,
      version: 0,
      createdAt: RECEIVED,
    });
  });

  test('every problem answer makes its own issue: one per (member, problem)', () => {
    const all = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k !== 'policyDelivered']));
    const visit = stored(visitInput({ members: [member('p000001', all), member('p000002', { noGuardian: true, noVisits: true })] }));
    const e = deriveEscalation(visit, { memberNames: names, settings });
    expect(e.issues.map((i) => `${i.personId}:${i.type}`)).toEqual([
      ...CHECKLIST_KEYS.map((k) => `p000001:${k}`),
      'p000002:noGuardian',
      'p000002:noVisits',
    ]);
    expect(new Set(e.issues.map((i) => i._id)).size).toBe(e.issues.length);
    for (const i of e.issues) expect(i.title).toContain(VISIT_CHECKLIST[i.type as (typeof CHECKLIST_KEYS)[number]].problemTitle);
  });

  test('policy not delivered and still in hardship are issues with the working-day deadline', () => {
    const visit = stored(visitInput({ members: [member('p000001', { policyDelivered: false, stillInHardship: true })] }));
    const e = deriveEscalation(visit, { memberNames: names, settings });
    expect(e.issues.map((i) => [i.type, i.title, i.deadlineAt])).toEqual([
      ['policyDelivered', '王秀英：救助政策未落实到位', endOf('2026-10-12')],
      ['stillInHardship', '王秀英：享受政策后仍有困难', endOf('2026-10-12')],
    ]);
  });

  test('child at risk → urgent issue due in 24 h and the officer is alerted at once (RULES §26)', () => {
    const visit = stored(visitInput({ members: [member('p000001'), member('p000002', { childAtRisk: true })] }));
    const e = deriveEscalation(visit, { memberNames: names, settings });
    expect(e.notifyOfficerNow).toBe(true);
    expect(e.notifyReasons).toEqual(['走访发现儿童有受侵害或危险迹象（1人），须立即处置']);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ type: 'childAtRisk', title: '李小明：儿童有受侵害或危险迹象', urgent: true, notifyNow: true, deadlineAt: RECEIVED + 24 * HOUR });
  });

  test('uncovered person at risk → acknowledged within the discovery hours setting (RULES §27)', () => {
    const visit = stored(visitInput({ members: [member('p000001', { uncoveredAtRisk: true })] }));
    expect(deriveEscalation(visit, { memberNames: names, settings }).issues[0]).toMatchObject({ urgent: true, notifyNow: false, deadlineAt: RECEIVED + 24 * HOUR });
    const twelve = mergeSettings({ discoveryAckHours: 12 });
    expect(deriveEscalation(visit, { memberNames: names, settings: twelve }).issues[0]!.deadlineAt).toBe(RECEIVED + 12 * HOUR);
  });

  test('deadline defaults can be overridden', () => {
    expect(DEFAULT_ISSUE_DEADLINES).toEqual({ issueWorkingDays: 5, urgentIssueHours: 24 });
    const visit = stored(visitInput({ members: [member('p000001', { noGuardian: true, childAtRisk: true })] }));
    const e = deriveEscalation(visit, { memberNames: names, settings, deadlines: { issueWorkingDays: 1, urgentIssueHours: 2 } });
    expect(e.issues.map((i) => i.deadlineAt)).toEqual([endOf('2026-09-30'), RECEIVED + 2 * HOUR]);
  });

  test('a major change → an issue and a change to record on the person, dated at the visit', () => {
    const input = visitInput({ members: [member('p000001', { majorChange: 'disaster' })] });
    const e = deriveEscalation(stored(input), { memberNames: names, settings });
    expect(e.majorChanges).toEqual([{ personId: 'p000001', kind: 'disaster', at: input.visitedAt }]);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ type: 'majorChange', title: '王秀英：重大变故（遭受灾害）', notifyNow: false });
    expect(e.notifyOfficerNow).toBe(false);
  });

  test('a retried submission derives the same issue ids', () => {
    const input = visitInput({ members: [member('p000001', { noCarer: true, childAtRisk: true })] });
    const a = deriveEscalation(stored(input), { memberNames: names, settings });
    const b = deriveEscalation(stored(input), { memberNames: names, settings });
    expect(b.issues.map((i) => i._id)).toEqual(a.issues.map((i) => i._id));
  });

  test('an unknown member name leaves the title bare', () => {
    const e = deriveEscalation(stored(visitInput({ members: [member('p000009', { noVisits: true })] })), { memberNames: {}, settings });
    expect(e.issues[0]!.title).toBe('无人巡访');
  });
});

describe('follow-up visits', () => {
  const followUp = (items: { itemId: string; ok: boolean; note?: string }[]) => ({ planId: 'plan-1', items });

  test('an anomaly on a follow-up visit alerts the officer at once, every issue flagged', () => {
    const visit = stored(visitInput({ members: [member('p000001', { noCarer: true })], followUp: followUp([{ itemId: 'noCarer', ok: false }]) }));
    const e = deriveEscalation(visit, { memberNames: names, settings, plan });
    expect(e.anomaly).toBe(true);
    expect(e.notifyOfficerNow).toBe(true);
    expect(e.notifyReasons).toEqual(['跟踪帮扶走访发现异常：无人照料']);
    // The checklist-backed plan item is the same finding as the member answer: one issue.
    expect(e.issues.map((i) => [i.type, i.notifyNow])).toEqual([['noCarer', true]]);
  });

  test('a custom plan item not in order → a household-level issue', () => {
    const visit = stored(visitInput({ followUp: followUp([{ itemId: 'noCarer', ok: true }, { itemId: 'custom-medicine', ok: false, note: '本月未领' }]) }));
    const e = deriveEscalation(visit, { memberNames: names, settings, plan });
    expect(e.anomaly).toBe(true);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({
      _id: 'visit-req-0001-abcd:plan:custom-medicine',
      type: 'followUpItem',
      personId: null,
      title: '跟踪事项异常：药品是否按时领取',
      subjectKey: 'h000001:followUpItem:plan:custom-medicine',
      notifyNow: true,
      deadlineAt: endOf('2026-10-12'),
    });
  });

  test('a major change on a follow-up visit is an anomaly', () => {
    const visit = stored(visitInput({ members: [member('p000001', { majorChange: 'hospitalised' })], followUp: followUp([]) }));
    const e = deriveEscalation(visit, { memberNames: names, settings, plan });
    expect(e).toMatchObject({ anomaly: true, notifyOfficerNow: true, notifyReasons: ['跟踪帮扶走访发现异常：重大变故：住院'] });
  });

  test('all in order → no anomaly, nothing to alert', () => {
    const visit = stored(visitInput({ followUp: followUp([{ itemId: 'noCarer', ok: true }, { itemId: 'custom-medicine', ok: true }]) }));
    expect(deriveEscalation(visit, { memberNames: names, settings, plan })).toMatchObject({ anomaly: false, notifyOfficerNow: false, issues: [] });
  });

  test('without the named plan the visit is an ordinary one', () => {
    const visit = stored(visitInput({ members: [member('p000001', { noCarer: true })], followUp: followUp([{ itemId: 'custom-medicine', ok: false }]) }));
    for (const p of [null, { ...plan, _id: 'plan-other' }]) {
      const e = deriveEscalation(visit, { memberNames: names, settings, plan: p });
      expect(e).toMatchObject({ anomaly: false, notifyOfficerNow: false });
      expect(e.issues.map((i) => i.type)).toEqual(['noCarer']);
    }
  });
});

test('withoutOpenDuplicates skips subjects that already have an open issue', () => {
  const visit = stored(visitInput({ members: [member('p000001', { noCarer: true, noVisits: true })] }));
  const { issues } = deriveEscalation(visit, { memberNames: names, settings });
  expect(withoutOpenDuplicates(issues, ['p000001:noCarer']).map((i) => i.type)).toEqual(['noVisits']);
});
