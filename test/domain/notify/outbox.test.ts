// RULES §31: the outbox entry's state machine as pure transitions, and what each WeChat error code means.
import {
  CLAIM_LEASE_MS,
  classifySendError,
  fieldInError,
  MAX_ATTEMPTS,
  newOutboxEntry,
  outboxEntrySchema,
  outboxStep,
  RETRY_BACKOFF_MS,
  TERMINAL_STATES,
  type OutboxEntry,
  type OutboxEvent,
  type OutboxState,
} from '../../../src/core/notify';

const T0 = Date.UTC(2026, 10, 2, 2, 0);

function entry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  const made = newOutboxEntry({ messageId: 'm1', recipientUserId: 'u-resident-1', type: 'stateChanged', title: '办理进度更新', body: '已受理', link: 'case:c1' }, T0)!;
  return { ...made, ...overrides };
}

function next(e: OutboxEntry, event: OutboxEvent, now = T0): OutboxEntry {
  const r = outboxStep(e, event, now);
  if (!r.ok) throw new Error(r.error.code);
  return { ...e, ...r.data };
}

const sent: OutboxEvent = { type: 'sent', templateId: 't', page: 'pages/index/index', data: { thing1: { value: 'x' } } };

describe('a new entry', () => {
  test('only for message types with a template, queued and due at once, carrying the message values', () => {
    const e = entry();
    expect(outboxEntrySchema.parse(e)).toEqual(e);
    expect(e).toMatchObject({ _id: 'm1', state: 'queued', attempts: 0, dueAt: T0, templateKey: 'caseProgress', values: { title: '办理进度更新', body: '已受理', createdAt: T0 } });
    expect(newOutboxEntry({ messageId: 'm2', recipientUserId: 'u', type: 'explanationTask', title: 't', body: 'b', link: '' }, T0)).toBeUndefined();
    const alert = newOutboxEntry({ messageId: 'm3', recipientUserId: 'u', type: 'alert.rollCall', title: 't', body: 'b', link: 'alert:a', values: { reason: '寒潮', count: 3 } }, T0)!;
    expect(alert.values).toMatchObject({ reason: '寒潮', count: 3, title: 't' });
  });
});

