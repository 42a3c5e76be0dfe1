// The sender (RULES §31): takes due outbox entries, claims each with a version check (of two overlapping sweeps
// only one wins an entry, so it is sent at most once), fills the template within the field rules, spends a credit,
// sends through the platform port and records the outcome. The in-app message is never touched: it stays.
import {
  buildTemplateData,
  classifySendError,
  fieldInError,
  outboxEntrySchema,
  outboxStep,
  type EnvironmentConfig,
  type FieldProblem,
  type OutboxEntry,
  type OutboxEvent,
  type OutboxPatch,
  type SubscriptionMode,
} from '../../../src/core/notify';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { unwrap } from '../../platform/result';
import { inParallel, jobBudgetMs, runJob } from '../../platform/jobs';
import { loadSettings } from '../../platform/settings';
import { sendSubscribeMessage } from '../../platform/subscribe-send';
import { clearSubscription, readSubscription, returnCredit, subscriptionId, takeCredit, type Subscription } from './subscriptions';
import { environmentConfig, templateOf } from './templates';

const PAGE = 100;
/** Sends in flight at once. */
const SENDS_IN_FLIGHT = 10;

export interface SweepCounts {
  sent: number;
  noCredit: number;
  invalid: number;
  retry: number;
  failed: number;
  /** Entries another sweep claimed first. */
  lost: number;
}

interface Sweep {
  db: Database;
  now: number;
  config: EnvironmentConfig;
  mode: SubscriptionMode;
  /** Subscription records read in this sweep (the OPENID does not change; credits are taken by update). */
  subscriptions: Map<string, Promise<Subscription | undefined>>;
  counts: SweepCounts;
}

/** Persists one step at the entry's version; undefined when someone else moved the entry first. */
async function applyStep(db: Database, entry: OutboxEntry, patch: OutboxPatch, now: number): Promise<OutboxEntry | undefined> {
  const _ = db.command;
  const data: Record<string, unknown> = { updatedAt: now, version: _.inc(1) };
  // Whole-field writes for objects: the cloud database would merge a plain object into the stored one.
  for (const [key, value] of Object.entries(patch)) data[key] = value !== null && typeof value === 'object' ? _.set(value) : value;
  const result = await db.collection(COLLECTIONS.outbox).where({ _id: entry._id, version: entry.version }).update({ data });
  return result.stats.updated === 1 ? { ...entry, ...patch, updatedAt: now, version: entry.version + 1 } : undefined;
}

async function step(db: Database, entry: OutboxEntry, event: OutboxEvent, now: number): Promise<OutboxEntry | undefined> {
  return applyStep(db, entry, unwrap(outboxStep(entry, event, now)), now);
}

function subscriptionFor(sweep: Sweep, id: string): Promise<Subscription | undefined> {
  const known = sweep.subscriptions.get(id);
  if (known) return known;
  const read = readSubscription(sweep.db, id);
  sweep.subscriptions.set(id, read);
  return read;
}

function pageOf(config: EnvironmentConfig, link: string): string {
  return link ? `${config.page}?link=${encodeURIComponent(link)}` : config.page;
}

/**
 * Sends one claimed entry; the event says how it went, and the entry it applies to. Right before asking WeChat the
 * entry is marked `sending`: a sender stopped before that point sent nothing (its claim expires to a retry), one
 * stopped after it may have sent (never resent).
 */
async function deliver(sweep: Sweep, entry: OutboxEntry): Promise<{ event: OutboxEvent; entry: OutboxEntry | undefined }> {
  const before = await prepare(sweep, entry);
  if ('event' in before) return { event: before.event, entry };
  const sending = await step(sweep.db, entry, { type: 'sending' }, sweep.now);
  if (!sending) return { event: { type: 'expire' }, entry: undefined }; // taken over after its lease: not ours to send
  // RULES §30: a long-term subscription needs no credit; a one-time send spends one (after the mark, so a sender
  // stopped before it spent none).
  if (!before.longTerm && !(await takeCredit(sweep.db, before.subId, sweep.now))) {
    return { event: { type: 'noCredit', code: 'NO_CREDIT', message: '用户的订阅次数已用完' }, entry: sending };
  }
  return { event: await send(sweep, entry._id, before), entry: sending };
}

interface Ready {
  template: NonNullable<ReturnType<typeof templateOf>>;
  data: Record<string, { value: string }>;
  subId: string;
  subscription: Subscription;
  longTerm: boolean;
  page: string;
}

