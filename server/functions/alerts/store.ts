// Alerts' records as the actions and the timer read them: an alert, the caller's villages, and the counts. An alert's
// entries (`alert:grid:person`), and one grid's, are ranges of the primary key, as are its grid rolls (`alert:grid`):
// no other index to keep, and a count by status over a range touches no shared document.
import { alertSchema, countsOf, COUNTED_STATUSES, gridRollSchema, summarize, type Alert, type GridRoll, type TallyCounts } from '../../../src/core/alerts/roll-call';
import { AppFailure } from '../../../src/core/errors';
import { inScope, type Scope } from '../../../src/core/roles';
import type { ActionContext } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Command, Database } from '../../platform/database-port';
import { mapLimit } from '../../platform/parallel';
import { villagesOf } from '../../platform/scope-query';
import { readAllPages, readRecord } from '../../platform/store';

/** Counts at once, at most this many in flight. */
const COUNTS_AT_ONCE = 100;

export function readAlert(db: Database, alertId: string): Promise<Alert> {
  return readRecord(db, COLLECTIONS.alerts, alertId, alertSchema);
}

/** An entry's id: the alert, then the grid, then the person — the order lists and marks read them in. */
export function entryId(alertId: string, gridId: string, personId: string): string {
  return `${alertId}:${gridId}:${personId}`;
}

/** The `_id` range of an alert's entries, or of one grid's (';' sorts right after ':'); grid rolls (`alert:grid`) too. */
export function entryIdRange(_: Command, alertId: string, gridId?: string): object {
  const prefix = gridId === undefined ? `${alertId}:` : `${alertId}:${gridId}:`;
  return _.and(_.gte(prefix), _.lt(`${prefix.slice(0, -1)};`));
}

/** The grid rolls of an alert: one per grid whose entries are all in. */
export function gridRollsOf(db: Database, alertId: string): Promise<GridRoll[]> {
  return readAllPages(db, COLLECTIONS.alertTallies, gridRollSchema, { _id: entryIdRange(db.command, alertId) });
}


export async function scopedAlert(ctx: ActionContext, alertId: string): Promise<Alert> {
  const [alert, villages] = await Promise.all([readAlert(ctx.db, alertId), villagesOf(ctx.db, ctx.caller.scope)]);
  if (villages && !alert.villageIds.some((v) => villages.includes(v))) throw new AppFailure('SCOPE.FORBIDDEN');
  return alert;
}

export type GridCounts = Pick<GridRoll, 'gridId' | 'villageId'> & TallyCounts;

/**
 * Each grid's counts, from its roll total and its entries counted by status (a count over the grid's range of
 * entry ids, all grids at once): marks write only their own entries, so no document is hot.
 */
export async function countsByGrid(db: Database, rolls: readonly GridRoll[]): Promise<GridCounts[]> {
  const _ = db.command;
  const asks = rolls.flatMap((roll) => COUNTED_STATUSES.map((status) => ({ roll, status })));
  const totals = await mapLimit(asks, COUNTS_AT_ONCE, async ({ roll, status }) => (await db.collection(COLLECTIONS.alertEntries).where({ _id: entryIdRange(_, roll.alertId, roll.gridId), status }).count()).total);
  return rolls.map((roll, i) => {
    const [safe, needsHelp, unreachable] = totals.slice(i * COUNTED_STATUSES.length, (i + 1) * COUNTED_STATUSES.length) as [number, number, number];
    return { gridId: roll.gridId, villageId: roll.villageId, ...countsOf(roll.total, { safe, needsHelp, unreachable }) };
  });
}

/** An alert's overall counts within a scope: over the whole alert in three counts when every grid is in it. */
export async function scopedCounts(db: Database, alert: Alert, scope: Scope): Promise<TallyCounts> {
  const rolls = await gridRollsOf(db, alert._id);
  const mine = rolls.filter((r) => inScope(scope, r));
  if (mine.length < rolls.length) return summarize(await countsByGrid(db, mine)).overall;
  const _ = db.command;
  const [safe, needsHelp, unreachable] = await Promise.all(
    COUNTED_STATUSES.map(async (status) => (await db.collection(COLLECTIONS.alertEntries).where({ _id: entryIdRange(_, alert._id), status }).count()).total),
  );
  return countsOf(rolls.reduce((sum, r) => sum + r.total, 0), { safe: safe!, needsHelp: needsHelp!, unreachable: unreachable! });
}
