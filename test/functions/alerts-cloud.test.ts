// 一拉就响 inside WeChat cloud limits, on the real local database with a round-trip delay and invocations cut off at
// a timeout: concurrent marks in one grid all land (no hot tally document); a raise or an escalation sweep cut off
// at random points completes across invocations with nothing skipped or doubled; urgent messages go out at once
// from the action, the sweep staying the retry path, and none is sent twice.
import { local } from '../../local/wx-server-sdk';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { isOnRollCall, rollCallCriteria } from '../../src/core/alerts/roll-call';
import type { Result } from '../../src/core/errors';
import { personSchema } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { all, callAs, freshTown, ok, resetClock, setClock, usersOf, type DemoUser } from './harness';

const NOW = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const HOUR = 3_600_000;
const ROLL_CALL_TEMPLATE = 'LOCAL-alert-roll-call';

// Many short invocations under a delay: slow on a busy machine, so more than jest's default 5 s.
jest.setTimeout(60_000);

let officer: DemoUser;
let workers: DemoUser[];
let villageIds: string[];

const raiseInput = (requestId: string, deadlineHours = 6) => ({ requestId, reason: 'coldWave' as const, villageIds, deadlineHours, instructions: '今晚寒潮降温，请逐户确认取暖和用电安全' });

/**
 * A deterministic stream of cut-off points (20–120 ms), so a failure replays the same way; each invocation gets
 * 5 ms more than the one before, so a busy machine still gets through in the end.
 */
function timeouts(seed: number): () => number {
  let x = seed;
  let calls = 0;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    calls += 1;
    return 0.02 + (x % 100) / 1000 + calls * 0.005;
  };
}

/** One invocation of `fn` as `openid` (none: a timer) cut off after `seconds`; undefined when it was cut off. */
async function invoke(openid: string | undefined, fn: 'alerts', event: object, seconds: number): Promise<Result<unknown> | undefined> {
  try {
    return (await local.invoke(openid ? { OPENID: openid } : {}, seconds, () => FUNCTION_MAINS[fn](event))) as Result<unknown>;
  } catch (thrown) {
    if ((thrown as { errCode?: number }).errCode === -504003) return undefined;
    throw thrown;
  }
}

async function expectedRoll(): Promise<string[]> {
  const criteria = rollCallCriteria(DEFAULT_SETTINGS);
  return (await all('persons', {})).map((p) => personSchema.parse(p)).filter((p) => villageIds.includes(p.villageId) && isOnRollCall(p, criteria)).map((p) => p._id).sort();
}

async function subscribe(who: DemoUser) {
  await ok(callAs(who.openid, 'notify', 'subscribe', { templateIds: [ROLL_CALL_TEMPLATE], result: { errMsg: 'requestSubscribeMessage:ok', [ROLL_CALL_TEMPLATE]: 'accept' } }));
}

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0]!;
  workers = await usersOf('gridworker');
  villageIds = (await all('villages', {})).map((v) => v._id);
});
afterEach(() => {
  local.setDelay(undefined);
  resetClock();
  jest.restoreAllMocks();
});

/** A cut-off invocation logs the SDK failure it met; expected here. */
const quietCutOffs = () => beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));

describe('marks without a hot document', () => {
  it('20 concurrent marks in one grid all succeed under round-trip delay, and the board counts equal the entries', async () => {
    const { alertId } = await ok(callAs(officer.openid, 'alerts', 'raise', raiseInput('req-cloud-0001')));
    const worker = workers[0]!;
    const gridId = worker.gridIds[0]!;
    const entries = (await all('alertEntries', { alertId, gridId })).slice(0, 20);
    expect(entries).toHaveLength(20);
    const statuses = ['safe', 'unreachable', 'safe', 'needsHelp'] as const;
    local.setDelay(10);
    const results = await Promise.all(
      entries.map((e, i) => callAs(worker.openid, 'alerts', 'mark', { alertId, householdId: String(e.householdId), personIds: [String(e.personId)], status: statuses[i % statuses.length]! })),
    );
    local.setDelay(undefined);
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const stored = await all('alertEntries', { alertId, gridId });
    const count = (status: string) => stored.filter((e) => e.status === status).length;
    const board = await ok(callAs(officer.openid, 'alerts', 'board', { alertId }));
    const grid = board.villages.flatMap((v) => v.grids).find((g) => g.gridId === gridId)!;
    expect(grid).toMatchObject({ total: stored.length, pending: count('pending'), safe: count('safe'), needsHelp: count('needsHelp'), unreachable: count('unreachable') });
    expect(count('pending')).toBe(stored.length - 20);
    // Each mark is audited.
    expect((await all('audit', { collection: 'alertEntries' })).length).toBe(20);
  });
});

