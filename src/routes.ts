// Every page path in one place, and which home each role lands on. Page files live at these paths under src/.
import type { Role } from './core/roles';

export const ROUTES = {
  launch: '/pages/index/index',
  login: '/pages/login/index',
  residentHome: '/packages/resident/pages/home/index',
  workerHome: '/packages/worker/pages/home/index',
  roster: '/packages/worker/pages/roster/index',
  person: '/packages/worker/pages/person/index',
  officerHome: '/packages/officer/pages/home/index',
  adminHome: '/packages/admin/pages/home/index',
  structure: '/packages/admin/pages/structure/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** Gridworkers and village cadres share one home: a cadre's jobs are a gridworker's plus the village's. */
export const HOME_OF: Record<Role, Route> = {
  resident: ROUTES.residentHome,
  gridworker: ROUTES.workerHome,
  cadre: ROUTES.workerHome,
  officer: ROUTES.officerHome,
  admin: ROUTES.adminHome,
};

/** A route with its query string; values are URI-encoded. */
export function withQuery(route: Route, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length ? `${route}?${pairs.join('&')}` : route;
}
