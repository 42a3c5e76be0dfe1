// Roles and their data scopes: 区域定格、网格定人、人员定责 (docs/product.md, "Who uses it").

export const ROLES = ['resident', 'gridworker', 'cadre', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  gridworker: '网格员',
  cadre: '村(居)干部',
  officer: '镇民政办',
  admin: '管理员',
};

/** What a user may reach: a resident their own records, a gridworker their grids, a cadre their village(s), the town office all. */
export type Scope =
  | { kind: 'own'; userId: string; personIds: string[] }
  | { kind: 'grids'; gridIds: string[] }
  | { kind: 'villages'; villageIds: string[] }
  | { kind: 'town' };

export interface ScopedUser {
  _id: string;
  role: Role;
  gridIds: string[];
  villageIds: string[];
  personId?: string;
}

export function scopeOf(user: ScopedUser): Scope {
  switch (user.role) {
    case 'resident':
      return { kind: 'own', userId: user._id, personIds: user.personId ? [user.personId] : [] };
    case 'gridworker':
      return { kind: 'grids', gridIds: user.gridIds };
    case 'cadre':
      return { kind: 'villages', villageIds: user.villageIds };
    case 'officer':
    case 'admin':
      return { kind: 'town' };
  }
}

/** Where a record sits on the grid, and whose it is. */
export interface Placement {
  gridId: string;
  villageId: string;
  personId?: string;
  ownerUserId?: string;
}

export function inScope(scope: Scope, at: Placement): boolean {
  switch (scope.kind) {
    case 'town':
      return true;
    case 'villages':
      return scope.villageIds.includes(at.villageId);
    case 'grids':
      return scope.gridIds.includes(at.gridId);
    case 'own':
      return (
        (at.ownerUserId !== undefined && at.ownerUserId === scope.userId) ||
        (at.personId !== undefined && scope.personIds.includes(at.personId))
      );
  }
}

/** Roles that work on the grid for the town (not residents). */
export const STAFF_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer', 'admin'];
// RULES §28–29 (minimum necessary): the admin manages the system — structure, users, settings — not people, so the
// roster, cases, visits, issues and message content are for the staff who work with people.
export const CASEWORK_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer'];
