// The statutory clock sweep (timer trigger every 10 minutes): marks due-soon and breached once each and tells the
// town office (cases here, referrals in server/referrals/sweep.ts); and carries out the effects a case write left pending (an action stopped before posting them), on
// open and closed cases alike. A resumable job (platform/jobs.ts): it pages the cases whose stored `sweepAt` has
// come by the index (sweepAt, _id), a page of 100 at a time, each case of a page in parallel.
import { caseRecordSchema, sweepCase, withoutPendingEffects, type CaseRecord } from '../../../src/core/cases';
import type { TimerJob } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { continueLater, jobBudgetMs, runJob } from '../../platform/jobs';
import { GET_MAX } from '../../platform/paging';
import { performEffects, performPending, type StaffMemo } from '../../cases/effects';
import { clearPendingEffects, saveCaseIfUnchanged } from '../../cases/store';
import { holidayRecomputePending, runHolidayRecompute } from '../../cases/holiday-recompute';
import { loadSettings } from '../../platform/settings';
import { sweepReferralClocks } from '../../referrals/sweep';

/** Where the sweep stands: the last case looked at, by (sweepAt, _id). */
export interface SweepCursor {
  at: number;
  id: string;
}

type Outcome = 'swept' | 'cleared' | 'conflict' | 'unchanged';

/**
 * One case, once its notices are posted (records with ids from the case and the clock mark they announce, and the
 * page's pending entries): the marks at the version read, clearing what was pending. Cut off before, the next run
 * makes the same mark and posts the same records (nothing new); a worker acting on the case meanwhile wins the write,
 * and the next run sweeps the fresh record — a mark it still has to make is announced by the records already there,
 * and pending effects are carried out again harmlessly.
 */
async function saveSwept(db: Database, c: CaseRecord, marked: CaseRecord | undefined, now: number): Promise<Outcome> {
  if (marked) return (await saveCaseIfUnchanged(db, c, withoutPendingEffects(marked), now)) ? 'swept' : 'conflict';
  if (!c.pendingEffects?.length) return 'unchanged';
  return (await clearPendingEffects(db, c)) ? 'cleared' : 'conflict';
}

async function duePage(db: Database, now: number, after: SweepCursor | null): Promise<{ cases: CaseRecord[]; next: SweepCursor | undefined }> {
  const _ = db.command;
  const until = new Date(now);
  const where = after
    ? _.or(
        { sweepAt: _.and(_.gt(new Date(after.at)), _.lte(until)) },
        { sweepAt: new Date(after.at), _id: _.gt(after.id) },
      )
    : { sweepAt: _.lte(until) };
  const found = await db.collection(COLLECTIONS.cases).where(where).orderBy('sweepAt', 'asc').orderBy('_id', 'asc').limit(GET_MAX).get();
  const last = found.data[found.data.length - 1];
  return {
    cases: found.data.map((raw) => caseRecordSchema.parse(raw)),
    // The stored key, not one computed again: the cursor must be where the index put the case.
    next: found.data.length === GET_MAX && last ? { at: new Date(last.sweepAt as Date).getTime(), id: String(last._id) } : undefined,
  };
}

/** Sweeps from the stored cursor within `budgetMs`; the counts are this run's. */
export async function sweepClockJob(db: Database, now: number, budgetMs: number) {
  const memo: StaffMemo = new Map();
  const { holidayArrangements } = await loadSettings(db);
  return runJob<SweepCursor>({
    db,
    id: 'cases.sweepClocks',
    now,
    budgetMs,
    repeat: true,
    async chunk(cursor) {
      const page = await duePage(db, now, cursor);
      const marks = page.cases.map((c) => ({ c, result: sweepCase(c, now, holidayArrangements) }));
      // Every notice of the page first (the marks' and the pending entries', all at once), then each case's write.
      await Promise.all([
        performPending(db, page.cases.map((c) => ({ c, entries: c.pendingEffects ?? [] })), now, memo),
        ...marks.map(({ c, result }) => (result ? performEffects(db, result.next, result.effects, now, { onceKey: `sweep:${c._id}`, memo }) : undefined)),
      ]);
      const outcomes = await Promise.all(marks.map(({ c, result }) => saveSwept(db, c, result?.next, now)));
      return {
        next: page.next,
        counts: {
          swept: outcomes.filter((o) => o === 'swept').length,
          cleared: outcomes.filter((o) => o === 'cleared').length,
          conflicts: outcomes.filter((o) => o === 'conflict').length,
        },
      };
    },
  });
}

/** The timer job: what is left after the budget continues in a follow-up. */
export const sweepClocks: TimerJob = async ({ fn, db, now }) => {
  // RULES §34: a holiday recompute the admin's save could not finish goes on here first.
  const started = Date.now();
  const recompute = (await holidayRecomputePending(db)) ? await runHolidayRecompute(db, now, jobBudgetMs(fn)) : { done: true };
  const left = () => Math.max(0, jobBudgetMs(fn) - (Date.now() - started));
  const result = await sweepClockJob(db, now, left());
  // RULES §20: the referrals' clocks (司法救助's 10 wd, the town's follow-up interval) ride on the same trigger.
  const referrals = await sweepReferralClocks(db, now, left());
  if (!result.done || !recompute.done || !referrals.done) await continueLater(fn, 'sweepClocks');
  return { swept: result.counts.swept ?? 0, cleared: result.counts.cleared ?? 0, referralsMarked: referrals.counts.marked ?? 0, done: result.done && referrals.done };
};
