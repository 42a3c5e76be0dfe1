// The interactive actions whose sequential database round trips must fit WeChat cloud (issue 9: ≤ 6 each): each
// scenario prepares its data without a delay, then makes one call under a per-call delay whose critical path in
// round trips is measured (calls made in parallel count once). Used by the `cloud` bench group and by
// test/functions/round-trips.test.ts.
import { local } from '../local/wx-server-sdk';
import { db } from '../server/platform/cloud';
import { COLLECTIONS } from '../server/platform/collections';
import { FUNCTION_MAINS } from '../server/functions/registry';
import { makeIdNumber } from '../src/core/id-number';
import { CHECKLIST_KEYS } from '../src/core/visits/visit-record';

interface User {
  _id: string;
  openid: string;
  gridIds: string[];
  personId?: string;
}

export interface Call {
  openid: string;
  fn: keyof typeof FUNCTION_MAINS;
  action: string;
  input: Record<string, unknown>;
}

export interface Scenario {
  /** `fn.action`, with the kind of call after a colon when an action has several. */
  name: string;
  /** Sets up what the call needs (no delay) and answers the call to measure. */
  prepare(n: number): Promise<Call>;
}

async function users(role: string): Promise<User[]> {
  return (await db().collection(COLLECTIONS.users).where({ role }).orderBy('_id', 'asc').limit(100).get()).data as unknown as User[];
}

async function run(call: Call): Promise<Record<string, unknown>> {
  const answer = (await local.runWithContext({ OPENID: call.openid }, () => FUNCTION_MAINS[call.fn]({ action: call.action, input: call.input }))) as {
    ok: boolean;
    data?: Record<string, unknown>;
    error?: { code: string; message: string };
  };
  if (!answer.ok) throw new Error(`${call.fn}.${call.action} failed: ${answer.error?.code} ${answer.error?.message}`);
  return answer.data!;
}

const selfReport = (n: number) => ({ source: 'selfReport', applicant: { name: '本人', minor: false }, description: `老伴住院，家里没有收入了（${n}）`, helpCategory: 'medical', sensitiveInfoConsent: true });

/** A self-report by the linked demo resident, answered with its id and version. */
async function submittedCase(n: number): Promise<{ caseId: string; version: number }> {
  const resident = (await users('resident')).find((r) => r.personId)!;
  const made = await run({ openid: resident.openid, fn: 'cases', action: 'create', input: { requestId: `rt-self-${n}-${Date.now()}`, case: selfReport(n) } });
  return { caseId: String(made.caseId), version: 0 };
}

async function officer(): Promise<User> {
  return (await users('officer'))[0]!;
}

async function worker(): Promise<User> {
  return (await users('gridworker'))[0]!;
}

/** Households of the first gridworker's first grid with a roll-call entry of the open alert, one per call. */
async function openAlert(): Promise<string> {
  const open = (await db().collection(COLLECTIONS.alerts).where({ state: 'open' }).limit(1).get()).data[0];
  if (open) return String(open._id);
  const villageIds = (await db().collection(COLLECTIONS.villages).limit(100).get()).data.map((v) => String(v._id));
  const raised = await run({ openid: (await officer()).openid, fn: 'alerts', action: 'raise', input: { requestId: 'rt-alert-0001', reason: 'coldWave', villageIds, deadlineHours: 6, instructions: '寒潮降温，请确认取暖安全' } });
  return String(raised.alertId);
}

/** The local environment's urgent-report template (cloudfunctions/notify/templates.json). */
const URGENT_TEMPLATE = 'LOCAL-urgent-report';

