// Escalation: from a stored visit, the issues (问题) the town must fix, their deadlines, and whether the officer is
// alerted at once. One issue per (member, problem); household-level ones for follow-up plan items.
import { addWorkingDaysOrEstimate, addHours, beijingDate, endOfBeijingDayMs } from '../calendar';
import type { TownSettings } from '../settings';
import { MAJOR_CHANGE_LABELS, type MajorChangeFact } from './major-change';
import { followUpFindings, type FollowUpFinding, type FollowUpPlan } from './follow-up';
import type { Issue, IssueType } from './issue';
import { VISIT_CHECKLIST, problemKeys, type VisitRecord } from './visit-record';

export interface IssueDeadlineSettings {
  /** Working days to fix a 无人 problem, an undelivered policy, a major change or a follow-up finding. */
  issueWorkingDays: number;
  /** Hours to act on a child at risk. */
  urgentIssueHours: number;
}

export const DEFAULT_ISSUE_DEADLINES: Readonly<IssueDeadlineSettings> = Object.freeze({
  issueWorkingDays: 5, // issue 4 (local default): the town fixes a 无人 problem within 5 working days
  urgentIssueHours: 24, // RULES §26: a child at risk is reported immediately and acted on within 24 h
});

export interface EscalationContext {
  /** Person id → name, for issue titles. */
  memberNames: Readonly<Record<string, string>>;
  /** The follow-up plan the visit was made under, when it names one. */
  plan?: Pick<FollowUpPlan, '_id' | 'items'> | null;
  settings: Pick<TownSettings, 'discoveryAckHours' | 'holidayArrangements'>;
  deadlines?: IssueDeadlineSettings;
}

export interface Escalation {
  /** Ready to insert; `_id` is derived from the visit, so a retried submission makes the same ids. */
  issues: Issue[];
  /** Alert the officer now (RULES §26 child at risk; an anomaly on a follow-up visit). */
  notifyOfficerNow: boolean;
  /** Chinese, one line per reason to alert. */
  notifyReasons: string[];
  /** The visit was a follow-up visit under the plan and found something. */
  anomaly: boolean;
  /** Major changes seen on the visit, to record on the persons (schedule and monitoring read them). */
  majorChanges: Array<MajorChangeFact & { personId: string }>;
}

type Deadline = { at: number; estimated: boolean; urgent: boolean };

/** An issue's deadline, counted from the visit's receipt (also when an entered holiday arrangement firms it, RULES §34). */
export function issueDeadline(type: IssueType, from: number, ctx: Pick<EscalationContext, 'settings' | 'deadlines'>): Deadline {
  const d = ctx.deadlines ?? DEFAULT_ISSUE_DEADLINES;
  // RULES §26: a child at risk — immediately, hours not working days.
  if (type === 'childAtRisk') return { at: addHours(from, d.urgentIssueHours), estimated: false, urgent: true };
  // RULES §27 (local): someone uncovered whose living is at risk is a discovery the town acknowledges within 24 h.
  if (type === 'uncoveredAtRisk') return { at: addHours(from, ctx.settings.discoveryAckHours), estimated: false, urgent: true };
  const due = addWorkingDaysOrEstimate(beijingDate(from), d.issueWorkingDays, ctx.settings.holidayArrangements);
  return { at: endOfBeijingDayMs(due.date), estimated: due.estimated, urgent: false };
}

/** The issues, alerts and major changes that one stored visit gives rise to. Deadlines run from its receipt. */
export function deriveEscalation(visit: VisitRecord, ctx: EscalationContext): Escalation {
  const isFollowUp = !!(visit.followUp && ctx.plan && ctx.plan._id === visit.followUp.planId);
  const findings: FollowUpFinding[] = isFollowUp ? followUpFindings(visit, ctx.plan!) : [];
  const anomaly = findings.length > 0;
  const issues: Issue[] = [];

  const add = (type: IssueType, personId: string | null, suffix: string, title: string) => {
    const deadline = issueDeadline(type, visit.receivedAt, ctx);
    const notifyNow = type === 'childAtRisk' || anomaly;
    issues.push({
      _id: `${visit._id}:${suffix}`,
      createdAt: visit.receivedAt,
      updatedAt: visit.receivedAt,
      version: 0,
      type,
      title,
      householdId: visit.householdId,
      personId,
      gridId: visit.gridId,
      villageId: visit.villageId,
      source: { kind: 'visit', id: visit._id },
      reportedBy: visit.visitorId,
      subjectKey: `${personId ?? visit.householdId}:${type}${type === 'followUpItem' ? `:${suffix}` : ''}`,
      urgent: deadline.urgent,
      notifyNow,
      deadlineAt: deadline.at,
      deadlineEstimated: deadline.estimated,
      state: 'open',
      ownerId: null,
      ownerName: null,
      assignedAt: null,
      assignedBy: null,
      resolution: null,
      resolvedAt: null,
      resolvedBy: null,
      reopenCount: 0,
      reopenReason: null,
    });
  };

  const majorChanges: Escalation['majorChanges'] = [];
  for (const m of visit.members) {
    const name = ctx.memberNames[m.personId] ?? '';
    const who = name ? `${name}：` : '';
    // Issue 4: any 无人 problem or risk answer creates an issue for the town.
    for (const key of problemKeys(m)) add(key, m.personId, `${m.personId}:${key}`, `${who}${VISIT_CHECKLIST[key].problemTitle}`);
    if (m.majorChange) {
      majorChanges.push({ personId: m.personId, kind: m.majorChange, at: visit.visitedAt });
      add('majorChange', m.personId, `${m.personId}:majorChange`, `${who}重大变故（${MAJOR_CHANGE_LABELS[m.majorChange]}）`);
    }
  }
  for (const f of findings) if (f.kind === 'planItem') add('followUpItem', null, `plan:${f.itemId}`, f.label);

  const notifyReasons: string[] = [];
  const children = issues.filter((i) => i.type === 'childAtRisk');
  if (children.length > 0) notifyReasons.push(`走访发现儿童有受侵害或危险迹象（${children.length}人），须立即处置`);
  if (anomaly) notifyReasons.push(`跟踪帮扶走访发现异常：${findings.map((f) => f.label).join('；')}`);
  return { issues, notifyOfficerNow: notifyReasons.length > 0, notifyReasons, anomaly, majorChanges };
}

/** The issues to insert when some subjects already have an open issue (no duplicate of an open problem). */
export function withoutOpenDuplicates(issues: readonly Issue[], openSubjectKeys: Iterable<string>): Issue[] {
  const open = new Set(openSubjectKeys);
  return issues.filter((i) => !open.has(i.subjectKey));
}