describe('two staff marking one household at once', () => {
  it('both marks land, one after the other: the later re-reads the entries and marks on top', async () => {
    const { alertId } = await ok(callAs(officer.openid, 'alerts', 'raise', raiseInput('req-cloud-0006')));
    const worker = workers[0]!;
    const [entry] = await all('alertEntries', { alertId, gridId: worker.gridIds[0] });
    const grid = (await all('grids', { _id: worker.gridIds[0] }))[0]!;
    const cadre = (await usersOf('cadre')).find((c) => c.villageIds.includes(String(grid.villageId)))!;
    const householdId = String(entry!.householdId);
    local.setDelay(10);
    const [a, b] = await Promise.all([
      callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'unreachable' }),
      callAs(cadre.openid, 'alerts', 'mark', { alertId, householdId, status: 'safe' }),
    ]);
    local.setDelay(undefined);
    expect(a.ok && b.ok).toBe(true);
    const members = await all('alertEntries', { alertId, householdId });
    // Each entry carries both marks' versions, and one of the two statuses.
    expect(members.every((m) => m.version === 2 && ['unreachable', 'safe'].includes(String(m.status)))).toBe(true);
  });
});

describe('a raise cut off at random points', () => {
  quietCutOffs();
  it('completes through retries of the officer’s request: every entry once, one message per gridworker, sent once', async () => {
    await Promise.all(workers.map(subscribe));
    const expected = await expectedRoll();
    local.setDelay(5);
    const next = timeouts(7);
    let answer: { alertId: string; total: number; raising: boolean } | undefined;
    let invocations = 0;
    while (!answer || answer.raising) {
      invocations += 1;
      expect(invocations).toBeLessThan(200);
      const result = await invoke(officer.openid, 'alerts', { action: 'raise', input: raiseInput('req-cloud-0002') }, next());
      if (result?.ok) answer = result.data as typeof answer;
    }
    // Cut-off invocations may still have requests in flight: let them land before looking.
    await new Promise((resolve) => setTimeout(resolve, 100));
    local.setDelay(undefined);
    expect(invocations).toBeGreaterThan(1);
    const entries = await all('alertEntries', { alertId: answer.alertId });
    expect(entries.map((e) => e.personId).sort()).toEqual(expected);
    expect(answer.total).toBe(expected.length);
    const rolls = await all('alertTallies', { alertId: answer.alertId });
    for (const roll of rolls) expect(roll.total).toBe(entries.filter((e) => e.gridId === roll.gridId).length);
    expect((await all('alerts', {}))[0]).toMatchObject({ state: 'open', total: expected.length });
    expect(await all('audit', { collection: 'alerts', kind: 'create' })).toHaveLength(1);

    const rollCalls = await all('messages', { type: 'alert.rollCall' });
    expect(rollCalls.map((m) => m.recipientUserId).sort()).toEqual(workers.map((w) => w._id).sort());
    // Sent from the raise itself, at most once each: an invocation cut off between a send and its record leaves the
    // entry claimed, and the sweep — the retry path — lets that claim expire rather than send it again.
    // (A cut between a claim and its send leaves the message in-app only: at most once, never twice.)
    setClock(NOW + HOUR);
    await FUNCTION_MAINS.notify({ Type: 'Timer', TriggerName: 'sendDue', Time: new Date().toISOString() });
    const sends = local.outbox.list();
    expect(new Set(sends.map((s) => s.touser)).size).toBe(sends.length);
    const outbox = await all('outbox', { messageType: 'alert.rollCall' });
    expect(outbox).toHaveLength(workers.length);
    expect(outbox.filter((e) => e.state === 'sent').length).toBeLessThanOrEqual(sends.length);
    // Nothing is left in flight; a credit a cut-off invocation took with it shows as noCredit, never as a resend.
    expect(outbox.every((e) => ['sent', 'failed', 'noCredit'].includes(String(e.state)))).toBe(true);
  });

  it('the escalation timer completes a raise the officer’s invocations left half done', async () => {
    local.setDelay(5);
    const first = await invoke(officer.openid, 'alerts', { action: 'raise', input: raiseInput('req-cloud-0003') }, 0.06);
    expect(first).toBeUndefined();
    const timer = { Type: 'Timer', TriggerName: 'escalateDue', Time: new Date().toISOString() };
    const next = timeouts(11);
    for (let i = 0; i < 100 && (await all('alerts', { state: 'raising' })).length > 0; i++) await invoke(undefined, 'alerts', timer, next());
    await new Promise((resolve) => setTimeout(resolve, 100));
    local.setDelay(undefined);
    const [alert] = await all('alerts', {});
    expect(alert).toMatchObject({ state: 'open', total: (await expectedRoll()).length });
    expect((await all('alertEntries', { alertId: alert!._id })).length).toBe(alert!.total);
    expect(await all('messages', { type: 'alert.rollCall' })).toHaveLength(workers.length);
  });
});

