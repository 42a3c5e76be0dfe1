// Who is calling: only the OPENID of the invocation context says so, never the payload (PRODUCT.md, Identity).
import { scopeOf, type Scope } from '../../src/core/roles';
import { userSchema, type User } from '../../src/core/records';
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';

export interface Caller {
  openid: string;
  user: User;
  scope: Scope;
  /** False for an OPENID with no users record yet: a resident we have not met. */
  registered: boolean;
}

export async function loadCaller(database: Database, openid: string, at: number): Promise<Caller> {
  const found = await database.collection(COLLECTIONS.users).where({ openid }).limit(1).get();
  const raw = found.data[0];
  const user: User = raw
    ? userSchema.parse(raw)
    : {
        _id: `resident-${openid}`,
        openid,
        name: '居民',
        role: 'resident',
        gridIds: [],
        villageIds: [],
        createdAt: at,
        updatedAt: at,
        version: 0,
      };
  return { openid, user, scope: scopeOf(user), registered: raw !== undefined };
}
