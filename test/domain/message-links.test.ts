// What a tapped message opens, per role: the one mapping shared by the message centre and the launch page's ?link=.
import { launchLink, messageLinkRoute } from '../../src/message-links';
import { ROLES, type Role } from '../../src/core/roles';
import { ROUTES } from '../../src/routes';

describe('message links', () => {
  test('case:<id> opens the case page of the viewer’s role, with the id its page reads', () => {
    expect(messageLinkRoute('case:c-1', 'resident')).toBe(`${ROUTES.residentCase}?id=c-1`);
    expect(messageLinkRoute('case:c-1', 'gridworker')).toBe(`${ROUTES.workerCase}?id=c-1`);
    expect(messageLinkRoute('case:c-1', 'cadre')).toBe(`${ROUTES.workerCase}?id=c-1`);
    expect(messageLinkRoute('case:c-1', 'officer')).toBe(`${ROUTES.officerCase}?id=c-1`);
    expect(messageLinkRoute('case:c-1', 'admin')).toBeNull();
    expect(messageLinkRoute('case:a b/c', 'resident')).toBe(`${ROUTES.residentCase}?id=a%20b%2Fc`);
  });

  test('referral:<id> opens each role\'s own referral page (the resident\'s too, the admin none)', () => {
    expect(messageLinkRoute('referral:r-1', 'resident')).toBe(`${ROUTES.residentReferral}?id=r-1`);
    expect(messageLinkRoute('referral:r-1', 'gridworker')).toBe(`${ROUTES.workerReferral}?id=r-1`);
    expect(messageLinkRoute('referral:r-1', 'cadre')).toBe(`${ROUTES.workerReferral}?id=r-1`);
    expect(messageLinkRoute('referral:r-1', 'officer')).toBe(`${ROUTES.referral}?id=r-1`);
    expect(messageLinkRoute('referral:r-1', 'admin')).toBeNull();
  });

  test('issue:<id> opens each role\'s own issue page; alert:<id> the board (office) or the roll call (grid staff)', () => {
    expect(messageLinkRoute('issue:i-9', 'gridworker')).toBe(`${ROUTES.workerIssue}?id=i-9`);
    expect(messageLinkRoute('issue:i-9', 'cadre')).toBe(`${ROUTES.workerIssue}?id=i-9`);
    expect(messageLinkRoute('issue:i-9', 'officer')).toBe(`${ROUTES.issue}?id=i-9`);
    expect(messageLinkRoute('issue:i-9', 'resident')).toBeNull();
    expect(messageLinkRoute('issue:i-9', 'admin')).toBeNull();
    expect(messageLinkRoute('alert:a-2', 'officer')).toBe('/packages/officer/pages/alert-board/index?alertId=a-2');
    expect(messageLinkRoute('alert:a-2', 'gridworker')).toBe('/packages/worker/pages/roll-call/index?alertId=a-2');
    expect(messageLinkRoute('alert:a-2', 'cadre')).toBe('/packages/worker/pages/roll-call/index?alertId=a-2');
    expect(messageLinkRoute('alert:a-2', 'resident')).toBeNull();
  });

  test('lists: visits and issues for staff; empty, unknown or id-less links open nothing', () => {
    expect(messageLinkRoute('visits', 'gridworker')).toBe(ROUTES.visits);
    expect(messageLinkRoute('visits', 'resident')).toBeNull();
    expect(messageLinkRoute('issues', 'officer')).toBe(ROUTES.issues);
    for (const link of ['', 'case:', 'case', 'weird:1', 'visits:1', '/packages/admin/pages/users/index']) expect(messageLinkRoute(link, 'officer')).toBeNull();
  });

  test('onboarding: link requests for the grid’s staff, the link page for the resident', () => {
    expect(messageLinkRoute('linkRequests', 'gridworker')).toBe(ROUTES.linkRequests);
    expect(messageLinkRoute('linkRequests', 'cadre')).toBe(ROUTES.linkRequests);
    expect(messageLinkRoute('linkRequests', 'resident')).toBeNull();
    expect(messageLinkRoute('link', 'resident')).toBe(ROUTES.residentLink);
    expect(messageLinkRoute('link', 'officer')).toBeNull();
  });

  // Issue 15: every link kind for every role opens a page of that role's own package (or the shared ones), never
  // another role's.
  test.each(ROLES)('every link kind opened by a %s stays in its own pages', (role) => {
    const own: Record<Role, readonly string[]> = {
      resident: ['/packages/resident/', '/packages/common/'],
      gridworker: ['/packages/worker/', '/packages/common/'],
      cadre: ['/packages/worker/', '/packages/common/'],
      officer: ['/packages/officer/', '/packages/common/', ROUTES.visits],
      admin: ['/packages/admin/', '/packages/common/'],
    };
    for (const link of ['case:c-1', 'issue:i-1', 'alert:a-1', 'issues', 'visits', 'linkRequests', 'link']) {
      const route = messageLinkRoute(link, role);
      if (route) expect(own[role].some((prefix) => route.startsWith(prefix))).toBe(true);
    }
  });

  test('the launch query is decoded once, tolerating a value the platform already decoded', () => {
    expect(launchLink({ link: encodeURIComponent('case:c-1') })).toBe('case:c-1');
    expect(launchLink({ link: 'case:c-1' })).toBe('case:c-1');
    expect(launchLink({ link: '%E0%A4%A' })).toBe('%E0%A4%A');
    expect(launchLink({})).toBeNull();
  });
});
