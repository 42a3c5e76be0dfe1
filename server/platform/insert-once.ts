// Inserts a record whose `_id` is derived from its origin (a visit's issues, a sweep's warnings, a notice per
// recipient), so doing the same work twice — a retried call, a second sweep — stores it once.
import { addOnce, idFor } from './create-once';
import type { Database, Doc } from './database-port';
import { chunks, mapLimit } from './parallel';

/**
 * Adds `record` unless a record with its `_id` exists; true when this call added it. One round trip when it is new:
 * the add itself, whose duplicate-key failure (checked by a read) means it was stored before.
 */
export async function insertOnce(db: Database, collection: string, record: Doc & { _id: string }): Promise<boolean> {
  try {
    await db.collection(collection).add({ data: record });
    return true;
  } catch (thrown) {
    if ((await db.collection(collection).where({ _id: record._id }).limit(1).get()).data.length > 0) return false;
    throw thrown;
  }
}

/** A batch add takes this many records per request here (wx-server-sdk sends one insert request per call). */
const BATCH_ADD = 500;

/** The ids among `ids` stored in `collection`, a get of 100 per id run, all at once. */
async function storedIds(db: Database, collection: string, ids: readonly string[]): Promise<Set<string>> {
  const pages = await Promise.all(chunks(ids, 100).map((run) => db.collection(collection).where({ _id: db.command.in(run) }).field({ _id: true }).limit(100).get()));
  return new Set(pages.flatMap((page) => page.data.map((raw) => String(raw._id))));
}

/** One batch: one insert request; when some are in already (a retried or racing job), only the rest. */
async function insertRunOnce(db: Database, collection: string, records: readonly (Doc & { _id: string })[]): Promise<number> {
  let rest = records;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db.collection(collection).add({ data: [...rest] });
      return rest.length;
    } catch {
      const stored = await storedIds(db, collection, rest.map((r) => r._id));
      rest = rest.filter((r) => !stored.has(r._id));
      if (rest.length === 0) return 0;
    }
  }
  // Still racing another writer: one at a time settles it (each add either lands or finds the record).
  return (await mapLimit(rest, 10, (r) => insertOnce(db, collection, r))).filter(Boolean).length;
}

/**
 * Adds every record not stored yet under its `_id`, in batch inserts that go out together: a job redone after a
 * stop writes each record once. Resolves with how many this call added.
 */
export async function insertManyOnce(db: Database, collection: string, records: readonly (Doc & { _id: string })[]): Promise<number> {
  const added = await Promise.all(chunks(records, BATCH_ADD).map((run) => insertRunOnce(db, collection, run)));
  return added.reduce((sum, n) => sum + n, 0);
}

/**
 * `createOnce`, with checks that only a new record must pass (a unique code, no duplicate person, one active plan):
 * a retry of a stored request returns its record without checking again, since the record itself now fails them.
 */
export async function createOnceChecked(
  db: Database,
  collection: string,
  key: { callerId: string; requestId: string },
  check: () => Promise<void>,
  build: (id: string) => Doc,
): Promise<{ id: string; created: boolean; record: Doc }> {
  const id = idFor(key.callerId, key.requestId);
  return { id, ...(await addOnce(db, collection, id, () => build(id), check)) };
}
