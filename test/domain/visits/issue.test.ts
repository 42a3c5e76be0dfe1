import type { Role, ScopedUser } from '../../../src/core/roles';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { deriveEscalation } from '../../../src/core/visits/escalation';
import {
  assignIssue,
  canViewIssue,
  ISSUE_TYPE_LABELS,
  ISSUE_TYPES,
  isIssueOverdue,
  overdueIssueRange,
  issueSchema,
  reopenIssue,
  resolveIssue,
  type Issue,
} from '../../../src/core/visits/issue';
import { buildVisitRecord } from '../../../src/core/visits/visit-record';
import { bj, member, visitInput } from './fixtures';

const T0 = bj('2026-03-10T09:00:00');
const officer = { _id: 'u-officer', role: 'officer' as Role };
const gridworker = { _id: 'u-gw-01', name: '李网格', role: 'gridworker' as Role };

function openIssue(): Issue {
  const visit = buildVisitRecord(visitInput({ visitedAt: T0 - 3_600_000, members: [member('p000001', { noCarer: true })] }), {
    id: 'visit-1',
    visitor: gridworker,
    household: { gridId: 'g01-01', villageId: 'v01' },
    now: T0,
  });
  return deriveEscalation(visit, { memberNames: { p000001: '王秀英' }, settings: DEFAULT_SETTINGS }).issues[0]!;
}

/** The issue after a step the test needs to succeed (its set-up, not what it checks). */
function after(step: { ok: true; data: { issue: Issue } } | { ok: false }, what: string): Issue {
  if (!step.ok) throw new Error(`${what} failed`);
  return step.data.issue;
}

test('every issue type has a Chinese label', () => {
  for (const t of ISSUE_TYPES) expect(ISSUE_TYPE_LABELS[t]).toMatch(/[\u4e00-\u9fa5]/);
});

