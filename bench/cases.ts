// Cases: submissions per second through the HTTP runtime, and the officer's worklist at 10k and 100k open cases.
import { createCase, type NewCaseInput } from '../src/core/cases';
import type { Role } from '../src/core/roles';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { personSchema } from '../src/core/records';
import { db } from '../server/platform/cloud';
import { COLLECTIONS } from '../server/platform/collections';
import { sortKeys } from '../server/cases/store';
import { firstUser, openTown, round, withHttpRuntime } from './harness';

const HOUR = 3_600_000;

/** One open case for each of the first `count` persons, filed over the last 30 days from every source. */
export async function seedCases(count: number): Promise<void> {
  const _ = db().command;
  const now = Date.now();
  let after = '';
  let made = 0;
  while (made < count) {
    const page = (await db().collection(COLLECTIONS.persons).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(100).get()).data.map((p) => personSchema.parse(p));
    if (page.length === 0) break;
    after = page[page.length - 1]._id;
    const records = page.slice(0, count - made).map((person, i) => {
      const n = made + i;
      const applicant = { name: person.name, personId: person._id, minor: false };
      const inputs: [Role, NewCaseInput][] = [
        ['resident', { source: 'selfReport', applicant, description: '生活困难，请求帮助', helpCategory: 'living', sensitiveInfoConsent: true }],
        ['gridworker', { source: 'discovery', applicant, description: '走访发现家庭困难', helpCategory: 'medical', urgency: n % 7 === 0 ? 'urgent' : 'normal' }],
        ['resident', { source: 'direct', kind: 'dibao', applicant, consents: ['sensitiveInfo', 'truthPledge', 'dataCheckAuthorisation'] }],
        ['gridworker', { source: 'proxy', kind: 'tekun', applicant, authorisationPhotoFileId: 'cloud://bench/auth.jpg' }],
      ];
      const [role, input] = inputs[n % inputs.length];
      const at = now - ((n * 7919) % (30 * 24)) * HOUR;
      const placement = { gridId: person.gridId, villageId: person.villageId, householdId: person.householdId };
      const result = createCase(input, { id: `bench-case-${String(n).padStart(7, '0')}`, now: at, actor: { userId: `bench-${role}`, role }, settings: DEFAULT_SETTINGS, placement });
      if (!result.ok) throw new Error(result.error.message);
      return { ...result.data.record, ...sortKeys(result.data.record) };
    });
    await db().runTransaction(async (tx) => {
      for (const record of records) await tx.collection(COLLECTIONS.cases).add({ data: record });
    });
    made += records.length;
  }
  console.log(`seeded ${made} cases`);
}

async function worklistLatency(persons: number) {
  // One open case per 20 persons: a busy town (5 % of residents asking for help at once).
  const dataDir = await openTown(persons, { marker: 'cases-seeded-v3', seed: () => seedCases(persons / 20) });
  return withHttpRuntime(dataDir, await firstUser('officer'), (load) =>
    load.latency({ fn: 'cases', bodies: [{ action: 'worklist', input: {} }, { action: 'worklist', input: { due: 'overdue' } }], runs: 500, warmup: 100 }),
  );
}

/** Self-reports from one resident, eight in flight, each a new request id. */
async function submitRate(persons: number): Promise<number> {
  const dataDir = await openTown(persons);
  const stamp = Date.now();
  const report = { source: 'selfReport', applicant: { name: '本人', minor: false }, description: '生活困难，请求帮助', helpCategory: 'living', sensitiveInfoConsent: true };
  return withHttpRuntime(dataDir, await firstUser('resident'), (load) =>
    load.throughput({ fn: 'cases', bodies: [{ action: 'create', input: { requestId: `bench-${stamp}-{{i}}`, case: report } }], runs: 1500, concurrency: 8 }),
  );
}

export async function cases(): Promise<Record<string, number>> {
  await worklistLatency(10_000); // warm-up
  const small = await worklistLatency(10_000);
  const large = await worklistLatency(100_000);
  return {
    'cases.worklist_p50_ms_10k': round(small.p50),
    'cases.worklist_p99_ms_10k': round(small.p99),
    'cases.worklist_p50_ms_100k': round(large.p50),
    'cases.worklist_p99_ms_100k': round(large.p99),
    'cases.worklist_ratio_100k_over_10k': round(large.p99 / small.p99),
    'cases.submit_per_s': round(await submitRate(10_000)),
  };
}
