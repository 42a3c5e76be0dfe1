// An outbox entry is one subscription message to send, made from an in-app message (which stays in the message
// centre whatever happens here). Its life is a pure state machine; the sender persists each step with a version
// check, so of two overlapping sweeps only one claims an entry and it is sent at most once (RULES §31).
//
//   queued ─claim→ claimed ─sending→ sending ─sent→ sent
//   retry  ─claim→ claimed | sending ─noCredit→ noCredit        (no credit of ours, or WeChat's 43101)
//                  claimed | sending ─invalid→ invalid          (a field refused by our formatter, or WeChat's 47003)
//                  claimed | sending ─transient→ retry | failed (a bounded number of attempts, with backoff)
//                  claimed ─expire→ retry | failed   (the sender stopped before asking WeChat: nothing went out, so it
//                                                     is tried again, within the bounded attempts)
//                  sending ─expire→ failed           (stopped after asking WeChat: the result is unknown, so never
//                                                     resent — at most once)
//                  claimed | sending ─release→ queued | retry (an urgent send at once found no credit: nothing
//                                                     went out, the sweep takes it as before)
import { z } from 'zod';
import { err, ok, type Result } from '../errors';
import { recordMeta } from '../records';
import { templateKeyFor, type TemplateKey } from './templates';

export const OUTBOX_STATES = ['queued', 'claimed', 'sending', 'sent', 'noCredit', 'invalid', 'retry', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const OUTBOX_STATE_LABELS: Record<OutboxState, string> = {
  queued: '待发送',
  claimed: '准备发送',
  sending: '发送中',
  sent: '已发送',
  noCredit: '未订阅（仅站内消息）', // the filter's word for every noCredit entry; outboxStateLabel tells them apart
  invalid: '内容不合规（仅站内消息）',
  retry: '等待重试',
  failed: '发送失败（仅站内消息）',
};

/** Why an entry had no credit: the user never subscribed, or the credits they gave are spent (RULES §30). */
export const NOT_SUBSCRIBED_CODE = 'NOT_SUBSCRIBED';
export const NO_CREDIT_CODE = 'NO_CREDIT';

/** The state in words; a spent credit is not "never subscribed", and WeChat's refusal (43101) may be either. */
export function outboxStateLabel(entry: Pick<OutboxEntry, 'state' | 'lastError'>): string {
  if (entry.state !== 'noCredit') return OUTBOX_STATE_LABELS[entry.state];
  if (entry.lastError?.code === NO_CREDIT_CODE) return '次数已用完（仅站内消息）';
  if (entry.lastError?.code === NOT_SUBSCRIBED_CODE) return OUTBOX_STATE_LABELS.noCredit;
  return '微信拒收：未订阅或次数已用完（仅站内消息）';
}

export const TERMINAL_STATES: readonly OutboxState[] = ['sent', 'noCredit', 'invalid', 'failed'];

/** How many times a transient failure is tried in all (RULES §31: bounded). */
export const MAX_ATTEMPTS = 4;
/** Wait before the next attempt after the 1st, 2nd, 3rd transient failure. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000] as const;
/** A claim older than this is taken to have died mid-send. */
export const CLAIM_LEASE_MS = 5 * 60_000;

const valueSchema = z.union([z.string(), z.number()]);

export const outboxEntrySchema = z.object({
  ...recordMeta,
  /** The in-app message this was made from. */
  messageId: z.string(),
  recipientUserId: z.string(),
  messageType: z.string(),
  templateKey: z.string(),
  /** Our values the template's fields are filled from (title, body, createdAt, and the poster's extras). */
  values: z.record(valueSchema),
  link: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int().nonnegative(),
  /** When the sweep should look at it next: due to send (queued, retry) or the claim's lease end (claimed, sending). */
  dueAt: z.number(),
  claimedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** What was sent (or would have been): template id, page and the formatted fields. */
  sent: z
    .object({ templateId: z.string(), page: z.string(), data: z.record(z.object({ value: z.string() })) })
    .nullable(),
  /** The last failure: WeChat's errCode or our error code, its message, and the field when one was at fault. */
  lastError: z.object({ code: z.union([z.string(), z.number()]), message: z.string(), field: z.string().optional() }).nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export interface MessageForOutbox {
  messageId: string;
  recipientUserId: string;
  type: string;
  title: string;
  body: string;
  link: string;
  values?: Readonly<Record<string, string | number>>;
}

/** The entry for an in-app message, or undefined when its type is not sent as a subscription message. */
export function newOutboxEntry(message: MessageForOutbox, at: number): OutboxEntry | undefined {
  const templateKey: TemplateKey | undefined = templateKeyFor(message.type);
  if (!templateKey) return undefined;
  return {
    _id: message.messageId,
    createdAt: at,
    updatedAt: at,
    version: 0,
    messageId: message.messageId,
    recipientUserId: message.recipientUserId,
    messageType: message.type,
    templateKey,
    values: { ...message.values, title: message.title, body: message.body, createdAt: at },
    link: message.link,
    state: 'queued',
    attempts: 0,
    dueAt: at,
    claimedAt: null,
    finishedAt: null,
    sent: null,
    lastError: null,
  };
}

export type OutboxEvent =
  | { type: 'claim'; leaseMs?: number }
  | { type: 'sending' }
  | { type: 'sent'; templateId: string; page: string; data: Record<string, { value: string }> }
  | { type: 'noCredit'; code: string | number; message: string }
  | { type: 'invalid'; code: string | number; message: string; field?: string }
  | { type: 'transient'; code: string | number; message: string }
  | { type: 'expire' }
  /** The claimer gives the entry back unsent (an urgent send at once found no credit): the sweep takes it as before. */
  | { type: 'release'; from: Pick<OutboxEntry, 'state' | 'attempts' | 'dueAt'> };

/** The fields a step changes (the caller adds updatedAt and the version). */
export type OutboxPatch = Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'dueAt' | 'claimedAt' | 'finishedAt' | 'sent' | 'lastError'>>;

function illegal(entry: Pick<OutboxEntry, 'state'>, event: OutboxEvent) {
  return err('OUTBOX.INVALID_TRANSITION', undefined, { state: entry.state, event: event.type });
}

/** Backoff after the n-th attempt failed transiently (n ≥ 1). */
export function retryDelayMs(attempts: number): number {
  return RETRY_BACKOFF_MS[Math.min(Math.max(attempts, 1), RETRY_BACKOFF_MS.length) - 1]!;
}

/** One step of an entry's life; OUTBOX.INVALID_TRANSITION where the state does not allow it. */
export function outboxStep(entry: Pick<OutboxEntry, 'state' | 'attempts' | 'dueAt'>, event: OutboxEvent, now: number): Result<OutboxPatch> {
  if (event.type === 'claim') {
    if ((entry.state !== 'queued' && entry.state !== 'retry') || entry.dueAt > now) return illegal(entry, event);
    return ok({ state: 'claimed', attempts: entry.attempts + 1, claimedAt: now, dueAt: now + (event.leaseMs ?? CLAIM_LEASE_MS) });
  }
  if (event.type === 'sending') return entry.state === 'claimed' ? ok({ state: 'sending' }) : illegal(entry, event);
  if (entry.state !== 'claimed' && entry.state !== 'sending') return illegal(entry, event);
  const finished = { finishedAt: now };
  switch (event.type) {
    case 'sent':
      return ok({ ...finished, state: 'sent', sent: { templateId: event.templateId, page: event.page, data: event.data }, lastError: null });
    case 'noCredit':
      return ok({ ...finished, state: 'noCredit', lastError: { code: event.code, message: event.message } });
    case 'invalid':
      return ok({ ...finished, state: 'invalid', lastError: { code: event.code, message: event.message, ...(event.field ? { field: event.field } : {}) } });
    case 'transient': {
      const lastError = { code: event.code, message: event.message };
      if (entry.attempts >= MAX_ATTEMPTS) return ok({ ...finished, state: 'failed', lastError });
      return ok({ state: 'retry', dueAt: now + retryDelayMs(entry.attempts), lastError });
    }
    case 'release': // RULES §31: nothing went out, so the entry is as it was before the claim
      if (event.from.state !== 'queued' && event.from.state !== 'retry') return illegal(entry, event);
      return ok({ state: event.from.state, attempts: event.from.attempts, dueAt: event.from.dueAt, claimedAt: null });
    case 'expire': {
      if (entry.dueAt > now) return illegal(entry, event);
      const unsent = { code: 'CLAIM_EXPIRED', message: '发送前中断，未发出' };
      if (entry.state === 'claimed' && entry.attempts < MAX_ATTEMPTS) return ok({ state: 'retry', dueAt: now, claimedAt: null, lastError: unsent });
      if (entry.state === 'claimed') return ok({ ...finished, state: 'failed', lastError: unsent });
      return ok({ ...finished, state: 'failed', lastError: { code: 'SEND_UNKNOWN', message: '发送中断，结果未知；为保证不重复发送，不再重发' } });
    }
  }
}

/** What a failed `subscribeMessage.send` means (RULES §31). */
export type SendFailure = 'noCredit' | 'invalid' | 'transient';

/** WeChat errCodes that no retry can fix: bad argument, bad openid, bad template id, bad page. */
const PERMANENT_CODES = new Set([47003, 40003, 40037, 41030]);

export function classifySendError(errCode: number | undefined): SendFailure {
  if (errCode === 43101) return 'noCredit'; // RULES §31: refused, or no credit left
  if (errCode !== undefined && PERMANENT_CODES.has(errCode)) return 'invalid'; // RULES §31: 47003 a field breaks the rules
  return 'transient'; // -1 system busy, timeouts, network, rate limits
}

/** The template field WeChat names in a 47003 message (`data.thing1.value …`), if it names one. */
export function fieldInError(message: string): string | undefined {
  return /data\.([A-Za-z_]+\d*)\.value/.exec(message)?.[1];
}
