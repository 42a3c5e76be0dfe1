// Cursor paging by a sort field and `_id` (docs/platform-notes.md: never a deep skip). The cursor is the last record's
// `${value}|${_id}`; the next page is "value greater, or the same value and a greater _id" (smaller, newest first),
// which an index on (scope field, sort field, _id) serves as ranges. The `_id` tie-break keeps records that share a
// value — a daily digest posted to every gridworker in one millisecond — from being skipped at a page boundary.
import { z } from 'zod';
import type { Database, Doc } from './database-port';

/** A get returns at most 100 records in a function. */
export const GET_MAX = 100;

export const cursorSchema = z
  .string()
  .max(120)
  .regex(/^-?\d{1,16}\|[A-Za-z0-9:_-]{1,100}$/, '翻页位置不正确');

function parseCursor(cursor: string): { value: number; id: string } {
  const bar = cursor.indexOf('|');
  return { value: Number(cursor.slice(0, bar)), id: cursor.slice(bar + 1) };
}

type Bounds = { gte?: number; lt?: number };

/** A condition on a numeric field: its bounds and any further conditions, ANDed when more than one. */
export function rangeCondition(_: Database['command'], range: Bounds, extra: object[] = []): object {
  const all = [...(range.gte !== undefined ? [_.gte(range.gte)] : []), ...(range.lt !== undefined ? [_.lt(range.lt)] : []), ...extra];
  return all.length === 1 ? all[0]! : _.and(...all);
}

export interface RangePageOptions {
  /** Conditions on other fields (the scope and filters). */
  where: Record<string, unknown>;
  /** The numeric sort field. */
  field: string;
  /** Ascending (default), or descending for newest-first lists. */
  order?: 'asc' | 'desc';
  /** Bounds on the sort field. */
  range?: Bounds;
  limit: number;
  after?: string | null | undefined;
}

export interface RangePage {
  docs: Doc[];
  /** Cursor of the last record when the page is full, else null. */
  next: string | null;
}

export async function rangePage(db: Database, collection: string, options: RangePageOptions): Promise<RangePage> {
  const _ = db.command;
  const { where, field, range = {}, after, order = 'asc' } = options;
  const beyond = order === 'asc' ? _.gt : _.lt;
  const limit = Math.min(options.limit, GET_MAX);
  const bounded = range.gte !== undefined || range.lt !== undefined;
  let condition: object;
  if (after) {
    const c = parseCursor(after);
    condition = _.or({ ...where, [field]: rangeCondition(_, range, [beyond(c.value)]) }, { ...where, [field]: c.value, _id: beyond(c.id) });
  } else {
    condition = bounded ? { ...where, [field]: rangeCondition(_, range) } : { ...where, [field]: _.exists(true) };
  }
  const found = await db.collection(collection).where(condition).orderBy(field, order).orderBy('_id', order).limit(limit).get();
  const last = found.data[found.data.length - 1];
  return { docs: found.data, next: found.data.length === limit && last ? `${Number(last[field])}|${String(last._id)}` : null };
}
