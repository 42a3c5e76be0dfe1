// The outbox entries of in-app messages whose type has a template (the core's catalogue), so every function that
// posts a message — cases, visits, alerts — gets the WeChat send for free. The in-app message stays whatever
// WeChat does.
import { newOutboxEntry, type OutboxEntry } from '../../src/core/notify/outbox';
import type { MessageInput } from './messages';

/** The entries to queue for these messages (each under its message's `_id`, so it is queued once). */
export function outboxEntriesFor(items: readonly { id: string; message: MessageInput }[], at: number): OutboxEntry[] {
  return items.flatMap(({ id, message }) => newOutboxEntry({ link: '', ...message, messageId: id }, at) ?? []);
}
