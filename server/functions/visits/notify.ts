// In-app notices from visits and issues (the `messages` collection), each at most once per cause and recipient.
import { idFor } from '../../platform/create-once';
import type { Database } from '../../platform/database-port';
import { postMessagesWithIds, type MessageInput } from '../../platform/messages';
import { usersWithRole } from '../../platform/users';

/** The town office's staff: who is alerted at once (RULES §26). */
export async function officerIds(db: Database): Promise<string[]> {
  return (await usersWithRole(db, 'officer')).map((u) => u._id);
}

/** Posts the same notice to each recipient once: the message id is derived from the cause and the recipient. */
export async function notifyOnce(
  db: Database,
  cause: string,
  recipients: Iterable<string>,
  notice: Omit<MessageInput, 'recipientUserId'>,
  at: number,
): Promise<void> {
  const items = [...new Set(recipients)].map((recipientUserId) => ({ id: idFor(cause, recipientUserId), message: { ...notice, recipientUserId } }));
  await postMessagesWithIds(db, items, at);
}

/** What tapping a notice opens (the message centre's link convention, like `case:<id>`). */
export const issueLink = (issueId: string) => `issue:${issueId}`;
