// Performs what a case transition asks for: notices to the people it names (in-app message centre), and the
// explanation task after a denial. The core decides what; this decides who, by the case's grid.
import type { CaseRecord, Effect, NotifyEffect } from '../../../src/core/cases';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { postMessages, postMessagesWithIds, type MessageInput } from '../../platform/messages';

/** Staff looked up once per sweep rather than once per case (key: the query). */
export type StaffMemo = Map<string, Promise<string[]>>;

function userIds(db: Database, where: Record<string, string>, memo?: StaffMemo): Promise<string[]> {
  const key = JSON.stringify(where);
  const cached = memo?.get(key);
  if (cached) return cached;
  const found = db
    .collection(COLLECTIONS.users)
    .where(where)
    .limit(100)
    .get()
    .then((page) => page.data.map((u) => String(u._id)));
  memo?.set(key, found);
  return found;
}

/** Who a notice goes to: the named user, else the grid's gridworkers, else the town office. */
async function recipients(db: Database, effect: NotifyEffect, memo?: StaffMemo): Promise<string[]> {
  if (effect.userId) return [effect.userId];
  if (effect.recipient === 'gridworker') return userIds(db, { role: 'gridworker', gridIds: effect.gridId }, memo);
  if (effect.recipient === 'officer') return userIds(db, { role: 'officer' }, memo);
  return [];
}

/** A notice an effect asks for, with a key naming what it is about and whom it is for. */
export interface CaseNotice {
  key: string;
  message: MessageInput;
}

/** The notices effects ask for, with their recipients (looked up all at once; staff once per sweep with a memo). */
export async function noticesFor(db: Database, c: CaseRecord, effects: readonly Effect[], memo?: StaffMemo): Promise<CaseNotice[]> {
  const perEffect = await Promise.all(
    effects.map(async (effect, index): Promise<CaseNotice[]> => {
      const about = effect.type === 'notify' && effect.due ? `${effect.due.step}@${effect.due.dueAt}` : String(index);
      if (effect.type === 'notify') {
        const text = MESSAGE_TEXTS.caseNotice({ message: effect.message, applicantName: c.applicant.name, kind: effect.kind, state: effect.state, due: effect.due });
        return (await recipients(db, effect, memo)).map((recipientUserId) => ({
          key: `${about}:${effect.message}:${recipientUserId}`,
          message: { recipientUserId, type: effect.message, ...text, link: `case:${c._id}` },
        }));
      }
      const assignees = effect.assigneeUserId ? [effect.assigneeUserId] : await userIds(db, { role: 'gridworker', gridIds: effect.gridId }, memo);
      const text = MESSAGE_TEXTS.explanationTask({ applicantName: effect.applicantName, reasons: effect.reasons });
      return assignees.map((recipientUserId) => ({
        key: `${about}:explanationTask:${recipientUserId}`,
        message: { recipientUserId, type: 'explanationTask', ...text, link: `case:${c._id}` },
      }));
    }),
  );
  return perEffect.flat();
}

/**
 * Posts the notices. With `onceKey` each becomes a record with an id derived from it and the notice's key (a job's
 * effects, done again after a cut-off or after losing a race, post nothing twice); without it, notices are new records.
 */
export function postNotices(db: Database, notices: readonly CaseNotice[], at: number, onceKey?: string): Promise<unknown> {
  if (onceKey === undefined) return postMessages(db, notices.map((n) => n.message), at);
  return postMessagesWithIds(db, notices.map((n) => ({ id: `${onceKey}:${n.key}`, message: n.message })), at);
}

export async function performEffects(db: Database, c: CaseRecord, effects: readonly Effect[], at: number, options: { onceKey?: string; memo?: StaffMemo } = {}): Promise<void> {
  await postNotices(db, await noticesFor(db, c, effects, options.memo), at, options.onceKey);
}
