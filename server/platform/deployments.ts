// Which build each deployed function runs: `deployments/<fn>` holds the version of the last instance that started.
// Written once per instance (after its first successful call, so a refused call changes nothing), read by session.me.
import { THIS_BUILD, type PartVersion } from '../../src/core/deployment';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';

/** A recorder for one function: the first call in an instance writes its version, later calls cost nothing. */
export function deploymentRecorder(fn: string): (database: Database, at: number) => Promise<void> {
  let recorded = false;
  return async (database, at) => {
    if (recorded) return;
    recorded = true;
    try {
      await database.collection(COLLECTIONS.deployments).doc(fn).set({ data: { fn, version: THIS_BUILD, at } });
    } catch (thrown) {
      // The call it follows succeeded; the next one tries again.
      recorded = false;
      console.error(`[${fn}] recording the deployed version failed`, thrown);
    }
  };
}

/** Every function's recorded version (one record per function, so one page holds them all). */
export async function deployedVersions(database: Database): Promise<PartVersion[]> {
  const found = await database.collection(COLLECTIONS.deployments).limit(100).get();
  return found.data.map((raw) => ({ fn: String(raw.fn), version: String(raw.version) }));
}
