// Every create carries the client's requestId (ARCHITECTURE.md, Conventions): the record's _id is derived from the
// caller and that id, so a retry — or two racing retries — returns the first record instead of making a second.
import { createHash } from 'node:crypto';
import type { Database, Doc } from './database-port';

export function idFor(callerId: string, requestId: string): string {
  return createHash('sha256').update(`${callerId}\u0000${requestId}`).digest('hex').slice(0, 32);
}

async function existing(db: Database, collection: string, id: string): Promise<Doc | undefined> {
  return (await db.collection(collection).where({ _id: id }).limit(1).get()).data[0];
}

/** The record a request stored already (a retry), if any. */
export function storedFor(db: Database, collection: string, key: { callerId: string; requestId: string }): Promise<Doc | undefined> {
  return existing(db, collection, idFor(key.callerId, key.requestId));
}

/**
 * Adds `build()` under `id` unless a record is stored there; `check` runs only before a new record is built.
 * `created` is false when the record already existed — the stored one is the answer.
 */
export async function addOnce(
  db: Database,
  collection: string,
  id: string,
  build: () => Doc,
  check?: () => Promise<void>,
): Promise<{ created: boolean; record: Doc }> {
  const before = await existing(db, collection, id);
  if (before) return { created: false, record: before };
  if (check) await check();
  const record = { ...build(), _id: id };
  try {
    await db.collection(collection).add({ data: record });
    return { created: true, record };
  } catch (thrown) {
    // A concurrent retry added it first: the duplicate key is the proof, the stored record is the answer.
    const raced = await existing(db, collection, id);
    if (raced) return { created: false, record: raced };
    throw thrown;
  }
}

/** Adds `build(id)` once per (caller, requestId); `created` is false when the record already existed. */
export async function createOnce(
  db: Database,
  collection: string,
  key: { callerId: string; requestId: string },
  build: (id: string) => Doc,
): Promise<{ id: string; created: boolean; record: Doc }> {
  const id = idFor(key.callerId, key.requestId);
  return { id, ...(await addOnce(db, collection, id, () => build(id))) };
}
