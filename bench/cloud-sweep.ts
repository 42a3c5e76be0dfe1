// Inside cloud limits (issue 9): the statutory clock sweep over 5,000 open cases with 20 ms per SDK call (a cloud
// round trip), run as WeChat runs it — each invocation limited to the function's configured timeout, invoked again
// until the job reports done. Figures: the longest single invocation and the sum of all of them (follow-up delays
// between invocations not counted).
import { join } from 'node:path';
import { createCase } from '../src/core/cases';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { personSchema } from '../src/core/records';
import { db } from '../server/platform/cloud';
import { COLLECTIONS } from '../server/platform/collections';
import { FUNCTION_TIMEOUT_S } from '../server/platform/jobs';
import { sortKeys } from '../server/cases/store';
import { openAppDatabase } from '../local/app-database';
import { loadFunctionBundles } from '../local/function-bundles';
import { seedDemoTownIfEmpty } from '../local/seed/write';
import { local } from '../local/wx-server-sdk';
import { root, round } from './harness';

const DAY = 86_400_000;
const DELAY_MS = 20;

/** `count` self-reports filed `filedAt`, spread over the demo town's persons: each acknowledgement clock breached now. */
async function seedOpenCases(count: number, filedAt: number): Promise<void> {
  const persons = (await db().collection(COLLECTIONS.persons).limit(100).get()).data.map((p) => personSchema.parse(p));
  for (let from = 0; from < count; from += 100) {
    const records = Array.from({ length: Math.min(100, count - from) }, (_, i) => {
      const n = from + i;
      const person = persons[n % persons.length]!;
      const input = { source: 'selfReport' as const, applicant: { name: person.name, personId: person._id, minor: false }, description: '生活困难，请求帮助', helpCategory: 'living' as const, sensitiveInfoConsent: true as const };
      const placement = { gridId: person.gridId, villageId: person.villageId, householdId: person.householdId };
      const made = createCase(input, { id: `cloud-case-${String(n).padStart(5, '0')}`, now: filedAt, actor: { userId: 'bench-resident', role: 'resident' }, settings: DEFAULT_SETTINGS, placement });
      if (!made.ok) throw new Error(made.error.message);
      return { ...made.data.record, ...sortKeys(made.data.record) };
    });
    await db().runTransaction(async (tx) => {
      for (const record of records) await tx.collection(COLLECTIONS.cases).add({ data: record });
    });
  }
}

async function sweepSeconds(count: number): Promise<{ longest: number; total: number; invocations: number }> {
  openAppDatabase(':memory:');
  local.reset();
  const now = Date.now();
  await seedDemoTownIfEmpty(db(), now - 10 * DAY);
  await seedOpenCases(count, now - 3 * DAY);
  const { cases } = loadFunctionBundles(join(root, 'cloudfunctions'));
  local.delayedTasks.register(['cases']);
  local.setDelay(DELAY_MS);
  const timings: number[] = [];
  try {
    for (let done = false; !done; ) {
      if (timings.length >= 20) throw new Error('the sweep did not finish in 20 invocations');
      const started = performance.now();
      const answer = await local
        .invoke({ SOURCE: 'timer' }, FUNCTION_TIMEOUT_S.cases!, () => cases!({ Type: 'Timer', TriggerName: 'sweepClocks', Time: new Date().toISOString() }) as Promise<{ ok: boolean; data?: { done?: boolean } }>)
        .catch((thrown: { errCode?: number }) => {
          if (thrown.errCode !== -504003) throw thrown;
          return { ok: false, data: { done: false } };
        });
      timings.push((performance.now() - started) / 1000);
      done = answer.ok && answer.data?.done === true;
    }
  } finally {
    local.setDelay(undefined);
  }
  const _ = db().command;
  const left = (await db().collection(COLLECTIONS.cases).where({ sweepAt: _.lte(new Date(now)) }).count()).total;
  const notices = (await db().collection(COLLECTIONS.messages).where({ type: 'clockBreached' }).count()).total;
  if (left !== 0 || notices < count) throw new Error(`sweep left ${left} cases unmarked and posted ${notices} notices for ${count}`);
  local.reset();
  const result = { longest: Math.max(...timings), total: timings.reduce((a, b) => a + b, 0), invocations: timings.length };
  console.log(`cloud: clock sweep over ${count} open cases at ${DELAY_MS} ms per call: ${result.invocations} invocation(s), longest ${result.longest.toFixed(2)} s, total ${result.total.toFixed(2)} s`);
  return result;
}

export async function sweepFigures(): Promise<Record<string, number>> {
  const sweep = await sweepSeconds(5000);
  return {
    'cloud.sweep_longest_invocation_s_delay20': round(sweep.longest),
    'cloud.sweep_s_5000_delay20': round(sweep.total),
  };
}
