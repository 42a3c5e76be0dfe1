// The sender sweep (RULES §31): takes due outbox entries and sends each through the shared per-entry logic
// (server/platform/outbox-send.ts: a claim with a version check, so of two overlapping senders only one wins an
// entry and it is sent at most once). Urgent messages went out from their action already; this is the retry path.
import { outboxEntrySchema, type OutboxEntry } from '../../../src/core/notify';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { loadSettings } from '../../platform/settings';
import { claimAndSend, count, newSweep, step, type SweepCounts } from '../../platform/outbox-send';

export type { SweepCounts };

const PAGE = 100;
/** Stop taking new entries after this long, well inside the function's 60 s timeout (config.json). */
const TIME_BUDGET_MS = 40_000;

async function duePage(db: Database, state: OutboxEntry['state'], now: number): Promise<OutboxEntry[]> {
  const _ = db.command;
  const found = await db.collection(COLLECTIONS.outbox).where({ state, dueAt: _.lte(now) }).orderBy('dueAt', 'asc').limit(PAGE).get();
  return found.data.map((raw) => outboxEntrySchema.parse(raw));
}

/** One sweep over what is due at `now`: safe to run twice at once (each entry goes to one of them). */
export async function sendDue(db: Database, now: number, options: { maxEntries?: number } = {}): Promise<SweepCounts> {
  const started = Date.now();
  const settings = await loadSettings(db);
  const sweep = newSweep(db, now, settings.subscriptionMode);
  // A claim whose lease ran out: its sweep died mid-send, so whether WeChat got it is unknown — never resent.
  for (let page = await duePage(db, 'claimed', now); page.length; page = page.length < PAGE ? [] : await duePage(db, 'claimed', now)) {
    for (const entry of page) count(sweep.counts, await step(db, entry, { type: 'expire' }, now));
  }
  let taken = 0;
  const max = options.maxEntries ?? Number.POSITIVE_INFINITY;
  for (const state of ['retry', 'queued'] as const) {
    for (;;) {
      const page = await duePage(db, state, now);
      if (page.length === 0) break;
      for (const entry of page) {
        if (taken >= max || Date.now() - started > TIME_BUDGET_MS) return sweep.counts;
        taken += 1;
        await claimAndSend(sweep, entry);
      }
    }
  }
  return sweep.counts;
}
