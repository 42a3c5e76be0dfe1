// The town's settings: local rules stored by the admin, each falling back to its RULES.md default.
import { mergeSettings, type TownSettings } from '../../src/core/settings';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';

export const TOWN_SETTINGS_ID = 'town';

export async function loadSettings(db: Database): Promise<TownSettings> {
  const stored = (await db.collection(COLLECTIONS.settings).where({ _id: TOWN_SETTINGS_ID }).limit(1).get()).data[0];
  return mergeSettings(stored);
}
