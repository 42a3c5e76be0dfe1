// How an alert is answered (issue 10, leak 6): with the town's figures to the town office, with the caller's own
// area's figures to everyone else.
import { ALERT_REASON_LABELS, reachedPercent, unreachedCount, type Alert, type TallyCounts } from '../../../src/core/alerts/roll-call';
import type { Scope } from '../../../src/core/roles';

/** An alert with the town's figures: for the town office, and for no one else (alertView). */
export function alertSummary(a: Alert) {
  return {
    _id: a._id,
    version: a.version,
    reason: a.reason,
    reasonLabel: ALERT_REASON_LABELS[a.reason],
    villageIds: a.villageIds,
    deadlineAt: a.deadlineAt,
    instructions: a.instructions,
    state: a.state,
    total: a.total,
    raisedBy: a.raisedBy,
    createdAt: a.createdAt,
    escalation: a.escalation,
    closedAt: a.closedAt,
    summary: a.summary,
  };
}

/**
 * An alert as this caller may see it: its figures (roll total, escalation, closing summary) are those of the
 * caller's own area only — `area` holds that area's counts. The town office sees the town's; a cadre their
 * villages' rows; a gridworker no village rows (a village's figures include other grids).
 */
export function alertView(a: Alert, scope: Scope, area: TallyCounts) {
  const summary = alertSummary(a);
  if (scope.kind === 'town') return summary;
  const own = (v: { villageId: string }) => scope.kind === 'villages' && scope.villageIds.includes(v.villageId);
  const escalationRows = a.escalation?.byVillage.filter(own) ?? [];
  return {
    ...summary,
    total: area.total,
    escalation: a.escalation && {
      at: a.escalation.at,
      unreached: scope.kind === 'villages' ? escalationRows.reduce((sum, v) => sum + v.unreached, 0) : unreachedCount(area),
      byVillage: escalationRows,
    },
    summary: a.summary && { ...area, reachedPercent: reachedPercent(area), byVillage: a.summary.byVillage.filter(own) },
  };
}
