// Issues (问题): something a visit or report found that the town must fix. open → assigned → resolved, with
// reopen; the officer assigns and resolves, the gridworker and cadre of the place see the outcome.
// Transitions are pure: (issue, event) → next issue + the patch to persist with a version check + audit facts.
import { z } from 'zod';
import { err, ok, type Result } from '../errors';
import { recordMeta } from '../records';
import { inScope, scopeOf, CASEWORK_ROLES, type Role, type ScopedUser } from '../roles';
import { requiredText } from '../text';
import { CHECKLIST_KEYS, VISIT_CHECKLIST, type ChecklistKey } from './visit-record';

/** Resolution text and reopen reason. */
export const ISSUE_TEXT_MAX = 500;

/** A checklist item that was answered as a problem, a major change, or a follow-up plan item not in order. */
export type IssueType = ChecklistKey | 'majorChange' | 'followUpItem';
export const ISSUE_TYPES = [...CHECKLIST_KEYS, 'majorChange', 'followUpItem'] as IssueType[];
export const ISSUE_TYPE_LABELS: Readonly<Record<IssueType, string>> = {
  ...(Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, VISIT_CHECKLIST[k].problemTitle])) as Record<ChecklistKey, string>),
  majorChange: '重大变故',
  followUpItem: '跟踪事项异常',
};

export const ISSUE_STATES = ['open', 'assigned', 'resolved'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];
/** Still the town's to fix: worklists, a household's open problems, work handed over on reassignment. */
export const UNRESOLVED_ISSUE_STATES = ['open', 'assigned'] as const satisfies readonly IssueState[];
export const ISSUE_STATE_LABELS: Readonly<Record<IssueState, string>> = { open: '待处理', assigned: '已分派', resolved: '已解决' };
/** The issue lists' filters: a state, the unresolved, those past their deadline (isIssueOverdue), or all. */
export const ISSUE_FILTERS = ['unresolved', 'overdue', ...ISSUE_STATES, 'all'] as const;
export type IssueFilter = (typeof ISSUE_FILTERS)[number];
/** An issue's flags: its deadline counted in hours, or past. */
export const ISSUE_FLAG_LABELS = { urgent: '紧急', overdue: '已超期' } as const;
export const ISSUE_FILTER_LABELS: Readonly<Record<IssueFilter, string>> = { unresolved: '未办结', overdue: ISSUE_FLAG_LABELS.overdue, ...ISSUE_STATE_LABELS, all: '全部' };

export const issueSchema = z.object({
  ...recordMeta,
  type: z.enum(ISSUE_TYPES as [IssueType, ...IssueType[]]),
  title: z.string(),
  householdId: z.string(),
  personId: z.string().nullable(),
  gridId: z.string(),
  villageId: z.string(),
  /** Where it came from: a visit or a discovery report. */
  source: z.object({ kind: z.enum(['visit', 'report']), id: z.string() }),
  reportedBy: z.string(),
  /** `${personId or householdId}:${type}`: the caller may skip a new issue while one with this key is still open. */
  subjectKey: z.string(),
  /** Deadline counted in hours rather than working days. */
  urgent: z.boolean(),
  /** The officer was (to be) alerted at once: child at risk, anomaly on a follow-up visit. */
  notifyNow: z.boolean(),
  deadlineAt: z.number(),
  /** The deadline used Monday–Friday for a year the holiday calendar does not carry yet. */
  deadlineEstimated: z.boolean(),
  state: z.enum(ISSUE_STATES),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  assignedAt: z.number().nullable(),
  assignedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
  reopenCount: z.number().int().nonnegative(),
  reopenReason: z.string().nullable(),
});
export type Issue = z.infer<typeof issueSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Who may do what

export type IssueAction = 'assign' | 'resolve' | 'reopen';
// docs/product.md: the town office (镇民政办) takes problem escalations to closure.
export const ISSUE_ACTION_ROLES: Readonly<Record<IssueAction, readonly Role[]>> = {
  assign: ['officer'],
  resolve: ['officer'],
  reopen: ['officer'],
};
/** Who can be made responsible for fixing an issue. */
export const ISSUE_OWNER_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer'];

