// Who is calling: only the OPENID of the invocation context says so, never the payload (docs/product.md, "Who uses it").
// The users record that holds an OPENID is the binding itself; nothing else stores or returns one.
import { randomBytes } from 'node:crypto';
import { scopeOf, type Scope } from '../../src/core/roles';
import { userSchema, type User } from '../../src/core/records';
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';

export interface Caller {
  openid: string;
  user: User;
  scope: Scope;
}

/** An opaque record id (128 random bits): never derived from an OPENID or anything else a caller knows. */
export function opaqueId(): string {
  return randomBytes(16).toString('hex');
}

async function userByOpenid(database: Database, openid: string): Promise<User | undefined> {
  const found = await database.collection(COLLECTIONS.users).where({ openid }).limit(1).get();
  return found.data[0] ? userSchema.parse(found.data[0]) : undefined;
}

/**
 * The caller's users record. The first call of an OPENID we have not met creates its resident record; two such
 * first calls racing are settled by the unique index on `openid`: one add wins, the other reads the winner's record.
 */
export async function loadCaller(database: Database, openid: string, at: number): Promise<Caller & { created: boolean }> {
  let user = await userByOpenid(database, openid);
  let created = false;
  if (!user) {
    const fresh: User = { _id: opaqueId(), openid, name: '居民', role: 'resident', gridIds: [], villageIds: [], createdAt: at, updatedAt: at, version: 0 };
    try {
      await database.collection(COLLECTIONS.users).add({ data: fresh });
      user = fresh;
      created = true;
    } catch (thrown) {
      user = await userByOpenid(database, openid);
      if (!user) throw thrown;
    }
  }
  return { openid, user, scope: scopeOf(user), created };
}
