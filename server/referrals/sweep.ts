// The referral clocks' part of the statutory clock sweep (cases `sweepClocks`, every 10 minutes): a referral whose
// clock is due soon or past is marked once each and the town office is told, as for a case's clock. A resumable job
// (platform/jobs.ts) over the index (sweepAt, _id); each notice's id comes from the referral, the mark and the clock's
// start, so a page done again after a cut-off posts nothing twice.
import { beijingDate } from '../../src/core/calendar';
import { MESSAGE_TEXTS } from '../../src/core/notify/catalogue';
import { referralRecordSchema, sweepReferral, type ReferralRecord } from '../../src/core/referrals/referral';
import { COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/database-port';
import { runJob, type JobResult } from '../platform/jobs';
import { postMessagesWithIds } from '../platform/messages';
import { GET_MAX } from '../platform/paging';
import { usersWithRole } from '../platform/users';
import { referralLink, saveReferralIfUnchanged } from './store';

interface Cursor {
  at: number;
  id: string;
}

async function duePage(db: Database, now: number, after: Cursor | null): Promise<{ referrals: ReferralRecord[]; next: Cursor | undefined }> {
  const _ = db.command;
  const where = after ? _.or({ sweepAt: _.and(_.gt(after.at), _.lte(now)) }, { sweepAt: after.at, _id: _.gt(after.id) }) : { sweepAt: _.lte(now) };
  const found = await db.collection(COLLECTIONS.referrals).where(where).orderBy('sweepAt', 'asc').orderBy('_id', 'asc').limit(GET_MAX).get();
  const referrals = found.data.map((raw) => referralRecordSchema.parse(raw));
  const last = referrals[referrals.length - 1];
  return { referrals, next: referrals.length === GET_MAX && last ? { at: last.sweepAt, id: last._id } : undefined };
}

/** Marks and announces what is due in the referrals' clocks, within `budgetMs`. */
export async function sweepReferralClocks(db: Database, now: number, budgetMs: number): Promise<JobResult> {
  let officers: string[] | undefined;
  return runJob<Cursor>({
    db,
    id: 'referrals.sweepClocks',
    now,
    budgetMs,
    repeat: true,
    async chunk(cursor) {
      const page = await duePage(db, now, cursor);
      const marked = page.referrals.flatMap((r) => {
        const swept = sweepReferral(r, now);
        return swept ? [{ r, ...swept }] : [];
      });
      if (marked.length > 0) {
        officers ??= (await usersWithRole(db, 'officer')).map((u) => u._id);
        const items = marked.flatMap(({ r, next, mark }) => {
          const clock = next.clock!;
          const text = MESSAGE_TEXTS.referralClock({ name: r.name, kind: r.kind, office: r.office, mark, step: clock.step, dueDate: clock.dueDate ?? beijingDate(clock.dueAt) });
          return officers!.map((officerId) => ({
            id: `referral:${r._id}:${mark}:${clock.startedAt}:${officerId}`,
            message: { recipientUserId: officerId, type: `referral.${mark}`, ...text, link: referralLink(r._id) },
          }));
        });
        // The notices first: a cut-off before the marks repeats the same notices (stored once), never loses them.
        await postMessagesWithIds(db, items, now);
      }
      const saved = await Promise.all(marked.map(({ r, next }) => saveReferralIfUnchanged(db, r, next, now)));
      return { next: page.next, counts: { marked: saved.filter(Boolean).length, conflicts: saved.filter((s) => !s).length } };
    },
  });
}
