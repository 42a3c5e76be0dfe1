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
import { loadSettings } from '../../platform/settings';
import { sendSubscribeMessage } from '../../platform/subscribe-send';
import { clearSubscription, readSubscription, returnCredit, subscriptionId, takeCredit, type Subscription } from './subscriptions';
import { environmentConfig, templateOf } from './templates';

const PAGE = 100;
/** Stop taking new entries after this long, well inside the function's 60 s timeout (config.json). */
const TIME_BUDGET_MS = 40_000;

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
  subscriptions: Map<string, Subscription | undefined>;
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

async function subscriptionFor(sweep: Sweep, id: string): Promise<Subscription | undefined> {
  if (!sweep.subscriptions.has(id)) sweep.subscriptions.set(id, await readSubscription(sweep.db, id));
  return sweep.subscriptions.get(id);
}

function pageOf(config: EnvironmentConfig, link: string): string {
  return link ? `${config.page}?link=${encodeURIComponent(link)}` : config.page;
}

/** Sends one claimed entry; the event says how it went. */
async function deliver(sweep: Sweep, entry: OutboxEntry): Promise<OutboxEvent> {
  const { db, now, config } = sweep;
  const template = templateOf(config, entry.templateKey);
  if (!template) return { type: 'invalid', code: 'NOTIFY.TEMPLATE_UNKNOWN', message: `没有为“${entry.templateKey}”配置订阅消息模板` };
  // RULES §32: our formatter refuses what WeChat would refuse, before any credit is spent.
  const data = buildTemplateData(template.fields, entry.values);
  if (!data.ok) {
    const field = (data.error.details as FieldProblem | undefined)?.field;
    console.warn(`[notify] ${entry._id}: ${data.error.code} in field ${field ?? '?'}`);
    return { type: 'invalid', code: data.error.code, message: data.error.message, ...(field ? { field } : {}) };
  }
  const subId = subscriptionId(entry.recipientUserId, template.templateId);
  const subscription = await subscriptionFor(sweep, subId);
  if (!subscription) return { type: 'noCredit', code: 'NOT_SUBSCRIBED', message: '用户没有订阅这类消息' };
  // RULES §30: a long-term subscription needs no credit; a one-time send spends one.
  const longTerm = sweep.mode === 'long-term' && subscription.longTerm;
  if (!longTerm && !(await takeCredit(db, subId, now))) return { type: 'noCredit', code: 'NO_CREDIT', message: '用户的订阅次数已用完' };

  const page = pageOf(config, entry.link);
  const outcome = await sendSubscribeMessage({ touser: subscription.openid, templateId: template.templateId, page, data: data.data, miniprogramState: config.miniprogramState });
  if (outcome.ok) return { type: 'sent', templateId: template.templateId, page, data: data.data };
  const code = outcome.errCode ?? 'UNKNOWN';
  switch (classifySendError(outcome.errCode)) {
    case 'noCredit': // RULES §31: 43101 — WeChat holds no credit for it: ours follows
      await clearSubscription(db, subId, now);
      sweep.subscriptions.set(subId, { ...subscription, credits: 0, longTerm: false });
      return { type: 'noCredit', code, message: outcome.errMsg };
    case 'invalid': {
      // RULES §31: 47003 — a field breaks the rules; logged with the field so the template mapping can be fixed.
      if (!longTerm) await returnCredit(db, subId, now);
      const field = fieldInError(outcome.errMsg);
      console.warn(`[notify] ${entry._id}: WeChat refused ${template.templateId} (${code}) field ${field ?? '?'}: ${outcome.errMsg}`);
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

/** One sweep over what is due at `now`: safe to run twice at once (each entry goes to one of them). */
export async function sendDue(db: Database, now: number, options: { maxEntries?: number } = {}): Promise<SweepCounts> {
  const started = Date.now();
  const settings = await loadSettings(db);
  const sweep: Sweep = {
    db,
    now,
    config: environmentConfig(),
    mode: settings.subscriptionMode,
    subscriptions: new Map(),
    counts: { sent: 0, noCredit: 0, invalid: 0, retry: 0, failed: 0, lost: 0 },
  };
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
        const claimed = await step(db, entry, { type: 'claim' }, now);
        if (!claimed) {
          sweep.counts.lost += 1;
          continue;
        }
        count(sweep.counts, await step(db, claimed, await deliver(sweep, claimed), now));
      }
    }
  }
  return sweep.counts;
}
