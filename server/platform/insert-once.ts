// Inserts a record whose `_id` is derived from its origin (a visit's issues, a sweep's warnings, a notice per
// recipient), so doing the same work twice — a retried call, a second sweep — stores it once.
import { addOnce, idFor } from './create-once';
import type { Database, Doc } from './database-port';

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
