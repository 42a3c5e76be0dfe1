// Record persistence shared by every function: reads parsed by the core's schema, writes with a version check.
import type { z } from 'zod';
import { AppFailure } from '../../src/core/errors';
import type { Database } from './cloud';
import { chunks } from './parallel';

/** One record by id, parsed; RECORD.NOT_FOUND when absent. */
export async function readRecord<S extends z.ZodTypeAny>(
  db: Database,
  collection: string,
  id: string,
  schema: S,
): Promise<z.output<S>> {
  const found = await db.collection(collection).where({ _id: id }).limit(1).get();
  if (!found.data[0]) throw new AppFailure('RECORD.NOT_FOUND');
  return schema.parse(found.data[0]);
}

/**
 * Applies `patch` only if the record is still at `version`: of two writers on the same version exactly one
 * wins; the other gets RECORD.CONFLICT with the fresh record, so nothing is silently overwritten. A caller that
 * built the whole new record passes it as `built`: it is the answer, with no read-back of what was just written.
 */
export async function updateVersioned<S extends z.ZodTypeAny>(
  db: Database,
  collection: string,
  schema: S,
  id: string,
  version: number,
  patch: Record<string, unknown>,
  at: number,
  built?: z.output<S>,
): Promise<z.output<S>> {
  if (!(await writeVersioned(db, collection, id, version, patch, at))) {
    const current = await readRecord(db, collection, id, schema);
    throw new AppFailure('RECORD.CONFLICT', undefined, { collection, current });
  }
  return built ? { ...built, updatedAt: at, version: version + 1 } : readRecord(db, collection, id, schema);
}

/** `patch` at `version` as updateVersioned, without reading the record back: false when another writer came first. */
export async function writeVersioned(db: Database, collection: string, id: string, version: number, patch: Record<string, unknown>, at: number): Promise<boolean> {
  const result = await db
    .collection(collection)
    .where({ _id: id, version })
    .update({ data: { ...patch, updatedAt: at, version: db.command.inc(1) } });
  return result.stats.updated === 1;
}

/**
 * Every record of a small collection (villages, grids, staff of a role, an alert's tallies) matching `where`, page
 * by page in `_id` order: a function's get returns at most 100.
 */
export async function readAllPages<S extends z.ZodTypeAny>(db: Database, collection: string, schema: S, where?: object): Promise<z.output<S>[]> {
  const _ = db.command;
  const all: z.output<S>[] = [];
  let after = '';
  for (;;) {
    const cursor = { _id: _.gt(after) };
    const page = await db.collection(collection).where(where ? _.and(where, cursor) : cursor).orderBy('_id', 'asc').limit(100).get();
    all.push(...page.data.map((raw) => schema.parse(raw)));
    if (page.data.length < 100) return all;
    after = String(page.data[page.data.length - 1]._id);
  }
}

/** By id, a query per 100 ids, all at once; missing ids are left out. */
export async function recordsByIds<T>(db: Database, collection: string, ids: Iterable<string>, parse: (raw: unknown) => T): Promise<Map<string, T>> {
  const pages = await Promise.all(chunks([...new Set(ids)], 100).map((run) => db.collection(collection).where({ _id: db.command.in(run) }).limit(100).get()));
  const out = new Map<string, T>();
  for (const page of pages) for (const raw of page.data) out.set(String(raw._id), parse(raw));
  return out;
}
