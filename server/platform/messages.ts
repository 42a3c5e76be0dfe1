// The in-app message centre: every notice a user should see is a record here, so nothing depends on WeChat
// delivery alone. Posting a message of a type that has a subscription template (the core's catalogue) also queues
// its WeChat send, here in one place, so every function's notices reach subscribers; an urgent one is sent at once
// (outbox-send.ts), the 10-minute sweep being its retry path. The in-app message stays whatever WeChat does.
import { randomBytes } from 'node:crypto';
import { newOutboxEntry } from '../../src/core/notify/outbox';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';
import { insertManyOnce } from './insert-once';
import { queueOutbox } from './outbox-send';

export interface MessageInput {
  recipientUserId: string;
  type: string;
  title: string;
  body: string;
  /** A page route with its query, opened when the message is tapped. */
  link?: string;
  /** Extra values for the subscription template's fields (counts, a deadline …); kept on the outbox entry only. */
  values?: Record<string, string | number>;
}

/**
 * Messages under the given ids, with their outbox entries (same id) in the same round trip, each stored once: a
 * retry, or a second sweep racing this one, adds only what is missing, so a stop between the two loses nothing.
 * An item's own `at` (when what it announces happened) overrides the call's.
 */
export async function postMessagesWithIds(db: Database, items: readonly { id: string; message: MessageInput; at?: number }[], at: number): Promise<number> {
  if (items.length === 0) return 0;
  const records = items.map(({ id, message: { values: _values, ...message }, at: own }) => ({ _id: id, link: '', ...message, createdAt: own ?? at, readAt: null }));
  const entries = items.flatMap(({ id, message, at: own }) => newOutboxEntry({ link: '', ...message, messageId: id }, own ?? at) ?? []);
  const [posted] = await Promise.all([insertManyOnce(db, COLLECTIONS.messages, records), queueOutbox(db, entries, at)]);
  return posted;
}

export async function postMessages(db: Database, messages: readonly MessageInput[], at: number): Promise<void> {
  await postMessagesWithIds(db, messages.map((message) => ({ id: randomBytes(16).toString('hex'), message })), at);
}

/** One message whose `_id` is derived from what caused it (e.g. `${visitId}:notify:${userId}`): true when this call posted it. */
export async function postMessageOnce(db: Database, id: string, message: MessageInput, at: number): Promise<boolean> {
  return (await postMessagesWithIds(db, [{ id, message }], at)) === 1;
}