/** What the send needs, read and checked without changing anything: template, fields, subscription; an event when it ends here. */
async function prepare(sweep: Sweep, entry: OutboxEntry): Promise<Ready | { event: OutboxEvent }> {
  const { config } = sweep;
  const template = templateOf(config, entry.templateKey);
  if (!template) return { event: { type: 'invalid', code: 'NOTIFY.TEMPLATE_UNKNOWN', message: `没有为“${entry.templateKey}”配置订阅消息模板` } };
  // RULES §32: our formatter refuses what WeChat would refuse, before any credit is spent.
  const data = buildTemplateData(template.fields, entry.values);
  if (!data.ok) {
    const field = (data.error.details as FieldProblem | undefined)?.field;
    console.warn(`[notify] ${entry._id}: ${data.error.code} in field ${field ?? '?'}`);
    return { event: { type: 'invalid', code: data.error.code, message: data.error.message, ...(field ? { field } : {}) } };
  }
  const subId = subscriptionId(entry.recipientUserId, template.templateId);
  const subscription = await subscriptionFor(sweep, subId);
  if (!subscription) return { event: { type: 'noCredit', code: 'NOT_SUBSCRIBED', message: '用户没有订阅这类消息' } };
  const longTerm = sweep.mode === 'long-term' && subscription.longTerm;
  // A one-time subscription with no credit left ends here, before any mark (the credit itself is taken after it).
  if (!longTerm && subscription.credits <= 0) return { event: { type: 'noCredit', code: 'NO_CREDIT', message: '用户的订阅次数已用完' } };
  return { template, data: data.data, subId, subscription, longTerm, page: pageOf(config, entry.link) };
}

async function send(sweep: Sweep, entryId: string, ready: Ready): Promise<OutboxEvent> {
  const { db, now } = sweep;
  const { template, data, subId, subscription, longTerm, page } = ready;
  const outcome = await sendSubscribeMessage({ touser: subscription.openid, templateId: template.templateId, page, data, miniprogramState: sweep.config.miniprogramState });
  if (outcome.ok) return { type: 'sent', templateId: template.templateId, page, data };
  const code = outcome.errCode ?? 'UNKNOWN';
  switch (classifySendError(outcome.errCode)) {
    case 'noCredit': // RULES §31: 43101 — WeChat holds no credit for it: ours follows
      await clearSubscription(db, subId, now);
      sweep.subscriptions.set(subId, Promise.resolve({ ...subscription, credits: 0, longTerm: false }));
      return { type: 'noCredit', code, message: outcome.errMsg };
    case 'invalid': {
      // RULES §31: 47003 — a field breaks the rules; logged with the field so the template mapping can be fixed.
      if (!longTerm) await returnCredit(db, subId, now);
      const field = fieldInError(outcome.errMsg);
      console.warn(`[notify] ${entryId}: WeChat refused ${template.templateId} (${code}) field ${field ?? '?'}: ${outcome.errMsg}`);
      return { type: 'invalid', code, message: outcome.errMsg, ...(field ? { field } : {}) };
    }
    case 'transient':
      if (!longTerm) await returnCredit(db, subId, now);
      return { type: 'transient', code, message: outcome.errMsg };
  }
}

function count(counts: SweepCounts, entry: OutboxEntry | undefined): void {
  if (!entry) counts.lost += 1;
  else if (entry.state === 'sent' || entry.state === 'noCredit' || entry.state === 'invalid' || entry.state === 'retry' || entry.state === 'failed') counts[entry.state] += 1;
}

async function duePage(db: Database, state: OutboxEntry['state'], now: number): Promise<OutboxEntry[]> {
  const _ = db.command;
  const found = await db.collection(COLLECTIONS.outbox).where({ state, dueAt: _.lte(now) }).orderBy('dueAt', 'asc').limit(PAGE).get();
  return found.data.map((raw) => outboxEntrySchema.parse(raw));
}

/** One due entry: claim it (or lose it to another sweep), send it, record how it went. */
async function sendOne(sweep: Sweep, entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const claimed = await step(sweep.db, entry, { type: 'claim' }, sweep.now);
  if (!claimed) return undefined;
  const { event, entry: current } = await deliver(sweep, claimed);
  return current && step(sweep.db, current, event, sweep.now);
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
  const sweep: Sweep = {
    db,
    now,
    config: environmentConfig(),
    mode: settings.subscriptionMode,
    subscriptions: new Map(),
    counts: { sent: 0, noCredit: 0, invalid: 0, retry: 0, failed: 0, lost: 0 },
  };
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
          : await inParallel(page, (entry) => sendOne(sweep, entry), SENDS_IN_FLIGHT);
      for (const outcome of outcomes) count(sweep.counts, outcome);
      if (page.length === PAGE && taken < max) return { next: phase };
      const following = PHASES[PHASES.indexOf(phase) + 1];
      return { next: taken < max ? following : undefined };
    },
  });
  return { ...sweep.counts, done: result.done };
}