export const SCENARIOS: Scenario[] = [
  {
    name: 'session.me',
    prepare: async () => ({ openid: (await worker()).openid, fn: 'session', action: 'me', input: {} }),
  },
  {
    name: 'cases.create:selfReport',
    prepare: async (n) => {
      const resident = (await users('resident')).find((r) => r.personId)!;
      return { openid: resident.openid, fn: 'cases', action: 'create', input: { requestId: `rt-create-${n}-${Date.now()}`, case: selfReport(n) } };
    },
  },
  {
    name: 'cases.create:urgentDiscovery',
    prepare: async (n) => ({
      openid: (await worker()).openid,
      fn: 'cases',
      action: 'create',
      input: { requestId: `rt-urgent-${n}-${Date.now()}`, gridId: (await worker()).gridIds[0], case: { source: 'discovery', applicant: { name: '独居老人', minor: false }, description: '家中断粮', helpCategory: 'living', urgency: 'urgent' } },
    }),
  },
  {
    // The same report to a town office that subscribed: the notice is sent from the action itself.
    name: 'cases.create:urgentDiscoverySent',
    prepare: async (n) => {
      for (const o of await users('officer')) {
        await run({ openid: o.openid, fn: 'notify', action: 'subscribe', input: { templateIds: [URGENT_TEMPLATE], result: { errMsg: 'requestSubscribeMessage:ok', [URGENT_TEMPLATE]: 'accept' } } });
      }
      return {
        openid: (await worker()).openid,
        fn: 'cases',
        action: 'create',
        input: { requestId: `rt-urgent-sent-${n}-${Date.now()}`, gridId: (await worker()).gridIds[0], case: { source: 'discovery', applicant: { name: '独居老人', minor: false }, description: '家中断粮', helpCategory: 'living', urgency: 'urgent' } },
      };
    },
  },
  {
    name: 'cases.transition:triage',
    prepare: async (n) => {
      const { caseId, version } = await submittedCase(n);
      return { openid: (await officer()).openid, fn: 'cases', action: 'transition', input: { caseId, version, event: { type: 'triage', kind: 'temporaryEmergency' } } };
    },
  },
  {
    name: 'cases.transition:closeWithAnswer',
    prepare: async (n) => {
      const { caseId, version } = await submittedCase(n);
      return { openid: (await officer()).openid, fn: 'cases', action: 'transition', input: { caseId, version, event: { type: 'closeWithAnswer', answer: '已电话答复' } } };
    },
  },
  {
    name: 'visits.record',
    prepare: async (n) => {
      const gw = await worker();
      const households = (await db().collection(COLLECTIONS.households).where({ gridId: gw.gridIds[0] }).orderBy('_id', 'asc').limit(100).get()).data;
      const household = households[n % households.length]!;
      const members = (await db().collection(COLLECTIONS.persons).where({ householdId: household._id }).limit(100).get()).data;
      const fine = (personId: string) => ({ personId, ...Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered'])) });
      return {
        openid: gw.openid,
        fn: 'visits',
        action: 'record',
        input: { requestId: `rt-visit-${n}-${Date.now()}`, householdId: household._id, visitedAt: Date.now() - 60_000, members: members.map((m) => fine(String(m._id))), notes: '一切正常' },
      };
    },
  },
  {
    name: 'alerts.mark',
    prepare: async (n) => {
      const alertId = await openAlert();
      const gw = await worker();
      const pending = (await db().collection(COLLECTIONS.alertEntries).where({ alertId, gridId: gw.gridIds[0], status: 'pending' }).limit(1).skip(0).get()).data[0]!;
      return { openid: gw.openid, fn: 'alerts', action: 'mark', input: { alertId, householdId: pending.householdId, status: n % 2 ? 'unreachable' : 'safe', note: '电话联系' } };
    },
  },
  {
    name: 'people.create',
    prepare: async (n) => {
      const gw = await worker();
      const idNumber = makeIdNumber('431123', `1950-03-${String(10 + (n % 18)).padStart(2, '0')}`, 900 + (n % 99));
      return {
        openid: gw.openid,
        fn: 'people',
        action: 'create',
        input: { requestId: `rt-capture-${n}-${Date.now()}`, name: `赵桂兰${'一二三四五六七八九十'[n % 10]}`, idNumber, phone: `1390000${String(1000 + n)}`, categories: ['aloneElderly'], riskTier: 'priority', gridId: gw.gridIds[0], address: '清溪镇清溪村2组18号' },
      };
    },
  },
  {
    name: 'cases.worklist',
    prepare: async () => ({ openid: (await officer()).openid, fn: 'cases', action: 'worklist', input: {} }),
  },
  {
    name: 'visits.worklist',
    prepare: async () => ({ openid: (await worker()).openid, fn: 'visits', action: 'worklist', input: { bucket: 'overdue' } }),
  },
  {
    name: 'visits.issues',
    prepare: async () => ({ openid: (await officer()).openid, fn: 'visits', action: 'issues', input: {} }),
  },
];

/**
 * Sequential round trips of one scenario's call with `delayMs` per SDK call: `depth` from the stand-in's depth meter
 * (CPU time between calls does not add up), `wall` the wall time over the delay, `calls` every SDK call made.
 */
export async function roundTripsOf(scenario: Scenario, n: number, delayMs: number): Promise<{ depth: number; wall: number; calls: number }> {
  const call = await scenario.prepare(n);
  local.setDelay(delayMs);
  const calls = local.roundTrips();
  const started = performance.now();
  try {
    const { depth } = await local.roundTripDepth(() => run(call));
    return { depth, wall: (performance.now() - started) / delayMs, calls: local.roundTrips() - calls };
  } finally {
    local.setDelay(undefined);
  }
}
