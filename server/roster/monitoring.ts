// Monitoring warnings kept in step with the facts (RULES §9, §16, §22, §23): stored once per computed key when a
// household's facts change, and by the daily sweep over monitored households whose check is due.
import { addDays, beijingDate, startOfBeijingDayMs } from '../../src/core/calendar';
import { monitoringFactsOf } from '../../src/core/monitoring/facts';
import { newWarningRecord, unstoredWarnings, type Warning } from '../../src/core/monitoring/warning-record';
import { computeWarnings } from '../../src/core/monitoring/warnings';
import type { Household } from '../../src/core/records';
import type { TownSettings } from '../../src/core/settings';
import { COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/database-port';
import { insertOnce } from '../platform/insert-once';
import { runJob } from '../platform/jobs';
import { GET_MAX } from '../platform/paging';
import { loadSettings } from '../platform/settings';
import { householdSchema, membersOf } from './persons';

/** The next time the sweep looks at a monitored household: the start of the next Beijing day. */
export function nextMonitorCheck(now: number): number {
  return startOfBeijingDayMs(addDays(beijingDate(now), 1));
}

/** Stores the warnings a household's facts raise now that are not stored yet; returns how many were new. */
export async function storeWarningsFor(db: Database, household: Household, settings: TownSettings, now: number): Promise<Warning[]> {
  if (!household.monitoring) return [];
  const members = await membersOf(db, household._id);
  const computed = computeWarnings(monitoringFactsOf(household, members), settings, now);
  if (computed.length === 0) return [];
  const stored = await db.collection(COLLECTIONS.warnings).where({ householdId: household._id }).limit(100).get();
  const records = unstoredWarnings(computed, stored.data.map((raw) => String(raw._id))).map((w) => newWarningRecord(w, now));
  const added = await Promise.all(records.map((record) => insertOnce(db, COLLECTIONS.warnings, record)));
  return records.filter((_, i) => added[i]);
}

/**
 * The daily sweep over monitored households whose check is due, a resumable job (platform/jobs.ts): a page of due
 * households at a time, in parallel; each is stored (warnings by their computed key, insert-once) and then moved to
 * tomorrow's check, so a page done again after a cut-off adds nothing, and the households done leave the range —
 * the range itself is the cursor.
 */
export async function sweepWarnings(
  db: Database,
  now: number,
  budgetMs: number,
  onCreated: (warning: Warning) => Promise<void> = async () => undefined,
): Promise<{ checked: number; created: number; done: boolean }> {
  const settings = await loadSettings(db);
  // The cursor only counts the pages this run did: the households done have left the range.
  const result = await runJob<number>({
    db,
    id: 'visits.sweepWarnings',
    now,
    budgetMs,
    repeat: true,
    async chunk(pages) {
      const due = await db.collection(COLLECTIONS.households).where({ monitorCheckAt: db.command.lte(now) }).orderBy('monitorCheckAt', 'asc').limit(GET_MAX).get();
      const created = await Promise.all(
        due.data.map(async (raw) => {
          const household = householdSchema.parse(raw);
          const warnings = await storeWarningsFor(db, household, settings, now);
          await Promise.all(warnings.map(onCreated));
          await db.collection(COLLECTIONS.households).doc(household._id).update({ data: { monitorCheckAt: nextMonitorCheck(now) } });
          return warnings.length;
        }),
      );
      return { next: due.data.length === GET_MAX ? (pages ?? 0) + 1 : undefined, counts: { checked: due.data.length, created: created.reduce((a, b) => a + b, 0) } };
    },
  });
  return { checked: result.counts.checked ?? 0, created: result.counts.created ?? 0, done: result.done };
}
