// What a message opens when tapped, for the viewer's role — in the message centre, and on launch from a WeChat
// subscription message (`pages/index/index?link=<encoded>`). Links are the servers' convention: `case:<id>`,
// `issue:<id>`, `referral:<id>`, `alert:<id>`, `person:<id>`, `issues`, `visits`, `linkRequests`, `link`, `objections`, `notices`, `rechecks`. Null when the link opens nothing for this role.
import type { Role } from './core/roles';
import { CASE_PAGE_OF, ISSUE_PAGE_OF, REFERRAL_PAGE_OF, ROUTES, withQuery, type Route } from './routes';

/** The visit worklist: not the admin. */
const visits = (role: Role) => role === 'gridworker' || role === 'cadre' || role === 'officer';

/** 一拉就响: the office watches the board, the grid's staff call the roll. */
const ALERT_PAGE: Record<Role, Route | null> = {
  resident: null,
  gridworker: ROUTES.rollCall,
  cadre: ROUTES.rollCall,
  officer: ROUTES.alertBoard,
  admin: null,
};

function withId(route: Route | null, key: string, id: string): string | null {
  return route && id ? withQuery(route, { [key]: id }) : null;
}

export function messageLinkRoute(link: string, role: Role): string | null {
  const colon = link.indexOf(':');
  const kind = colon < 0 ? link : link.slice(0, colon);
  const id = colon < 0 ? '' : link.slice(colon + 1);
  switch (kind) {
    case 'case':
      return withId(CASE_PAGE_OF[role], 'id', id);
    case 'issue':
      // Each role's own view of the issue: the grid staff's in their package, the office's with its actions.
      return withId(ISSUE_PAGE_OF[role], 'id', id);
    case 'referral':
      return withId(REFERRAL_PAGE_OF[role], 'id', id);
    case 'alert':
      return withId(ALERT_PAGE[role], 'alertId', id);
    case 'issues':
      // The town's issue list (问题督办) is the office's; the grid's staff find theirs under 逾期清单 and per household.
      return role === 'officer' && !id ? ROUTES.issues : null;
    case 'visits':
      return visits(role) && !id ? ROUTES.visits : null;
    case 'linkRequests':
      return (role === 'gridworker' || role === 'cadre') && !id ? ROUTES.linkRequests : null;
    case 'link':
      return role === 'resident' && !id ? ROUTES.residentLink : null;
    // 村务公示: an objection is the office's task; its answer goes back to the resident's notice page.
    case 'objections':
      return role === 'officer' && !id ? ROUTES.objections : null;
    case 'notices':
      return role === 'resident' && !id ? ROUTES.villageNotices : null;
    case 'person':
      // A household's news for the grid's staff, who keep its roster record.
      return role === 'gridworker' || role === 'cadre' ? withId(ROUTES.person, 'id', id) : null;
    case 'rechecks':
      return (role === 'gridworker' || role === 'cadre') && !id ? ROUTES.rechecks : null;
    default:
      return null;
  }
}

/** The `link` query of a launch from a subscription message, decoded once (WeChat passes it still encoded). */
export function launchLink(params: Readonly<Record<string, string | undefined>>): string | null {
  const raw = params.link;
  if (typeof raw !== 'string' || !raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
