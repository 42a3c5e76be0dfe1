// Collection names and their indexes, declared once. The local stand-in creates these indexes;
// README.md lists them for the WeChat cloud console.

export const COLLECTIONS = {
  villages: 'villages',
  grids: 'grids',
  users: 'users',
  households: 'households',
  persons: 'persons',
  audit: 'audit',
  settings: 'settings',
  cases: 'cases',
  messages: 'messages',
  visits: 'visits',
  issues: 'issues',
  plans: 'plans',
  warnings: 'warnings',
  assignments: 'assignments',
  outbox: 'outbox',
  subscriptions: 'subscriptions',
  alerts: 'alerts',
  alertEntries: 'alertEntries',
  alertTallies: 'alertTallies',
  // One record per cloud function: the build version it runs (platform/deployments.ts).
  deployments: 'deployments',
  /** Upload tickets: the storage path the server issued to a user (server/platform/files.ts). */
  uploads: 'uploads',
  // Onboarding (issue 9): staff invitations, resident link requests and link codes, failed-attempt counters.
  invitations: 'invitations',
  linkRequests: 'linkRequests',
  linkCodes: 'linkCodes',
  attempts: 'attempts',
  jobs: 'jobs',
  jobParts: 'jobParts',
  // Issue 13: the village notice board and its objections; the town's policy guide (one record per topic).
  noticeBoards: 'noticeBoards',
  noticeObjections: 'noticeObjections',
  guides: 'guides',
  // Issue 13: referrals to the offices that decide (RULES §20) and village appraisal meetings (民主评议).
  referrals: 'referrals',
  appraisals: 'appraisals',
  /** Dashboards (issue 12): each grid's tally (persons by category, overdue visits, months), taken by a timer. */
  gridTallies: 'gridTallies',
  // Verification campaigns (issue 12): one record per half-year, one subject per listed person (its re-check task).
  campaigns: 'campaigns',
  campaignSubjects: 'campaignSubjects',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

export interface IndexDecl {
  collection: CollectionName;
  fields: string[];
  unique?: boolean;
}

export const INDEXES: IndexDecl[] = [
  // A campaign's list in order (export, import), its flagged subjects (board); a grid's open re-check tasks.
  { collection: 'campaignSubjects', fields: ['campaignId', '_id'] },
  { collection: 'campaignSubjects', fields: ['campaignId', 'flagged', '_id'] },
  { collection: 'campaignSubjects', fields: ['gridId', 'task', 'dueAt'] },
  { collection: 'campaignSubjects', fields: ['villageId', 'task', 'dueAt'] },
  // The town dashboard's re-check figures (reports/dashboard.ts): by task state and due instant, town-wide.
  { collection: 'campaignSubjects', fields: ['task', 'dueAt'] },
  { collection: 'users', fields: ['openid'], unique: true },
  { collection: 'grids', fields: ['villageId'] },
  { collection: 'households', fields: ['gridId'] },
  // Roster pages: scope field + cursor (_id), so a page is an index range, not a sort.
  { collection: 'persons', fields: ['gridId', '_id'] },
  { collection: 'persons', fields: ['villageId', '_id'] },
  { collection: 'persons', fields: ['categories', '_id'] },
  { collection: 'persons', fields: ['householdId'] },
  { collection: 'persons', fields: ['idNumber'] },
  { collection: 'audit', fields: ['collection', 'recordId', 'at'] },
  // A case's trail: its history and its views are paged apart (server/cases/trail.ts).
  { collection: 'audit', fields: ['collection', 'recordId', 'kind', 'at', '_id'] },
  { collection: 'messages', fields: ['recipientUserId', 'createdAt', '_id'] },
  // Visit schedule: the due date is stored on the person, so an overdue list is an index range per grid/village/town.
  { collection: 'persons', fields: ['gridId', 'nextVisitDue', '_id'] },
  { collection: 'persons', fields: ['villageId', 'nextVisitDue', '_id'] },
  { collection: 'persons', fields: ['nextVisitDue', '_id'] },
  // Roster search (officers): name prefix, ID-number tail, phone tail; duplicate check by phone.
  { collection: 'persons', fields: ['name'] },
  { collection: 'persons', fields: ['idTail'] },
  { collection: 'persons', fields: ['phoneTail'] },
  { collection: 'persons', fields: ['phone'] },
  { collection: 'households', fields: ['keyHousehold', '_id'] },
  { collection: 'households', fields: ['monitorCheckAt'] },
  { collection: 'visits', fields: ['householdId', 'visitedAt'] },
  { collection: 'issues', fields: ['state', 'deadlineAt', '_id'] },
  { collection: 'issues', fields: ['gridId', 'state', 'deadlineAt'] },
  { collection: 'issues', fields: ['villageId', 'state', 'deadlineAt'] },
  { collection: 'issues', fields: ['householdId', 'state'] },
  { collection: 'issues', fields: ['ownerId', 'state'] },
  { collection: 'plans', fields: ['householdId', 'state'] },
  { collection: 'plans', fields: ['ownerId', 'state'] },
  { collection: 'plans', fields: ['state', '_id'] },
  { collection: 'warnings', fields: ['state', 'dueAt', '_id'] },
  { collection: 'warnings', fields: ['householdId'] },
  // RULES §34: the estimated due dates an entered holiday arrangement firms (server/roster/estimated-dates.ts).
  { collection: 'warnings', fields: ['dueEstimated', 'state', '_id'] },
  { collection: 'issues', fields: ['deadlineEstimated', 'state', '_id'] },
  { collection: 'assignments', fields: ['areaId', 'from'] },
  { collection: 'assignments', fields: ['userId', 'from'] },
  // Worklists and the clock sweep: stored sort keys (queue, dueAt, soonAt, sweepAt — see server/cases/store.ts). The sweep's
  // range is over every queue: a closed case is due there only while its effects are pending.
  { collection: 'cases', fields: ['queue', 'dueAt', '_id'] },
  { collection: 'cases', fields: ['queue', 'soonAt', 'dueAt'] },
  { collection: 'cases', fields: ['sweepAt', '_id'] },
  // RULES §34: the open cases paged by id when an entered holiday arrangement moves their clocks.
  { collection: 'cases', fields: ['queue', '_id'] },
  { collection: 'cases', fields: ['queue', 'gridId', 'dueAt', '_id'] },
  { collection: 'cases', fields: ['queue', 'villageId', 'dueAt', '_id'] },
  { collection: 'cases', fields: ['residentUserId', 'updatedAt'] },
  { collection: 'cases', fields: ['householdId', 'queue'] },
  // RULES §14: the county's spot-check share of the town's 特困 files (server/cases/store.ts countyReview).
  { collection: 'cases', fields: ['countyReview'] },
  // Subscription messages (notify): the sweep takes due entries by state; the outbox page lists the newest.
  { collection: 'outbox', fields: ['state', 'dueAt'] },
  { collection: 'outbox', fields: ['createdAt', '_id'] },
  { collection: 'outbox', fields: ['state', 'createdAt', '_id'] },
  { collection: 'subscriptions', fields: ['userId'] },
  // 一拉就响: open alerts by escalation time (and unfinished raises by state). Entries (`alert:grid:person`) and grid
  // rolls (`alert:grid`, in alertTallies) are read and counted by ranges of their _id, so they need no other index
  // (and raising writes none).
  { collection: 'alerts', fields: ['state', 'escalateAt'] },
  { collection: 'alerts', fields: ['createdAt', '_id'] },
  // Onboarding: a code is found by its hash (the code itself is never stored); a user's pending invitations; the
  // admin's list; a grid's pending link requests; a roster person's resident account.
  { collection: 'invitations', fields: ['codeHash'], unique: true },
  { collection: 'invitations', fields: ['userId', 'state'] },
  { collection: 'invitations', fields: ['state', 'createdAt', '_id'] },
  { collection: 'linkRequests', fields: ['gridId', 'state', 'createdAt'] },
  { collection: 'linkRequests', fields: ['villageId', 'state', 'createdAt'] },
  { collection: 'linkRequests', fields: ['residentUserId', 'createdAt'] },
  { collection: 'users', fields: ['personId'] },
  // Long jobs (platform/jobs.ts): one record per sweep or import, read by id; unfinished imports by kind. An
  // import's planned rows are stored in parts (`<job>:<n>`), read by id.
  { collection: 'jobs', fields: ['kind', 'done'] },
  // 村务公示: a village's cases to post, its notices newest first; the office's objections by state; a filer's own
  // objections (and their count per notice, the abuse limit).
  { collection: 'cases', fields: ['villageId', 'queue', 'state'] },
  { collection: 'noticeBoards', fields: ['villageId', 'publishedAt'] },
  { collection: 'noticeObjections', fields: ['state', 'createdAt'] },
  { collection: 'noticeObjections', fields: ['filerUserId', 'createdAt'] },
  { collection: 'noticeObjections', fields: ['noticeId', 'filerUserId'] },
  // Referral board: open ones by their clock's due instant (overdue first), per scope and filter; the sweep by its next mark.
  { collection: 'referrals', fields: ['state', 'dueAt', '_id'] },
  { collection: 'referrals', fields: ['villageId', 'state', 'dueAt', '_id'] },
  { collection: 'referrals', fields: ['gridId', 'state', 'dueAt', '_id'] },
  { collection: 'referrals', fields: ['sweepAt', '_id'] },
  { collection: 'referrals', fields: ['caseId'] },
  { collection: 'referrals', fields: ['residentUserId', 'createdAt'] },
  { collection: 'appraisals', fields: ['villageId', 'heldOn'] },
  { collection: 'appraisals', fields: ['caseIds'] },
  // Dashboards (issue 12): open cases by state and this month's discoveries are counted per view in the viewer's
  // scope; each grid's months (cases, visits) are counted by the hourly tally; tallies are read by village.
  { collection: 'cases', fields: ['state', 'villageId'] },
  { collection: 'cases', fields: ['state', 'gridId'] },
  { collection: 'cases', fields: ['source', 'createdAt'] },
  { collection: 'cases', fields: ['gridId', 'createdAt'] },
  { collection: 'visits', fields: ['gridId', 'visitedAt'] },
  { collection: 'gridTallies', fields: ['villageId'] },
];
