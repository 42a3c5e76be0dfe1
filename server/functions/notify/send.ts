// The sender sweep (RULES §31): takes due outbox entries and sends each through the shared per-entry logic
// (server/platform/outbox-send.ts: a claim with a version check, so of two overlapping senders only one wins an
// entry and it is sent at most once). Urgent messages went out from their action already; this is the retry path.
import { outboxEntrySchema, type OutboxEntry } from '../../../src/core/notify';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { inParallel, jobBudgetMs, runJob } from '../../platform/jobs';
import { loadSettings } from '../../platform/settings';
import { claimAndSend, count, newSweep, step, type SweepCounts } from '../../platform/outbox-send';

export type { SweepCounts };

const PAGE = 100;
/** Sends in flight at once. */
const SENDS_IN_FLIGHT = 10;

async function duePage(db: Database, state: OutboxEntry['state'], now: number): Promise<OutboxEntry[]> {
  const _ = db.command;
  const found = await db.collection(COLLECTIONS.outbox).where({ state, dueAt: _.lte(now) }).orderBy('dueAt', 'asc').limit(PAGE).get();
  return found.data.map((raw) => outboxEntrySchema.parse(raw));
}


/** The order a sweep works in: leases run out first (claims and sends whose sender stopped), then retries, then new. */
const PHASES = ['claimed', 'sending', 'retry', 'queued'] as const;
type Phase = (typeof PHASES)[number];

/**
 * One sweep over what is due at `now`, a resumable job (platform/jobs.ts): a page of due entries at a time, each
 * page's entries in parallel, until nothing is due or the budget is spent. The cursor is the phase; the entries a
 * page handled leave it by their state. Safe to run twice at once (each entry goes to one of them).
 */
export async function sendDue(db: Database, now: number, options: { maxEntries?: number; budgetMs?: number } = {}): Promise<SweepCounts & { done: boolean }> {
  const settings = await loadSettings(db);
  const sweep = newSweep(db, now, settings.subscriptionMode);
  let taken = 0;
  const max = options.maxEntries ?? Number.POSITIVE_INFINITY;
  const result = await runJob<Phase>({
    db,
    id: 'notify.sendDue',
    now,
    budgetMs: options.budgetMs ?? jobBudgetMs('notify'),
    repeat: true,
    async chunk(cursor) {
      const phase = cursor ?? PHASES[0];
      const page = (await duePage(db, phase, now)).slice(0, Math.max(0, max - taken));
      taken += page.length;
      // A lease that ran out: expire it (a retry when nothing went out); anything else due: claim and send, a few at
      // a time — a sender stopped mid-page leaves at most that many sends whose result is unknown.
      const outcomes =
        phase === 'claimed' || phase === 'sending'
          ? await inParallel(page, (entry) => step(db, entry, { type: 'expire' }, now))
          : await inParallel(page, (entry) => claimAndSend(sweep, entry), SENDS_IN_FLIGHT);
      for (const outcome of outcomes) count(sweep.counts, outcome);
      if (page.length === PAGE && taken < max) return { next: phase };
      const following = PHASES[PHASES.indexOf(phase) + 1];
      return { next: taken < max ? following : undefined };
    },
  });
  return { ...sweep.counts, done: result.done };
}
