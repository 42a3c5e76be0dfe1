// Case persistence: the record as the core defines it, plus two derived sort keys the worklists page by.
import {
  activeClocks,
  caseDueAt,
  caseRecordSchema,
  casePatch,
  isOpenState,
  nextSweepAt,
  pendingEffectsDueAt,
  withoutPendingEffects,
  type CaseRecord,
} from '../../src/core/cases';
import { COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/database-port';
import { AppFailure } from '../../src/core/errors';
import { readRecord, writeVersioned } from '../platform/store';

/** Sorts cases with no running clock after every dated one (year 2999). */
export const NO_DUE = Date.UTC(2999, 0, 1);

export interface CaseSortKeys {
  queue: 'open' | 'closed';
  /** The earliest due instant of the running clocks: overdue is `dueAt < now`. */
  dueAt: Date;
  /** The earliest instant a running clock becomes due soon: due soon is `soonAt <= now <= dueAt`. */
  soonAt: Date;
  /**
   * When the clock sweep next has something to do — a clock to mark (the core's nextSweepAt) or effects still pending
   * after their grace, on an open or a closed case: the sweep finds `sweepAt <= now`.
   */
  sweepAt: Date;
  /** RULES §14: a 特困 file the county reviewed, sampled or not ('' otherwise) — the spot-check share is two counts. */
  countyReview: '' | 'sampled' | 'unsampled';
}

/**
 * Derived from the record, stored beside it so worklists, their counts and the sweep are index ranges.
 * Strings and Dates rather than booleans and numbers: those are the types the database compares without a
 * per-record type check, so they are answered from the index alone.
 */
export function sortKeys(c: CaseRecord): CaseSortKeys {
  const soon = activeClocks(c).map((clock) => clock.dueSoonAt);
  return {
    queue: isOpenState(c.state) ? 'open' : 'closed',
    dueAt: new Date(caseDueAt(c) ?? NO_DUE),
    soonAt: new Date(soon.length ? Math.min(...soon) : NO_DUE),
    sweepAt: new Date(Math.min(nextSweepAt(c) ?? NO_DUE, pendingEffectsDueAt(c) ?? NO_DUE)),
    countyReview: c.kind !== 'tekun' || c.decision?.by !== 'county' ? '' : c.spotCheck ? 'sampled' : 'unsampled',
  };
}

export function readCase(db: Database, id: string): Promise<CaseRecord> {
  return readRecord(db, COLLECTIONS.cases, id, caseRecordSchema);
}

function patchOf(db: Database, prev: CaseRecord, next: CaseRecord): Record<string, unknown> {
  const _ = db.command;
  const { set, remove } = casePatch(prev, next);
  const patch: Record<string, unknown> = { ...sortKeys(next) };
  // Whole-field writes: the cloud database would merge a plain nested object into the stored one.
  for (const [key, value] of Object.entries(set)) patch[key] = _.set(value);
  for (const key of remove) patch[key] = _.remove();
  return patch;
}

/** A version conflict, showing the fresh case as a read does: without the effects still pending (bookkeeping). */
export function caseConflict(current: CaseRecord): AppFailure {
  return new AppFailure('RECORD.CONFLICT', undefined, { collection: COLLECTIONS.cases, current: withoutPendingEffects(current) });
}

/** Writes `next` over `prev` only if the stored record is still at `version` (RECORD.CONFLICT otherwise); no read-back. */
export async function saveCase(db: Database, prev: CaseRecord, next: CaseRecord, version: number, at: number): Promise<CaseRecord> {
  if (!(await writeVersioned(db, COLLECTIONS.cases, prev._id, version, patchOf(db, prev, next), at))) throw caseConflict(await readCase(db, prev._id));
  return { ...next, updatedAt: at, version: version + 1 };
}

/** saveCase for a sweep, which acts only if no one came first: false when someone did. */
export function saveCaseIfUnchanged(db: Database, prev: CaseRecord, next: CaseRecord, at: number): Promise<boolean> {
  return writeVersioned(db, COLLECTIONS.cases, prev._id, prev.version, patchOf(db, prev, next), at);
}

/**
 * Clears the pending effects the sweep carried out, if the case is still at the version read. The version stays:
 * this is bookkeeping, not an edit a worker must have seen, and a step written meanwhile (from the same version)
 * keeps its own list, which the next sweep carries out again harmlessly.
 */
export async function clearPendingEffects(db: Database, c: CaseRecord): Promise<boolean> {
  const result = await db
    .collection(COLLECTIONS.cases)
    .where({ _id: c._id, version: c.version })
    .update({ data: { pendingEffects: db.command.remove(), sweepAt: sortKeys(withoutPendingEffects(c)).sweepAt } });
  return result.stats.updated === 1;
}
