// Inserts a record whose `_id` is derived from its origin (a visit's issues, a sweep's warnings, a notice per
// recipient), so doing the same work twice — a retried call, a second sweep — stores it once.
import { createOnce, idFor } from './create-once';
import type { Database, Doc } from './database-port';

/** Adds `record` unless a record with its `_id` exists; true when this call added it. */
export async function insertOnce(db: Database, collection: string, record: Doc & { _id: string }): Promise<boolean> {
  const found = await db.collection(collection).where({ _id: record._id }).limit(1).get();
  if (found.data[0]) return false;
  try {
    await db.collection(collection).add({ data: record });
    return true;
  } catch (thrown) {
    // A concurrent duplicate added it first: the duplicate key is the proof.
    const raced = await db.collection(collection).where({ _id: record._id }).limit(1).get();
    if (raced.data[0]) return false;
    throw thrown;
  }
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
  const stored = await db.collection(collection).where({ _id: idFor(key.callerId, key.requestId) }).limit(1).get();
  if (!stored.data[0]) await check();
  return createOnce(db, collection, key, build);
}
