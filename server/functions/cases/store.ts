// Case persistence: the record as the core defines it, plus two derived sort keys the worklists page by.
import {
  caseDueAt,
  caseRecordSchema,
  casePatch,
  isOpenState,
  type CaseRecord,
} from '../../../src/core/cases';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { readRecord, updateVersioned } from '../../platform/store';

/** Sorts cases with no running clock after every dated one. */
export const NO_DUE = 9_000_000_000_000_000;

/** Derived from the record, stored beside it so a worklist page is an index range: open cases, earliest due first. */
export function sortKeys(c: CaseRecord): { open: boolean; dueAt: number } {
  return { open: isOpenState(c.state), dueAt: caseDueAt(c) ?? NO_DUE };
}

export function readCase(db: Database, id: string): Promise<CaseRecord> {
  return readRecord(db, COLLECTIONS.cases, id, caseRecordSchema);
}

/** Writes `next` over `prev` only if the stored record is still at `version` (RECORD.CONFLICT otherwise). */
export function saveCase(db: Database, prev: CaseRecord, next: CaseRecord, version: number, at: number): Promise<CaseRecord> {
  const _ = db.command;
  const { set, remove } = casePatch(prev, next);
  const patch: Record<string, unknown> = { ...sortKeys(next) };
  // Whole-field writes: the cloud database would merge a plain nested object into the stored one.
  for (const [key, value] of Object.entries(set)) patch[key] = _.set(value);
  for (const key of remove) patch[key] = _.remove();
  return updateVersioned(db, COLLECTIONS.cases, caseRecordSchema, prev._id, version, patch, at);
}
