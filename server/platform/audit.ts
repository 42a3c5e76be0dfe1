// Every write and every view of sensitive fields leaves an audit entry (who, when, from, to, why).
import type { AuditEntry } from '../../src/core/records';
import type { Role } from '../../src/core/roles';
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';
import { insertOnce } from './insert-once';

export type AuditInput = Pick<AuditEntry, 'collection' | 'recordId' | 'kind'> &
  Partial<Pick<AuditEntry, 'from' | 'to' | 'why'>>;

/** Who acted: the caller's user, or the user who started a job that writes later on their behalf. */
export interface AuditActor {
  user: { _id: string; role: Role };
}

export interface AuditOrigin {
  fn: string;
  action: string;
  at: number;
}

function auditRecord(actor: AuditActor, origin: AuditOrigin, entry: AuditInput): Omit<AuditEntry, '_id'> {
  return { at: origin.at, actorId: actor.user._id, actorRole: actor.user.role, fn: origin.fn, action: origin.action, ...entry };
}

export async function appendAudit(database: Database, actor: AuditActor, origin: AuditOrigin, entries: AuditInput[]): Promise<void> {
  for (const entry of entries) await database.collection(COLLECTIONS.audit).add({ data: auditRecord(actor, origin, entry) });
}

/** An audit entry with an id derived from the write it records: a job's write done again is audited once. */
export async function appendAuditOnce(database: Database, id: string, actor: AuditActor, origin: AuditOrigin, entry: AuditInput): Promise<void> {
  await insertOnce(database, COLLECTIONS.audit, { _id: id, ...auditRecord(actor, origin, entry) });
}
