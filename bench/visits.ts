// Visits: a gridworker's overdue list at 10k and 1,000,000 persons, and visits recorded per second, through the
// HTTP runtime. Towns seeded before the visit schedule existed get it backfilled once (local/seed/schedule.ts).
import { backfillSchedule } from '../local/seed/schedule';
import { personSchema } from '../src/core/records';
import { CHECKLIST_KEYS, VISIT_CHECKLIST } from '../src/core/visits/visit-record';
import { db } from '../server/platform/cloud';
import { COLLECTIONS } from '../server/platform/collections';
import { firstUser, openTown, round, withHttpRuntime } from './harness';

const SCHEDULE = { marker: 'visits-schedule-v1', seed: () => backfillSchedule(db()).then(() => undefined) };

/** A town with the schedule: seeded with it, or backfilled once (a town seeded with it backfills to the same values). */
function visitTown(persons: number): Promise<string> {
  return openTown(persons, SCHEDULE);
}

async function overdueLatency(persons: number) {
  const dataDir = await visitTown(persons);
  return withHttpRuntime(dataDir, await firstUser('gridworker'), (load) =>
    load.latency({ fn: 'visits', bodies: [{ action: 'worklist', input: { bucket: 'overdue' } }], runs: 1000, warmup: 200 }),
  );
}

/** Household visits by the first gridworker, eight in flight, a household each in turn, every one a new request id. */
async function submitRate(persons: number): Promise<number> {
  const dataDir = await visitTown(persons);
  const worker = await firstUser('gridworker');
  const [user] = (await db().collection(COLLECTIONS.users).where({ _id: worker }).limit(1).get()).data as { gridIds: string[] }[];
  const persons_ = (await db().collection(COLLECTIONS.persons).where({ gridId: user.gridIds[0] }).orderBy('_id', 'asc').limit(100).get()).data.map((p) => personSchema.parse(p));
  const households = new Map<string, string[]>();
  for (const p of persons_) households.set(p.householdId, [...(households.get(p.householdId) ?? []), p._id]);
  const fine = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, VISIT_CHECKLIST[k].problemWhen === false]));
  const stamp = Date.now().toString(36);
  const bodies = [...households].map(([householdId, members]) => ({
    action: 'record',
    input: { requestId: `bench-${stamp}-{{i}}`, householdId, visitedAt: Date.now() - 60_000, members: members.map((personId) => ({ personId, ...fine })), notes: '例行走访，情况正常' },
  }));
  return withHttpRuntime(dataDir, worker, (load) => load.throughput({ fn: 'visits', bodies, runs: 1500, concurrency: 8 }));
}

export async function visits(): Promise<Record<string, number>> {
  await overdueLatency(10_000); // warm-up
  const small = await overdueLatency(10_000);
  const large = await overdueLatency(1_000_000);
  return {
    'visits.overdue_p50_ms_10k': round(small.p50),
    'visits.overdue_p99_ms_10k': round(small.p99),
    'visits.overdue_p50_ms_1m': round(large.p50),
    'visits.overdue_p99_ms_1m': round(large.p99),
    'visits.overdue_ratio_1m_over_10k': round(large.p99 / small.p99),
    'visits.submit_per_s': round(await submitRate(10_000)),
  };
}
