// The gridworkers' daily digest (PRODUCT flow 6): persons due for a visit tomorrow and overdue in their grids, one
// in-app message per worker and day (its subscription send is queued with it). Counts come from the visit schedule
// stored on each person (`nextVisitDue`, indexed per grid); persons without it are not counted.
// A resumable job (platform/jobs.ts), one run per Beijing day: a page of gridworkers at a time, in parallel; each
// digest's id is its day and worker, so a page done again after a cut-off posts nothing twice.
import { beijingDate } from '../../../src/core/calendar';
import { userSchema, type User } from '../../../src/core/records';
import { dueTomorrowRange, visitBucketRange, type DueRange } from '../../../src/core/visits/schedule';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { runJob } from '../../platform/jobs';
import { postMessageOnce } from '../../platform/messages';
import { GET_MAX, rangeCondition } from '../../platform/paging';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';

async function countDue(db: Database, gridIds: string[], due: DueRange): Promise<number> {
  if (gridIds.length === 0) return 0;
  const where = { gridId: gridIds.length === 1 ? gridIds[0] : db.command.in(gridIds), nextVisitDue: rangeCondition(db.command, due) };
  return (await db.collection(COLLECTIONS.persons).where(where).count()).total;
}

export interface DigestCounts {
  workers: number;
  posted: number;
  done: boolean;
}

/** One worker's digest; true when this call posted it. */
async function digestFor(db: Database, worker: User, now: number): Promise<boolean> {
  const today = beijingDate(now);
  const tomorrow = dueTomorrowRange(now);
  const [dueTomorrow, overdue] = await Promise.all([countDue(db, worker.gridIds, tomorrow), countDue(db, worker.gridIds, visitBucketRange('overdue', now))]);
  if (dueTomorrow === 0 && overdue === 0) return false;
  return postMessageOnce(
    db,
    `digest:${today}:${worker._id}`,
    { recipientUserId: worker._id, type: 'visit.digest', ...MESSAGE_TEXTS.visitDigest({ dueTomorrow, overdue }), link: 'visits', values: { dueTomorrow, overdue, date: tomorrow.gte } },
    now,
  );
}

/** Posts today's digest to every gridworker with something due, within `budgetMs`; posting twice on one day posts nothing new. */
export async function postDailyDigest(db: Database, now: number, budgetMs: number): Promise<DigestCounts> {
  const result = await runJob<string>({
    db,
    id: `notify.dailyDigest:${beijingDate(now)}`,
    now,
    budgetMs,
    repeat: false,
    async chunk(after) {
      const _ = db.command;
      const page = await db.collection(COLLECTIONS.users).where({ role: 'gridworker', _id: _.gt(after ?? '') }).orderBy('_id', 'asc').limit(GET_MAX).get();
      const workers = page.data.map((raw) => userSchema.parse(raw));
      const posted = await Promise.all(workers.map((worker) => digestFor(db, worker, now)));
      const last = workers[workers.length - 1];
      return { next: workers.length === GET_MAX && last ? last._id : undefined, counts: { workers: workers.length, posted: posted.filter(Boolean).length } };
    },
  });
  return { workers: result.counts.workers ?? 0, posted: result.counts.posted ?? 0, done: result.done };
}
