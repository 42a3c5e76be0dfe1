// Every write and every view of sensitive fields leaves an audit entry (who, when, from, to, why).
import type { AuditEntry } from '../../src/core/records';
import type { Role } from '../../src/core/roles';
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';
import { insertManyOnce } from './insert-once';
import { chunks } from './parallel';

export type AuditInput = Pick<AuditEntry, 'collection' | 'recordId' | 'kind'> &
  Partial<Pick<AuditEntry, 'from' | 'to' | 'why'>> & {
    /** A stable id for the entry of a write that a retried invocation may find done already: stored once. */
    key?: string;
  };

/** Who acted: the caller's user, or the user who started a job that writes later on their behalf. */
export interface AuditActor {
  user: { _id: string; role: Role };
}

export interface AuditOrigin {
  fn: string;
  action: string;
  at: number;
}

/** The stored record of one entry (keyed entries under their key). */
export function auditRecord(actor: AuditActor, origin: AuditOrigin, { key, ...entry }: AuditInput) {
  return {
    ...(key ? { _id: key } : {}),
    at: origin.at,
    actorId: actor.user._id,
    actorRole: actor.user.role,
    fn: origin.fn,
    action: origin.action,
    ...entry,
  };
}

export async function appendAudit(database: Database, actor: AuditActor, origin: AuditOrigin, entries: AuditInput[]): Promise<void> {
  const records = entries.map((entry) => auditRecord(actor, origin, entry));
  const keyed = records.filter((r): r is typeof r & { _id: string } => '_id' in r);
  const plain = records.filter((r) => !('_id' in r));
  // One insert request for all of an action's entries: a round trip, however many records it touched.
  await Promise.all([
    keyed.length ? insertManyOnce(database, COLLECTIONS.audit, keyed) : undefined,
    ...chunks(plain, 500).map((run) => (run.length === 1 ? database.collection(COLLECTIONS.audit).add({ data: run[0]! }) : database.collection(COLLECTIONS.audit).add({ data: run }))),
  ]);
}
