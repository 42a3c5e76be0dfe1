// Long jobs inside a cloud function's timeout (docs/architecture.md "Fitting WeChat cloud"; docs/platform-notes.md "WeChat cloud
// functions"). A job works in chunks; before each chunk it checks its time budget (the function's timeout less a safety
// margin), and after each chunk it stores its cursor and counts in its `jobs` record. An invocation cut off at any
// point loses at most the chunk in hand, which the next run does again: every chunk's writes are idempotent
// (conditional updates, records with ids derived from their origin), so doing one twice changes nothing. What is
// left continues in the next timer trigger, or sooner in a follow-up invocation (`continueLater`).
import { z } from 'zod';
import { mapLimit } from './parallel';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';
import { openapi } from './cloud';
import { currentEnv } from './subscribe-send';

/**
 * Each function's timeout in seconds: the one value its config.json `timeout` holds (a test keeps them equal) and
 * its jobs' budgets are derived from. WeChat's console accepts at most 60.
 */
export const FUNCTION_TIMEOUT_S: Readonly<Record<string, number>> = {
  session: 10,
  admin: 10,
  people: 60,
  cases: 60,
  visits: 60,
  notify: 60,
  alerts: 60,
  referrals: 10,
  reports: 60,
  verify: 60,
};

/**
 * How long a job may keep starting chunks in one invocation: the timeout less a margin of a quarter (at least 5 s),
 * which must outlast the slowest chunk (a page of 100 records at cloud round trips) — 60 s gives 45 s.
 */
export function jobBudgetMs(fn: string): number {
  const timeoutMs = (FUNCTION_TIMEOUT_S[fn] ?? 3) * 1000;
  return Math.max(0, timeoutMs - Math.max(5000, timeoutMs / 4));
}

/** A job started from an action answers its caller within this, and continues in a follow-up. */
export const INTERACTIVE_BUDGET_MS = 3000;

/** At most this many independent writes in flight at once (one page's worth). */
const PARALLEL_MAX = 100;

/** Runs `work` over `items`, at most `width` at a time (independent items: each its own round trips). */
export function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>, width = PARALLEL_MAX): Promise<R[]> {
  return mapLimit(items, width, (item) => work(item));
}

export const jobRecordSchema = z.object({
  _id: z.string(),
  /** Where the next chunk starts (its meaning is the job's); null: from the beginning. */
  cursor: z.unknown(),
  done: z.boolean(),
  /** The `now` the current run started at. */
  startedAt: z.number(),
  updatedAt: z.number(),
  /** Totals of this run, stored with the cursor in one write: a chunk done again after a cut-off counts once. */
  counts: z.record(z.number()),
  /** Invocations that worked on this run. */
  invocations: z.number().int().nonnegative(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

export interface ChunkOutcome<C> {
  /** Where the next chunk starts; undefined when the job is finished. */
  next: C | undefined;
  counts?: Record<string, number>;
}

export interface JobRun<C> {
  db: Database;
  /** The `jobs` record's id: one per sweep (a finished run starts afresh), or one per import. */
  id: string;
  now: number;
  /** Milliseconds this invocation may keep starting chunks. */
  budgetMs: number;
  /** A finished run starts again from the beginning (sweeps), or stays finished (an import). */
  repeat: boolean;
  chunk(cursor: C | null): Promise<ChunkOutcome<C>>;
}

export interface JobResult {
  done: boolean;
  /** What this invocation did. */
  counts: Record<string, number>;
  /** This run's totals so far (over every invocation that worked on it). */
  totals: Record<string, number>;
}

function add(into: Record<string, number>, more: Record<string, number> | undefined): void {
  for (const [key, n] of Object.entries(more ?? {})) into[key] = (into[key] ?? 0) + n;
}

async function readJob(db: Database, id: string): Promise<JobRecord | undefined> {
  const found = await db.collection(COLLECTIONS.jobs).where({ _id: id }).limit(1).get();
  return found.data[0] ? jobRecordSchema.parse(found.data[0]) : undefined;
}

/** Runs chunks of the job from its stored cursor until it is finished or the budget is spent. */
export async function runJob<C>(run: JobRun<C>): Promise<JobResult> {
  const deadline = Date.now() + run.budgetMs;
  const { db, id, now } = run;
  const stored = await readJob(db, id);
  const fresh = !stored || (stored.done && run.repeat);
  if (stored?.done && !run.repeat) return { done: true, counts: {}, totals: stored.counts };
  const job: JobRecord = fresh
    ? { _id: id, cursor: null, done: false, startedAt: now, updatedAt: now, counts: {}, invocations: 1 }
    : { ...stored!, invocations: stored!.invocations + 1 };
  const _ = db.command;
  const record = db.collection(COLLECTIONS.jobs).doc(id);
  // A fresh run replaces the finished one whole; a continued one keeps what its starter stored (an import's plan).
  if (fresh) await record.set({ data: withoutId(job) });
  else await record.update({ data: { invocations: _.inc(1) } });
  const counts: Record<string, number> = {};
  while (!job.done && Date.now() < deadline) {
    const outcome = await run.chunk(job.cursor as C | null);
    add(counts, outcome.counts);
    add(job.counts, outcome.counts);
    job.done = outcome.next === undefined;
    job.cursor = outcome.next ?? null;
    job.updatedAt = now;
    await record.update({ data: { cursor: job.cursor !== null && typeof job.cursor === 'object' ? _.set(job.cursor) : job.cursor, done: job.done, counts: _.set(job.counts), updatedAt: now } });
  }
  return { done: job.done, counts, totals: job.counts };
}

function withoutId(job: JobRecord): Omit<JobRecord, '_id'> {
  const { _id: _omitted, ...rest } = job;
  return rest;
}

/** The event of a follow-up invocation: createMain runs the named timer job with no caller, like a trigger. */
export interface FollowUpEvent {
  Type: 'FollowUp';
  Job: string;
}

/** Delay of a follow-up: WeChat's minimum for addDelayedFunctionTask. */
export const FOLLOW_UP_DELAY_S = 6;

/**
 * Asks WeChat to invoke `fn`'s job `job` again shortly (config.json permission `cloudbase.addDelayedFunctionTask`),
 * for a job that ran out of budget and should not wait for its next trigger. A failure is logged, not thrown: the
 * next trigger (or the officer's next look at an import) continues the job anyway.
 */
export async function continueLater(fn: string, job: string): Promise<boolean> {
  const event: FollowUpEvent = { Type: 'FollowUp', Job: job };
  try {
    const schedule = openapi().cloudbase.addDelayedFunctionTask as unknown as (options: object) => Promise<unknown>;
    await schedule({ env: currentEnv(), functionName: fn, data: JSON.stringify(event), delayTime: FOLLOW_UP_DELAY_S });
    return true;
  } catch (thrown) {
    console.warn(`[${fn}.${job}] follow-up not scheduled`, thrown);
    return false;
  }
}
