// Sending one outbox entry (RULES §31), shared by the notify sweep and by the actions that send urgent messages at
// once: each entry is claimed with a version check (of two senders only one wins it, so it is sent at most once),
// its template filled within the field rules, a credit spent, the message sent through the platform port and the
// outcome recorded. The in-app message is never touched: it stays.
import {
  buildTemplateData,
  classifySendError,
  fieldInError,
  NO_CREDIT_CODE,
  NOT_SUBSCRIBED_CODE,
  isUrgentMessage,
  outboxStep,
  type EnvironmentConfig,
  type FieldProblem,
  type OutboxEntry,
  type OutboxEvent,
  type OutboxPatch,
  type SubscriptionMode,
  type TemplateConfig,
} from '../../src/core/notify';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';
import { insertManyOnce, insertOnce } from './insert-once';
import { chunks, mapLimit } from './parallel';
import { unwrap } from './result';
import { loadSettings } from './settings';
import { sendSubscribeMessage } from './subscribe-send';
import { clearSubscription, readSubscription, returnCredit, subscriptionId, subscriptionSchema, takeCredit, type Subscription } from './subscriptions';
import { environmentConfig, templateOf } from './templates';

export interface SweepCounts {
  sent: number;
  noCredit: number;
  invalid: number;
  retry: number;
  failed: number;
  /** Entries another sender claimed first. */
  lost: number;
}

export interface Sweep {
  db: Database;
  now: number;
  config: EnvironmentConfig;
  mode: SubscriptionMode;
  /** Subscription records read in this run (the OPENID does not change; credits are taken by update). */
  subscriptions: Map<string, Subscription | undefined>;
  counts: SweepCounts;
}

