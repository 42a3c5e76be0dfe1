// Every write and every view of sensitive fields leaves an audit entry (who, when, from, to, why).
import type { AuditEntry } from '../../src/core/records';
import { COLLECTIONS } from './collections';
import type { Database } from './cloud';
import type { Caller } from './identity';
import { chunks } from './parallel';

export type AuditInput = Pick<AuditEntry, 'collection' | 'recordId' | 'kind'> &
  Partial<Pick<AuditEntry, 'from' | 'to' | 'why'>>;

export async function appendAudit(
  database: Database,
  caller: Caller,
  origin: { fn: string; action: string; at: number },
  entries: AuditInput[],
): Promise<void> {
  const records: Omit<AuditEntry, '_id'>[] = entries.map((entry) => ({
    at: origin.at,
    actorId: caller.user._id,
    actorRole: caller.user.role,
    fn: origin.fn,
    action: origin.action,
    ...entry,
  }));
  // One insert request for all of an action's entries: a round trip, however many records it touched.
  if (records.length === 1) await database.collection(COLLECTIONS.audit).add({ data: records[0]! });
  else if (records.length > 1) await Promise.all(chunks(records, 500).map((run) => database.collection(COLLECTIONS.audit).add({ data: run })));
}