describe('assign', () => {
  test('the officer assigns an open issue: open → assigned, with the patch to persist', () => {
    const r = assignIssue(openIssue(), officer, gridworker, T0 + 1000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ from: 'open', to: 'assigned' });
    expect(r.data.patch).toEqual({ state: 'assigned', ownerId: 'u-gw-01', ownerName: '李网格', assignedAt: T0 + 1000, assignedBy: 'u-officer' });
    expect(r.data.issue).toMatchObject({ state: 'assigned', ownerId: 'u-gw-01', updatedAt: T0 + 1000, version: 0 });
    expect(issueSchema.parse(r.data.issue)).toEqual(r.data.issue);
  });

  test('re-assigning moves the work to someone else', () => {
    const first = after(assignIssue(openIssue(), officer, gridworker, T0), 'assign');
    const again = assignIssue(first, officer, { _id: 'u-cadre-01', name: '张干部', role: 'cadre' }, T0 + 5);
    expect(again).toMatchObject({ ok: true, data: { from: 'assigned', to: 'assigned', issue: { ownerId: 'u-cadre-01' } } });
  });

  test.each(['gridworker', 'cadre', 'admin', 'resident'] as Role[])('%s may not assign', (role) => {
    expect(assignIssue(openIssue(), { _id: 'x', role }, gridworker, T0)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });

  test('only staff who work on the ground can own an issue', () => {
    expect(assignIssue(openIssue(), officer, { _id: 'u-admin', name: '管理员', role: 'admin' }, T0)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(assignIssue(openIssue(), officer, { _id: 'u-res', name: '居民', role: 'resident' }, T0)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });

  test('a resolved issue cannot be assigned', () => {
    const resolved = after(resolveIssue(openIssue(), officer, '已联系子女', T0), 'resolve');
    expect(assignIssue(resolved, officer, gridworker, T0)).toMatchObject({ ok: false, error: { code: 'ISSUE.INVALID_TRANSITION', message: '问题当前为“已解决”，不能分派' } });
  });
});

describe('resolve', () => {
  test('from assigned, with the resolution the gridworker will see', () => {
    const a = after(assignIssue(openIssue(), officer, gridworker, T0), 'assign');
    const r = resolveIssue(a, officer, '  已安排邻居每日照看，并申请居家养老服务  ', T0 + 10);
    expect(r).toMatchObject({
      ok: true,
      data: {
        from: 'assigned',
        to: 'resolved',
        why: '已安排邻居每日照看，并申请居家养老服务',
        issue: { state: 'resolved', resolution: '已安排邻居每日照看，并申请居家养老服务', resolvedAt: T0 + 10, resolvedBy: 'u-officer', ownerId: 'u-gw-01' },
      },
    });
  });

  test('the officer may resolve an open issue directly', () => {
    expect(resolveIssue(openIssue(), officer, '当场解决', T0)).toMatchObject({ ok: true, data: { from: 'open', to: 'resolved' } });
  });

  test('needs a resolution text of at most 500 characters', () => {
    expect(resolveIssue(openIssue(), officer, '   ', T0)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '请填写处理结果' } });
    expect(resolveIssue(openIssue(), officer, '字'.repeat(501), T0)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(resolveIssue(openIssue(), officer, '字'.repeat(500), T0).ok).toBe(true);
  });

  test('the gridworker cannot resolve; a resolved issue cannot be resolved again', () => {
    expect(resolveIssue(openIssue(), gridworker, '好了', T0)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    const r = after(resolveIssue(openIssue(), officer, '好了', T0), 'resolve');
    expect(resolveIssue(r, officer, '又好了', T0)).toMatchObject({ ok: false, error: { code: 'ISSUE.INVALID_TRANSITION' } });
  });
});

describe('reopen', () => {
  test('back to its owner, resolution cleared, counted', () => {
    const a = after(assignIssue(openIssue(), officer, gridworker, T0), 'assign');
    const r = after(resolveIssue(a, officer, '已解决', T0 + 1), 'resolve');
    const o = reopenIssue(r, officer, '回访发现仍无人照料', T0 + 2);
    expect(o).toMatchObject({
      ok: true,
      data: {
        from: 'resolved',
        to: 'assigned',
        issue: { state: 'assigned', ownerId: 'u-gw-01', resolution: null, resolvedAt: null, resolvedBy: null, reopenCount: 1, reopenReason: '回访发现仍无人照料' },
      },
    });
  });

  test('an issue resolved without an owner reopens as open', () => {
    const r = after(resolveIssue(openIssue(), officer, '已解决', T0), 'resolve');
    expect(reopenIssue(r, officer, '未解决', T0)).toMatchObject({ ok: true, data: { to: 'open' } });
  });

  test('only resolved issues reopen; only the officer; a reason is needed', () => {
    expect(reopenIssue(openIssue(), officer, '原因', T0)).toMatchObject({ ok: false, error: { code: 'ISSUE.INVALID_TRANSITION' } });
    const r = after(resolveIssue(openIssue(), officer, '已解决', T0), 'resolve');
    expect(reopenIssue(r, gridworker, '原因', T0)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(reopenIssue(r, officer, '', T0)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });
});

describe('who sees an issue', () => {
  const user = (role: Role, gridIds: string[] = [], villageIds: string[] = []): ScopedUser => ({ _id: 'u', role, gridIds, villageIds });
  const issue = openIssue();

  test('the gridworker of the grid sees the outcome; another grid’s does not', () => {
    expect(canViewIssue(user('gridworker', ['g01-01'], ['v01']), issue)).toBe(true);
    expect(canViewIssue(user('gridworker', ['g01-02'], ['v01']), issue)).toBe(false);
  });

  test('the cadre of the village, the officer; never a resident', () => {
    expect(canViewIssue(user('cadre', [], ['v01']), issue)).toBe(true);
    expect(canViewIssue(user('cadre', [], ['v02']), issue)).toBe(false);
    expect(canViewIssue(user('officer'), issue)).toBe(true);
    expect(canViewIssue({ _id: 'r', role: 'resident', gridIds: [], villageIds: [], personId: 'p000001' }, issue)).toBe(false);
  });
});

test('overdue once past the deadline and not resolved', () => {
  const issue = openIssue();
  expect(isIssueOverdue(issue, issue.deadlineAt)).toBe(false);
  expect(isIssueOverdue(issue, issue.deadlineAt + 1)).toBe(true);
  expect(isIssueOverdue({ ...issue, state: 'resolved' }, issue.deadlineAt + 1)).toBe(false);
  // The query form says the same: a deadline before now.
  expect(issue.deadlineAt < overdueIssueRange(issue.deadlineAt).lt).toBe(false);
  expect(issue.deadlineAt < overdueIssueRange(issue.deadlineAt + 1).lt).toBe(true);
});
