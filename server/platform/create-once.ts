// Every create carries the client's requestId (docs/architecture.md, "Things every write does"): the record's _id is derived from the
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
 * Adds `build()` under `id` unless a record is stored there; `check` must pass only for a new record.
 * `created` is false when the record already existed — the stored one is the answer. The add goes first (one
 * round trip for a new record); the duplicate key tells a retry, whose stored record is then read.
 */
export async function addOnce(
  db: Database,
  collection: string,
  id: string,
  build: () => Doc,
  check?: () => Promise<void>,
): Promise<{ created: boolean; record: Doc }> {
  if (check) {
    // The check and the look for a stored record go out together; a stored record wins over a failed check.
    const [before, failed] = await Promise.all([existing(db, collection, id), check().then(() => undefined, (thrown: unknown) => ({ thrown }))]);
    if (before) return { created: false, record: before };
    if (failed) throw failed.thrown;
  }
  try {
    // Built inside: a retry whose input no longer builds (settings changed since) still gets its stored record.
    const record = { ...build(), _id: id };
    await db.collection(collection).add({ data: record });
    return { created: true, record };
  } catch (thrown) {
    // A retry, or a concurrent one that added it first: the duplicate key is the proof, the stored record is the answer.
    const stored = await existing(db, collection, id);
    if (stored) return { created: false, record: stored };
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
