// In-app notices from visits and issues (the `messages` collection), each at most once per cause and recipient.
import { idFor } from '../../platform/create-once';
import type { Database } from '../../platform/database-port';
import { postMessageOnce, type MessageInput } from '../../platform/messages';
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
  for (const recipientUserId of new Set(recipients)) {
    await postMessageOnce(db, idFor(cause, recipientUserId), { ...notice, recipientUserId }, at);
  }
}

/** What tapping a notice opens (the message centre's link convention, like `case:<id>`). */
export const issueLink = (issueId: string) => `issue:${issueId}`;
