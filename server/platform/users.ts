// Staff by role (gridworkers to message, cadres and officers to escalate to), every page of them.
import { userSchema, type User } from '../../src/core/records';
import type { Role } from '../../src/core/roles';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';

export async function usersWithRole(db: Database, role: Role): Promise<User[]> {
  const _ = db.command;
  const out: User[] = [];
  let after = '';
  for (;;) {
    const page = (await db.collection(COLLECTIONS.users).where({ role, _id: _.gt(after) }).orderBy('_id', 'asc').limit(100).get()).data.map((u) => userSchema.parse(u));
    out.push(...page);
    if (page.length < 100) return out;
    after = page[page.length - 1]!._id;
  }
}
