// Every write and every view of sensitive fields leaves an audit entry (who, when, from, to, why).
import type { AuditEntry } from '../../src/core/records';
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';
import type { Caller } from './identity';

export type AuditInput = Pick<AuditEntry, 'collection' | 'recordId' | 'kind'> &
  Partial<Pick<AuditEntry, 'from' | 'to' | 'why'>>;

export async function appendAudit(
  database: Database,
  caller: Caller,
  origin: { fn: string; action: string; at: number },
  entries: AuditInput[],
): Promise<void> {
  for (const entry of entries) {
    const record: Omit<AuditEntry, '_id'> = {
      at: origin.at,
      actorId: caller.user._id,
      actorRole: caller.user.role,
      fn: origin.fn,
      action: origin.action,
      ...entry,
    };
    await database.collection(COLLECTIONS.audit).add({ data: record });
  }
}
