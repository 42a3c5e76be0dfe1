// Storing a new case, for every function that opens one (cases.create, a roll-call "needs help" in alerts): the record
// with its sort keys, once per id; its audit entry and its notices only when this call made it.
import type { CaseRecord, Effect } from '../../src/core/cases';
import type { ActionContext } from '../platform/action';
import { COLLECTIONS } from '../platform/collections';
import { addOnce } from '../platform/create-once';
import { noticesFor, postNotices } from './effects';
import { sortKeys } from './store';

/** Adds the built case unless a case with its id exists; true when this call made it. `why` goes to the audit. */
export async function addCase(ctx: ActionContext, built: { record: CaseRecord; effects: Effect[] }, why: string): Promise<boolean> {
  const { db, now } = ctx;
  const { record } = built;
  // The notices' recipients are looked up while the case is written; they are posted only when this call made it.
  const [made, notices] = await Promise.all([addOnce(db, COLLECTIONS.cases, record._id, () => ({ ...record, ...sortKeys(record) })), noticesFor(db, record, built.effects)]);
  if (made.created) {
    await Promise.all([
      ctx.audit({ collection: COLLECTIONS.cases, recordId: record._id, kind: 'create', to: record.state, why }),
      // Ids from the case and its version: a notice is stored once, whoever posts it.
      postNotices(db, notices, now, `${record._id}:0`),
    ]);
  }
  return made.created;
}
