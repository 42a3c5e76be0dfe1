// Writes a generated town through the same database API the functions use. Each grid's batch goes in one
// transaction, so a 1,000,000-person town seeds in minutes and a half-written grid never stays behind.
import type { Database } from '../../server/platform/cloud';
import { COLLECTIONS } from '../../server/platform/collections';
import { iterateHouseholds, townStructure, type GenerateTownOptions } from './generate';

async function addAll(db: Database, collection: string, records: readonly { _id: string }[]): Promise<void> {
  await db.runTransaction(async (transaction) => {
    for (const record of records) await transaction.collection(collection).add({ data: record });
  });
}

export async function seedTown(db: Database, opts: GenerateTownOptions, onProgress?: (persons: number) => void): Promise<{ persons: number }> {
  const structure = townStructure(opts);
  await addAll(db, COLLECTIONS.villages, structure.villages);
  await addAll(db, COLLECTIONS.grids, structure.grids);
  await addAll(db, COLLECTIONS.users, structure.users);
  let persons = 0;
  for (const batch of iterateHouseholds(opts)) {
    await addAll(db, COLLECTIONS.households, batch.households);
    await addAll(db, COLLECTIONS.persons, batch.persons);
    persons += batch.persons.length;
    onProgress?.(persons);
  }
  return { persons };
}

/** The demo town, once: an existing database is never reseeded over. */
export async function seedDemoTownIfEmpty(db: Database, now: number): Promise<boolean> {
  const { total } = await db.collection(COLLECTIONS.villages).count();
  if (total > 0) return false;
  await seedTown(db, { now });
  return true;
}
