// RULES §34: when the town admin enters (or corrects) a year's holiday arrangement, every open case's clocks that
// count days in a year the calendar package lacks are recomputed on it, and so are the estimated due dates of open
// monitoring warnings and visit issues. A resumable job (platform/jobs.ts) started by
// the settings save and continued by the clock sweep's timer: pages of open cases by id, each case written at the
// version read (a worker acting meanwhile wins; the sweep recomputes that case on its next mark), each move audited
// on behalf of the admin who saved, and the town office told when a due date moved earlier.
import { caseRecordSchema, recomputeCaseClocks, type CaseRecord } from '../../src/core/cases';
import type { HolidayArrangements } from '../../src/core/holidays';
import { appendAudit, type AuditActor } from '../platform/audit';
import { COLLECTIONS } from '../platform/collections';
import type { Database, Doc } from '../platform/database-port';
import { runJob, type JobResult } from '../platform/jobs';
import { GET_MAX } from '../platform/paging';
import { readStoredSettings } from '../platform/settings';
import { mergeSettings } from '../../src/core/settings';
import { performEffects, type StaffMemo } from './effects';
import { firmEstimatedDates, type EstimatedKind } from '../roster/estimated-dates';
import { saveCaseIfUnchanged } from './store';

export const HOLIDAY_RECOMPUTE_JOB = 'cases.recomputeHolidayClocks';

/** Open cases first, then the estimated warnings and issues; each paged by id. */
type Cursor = { phase: 'cases' | EstimatedKind; after: string | null };

async function openPage(db: Database, after: string | null): Promise<{ cases: CaseRecord[]; next: string | undefined }> {
  const _ = db.command;
  const where = after === null ? { queue: 'open' } : { queue: 'open', _id: _.gt(after) };
  const found = await db.collection(COLLECTIONS.cases).where(where).orderBy('_id', 'asc').limit(GET_MAX).get();
  const last = found.data[found.data.length - 1];
  return { cases: found.data.map((raw) => caseRecordSchema.parse(raw)), next: found.data.length === GET_MAX && last ? String(last._id) : undefined };
}

async function recomputeOne(db: Database, c: CaseRecord, arrangements: HolidayArrangements, actor: AuditActor, settingsVersion: number, now: number, memo: StaffMemo): Promise<'moved' | 'conflict' | 'unchanged'> {
  const result = recomputeCaseClocks(c, arrangements);
  if (!result) return 'unchanged';
  // Keyed by the settings version: a chunk done again after a cut-off posts and audits nothing twice.
  const onceKey = `holidays:${settingsVersion}:${c._id}`;
  await performEffects(db, result.next, result.effects, now, { onceKey, memo });
  if (!(await saveCaseIfUnchanged(db, c, result.next, now))) return 'conflict';
  if (result.moved.length) {
    await appendAudit(db, actor, { fn: 'admin', action: 'saveHolidayArrangement', at: now }, [
      {
        collection: COLLECTIONS.cases,
        recordId: c._id,
        kind: 'update',
        from: result.moved.map((m) => ({ step: m.step, dueDate: m.from ?? null })),
        to: result.moved.map((m) => ({ step: m.step, dueDate: m.to ?? null })),
        why: '节假日安排录入后重算办理期限',
        key: `${onceKey}:audit`,
      },
    ]);
  }
  return 'moved';
}

/**
 * Continues the recompute from its stored cursor within `budgetMs`, on the settings as stored now (`written`: the
 * record the caller has just stored, so it is not read back).
 */
export async function runHolidayRecompute(db: Database, now: number, budgetMs: number, written?: Doc): Promise<JobResult> {
  const stored = written ?? (await readStoredSettings(db));
  const actor: AuditActor = { user: { _id: String(stored?.updatedBy ?? 'system'), role: 'admin' } };
  const settingsVersion = typeof stored?.version === 'number' ? stored.version : 0;
  const memo: StaffMemo = new Map();
  const settings = mergeSettings(stored);
  const { holidayArrangements } = settings;
  const firming = { db, settings, actor, settingsVersion, now };
  return runJob<Cursor>({
    db,
    id: HOLIDAY_RECOMPUTE_JOB,
    now,
    budgetMs,
    repeat: false,
    async chunk(cursor) {
      const at = cursor ?? { phase: 'cases', after: null };
      if (at.phase === 'cases') {
        const page = await openPage(db, at.after);
        const outcomes = await Promise.all(page.cases.map((c) => recomputeOne(db, c, holidayArrangements, actor, settingsVersion, now, memo)));
        return {
          next: page.next ? { phase: 'cases', after: page.next } : { phase: 'warnings', after: null },
          counts: { moved: outcomes.filter((o) => o === 'moved').length, conflicts: outcomes.filter((o) => o === 'conflict').length },
        };
      }
      // Then the monitoring warnings' and visit issues' estimated dates (server/roster/estimated-dates.ts).
      const page = await firmEstimatedDates(firming, at.phase, at.after);
      const following = at.phase === 'warnings' ? { phase: 'issues' as const, after: null } : undefined;
      return { next: page.next ? { phase: at.phase, after: page.next } : following, counts: { [`${at.phase}Moved`]: page.moved } };
    },
  });
}

/** A new arrangement restarts the recompute from the first case, whatever an earlier run had reached. */
export async function startHolidayRecompute(db: Database, now: number, budgetMs: number, written: Doc): Promise<JobResult> {
  await db
    .collection(COLLECTIONS.jobs)
    .doc(HOLIDAY_RECOMPUTE_JOB)
    .set({ data: { cursor: null, done: false, startedAt: now, updatedAt: now, counts: {}, invocations: 0 } });
  return runHolidayRecompute(db, now, budgetMs, written);
}

/** Whether a recompute is still under way (the sweep's timer continues it). */
export async function holidayRecomputePending(db: Database): Promise<boolean> {
  const found = await db.collection(COLLECTIONS.jobs).where({ _id: HOLIDAY_RECOMPUTE_JOB, done: false }).limit(1).get();
  return found.data.length > 0;
}
