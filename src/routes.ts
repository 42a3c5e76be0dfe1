// Every page path in one place, and which home each role lands on. Page files live at these paths under src/;
// app.config.ts builds the app's page list from ROUTES (`pageTree`), so a page added here is a page of the app.
import type { Role } from './core/roles';

export const ROUTES = {
  launch: '/pages/index/index',
  login: '/pages/login/index',
  // Onboarding (issue 9): the invitation's landing page (main package: a mini-program code opens it directly).
  bind: '/pages/bind/index',
  residentLink: '/packages/resident/pages/link/index',
  linkRequests: '/packages/worker/pages/link-requests/index',
  residentHome: '/packages/resident/pages/home/index',
  workerHome: '/packages/worker/pages/home/index',
  roster: '/packages/worker/pages/roster/index',
  person: '/packages/worker/pages/person/index',
  officerHome: '/packages/officer/pages/home/index',
  adminHome: '/packages/admin/pages/home/index',
  structure: '/packages/admin/pages/structure/index',
  // Help requests and applications (issue 3)
  selfReport: '/packages/resident/pages/self-report/index',
  selfCheck: '/packages/resident/pages/self-check/index',
  apply: '/packages/resident/pages/apply/index',
  myCases: '/packages/resident/pages/my-cases/index',
  residentCase: '/packages/resident/pages/case/index',
  proxy: '/packages/worker/pages/proxy/index',
  discover: '/packages/worker/pages/discover/index',
  gridCases: '/packages/worker/pages/cases/index',
  workerCase: '/packages/worker/pages/case/index',
  worklist: '/packages/officer/pages/worklist/index',
  officerCase: '/packages/officer/pages/case/index',
  // Roster, visits and follow-up (issue 4)
  visits: '/packages/worker/pages/visits/index',
  overdue: '/packages/worker/pages/overdue/index',
  visit: '/packages/worker/pages/visit/index',
  plans: '/packages/worker/pages/plans/index',
  plan: '/packages/worker/pages/plan/index',
  capture: '/packages/worker/pages/capture/index',
  personEdit: '/packages/worker/pages/person-edit/index',
  issues: '/packages/officer/pages/issues/index',
  issue: '/packages/officer/pages/issue/index',
  // The grid's staff read an issue in their own package, with their own action (visit the household).
  workerIssue: '/packages/worker/pages/issue/index',
  keyHouseholds: '/packages/officer/pages/key-households/index',
  search: '/packages/officer/pages/search/index',
  warnings: '/packages/officer/pages/warnings/index',
  monitoring: '/packages/officer/pages/monitoring/index',
  ledgerImport: '/packages/officer/pages/import/index',
  users: '/packages/admin/pages/users/index',
  areas: '/packages/admin/pages/areas/index',
  settings: '/packages/admin/pages/settings/index',
  // 一拉就响 alert roll call (issue 5)
  alerts: '/packages/officer/pages/alerts/index',
  alertRaise: '/packages/officer/pages/alert-raise/index',
  alertBoard: '/packages/officer/pages/alert-board/index',
  rollCalls: '/packages/worker/pages/roll-calls/index',
  rollCall: '/packages/worker/pages/roll-call/index',
  // Subscription messages and the message centre (issue 5)
  messages: '/packages/common/pages/messages/index',
  subscriptions: '/packages/common/pages/subscriptions/index',
  outbox: '/packages/officer/pages/outbox/index',
  // Village notice board and policy guide (issue 13)
  notices: '/packages/worker/pages/notices/index',
  villageNotices: '/packages/resident/pages/notices/index',
  objections: '/packages/officer/pages/objections/index',
  guide: '/packages/common/pages/guide/index',
  guideEdit: '/packages/officer/pages/guide-edit/index',
  // Referrals (转介, RULES §20) and 民主评议 records (issue 13)
  referrals: '/packages/officer/pages/referrals/index',
  referral: '/packages/officer/pages/referral/index',
  referralNew: '/packages/worker/pages/referral-new/index',
  workerReferral: '/packages/worker/pages/referral/index',
  residentReferral: '/packages/resident/pages/referral/index',
  review: '/packages/worker/pages/review/index',
  // Dashboards and exports (issue 12): their own subpackage, so the chart library stays out of the others.
  dashboard: '/packages/reports/pages/dashboard/index',
  exports: '/packages/reports/pages/export/index',
  // Verification (issue 12): campaigns and due re-checks, a campaign's board, the grid's home re-check tasks
  verify: '/packages/officer/pages/verify/index',
  verifyBoard: '/packages/officer/pages/verify-board/index',
  rechecks: '/packages/worker/pages/rechecks/index',
  recheck: '/packages/worker/pages/recheck/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

const SUBPACKAGE = /^\/(packages\/[\w-]+)\/(.+)$/;

/**
 * app.json's page list from routes: paths under packages/<name>/ form that subpackage, the rest the main package,
 * in the order given (the first main page is the one the app opens on).
 */
export function pageTree(routes: readonly Route[]): { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> } {
  const pages: string[] = [];
  const subPackages = new Map<string, string[]>();
  for (const route of routes) {
    const sub = SUBPACKAGE.exec(route);
    if (!sub) pages.push(route.slice(1));
    else subPackages.set(sub[1]!, [...(subPackages.get(sub[1]!) ?? []), sub[2]!]);
  }
  return { pages, subPackages: [...subPackages].map(([root, rootPages]) => ({ root, pages: rootPages })) };
}

/** Gridworkers and village cadres share one home: a cadre's jobs are a gridworker's plus the village's. */
export const HOME_OF: Record<Role, Route> = {
  resident: ROUTES.residentHome,
  gridworker: ROUTES.workerHome,
  cadre: ROUTES.workerHome,
  officer: ROUTES.officerHome,
  admin: ROUTES.adminHome,
};

/** Each role's case page (cases.get: residents, gridworkers, cadres and the town office; the admin has none). */
export const CASE_PAGE_OF: Record<Role, Route | null> = {
  resident: ROUTES.residentCase,
  gridworker: ROUTES.workerCase,
  cadre: ROUTES.workerCase,
  officer: ROUTES.officerCase,
  admin: null,
};

/** Each role's issue page (visits.issue): the office's with its 督办 actions, the grid staff's with a visit. */
export const ISSUE_PAGE_OF: Record<Role, Route | null> = {
  resident: null,
  gridworker: ROUTES.workerIssue,
  cadre: ROUTES.workerIssue,
  officer: ROUTES.issue,
  admin: null,
};

/** Each role's referral page (referrals.get): the office's records the answers, the grid's staff and the resident read. */
export const REFERRAL_PAGE_OF: Record<Role, Route | null> = {
  resident: ROUTES.residentReferral,
  gridworker: ROUTES.workerReferral,
  cadre: ROUTES.workerReferral,
  officer: ROUTES.referral,
  admin: null,
};

/** The page a case opens on for this role (an admin, who has none, would get the town office's). */
export function caseRoute(role: Role): Route {
  return CASE_PAGE_OF[role] ?? ROUTES.officerCase;
}

/** A route with its query string; values are URI-encoded. */
export function withQuery(route: Route, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length ? `${route}?${pairs.join('&')}` : route;
}
