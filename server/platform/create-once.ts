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

/** Adds `build(id)` once per (caller, requestId); `created` is false when the record already existed. */
export async function createOnce(
  db: Database,
  collection: string,
  key: { callerId: string; requestId: string },
  build: (id: string) => Doc,
): Promise<{ id: string; created: boolean; record: Doc }> {
  const id = idFor(key.callerId, key.requestId);
  const before = await existing(db, collection, id);
  if (before) return { id, created: false, record: before };
  const record = { ...build(id), _id: id };
  try {
    await db.collection(collection).add({ data: record });
    return { id, created: true, record };
  } catch (thrown) {
    // A concurrent retry added it first: the duplicate key is the proof, the stored record is the answer.
    const raced = await existing(db, collection, id);
    if (raced) return { id, created: false, record: raced };
    throw thrown;
  }
}
