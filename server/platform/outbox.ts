// Queues a subscription message for an in-app message whose type has a template (the core's catalogue), so every
// function that posts a message — cases, visits, alerts — gets the WeChat send for free. The notify function's
// sweep sends what is queued; the in-app message stays whatever WeChat does.
import { newOutboxEntry, type MessageForOutbox } from '../../src/core/notify/outbox';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';
import { insertOnce } from './insert-once';

/** Adds the outbox entry of an in-app message (its `_id` is the message's, so it is queued once). */
export async function queueSubscriptionMessage(db: Database, message: MessageForOutbox, at: number): Promise<void> {
  const entry = newOutboxEntry(message, at);
  if (entry) await insertOnce(db, COLLECTIONS.outbox, entry);
}
