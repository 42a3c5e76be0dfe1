// The mark transaction of a roll call: a household's entries marked with a version check each, and nothing else
// written, so two staff marking in one grid never collide.
import { checkMark, rollCallEntrySchema, type MarkStatus, type RollCallEntry } from '../../../src/core/alerts/roll-call';
import { AppFailure } from '../../../src/core/errors';
import { personSchema, type Person } from '../../../src/core/records';
import type { ActionContext } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { unwrap } from '../../platform/result';
import { recordsByIds } from '../../platform/store';

/** A mark's tries when another mark of the same entries lands first (two staff at one household). */
const MARK_TRIES = 3;

/**
 * Marks entries, each with a version check and nothing else: a mark writes only its own entries, so concurrent
 * marks in one grid never collide. An entry someone else marked meanwhile is read again and re-checked.
 */
export async function markEntries(ctx: ActionContext, entries: readonly RollCallEntry[], status: MarkStatus, note: string | undefined, caseId: string | undefined): Promise<RollCallEntry[]> {
  const { db, caller, now } = ctx;
  const marked: RollCallEntry[] = [];
  let todo = entries;
  for (let attempt = 0; todo.length > 0; attempt++) {
    if (attempt === MARK_TRIES) throw new AppFailure('RECORD.CONFLICT');
    if (attempt > 0) {
      const fresh = await recordsByIds(db, COLLECTIONS.alertEntries, todo.map((e) => e._id), (raw) => rollCallEntrySchema.parse(raw));
      todo = todo.map((e) => fresh.get(e._id) ?? e);
    }
    for (const e of todo) unwrap(checkMark(e.status, status));
    const patch = { status, markedBy: caller.user._id, markedAt: now, ...(note ? { note } : {}), ...(caseId ? { caseId } : {}), updatedAt: now };
    const results = await Promise.all(
      todo.map((e) => db.collection(COLLECTIONS.alertEntries).where({ _id: e._id, version: e.version }).update({ data: { ...patch, version: db.command.inc(1) } })),
    );
    todo.forEach((e, i) => {
      if (results[i]!.stats.updated === 1) marked.push({ ...e, ...patch, version: e.version + 1 });
    });
    todo = todo.filter((_e, i) => results[i]!.stats.updated !== 1);
  }
  return marked;
}

/** The persons of entries, from the household's members read beside them; one who has moved since is read by id. */
export async function personsOf(db: Database, entries: readonly RollCallEntry[], members: readonly Person[]): Promise<Person[]> {
  const missing = entries.filter((e) => !members.some((m) => m._id === e.personId)).map((e) => e.personId);
  const moved = missing.length ? await recordsByIds(db, COLLECTIONS.persons, missing, (p) => personSchema.parse(p)) : new Map<string, Person>();
  return entries.flatMap((e) => members.find((m) => m._id === e.personId) ?? moved.get(e.personId) ?? []);
}
