// Newest-first lists (message centre, outbox, alerts) page by (createdAt, _id), not by time alone: records posted
// in the same millisecond — a daily digest to every gridworker — would otherwise be skipped at a page boundary.
import { z } from 'zod';
import type { Database, Doc } from './database-port';

export const newestCursorSchema = z.object({ at: z.number().int().nonnegative(), id: z.string().min(1).max(256) }).strict();
export type NewestCursor = z.infer<typeof newestCursorSchema>;

/** One page of `collection` matching `where`, newest first, after `before`; `next` is null on the last page. */
export async function newestFirstPage(
  db: Database,
  collection: string,
  where: object,
  before: NewestCursor | undefined,
  limit: number,
): Promise<{ data: Doc[]; next: NewestCursor | null }> {
  const _ = db.command;
  const older = before ? _.or({ createdAt: _.lt(before.at) }, { createdAt: before.at, _id: _.lt(before.id) }) : undefined;
  const found = await db
    .collection(collection)
    .where(older ? _.and(where, older) : where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  const last = found.data[found.data.length - 1];
  return { data: found.data, next: found.data.length === limit && last ? { at: Number(last.createdAt), id: String(last._id) } : null };
}