/** Staff see the issues of their place (a gridworker their grids, a cadre their villages, the office all); residents none. */
export function canViewIssue(user: ScopedUser, issue: Pick<Issue, 'gridId' | 'villageId'>): boolean {
  return CASEWORK_ROLES.includes(user.role) && inScope(scopeOf(user), issue);
}

// ---------------------------------------------------------------------------------------------------------------
// Transitions

export interface IssueActor {
  _id: string;
  role: Role;
}

export interface IssueTransition {
  issue: Issue;
  /** The changed fields, for `updateVersioned` (which sets updatedAt and version itself). */
  patch: Partial<Issue>;
  from: IssueState;
  to: IssueState;
  why?: string;
}

const ALLOWED_FROM: Readonly<Record<IssueAction, readonly IssueState[]>> = {
  assign: ['open', 'assigned'], // re-assigning moves the work to someone else
  resolve: ['open', 'assigned'], // the officer may resolve without assigning first
  reopen: ['resolved'],
};

const ACTION_LABELS: Readonly<Record<IssueAction, string>> = { assign: '分派', resolve: '办结', reopen: '重新打开' };

function guard(issue: Issue, actor: IssueActor, action: IssueAction): Result<true> {
  if (!ISSUE_ACTION_ROLES[action].includes(actor.role)) return err('ROLE.FORBIDDEN', '只有镇民政办可以分派、办结或重新打开问题');
  if (!ALLOWED_FROM[action].includes(issue.state)) {
    return err('ISSUE.INVALID_TRANSITION', `问题当前为“${ISSUE_STATE_LABELS[issue.state]}”，不能${ACTION_LABELS[action]}`);
  }
  return ok(true);
}

function transition(issue: Issue, patch: Partial<Issue>, at: number, why?: string): IssueTransition {
  const next = { ...issue, ...patch, updatedAt: at };
  const t: IssueTransition = { issue: next, patch, from: issue.state, to: next.state };
  if (why !== undefined) t.why = why;
  return t;
}

/** Officer makes a staff member responsible (again, if already assigned). */
export function assignIssue(issue: Issue, actor: IssueActor, owner: { _id: string; name: string; role: Role }, at: number): Result<IssueTransition> {
  const g = guard(issue, actor, 'assign');
  if (!g.ok) return g;
  if (!ISSUE_OWNER_ROLES.includes(owner.role)) return err('INPUT.INVALID', '问题只能分派给网格员、村干部或民政办工作人员');
  return ok(transition(issue, { state: 'assigned', ownerId: owner._id, ownerName: owner.name, assignedAt: at, assignedBy: actor._id }, at));
}

/** Officer records how it was fixed; the gridworker then sees the outcome. */
export function resolveIssue(issue: Issue, actor: IssueActor, resolution: string, at: number): Result<IssueTransition> {
  const g = guard(issue, actor, 'resolve');
  if (!g.ok) return g;
  const r = requiredText(resolution, '处理结果', ISSUE_TEXT_MAX);
  if (!r.ok) return r;
  return ok(transition(issue, { state: 'resolved', resolution: r.data, resolvedAt: at, resolvedBy: actor._id }, at, r.data));
}

/** Officer reopens a resolved issue: back to its owner if it had one, else open; the old resolution is cleared. */
export function reopenIssue(issue: Issue, actor: IssueActor, reason: string, at: number): Result<IssueTransition> {
  const g = guard(issue, actor, 'reopen');
  if (!g.ok) return g;
  const r = requiredText(reason, '重新打开的原因', ISSUE_TEXT_MAX);
  if (!r.ok) return r;
  return ok(
    transition(
      issue,
      {
        state: issue.ownerId ? 'assigned' : 'open',
        resolution: null,
        resolvedAt: null,
        resolvedBy: null,
        reopenCount: issue.reopenCount + 1,
        reopenReason: r.data,
      },
      at,
      r.data,
    ),
  );
}

/** Issue 4: an issue is overdue when it is past its deadline and not resolved. */
export function isIssueOverdue(issue: Pick<Issue, 'state' | 'deadlineAt'>, now: number): boolean {
  return issue.state !== 'resolved' && issue.deadlineAt < overdueIssueRange(now).lt;
}

/** The overdue issues as a query: an unresolved state and a deadline in this range (an index range, paged). */
export function overdueIssueRange(now: number): { lt: number } {
  return { lt: now };
}
