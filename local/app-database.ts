// The app's collections and indexes (server/platform/collections.ts) on a data folder of the stand-in: what every
// local entry point (the runtime, the seed CLI, the benchmarks, the function tests) does before touching data.
import { COLLECTIONS, INDEXES } from '../server/platform/collections';
import { local } from './wx-server-sdk';

/** Points the stand-in at `dataDir` (':memory:' in tests) and creates the app's collections and indexes (idempotent). */
export function openAppDatabase(dataDir: string): void {
  local.configure({ dataDir });
  local.ensureCollections(Object.values(COLLECTIONS));
  local.ensureIndexes(INDEXES);
}
