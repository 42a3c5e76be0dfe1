// The grids' person tallies (issue 12): a resumable timer job that counts each grid's persons by category, one grid
// per chunk, and stores one record per grid. The dashboard sums those records instead of reading every person.
import { z } from 'zod';
import { CATEGORIES } from '../../../src/core/categories';
import { gridSchema, type Grid } from '../../../src/core/records';
import type { TimerJob } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { continueLater, jobBudgetMs, runJob } from '../../platform/jobs';

const TALLY_JOB = 'reports:personTallies';
const PAGE = 100;

const cursorSchema = z.object({ runAt: z.number(), afterGrid: z.string() });
type Cursor = z.infer<typeof cursorSchema>;

/** One grid's persons by category: its persons' categories only, page by page along the (gridId, _id) index. */
async function tallyGrid(db: Database, grid: Grid, runAt: number, now: number): Promise<void> {
  const _ = db.command;
  const byCategory: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  let total = 0;
  let after = '';
  for (;;) {
    const page = await db.collection(COLLECTIONS.persons).where({ gridId: grid._id, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field({ _id: true, categories: true }).get();
    for (const p of page.data) {
      total += 1;
      for (const c of new Set(p.categories as string[])) if (c in byCategory) byCategory[c]! += 1;
    }
    if (page.data.length < PAGE) break;
    after = String(page.data[page.data.length - 1]!._id);
  }
  await db.collection(COLLECTIONS.personTallies).doc(grid._id).set({ data: { gridId: grid._id, villageId: grid.villageId, total, byCategory, runAt, countedAt: now } });
}

/** One chunk: the next grid by id, or — past the last — the removal of tallies an older run left (removed grids). */
async function chunk(db: Database, cursor: Cursor | null, now: number): Promise<{ next: Cursor | undefined; counts: Record<string, number> }> {
  const at = cursor ?? { runAt: now, afterGrid: '' };
  const _ = db.command;
  const found = await db.collection(COLLECTIONS.grids).where({ _id: _.gt(at.afterGrid) }).orderBy('_id', 'asc').limit(1).get();
  const grid = found.data[0];
  if (!grid) {
    await db.collection(COLLECTIONS.personTallies).where({ runAt: _.lt(at.runAt) }).remove();
    return { next: undefined, counts: {} };
  }
  const parsed = gridSchema.parse(grid);
  await tallyGrid(db, parsed, at.runAt, now);
  return { next: { runAt: at.runAt, afterGrid: parsed._id }, counts: { grids: 1 } };
}

/** The timer job (config.json `tallyPersons`): counts every grid, continuing in a follow-up when out of time. */
export const tallyPersons: TimerJob = async ({ fn, db, now }) => {
  const result = await runJob<Cursor>({ db, id: TALLY_JOB, now, budgetMs: jobBudgetMs(fn), repeat: true, chunk: (cursor) => chunk(db, cursor ? cursorSchema.parse(cursor) : null, now) });
  if (!result.done) await continueLater(fn, 'tallyPersons');
  return result;
};