describe('escalation cut off at random points', () => {
  quietCutOffs();
  it('escalates every due alert exactly once across cut-off sweeps', async () => {
    const alertIds: string[] = [];
    for (let i = 0; i < 3; i++) alertIds.push((await ok(callAs(officer.openid, 'alerts', 'raise', raiseInput(`req-cloud-01${i}`, 2)))).alertId);
    setClock(NOW + 3 * HOUR);
    local.setDelay(5);
    const timer = { Type: 'Timer', TriggerName: 'escalateDue', Time: new Date().toISOString() };
    const next = timeouts(3);
    for (let i = 0; i < 100 && (await all('alerts', { escalation: null })).length > 0; i++) await invoke(undefined, 'alerts', timer, next());
    await new Promise((resolve) => setTimeout(resolve, 100));
    local.setDelay(undefined);
    const officers = await usersOf('officer');
    for (const alertId of alertIds) {
      const escalated = await all('messages', { type: 'alert.escalated', link: `alert:${alertId}` });
      // Each officer and each cadre once, per alert.
      expect(escalated.filter((m) => officers.some((o) => o._id === m.recipientUserId))).toHaveLength(officers.length);
      expect(new Set(escalated.map((m) => m.recipientUserId)).size).toBe(escalated.length);
    }
    expect((await all('alerts', {})).every((a) => a.escalation !== null)).toBe(true);
  });
});

describe('urgent messages at once', () => {
  it('a roll call goes out from the raise to a subscribed gridworker; the others wait in the outbox for the sweep', async () => {
    const [subscribed, ...others] = workers;
    await subscribe(subscribed!);
    await ok(callAs(officer.openid, 'alerts', 'raise', raiseInput('req-cloud-0004')));
    const sends = local.outbox.list();
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ templateId: ROLL_CALL_TEMPLATE });
    const outbox = await all('outbox', { messageType: 'alert.rollCall' });
    expect(outbox.find((e) => e.recipientUserId === subscribed!._id)).toMatchObject({ state: 'sent' });
    expect(outbox.filter((e) => e.state === 'queued')).toHaveLength(others.length);
    // The sweep sends nothing twice: the one sent stays sent, the rest have no credit.
    const swept = (await FUNCTION_MAINS.notify({ Type: 'Timer', TriggerName: 'sendDue', Time: new Date().toISOString() })) as { data: Record<string, number> };
    expect(swept.data).toMatchObject({ sent: 0, noCredit: others.length });
    expect(local.outbox.list()).toHaveLength(1);
  });

  it('a transient failure at once leaves the message to the sweep, which sends it later, once', async () => {
    await subscribe(workers[0]!);
    local.failNextSends(-1, 1);
    await ok(callAs(officer.openid, 'alerts', 'raise', raiseInput('req-cloud-0005')));
    expect(local.outbox.list()).toHaveLength(0);
    const [entry] = await all('outbox', { recipientUserId: workers[0]!._id, messageType: 'alert.rollCall' });
    expect(entry).toMatchObject({ state: 'retry' });
    setClock(NOW + HOUR);
    await FUNCTION_MAINS.notify({ Type: 'Timer', TriggerName: 'sendDue', Time: new Date().toISOString() });
    expect(local.outbox.list()).toHaveLength(1);
    expect((await all('outbox', { _id: entry!._id }))[0]).toMatchObject({ state: 'sent' });
  });
});
