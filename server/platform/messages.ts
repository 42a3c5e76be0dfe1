// The in-app message centre: every notice a user should see is a record here, so nothing depends on WeChat
// delivery alone. Posting a message of a type that has a subscription template also queues its WeChat send
// (outbox.ts), here in one place, so every function's notices reach subscribers.
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';
import { insertOnce } from './insert-once';
import { queueSubscriptionMessage } from './outbox';

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

export async function postMessages(db: Database, messages: readonly MessageInput[], at: number): Promise<void> {
  for (const { values, ...message } of messages) {
    const { _id } = await db.collection(COLLECTIONS.messages).add({ data: { link: '', ...message, createdAt: at, readAt: null } });
    await queueSubscriptionMessage(db, { link: '', ...message, messageId: _id, values }, at);
  }
}

/**
 * One message whose `_id` is derived from what caused it (e.g. `${visitId}:notify:${userId}`): a retry, or a
 * second sweep racing this one, posts nothing new. The outbox entry is queued (once) even when the message is
 * in already, so a stop between the two leaves nothing unsent; the two writes go out together (one round trip).
 */
export async function postMessageOnce(db: Database, id: string, { values, ...message }: MessageInput, at: number): Promise<boolean> {
  const [posted] = await Promise.all([
    insertOnce(db, COLLECTIONS.messages, { _id: id, link: '', ...message, createdAt: at, readAt: null }),
    queueSubscriptionMessage(db, { link: '', ...message, messageId: id, values }, at),
  ]);
  return posted;
}
