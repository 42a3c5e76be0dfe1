// Shared set-up for the stand-in contract tests: a fresh in-memory database per test.
import cloud, { local } from '../../local/wx-server-sdk';
import type { Database } from '../../local/wx-server-sdk';

export { cloud, local };

/** A fresh, empty in-memory database with the given collections created. */
export async function freshDb(...collections: string[]): Promise<Database> {
  local.configure({ dataDir: ':memory:' });
  local.reset();
  const db = cloud.database();
  for (const name of collections) await db.createCollection(name);
  return db;
}

/** Adds records in order and returns their ids. */
export async function addAll(db: Database, collection: string, records: object[]): Promise<string[]> {
  const ids: string[] = [];
  for (const data of records) ids.push((await db.collection(collection).add({ data }))._id);
  return ids;
}

/** Values of one field across a result, in result order. */
export function pluck<T = unknown>(data: Record<string, unknown>[], field: string): T[] {
  return data.map((d) => d[field] as T);
}
