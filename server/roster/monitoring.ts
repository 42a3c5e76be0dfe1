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
import { loadSettings } from '../platform/settings';
import { householdSchema, membersOf } from './persons';

/** Households one sweep looks at, at most (a timer runs again the next day; an officer may run it again). */
const SWEEP_MAX_HOUSEHOLDS = 5_000;

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
  const created: Warning[] = [];
  for (const w of unstoredWarnings(computed, stored.data.map((raw) => String(raw._id)))) {
    const record = newWarningRecord(w, now);
    if (await insertOnce(db, COLLECTIONS.warnings, record)) created.push(record);
  }
  return created;
}

/** Households whose check is due, earliest first, until none is left or the cap is reached. */
export async function sweepWarnings(db: Database, now: number): Promise<{ checked: number; created: Warning[] }> {
  const settings = await loadSettings(db);
  let checked = 0;
  const created: Warning[] = [];
  while (checked < SWEEP_MAX_HOUSEHOLDS) {
    const due = await db.collection(COLLECTIONS.households).where({ monitorCheckAt: db.command.lte(now) }).orderBy('monitorCheckAt', 'asc').limit(100).get();
    if (due.data.length === 0) break;
    for (const raw of due.data) {
      const household = householdSchema.parse(raw);
      created.push(...(await storeWarningsFor(db, household, settings, now)));
      await db.collection(COLLECTIONS.households).doc(household._id).update({ data: { monitorCheckAt: nextMonitorCheck(now) } });
      checked++;
    }
  }
  return { checked, created };
}

