// The in-app message centre: every notice a user should see is a record here, so nothing depends on WeChat
// delivery alone. (Subscription messages, when sent, are queued from these.)
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';

export interface MessageInput {
  recipientUserId: string;
  type: string;
  title: string;
  body: string;
  /** A page route with its query, opened when the message is tapped. */
  link?: string;
}

export async function postMessages(db: Database, messages: readonly MessageInput[], at: number): Promise<void> {
  for (const message of messages) {
    await db.collection(COLLECTIONS.messages).add({ data: { link: '', ...message, createdAt: at, readAt: null } });
  }
}
