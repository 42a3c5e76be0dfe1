// Turns a caller's scope into a database condition, so a list never leaves the caller's grid area.
import { AppFailure } from '../../src/core/errors';
import type { Scope } from '../../src/core/roles';
import { gridSchema } from '../../src/core/records';
import type { Database } from './cloud';
import { COLLECTIONS } from './collections';

type Command = Database['command'];

/** Condition on records carrying gridId / villageId; narrowed further by an optional grid or village filter. */
export function scopeCondition(
  _: Command,
  scope: Scope,
  filter: { gridId?: string; villageId?: string },
): Record<string, unknown> {
  const condition: Record<string, unknown> = {};
  if (filter.villageId) condition.villageId = filter.villageId;
  if (filter.gridId) condition.gridId = filter.gridId;
  switch (scope.kind) {
    case 'town':
      return condition;
    case 'villages':
      if (filter.villageId && !scope.villageIds.includes(filter.villageId)) throw new AppFailure('SCOPE.FORBIDDEN');
      if (!filter.villageId) condition.villageId = _.in(scope.villageIds);
      return condition;
    case 'grids':
      if (filter.gridId && !scope.gridIds.includes(filter.gridId)) throw new AppFailure('SCOPE.FORBIDDEN');
      if (!filter.gridId) condition.gridId = _.in(scope.gridIds);
      return condition;
    case 'own':
      throw new AppFailure('SCOPE.FORBIDDEN');
  }
}

/** The villages a scope reaches (null: the whole town): an alert or a dashboard covering villages is seen by their grids. */
export async function villagesOf(db: Database, scope: Scope): Promise<string[] | null> {
  if (scope.kind === 'town') return null;
  if (scope.kind === 'villages') return scope.villageIds;
  if (scope.kind === 'own' || scope.gridIds.length === 0) return [];
  const grids = await db.collection(COLLECTIONS.grids).where({ _id: db.command.in(scope.gridIds) }).limit(100).get();
  return [...new Set(grids.data.map((g) => gridSchema.parse(g).villageId))];
}
