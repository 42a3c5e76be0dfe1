// The grids' tallies (issue 12): a resumable timer job that counts, one grid per chunk, the grid's persons by
// category and those overdue for a visit (one pass over its persons) and its months' new cases, discoveries and
// visits (index-range counts), and stores one record per grid. The dashboards sum those records.
import { z } from 'zod';
import { CATEGORIES } from '../../../src/core/categories';
import { gridSchema, type Grid } from '../../../src/core/records';
import { trendMonths } from '../../../src/core/reports';
import { visitBucketRange } from '../../../src/core/visits/schedule';
import type { TimerJob } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { rangeCondition } from '../../platform/paging';
import { continueLater, jobBudgetMs, runJob } from '../../platform/jobs';

const TALLY_JOB = 'reports:gridTallies';
const PAGE = 100;

const cursorSchema = z.object({ runAt: z.number(), afterGrid: z.string() });
type Cursor = z.infer<typeof cursorSchema>;

/** Persons of the grid by category and overdue for a visit: their categories and due dates, page by page. */
async function personCounts(db: Database, gridId: string, now: number) {
  const _ = db.command;
  const overdueBefore = visitBucketRange('overdue', now).lt!;
  const byCategory: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  let total = 0;
  let overdueVisits = 0;
  let after = '';
  for (;;) {
    const page = await db.collection(COLLECTIONS.persons).where({ gridId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field({ _id: true, categories: true, nextVisitDue: true }).get();
    for (const p of page.data) {
      total += 1;
      if (typeof p.nextVisitDue === 'number' && p.nextVisitDue < overdueBefore) overdueVisits += 1;
      for (const c of new Set(p.categories as string[])) if (c in byCategory) byCategory[c]! += 1;
    }
    if (page.data.length < PAGE) return { total, byCategory, overdueVisits };
    after = String(page.data[page.data.length - 1]!._id);
  }
}

/** The grid's new cases, discoveries and visits in each of the trend months: three index-range counts a month. */
async function monthCounts(db: Database, gridId: string, now: number) {
  const _ = db.command;
  const count = (collection: string, where: object) => db.collection(collection).where(where).count().then((r) => r.total);
  const months = await Promise.all(
    trendMonths(now).map(async (m) => {
      const range = rangeCondition(_, { gte: m.from, lt: m.to });
      const [cases, discoveries, visits] = await Promise.all([
        count(COLLECTIONS.cases, { gridId, createdAt: range }),
        count(COLLECTIONS.cases, { gridId, source: 'discovery', createdAt: range }),
        count(COLLECTIONS.visits, { gridId, visitedAt: range }),
      ]);
      return [m.month, { cases, discoveries, visits }] as const;
    }),
  );
  return Object.fromEntries(months);
}

async function tallyGrid(db: Database, grid: Grid, runAt: number, now: number): Promise<void> {
  const [persons, months] = await Promise.all([personCounts(db, grid._id, now), monthCounts(db, grid._id, now)]);
  await db.collection(COLLECTIONS.gridTallies).doc(grid._id).set({ data: { gridId: grid._id, villageId: grid.villageId, ...persons, months, runAt, countedAt: now } });
}

/** One chunk: the next grid by id, or — past the last — the removal of tallies an older run left (removed grids). */
async function chunk(db: Database, cursor: Cursor | null, now: number): Promise<{ next: Cursor | undefined; counts: Record<string, number> }> {
  const at = cursor ?? { runAt: now, afterGrid: '' };
  const _ = db.command;
  const found = await db.collection(COLLECTIONS.grids).where({ _id: _.gt(at.afterGrid) }).orderBy('_id', 'asc').limit(1).get();
  const grid = found.data[0];
  if (!grid) {
    await db.collection(COLLECTIONS.gridTallies).where({ runAt: _.lt(at.runAt) }).remove();
    return { next: undefined, counts: {} };
  }
  const parsed = gridSchema.parse(grid);
  await tallyGrid(db, parsed, at.runAt, now);
  return { next: { runAt: at.runAt, afterGrid: parsed._id }, counts: { grids: 1 } };
}

/** The timer job (config.json `tallyGrids`): counts every grid, continuing in a follow-up when out of time. */
export const tallyGrids: TimerJob = async ({ fn, db, now }) => {
  const result = await runJob<Cursor>({ db, id: TALLY_JOB, now, budgetMs: jobBudgetMs(fn), repeat: true, chunk: (cursor) => chunk(db, cursor ? cursorSchema.parse(cursor) : null, now) });
  if (!result.done) await continueLater(fn, 'tallyGrids');
  return result;
};
