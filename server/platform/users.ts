// Users the functions look up for the town: staff by role (gridworkers to message, cadres and officers to escalate
// to), every page of them; the resident account of a roster person.
import { userSchema, type User } from '../../src/core/records';
import type { Role } from '../../src/core/roles';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';
import { readAllPages } from './store';

export function usersWithRole(db: Database, role: Role): Promise<User[]> {
  return readAllPages(db, COLLECTIONS.users, userSchema, { role });
}

/** The resident account linked to a roster person, if they have one (a case for them reaches them too). */
export async function residentUserIdOf(db: Database, personId: string): Promise<string | undefined> {
  const found = await db.collection(COLLECTIONS.users).where({ personId, role: 'resident' }).limit(1).get();
  return found.data[0]?._id as string | undefined;
}

/** The gridworkers of a grid (who hear of a household's news there). */
export function gridworkersOf(db: Database, gridId: string): Promise<User[]> {
  return readAllPages(db, COLLECTIONS.users, userSchema, { role: 'gridworker', gridIds: gridId });
}
