// A user's standing per template (RULES §30): one record per (user, template id), holding the OPENID to send to,
// the one-time credits left and whether a long-term subscription is on. Credits are taken one at a time with a
// conditional update, so two sends never spend the same credit.
import { z } from 'zod';
import { AppFailure } from '../../src/core/errors';
import { recordMeta } from '../../src/core/records';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';

export const subscriptionSchema = z.object({
  ...recordMeta,
  userId: z.string(),
  openid: z.string(),
  templateId: z.string(),
  templateKey: z.string(),
  credits: z.number().int().nonnegative(),
  longTerm: z.boolean(),
  /** The last answer WeChat gave for this template (accept, reject, ban, filter), and when. */
  lastResult: z.string().nullable(),
  lastResultAt: z.number().nullable(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export function subscriptionId(userId: string, templateId: string): string {
  return `${userId}:${templateId}`;
}

export async function subscriptionsOf(db: Database, userId: string): Promise<Subscription[]> {
  const found = await db.collection(COLLECTIONS.subscriptions).where({ userId }).limit(100).get();
  return found.data.map((raw) => subscriptionSchema.parse(raw));
}

export async function readSubscription(db: Database, id: string): Promise<Subscription | undefined> {
  const raw = (await db.collection(COLLECTIONS.subscriptions).where({ _id: id }).limit(1).get()).data[0];
  return raw ? subscriptionSchema.parse(raw) : undefined;
}

/**
 * Writes `next` over the stored record at the version read (or adds it when there was none); RECORD.CONFLICT when
 * someone else wrote first, so the caller recomputes from fresh data.
 */
export async function saveSubscription(db: Database, before: Subscription | undefined, next: Subscription, at: number): Promise<void> {
  const collection = db.collection(COLLECTIONS.subscriptions);
  if (!before) {
    try {
      await collection.add({ data: { ...next, createdAt: at, updatedAt: at, version: 0 } });
      return;
    } catch {
      throw new AppFailure('RECORD.CONFLICT');
    }
  }
  const { _id, createdAt: _created, version: _version, ...fields } = next;
  const result = await collection.where({ _id, version: before.version }).update({ data: { ...fields, updatedAt: at, version: db.command.inc(1) } });
  if (result.stats.updated !== 1) throw new AppFailure('RECORD.CONFLICT');
}

/** Takes one credit if one is left; false when none is. */
export async function takeCredit(db: Database, id: string, at: number): Promise<boolean> {
  const _ = db.command;
  const result = await db
    .collection(COLLECTIONS.subscriptions)
    .where({ _id: id, credits: _.gt(0) })
    .update({ data: { credits: _.inc(-1), updatedAt: at, version: _.inc(1) } });
  return result.stats.updated === 1;
}

/** Gives a credit back after a send that did not go out (a refused field, a transient failure). */
export async function returnCredit(db: Database, id: string, at: number): Promise<void> {
  const _ = db.command;
  await db.collection(COLLECTIONS.subscriptions).where({ _id: id }).update({ data: { credits: _.inc(1), updatedAt: at, version: _.inc(1) } });
}

/** WeChat said 43101: the user has nothing left for this template (or switched it off); our count follows. */
export async function clearSubscription(db: Database, id: string, at: number): Promise<void> {
  const _ = db.command;
  await db.collection(COLLECTIONS.subscriptions).where({ _id: id }).update({ data: { credits: 0, longTerm: false, updatedAt: at, version: _.inc(1) } });
}