export function newSweep(db: Database, now: number, mode: SubscriptionMode): Sweep {
  return { db, now, config: environmentConfig(), mode, subscriptions: new Map(), counts: { sent: 0, noCredit: 0, invalid: 0, retry: 0, failed: 0, lost: 0 } };
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

export async function step(db: Database, entry: OutboxEntry, event: OutboxEvent, now: number): Promise<OutboxEntry | undefined> {
  return applyStep(db, entry, unwrap(outboxStep(entry, event, now)), now);
}

async function subscriptionFor(sweep: Sweep, id: string): Promise<Subscription | undefined> {
  if (!sweep.subscriptions.has(id)) sweep.subscriptions.set(id, await readSubscription(sweep.db, id));
  return sweep.subscriptions.get(id);
}

function pageOf(config: EnvironmentConfig, link: string): string {
  return link ? `${config.page}?link=${encodeURIComponent(link)}` : config.page;
}

type Prepared =
  | { ok: true; template: TemplateConfig; data: Record<string, { value: string }>; subId: string }
  | { ok: false; event: OutboxEvent };

/** The template and its filled fields for an entry, checked before any credit is spent (no database call). */
function prepare(config: EnvironmentConfig, entry: OutboxEntry): Prepared {
  const template = templateOf(config, entry.templateKey);
  if (!template) return { ok: false, event: { type: 'invalid', code: 'NOTIFY.TEMPLATE_UNKNOWN', message: `没有为“${entry.templateKey}”配置订阅消息模板` } };
  // RULES §32: our formatter refuses what WeChat would refuse, before any credit is spent.
  const data = buildTemplateData(template.fields, entry.values);
  if (!data.ok) {
    const field = (data.error.details as FieldProblem | undefined)?.field;
    console.warn(`[notify] ${entry._id}: ${data.error.code} in field ${field ?? '?'}`);
    return { ok: false, event: { type: 'invalid', code: data.error.code, message: data.error.message, ...(field ? { field } : {}) } };
  }
  return { ok: true, template, data: data.data, subId: subscriptionId(entry.recipientUserId, template.templateId) };
}

const NOT_SUBSCRIBED: OutboxEvent = { type: 'noCredit', code: NOT_SUBSCRIBED_CODE, message: '用户没有订阅这类消息' };
const NO_CREDIT: OutboxEvent = { type: 'noCredit', code: NO_CREDIT_CODE, message: '用户的订阅次数已用完' };

/** Sends a prepared entry whose credit is spent (or that needs none); a send that did not go out gives it back. */
async function send(sweep: Sweep, entry: OutboxEntry, prepared: Extract<Prepared, { ok: true }>, subscription: Subscription, longTerm: boolean): Promise<OutboxEvent> {
  const { db, now, config } = sweep;
  const { template, data, subId } = prepared;
  const page = pageOf(config, entry.link);
  const outcome = await sendSubscribeMessage({ touser: subscription.openid, templateId: template.templateId, page, data, miniprogramState: config.miniprogramState });
  if (outcome.ok) return { type: 'sent', templateId: template.templateId, page, data };
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

/**
 * Sends one claimed entry; the event says how it went, and the entry it applies to. Right before asking WeChat the
 * entry is marked `sending`: a sender stopped before that point sent nothing (its claim expires to a retry), one
 * stopped after it may have sent (never resent).
 */
async function deliver(sweep: Sweep, entry: OutboxEntry): Promise<{ event: OutboxEvent; entry: OutboxEntry | undefined }> {
  const prepared = prepare(sweep.config, entry);
  if (!prepared.ok) return { event: prepared.event, entry };
  const subscription = await subscriptionFor(sweep, prepared.subId);
  if (!subscription) return { event: NOT_SUBSCRIBED, entry };
  // RULES §30: a long-term subscription needs no credit; a one-time send spends one (after the mark, so a sender
  // stopped before it spent none).
  const longTerm = sweep.mode === 'long-term' && subscription.longTerm;
  if (!longTerm && subscription.credits <= 0) return { event: NO_CREDIT, entry };
  const sending = await step(sweep.db, entry, { type: 'sending' }, sweep.now);
  if (!sending) return { event: { type: 'expire' }, entry: undefined }; // taken over after its lease: not ours to send
  if (!longTerm && !(await takeCredit(sweep.db, prepared.subId, sweep.now))) return { event: NO_CREDIT, entry: sending };
  return { event: await send(sweep, sending, prepared, subscription, longTerm), entry: sending };
}

export function count(counts: SweepCounts, entry: OutboxEntry | undefined): void {
  if (!entry) counts.lost += 1;
  else if (entry.state === 'sent' || entry.state === 'noCredit' || entry.state === 'invalid' || entry.state === 'retry' || entry.state === 'failed') counts[entry.state] += 1;
}

/** One due entry: claim it (or lose it to another sender), send it, record how it went; the entry as it ended. */
export async function claimAndSend(sweep: Sweep, entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const claimed = await step(sweep.db, entry, { type: 'claim' }, sweep.now);
  if (!claimed) return undefined;
  const outcome = await deliver(sweep, claimed);
  return outcome.entry && step(sweep.db, outcome.entry, outcome.event, sweep.now);
}

/** Sends at once, a few at a time. */
const SEND_NOW_PARALLEL = 10;

/**
 * Stores the outbox entries of messages just posted; the urgent ones (roll calls, escalations, urgent reports) go out
 * at once instead of 10 minutes later. An urgent entry is stored already claimed by this call, so no other sender
 * can take it, while in the same round trip its recipient's subscription is read and a credit taken; then it is sent
 * and the outcome recorded. Without a credit it is released unsent, and the sweep — the retry path, also for
 * transient failures — sees it as before. An entry stored earlier (a retried action) is not this call's to send.
 */
export async function queueOutbox(db: Database, entries: readonly OutboxEntry[], now: number): Promise<void> {
  const config = environmentConfig();
  const urgent = entries
    .filter((e) => isUrgentMessage(e.messageType))
    .map((e) => {
      // Stored claimed and marked `sending` in one write: it goes out in this invocation or never (at most once).
      const claimed = { ...e, ...unwrap(outboxStep(e, { type: 'claim' }, now)) };
      return { before: e, entry: { ...claimed, ...unwrap(outboxStep(claimed, { type: 'sending' }, now)) }, prepared: prepare(config, e) };
    });
  const rest = entries.filter((e) => !isUrgentMessage(e.messageType));
  if (urgent.length === 0) {
    await insertManyOnce(db, COLLECTIONS.outbox, rest);
    return;
  }
  const _ = db.command;
  const subIds = [...new Set(urgent.flatMap((u) => (u.prepared.ok ? [u.prepared.subId] : [])))];
  const [, added, settings, pages, credits] = await Promise.all([
    insertManyOnce(db, COLLECTIONS.outbox, rest),
    Promise.all(urgent.map((u) => insertOnce(db, COLLECTIONS.outbox, u.entry))),
    loadSettings(db),
    Promise.all(chunks(subIds, 100).map((run) => db.collection(COLLECTIONS.subscriptions).where({ _id: _.in(run) }).limit(100).get())),
    Promise.all(urgent.map((u) => (u.prepared.ok ? takeCredit(db, u.prepared.subId, now) : false))),
  ]);
  const sweep = newSweep(db, now, settings.subscriptionMode);
  for (const id of subIds) sweep.subscriptions.set(id, undefined);
  for (const page of pages) for (const raw of page.data) sweep.subscriptions.set(String(raw._id), subscriptionSchema.parse(raw));
  await mapLimit(urgent, SEND_NOW_PARALLEL, async ({ before, entry, prepared }, i) => {
    const subscription = prepared.ok ? sweep.subscriptions.get(prepared.subId) : undefined;
    const longTerm = sweep.mode === 'long-term' && subscription?.longTerm === true;
    // A credit taken for nothing (not ours to send, or a long-term subscription needs none) goes back.
    const giveBack = credits[i] && prepared.ok && (!added[i] || longTerm) ? returnCredit(db, prepared.subId, now) : undefined;
    if (!added[i]) return giveBack;
    const sendable = prepared.ok && subscription !== undefined && (longTerm || credits[i]);
    const event = !prepared.ok ? prepared.event : sendable ? await send(sweep, entry, prepared, subscription!, longTerm) : undefined;
    await Promise.all([giveBack, step(db, entry, event ?? { type: 'release', from: before }, now)]);
  });
}