describe('transitions', () => {
  test('queued → claimed (attempt counted, lease as the new due time) → sent', () => {
    const claimed = next(entry(), { type: 'claim' });
    expect(claimed).toMatchObject({ state: 'claimed', attempts: 1, claimedAt: T0, dueAt: T0 + CLAIM_LEASE_MS });
    const done = next(claimed, sent, T0 + 1000);
    expect(done).toMatchObject({ state: 'sent', finishedAt: T0 + 1000, sent: { templateId: 't' }, lastError: null });
  });

  test('claimed → noCredit and claimed → invalid (with the field) are final', () => {
    const claimed = next(entry(), { type: 'claim' });
    expect(next(claimed, { type: 'noCredit', code: 43101, message: 'refuse' })).toMatchObject({ state: 'noCredit', lastError: { code: 43101 } });
    expect(next(claimed, { type: 'invalid', code: 47003, message: 'bad', field: 'thing1' })).toMatchObject({ state: 'invalid', lastError: { code: 47003, field: 'thing1' } });
  });

  test('release: a claim given back unsent leaves the entry as it was; only back to queued or retry', () => {
    const before = entry();
    const claimed = next(before, { type: 'claim' });
    expect(next(claimed, { type: 'release', from: before })).toMatchObject({ state: 'queued', attempts: 0, dueAt: before.dueAt, claimedAt: null });
    expect(outboxStep(claimed, { type: 'release', from: { ...before, state: 'sent' } }, T0).ok).toBe(false);
    expect(outboxStep(before, { type: 'release', from: before }, T0).ok).toBe(false);
  });

  test('transient: retry after a growing backoff, failed after the last attempt', () => {
    let e = entry();
    let at = T0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      e = next(next(e, { type: 'claim' }, at), { type: 'transient', code: -1, message: 'system error' }, at);
      expect(e).toMatchObject({ state: 'retry', attempts: attempt, dueAt: at + RETRY_BACKOFF_MS[attempt - 1]! });
      // Not claimable before its time.
      expect(outboxStep(e, { type: 'claim' }, e.dueAt - 1).ok).toBe(false);
      at = e.dueAt;
    }
    e = next(next(e, { type: 'claim' }, at), { type: 'transient', code: -1, message: 'system error' }, at);
    expect(e).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, lastError: { code: -1 } });
  });

  test('a claim past its lease that never reached WeChat is tried again, within the bounded attempts', () => {
    const claimed = next(entry(), { type: 'claim' });
    expect(outboxStep(claimed, { type: 'expire' }, T0 + CLAIM_LEASE_MS - 1)).toMatchObject({ ok: false, error: { code: 'OUTBOX.INVALID_TRANSITION' } });
    const again = next(claimed, { type: 'expire' }, T0 + CLAIM_LEASE_MS);
    expect(again).toMatchObject({ state: 'retry', dueAt: T0 + CLAIM_LEASE_MS, claimedAt: null, attempts: 1, lastError: { code: 'CLAIM_EXPIRED' } });
    expect(next(entry({ state: 'claimed', attempts: MAX_ATTEMPTS, dueAt: 0 }), { type: 'expire' }, T0)).toMatchObject({ state: 'failed', lastError: { code: 'CLAIM_EXPIRED' } });
  });

  test('a send whose answer was lost expires to failed, never resent (at most once)', () => {
    const sending = next(next(entry(), { type: 'claim' }), { type: 'sending' });
    expect(sending).toMatchObject({ state: 'sending', attempts: 1 });
    expect(next(sending, sent, T0 + 1000)).toMatchObject({ state: 'sent' });
    expect(next(sending, { type: 'expire' }, T0 + CLAIM_LEASE_MS)).toMatchObject({ state: 'failed', lastError: { code: 'SEND_UNKNOWN' } });
    expect(outboxStep(sending, { type: 'sending' }, T0).ok).toBe(false);
  });

  test('anything else is refused: a claimed entry is not claimed again; final states stay final', () => {
    const claimed = next(entry(), { type: 'claim' });
    expect(outboxStep(claimed, { type: 'claim' }, T0 + CLAIM_LEASE_MS * 2).ok).toBe(false);
    expect(outboxStep(entry(), sent, T0)).toMatchObject({ ok: false, error: { code: 'OUTBOX.INVALID_TRANSITION' } });
    const events: OutboxEvent[] = [{ type: 'claim' }, { type: 'sending' }, sent, { type: 'noCredit', code: 1, message: '' }, { type: 'transient', code: -1, message: '' }, { type: 'expire' }];
    for (const state of TERMINAL_STATES as OutboxState[]) {
      for (const event of events) expect(outboxStep(entry({ state, dueAt: 0 }), event, T0 + 10 * CLAIM_LEASE_MS).ok).toBe(false);
    }
  });
});

describe('WeChat error codes (RULES §31)', () => {
  test('43101 is no credit; 47003 and other permanent codes are invalid; the rest are transient', () => {
    expect(classifySendError(43101)).toBe('noCredit');
    expect(classifySendError(47003)).toBe('invalid');
    expect(classifySendError(40003)).toBe('invalid');
    expect(classifySendError(40037)).toBe('invalid');
    expect(classifySendError(-1)).toBe('transient');
    expect(classifySendError(45009)).toBe('transient');
    expect(classifySendError(undefined)).toBe('transient');
  });

  test('the field named in a 47003 message', () => {
    expect(fieldInError('openapi.subscribeMessage.send:fail 47003 argument invalid! data.thing1.value exceeds 20 characters')).toBe('thing1');
    expect(fieldInError('openapi.subscribeMessage.send:fail 47003 argument invalid! data.phrase12.value is empty')).toBe('phrase12');
    expect(fieldInError('openapi.subscribeMessage.send:fail 47003 argument invalid!')).toBeUndefined();
  });
});
