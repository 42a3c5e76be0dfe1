// The seeded town's visit history and monitoring facts, so worklists and warnings have something to show from the
// first start: each household was last visited some days ago (one visit covers the household), and each person's
// next visit is planned by the core's schedule rule (RULES §25). Deterministic: a hash of (seed, household), not
// the generator's random stream, so adding this changed none of the generated people.
import { addMonths } from '../../src/core/monitoring/months';
import type { HouseholdMonitoring } from '../../src/core/monitoring/facts';
import { beijingDate, startOfBeijingDayMs } from '../../src/core/calendar';
import type { Household, Person } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { idTailOf, phoneTailOf, plannedVisit } from '../../src/core/visits/person-schedule';
import { visitIntervalFor } from '../../src/core/visits/schedule';
import { householdSchema, personSchema } from '../../src/core/records';
import type { Database } from '../../server/platform/cloud';
import { COLLECTIONS } from '../../server/platform/collections';
import { DEFAULT_SEED } from './defaults';

const DAY = 86_400_000;
/** Share of households never visited yet (first visit planned from the roster entry). */
const NEVER_VISITED = 0.12;
/** Last visits reach back this many intervals: about a fifth of the visited households are overdue. */
const SPREAD = 1.25;

/** A uniform number in [0, 1) from (seed, household number, purpose). */
function unit(seed: number, n: number, purpose: number): number {
  let h = (seed ^ Math.imul(n, 0x9e3779b1) ^ Math.imul(purpose, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function monitoringOf(members: readonly Person[], r: (purpose: number) => number, now: number): HouseholdMonitoring | undefined {
  const has = (c: Person['categories'][number]) => members.some((p) => p.categories.includes(c));
  const monthsAgo = (m: number) => startOfBeijingDayMs(addMonths(beijingDate(now), -m)) + 10 * 3_600_000;
  const m: HouseholdMonitoring = {};
  // RULES §9: 低保 approved 1–14 months ago; some re-check every 6 months.
  if (has('dibao')) m.dibao = { approvedAt: monthsAgo(1 + Math.floor(r(3) * 14)), lastReviewAt: null, irregularIncome: r(4) < 0.3, ableBodiedMember: r(5) < 0.6 };
  // RULES §22: an edge household's income around 1.5 × the standard.
  if (has('dibaoEdge') && !has('dibao')) m.income = { perCapitaMonthly: 900 + Math.floor(r(6) * 40) * 10, recordedAt: now - Math.floor(r(7) * 60) * DAY };
  // RULES §23: recognised 6–14 months ago.
  if (has('rigidSpending')) m.rigidSpending = { recognisedAt: monthsAgo(6 + Math.floor(r(8) * 9)) };
  // RULES §16
  const tekun = members.filter((p) => p.categories.includes('tekun'));
  if (tekun.length) m.tekun = tekun.map((p, k) => ({ personId: p._id, approvedAt: monthsAgo(2 + Math.floor(r(9 + k) * 24)), lastReviewAt: null }));
  return Object.keys(m).length ? m : undefined;
}

/** Sets the household's last visit, every member's next visit and search tails, and the household's monitoring facts. */
export function scheduleHousehold(household: Household, members: Person[], seed: number, now: number): void {
  const n = Number(household._id.replace(/\D/g, '')) || 0;
  const r = (purpose: number) => unit(seed, n, purpose);
  const interval = Math.min(...members.map((p) => visitIntervalFor(p, DEFAULT_SETTINGS).days));
  const lastVisitAt = r(1) < NEVER_VISITED ? null : startOfBeijingDayMs(beijingDate(now - Math.floor(r(2) * SPREAD * interval) * DAY)) + 10 * 3_600_000;
  for (const p of members) {
    p.lastVisitAt = lastVisitAt !== null && lastVisitAt <= now ? lastVisitAt : null;
    p.nextVisitDue = plannedVisit(p, DEFAULT_SETTINGS, now).dueAt;
    p.idTail = idTailOf(p.idNumber);
    p.phoneTail = phoneTailOf(p.phone);
  }
  const monitoring = monitoringOf(members, r, now);
  if (monitoring) {
    household.monitoring = monitoring;
    household.monitorCheckAt = now;
  }
}

/**
 * A town seeded before the visit schedule existed (an old `.data/`, a cached bench town): sets the same last visit,
 * next visit due, search tails and monitoring facts a fresh seed would, household by household. Returns how many
 * households it touched (0 when the town already has the schedule).
 */
export async function backfillSchedule(db: Database): Promise<number> {
  const _ = db.command;
  // A town seeded since the schedule existed has it on every person already.
  if ((await db.collection(COLLECTIONS.persons).where({ nextVisitDue: _.exists(true) }).limit(1).get()).data.length) return 0;
  let after = '';
  let done = 0;
  for (;;) {
    const households = (await db.collection(COLLECTIONS.households).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(40).get()).data.map((h) => householdSchema.parse(h));
    if (households.length === 0) break;
    after = households[households.length - 1]._id;
    const members = (await db.collection(COLLECTIONS.persons).where({ householdId: _.in(households.map((h) => h._id)) }).limit(100).get()).data.map((p) => personSchema.parse(p));
    // A page of 40 households may hold more than 100 persons: fetch the rest household by household.
    const byHousehold = new Map<string, Person[]>();
    for (const h of households) byHousehold.set(h._id, []);
    for (const p of members) byHousehold.get(p.householdId)!.push(p);
    for (const h of households) {
      if (byHousehold.get(h._id)!.length < h.size) {
        byHousehold.set(h._id, (await db.collection(COLLECTIONS.persons).where({ householdId: h._id }).limit(100).get()).data.map((p) => personSchema.parse(p)));
      }
    }
    await db.runTransaction(async (tx) => {
      for (const h of households) {
        const ms = byHousehold.get(h._id)!;
        scheduleHousehold(h, ms, DEFAULT_SEED, h.createdAt);
        for (const p of ms) {
          await tx.collection(COLLECTIONS.persons).doc(p._id).update({ data: { lastVisitAt: p.lastVisitAt ?? null, nextVisitDue: p.nextVisitDue, idTail: p.idTail, phoneTail: p.phoneTail } });
        }
        if (h.monitoring) await tx.collection(COLLECTIONS.households).doc(h._id).update({ data: { monitoring: _.set(h.monitoring), monitorCheckAt: h.monitorCheckAt } });
      }
    });
    done += households.length;
  }
  return done;
}

