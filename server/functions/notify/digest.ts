// The gridworkers' daily digest (PRODUCT flow 6): persons due for a visit tomorrow and overdue in their grids, one
// in-app message per worker and day (its subscription send is queued with it). Counts come from the visit schedule
// stored on each person (`nextVisitDue`, indexed per grid); persons without it are not counted.
import { addDays, beijingDate, startOfBeijingDayMs } from '../../../src/core/calendar';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { postMessageOnce } from '../../platform/messages';
import { usersWithRole } from '../../platform/users';

const DAY_MS = 86_400_000;

async function countDue(db: Database, gridIds: string[], due: object): Promise<number> {
  if (gridIds.length === 0) return 0;
  const where = { gridId: gridIds.length === 1 ? gridIds[0] : db.command.in(gridIds), nextVisitDue: due };
  return (await db.collection(COLLECTIONS.persons).where(where).count()).total;
}

export interface DigestCounts {
  workers: number;
  posted: number;
}

/** Posts today's digest to every gridworker with something due; posting twice on one day posts nothing new. */
export async function postDailyDigest(db: Database, now: number): Promise<DigestCounts> {
  const _ = db.command;
  const today = beijingDate(now);
  const tomorrowStart = startOfBeijingDayMs(addDays(today, 1));
  const counts: DigestCounts = { workers: 0, posted: 0 };
  for (const worker of await usersWithRole(db, 'gridworker')) {
    counts.workers += 1;
    const dueTomorrow = await countDue(db, worker.gridIds, _.and(_.gte(tomorrowStart), _.lt(tomorrowStart + DAY_MS)));
    const overdue = await countDue(db, worker.gridIds, _.lt(now));
    if (dueTomorrow === 0 && overdue === 0) continue;
    const body = `明天应走访${dueTomorrow}人，已逾期${overdue}人，请安排走访`;
    const posted = await postMessageOnce(
      db,
      `digest:${today}:${worker._id}`,
      { recipientUserId: worker._id, type: 'visit.digest', title: '今日走访提醒', body, link: 'visits', values: { dueTomorrow, overdue, date: tomorrowStart } },
      now,
    );
    if (posted) counts.posted += 1;
  }
  return counts;
}
