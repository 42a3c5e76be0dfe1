// The dashboard's figures (issue 12): the work in hand — open cases by state, clocks, issues, alerts, campaigns' home
// re-checks, this month's discoveries — counted over index ranges in the viewer's scope, all sent at once; persons by category, overdue
// visits and the months' trends summed from the grids' hourly tallies (tally.ts), which would otherwise mean counting
// every person or every visit of the year per view.
import { isOpenState, CASE_STATES, type CaseState } from '../../../src/core/cases';
import { gridTallySchema, sumTallies, trendMonths, type Dashboard, type DashboardLevel } from '../../../src/core/reports';
import type { Scope } from '../../../src/core/roles';
import { UNRESOLVED_ISSUE_STATES, overdueIssueRange } from '../../../src/core/visits/issue';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { rangeCondition } from '../../platform/paging';
import { mapLimit } from '../../platform/parallel';
import { scopeCondition, villagesOf } from '../../platform/scope-query';
import { readAllPages } from '../../platform/store';

/** Counts in flight at once: each is one round trip in the cloud. */
const COUNTS_AT_ONCE = 24;

const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter(isOpenState);

function levelOf(scope: Scope, filter: { villageId?: string; gridId?: string }): DashboardLevel {
  if (scope.kind === 'grids' || filter.gridId) return 'grid';
  return scope.kind === 'villages' || filter.villageId ? 'village' : 'town';
}

export async function dashboard(db: Database, scope: Scope, filter: { villageId?: string; gridId?: string }, now: number): Promise<Dashboard> {
  const _ = db.command;
  const where = scopeCondition(_, scope, filter);
  const months = trendMonths(now);
  const thisMonth = months[months.length - 1]!;
  const at = new Date(now);
  const count = (collection: string, condition: object) => () => db.collection(collection).where(condition).count().then((r) => r.total);
  // An alert names its villages: it counts for every grid of a village it covers (as the roll-call list shows it).
  const openAlerts = async () => {
    const villages = filter.gridId ? await villagesOf(db, { kind: 'grids', gridIds: [filter.gridId] }) : filter.villageId ? [filter.villageId] : await villagesOf(db, scope);
    return count(COLLECTIONS.alerts, villages === null ? { state: 'open' } : { state: 'open', villageIds: _.in(villages) })();
  };
  const monthRange = (m: { from: number; to: number }) => rangeCondition(_, { gte: m.from, lt: m.to });
  const tasks = [
    count(COLLECTIONS.cases, { ...where, source: 'discovery', createdAt: monthRange(thisMonth) }),
    count(COLLECTIONS.cases, { ...where, queue: 'open', dueAt: _.lt(at) }),
    count(COLLECTIONS.cases, { ...where, queue: 'open', dueAt: _.gte(at), soonAt: _.lte(at) }),
    count(COLLECTIONS.issues, { ...where, state: _.in([...UNRESOLVED_ISSUE_STATES]) }),
    count(COLLECTIONS.issues, { ...where, state: _.in([...UNRESOLVED_ISSUE_STATES]), deadlineAt: rangeCondition(_, overdueIssueRange(now)) }),
    openAlerts,
    count(COLLECTIONS.campaignSubjects, { ...where, task: 'open' }),
    count(COLLECTIONS.campaignSubjects, { ...where, task: 'open', dueAt: _.lt(now) }),
    count(COLLECTIONS.campaignSubjects, { ...where, task: 'done' }),
    ...OPEN_STATES.map((state) => count(COLLECTIONS.cases, { ...where, state })),
  ];
  const [tallies, counts] = await Promise.all([
    readAllPages(db, COLLECTIONS.gridTallies, gridTallySchema, where),
    mapLimit(tasks, COUNTS_AT_ONCE, (task) => task()),
  ]);
  const [newDiscoveries, breached, dueSoon, unresolved, overdueIssues, alertsOpen, rechecksOpen, rechecksOverdue, rechecksDone, ...perState] = counts as [number, ...number[]];
  const byState = OPEN_STATES.map((state, i) => ({ state, count: perState[i]! }));
  return {
    level: levelOf(scope, filter),
    now,
    ...sumTallies(tallies, months.map((m) => m.month)),
    newDiscoveries,
    openCases: { total: byState.reduce((sum, s) => sum + s.count, 0), byState: byState.filter((s) => s.count > 0) },
    clocks: { dueSoon: dueSoon!, breached: breached! },
    issues: { unresolved: unresolved!, overdue: overdueIssues! },
    openAlerts: alertsOpen!,
    rechecks: { open: rechecksOpen!, overdue: rechecksOverdue!, done: rechecksDone! },
  };
}
