// The town's settings: local rules stored by the admin, each falling back to its docs/rules.md default.
import { mergeSettings, type TownSettings } from '../../src/core/settings';
import { COLLECTIONS } from './collections';
import type { Database, Doc } from './database-port';

export const TOWN_SETTINGS_ID = 'town';

/** The stored record as the admin left it (only the values set, with its version), if any. */
export async function readStoredSettings(db: Database): Promise<Doc | undefined> {
  return (await db.collection(COLLECTIONS.settings).where({ _id: TOWN_SETTINGS_ID }).limit(1).get()).data[0];
}

export async function loadSettings(db: Database): Promise<TownSettings> {
  return mergeSettings(await readStoredSettings(db));
}
