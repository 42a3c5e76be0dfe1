// 一拉就响 on the real local database: raising puts exactly the vulnerable persons of the chosen villages on the
// roll and messages their gridworkers; gridworkers see and mark only their grids' entries, a household at a time;
// needs-help opens an urgent case; the board counts; the deadline escalates once; closing keeps a summary.
import { local } from '../../local/wx-server-sdk';
import { db } from '../../server/platform/cloud';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { isOnRollCall, rollCallCriteria } from '../../src/core/alerts/roll-call';
import { personSchema, type Person } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { all, callAs, freshTown, ok, one, resetClock, setClock, usersOf, type DemoUser } from './harness';

const NOW = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const HOUR = 3_600_000;

let officer: DemoUser;
let worker: DemoUser; // a gridworker in the alert's village
let otherWorker: DemoUser; // a gridworker elsewhere
let cadre: DemoUser;
let villageId: string;

async function personsOf(where: object): Promise<Person[]> {
  return (await all('persons', where)).map((p) => personSchema.parse(p));
}

const escalateTimer = () => FUNCTION_MAINS.alerts({ Type: 'Timer', TriggerName: 'escalateDue', Time: new Date().toISOString() }) as Promise<{ ok: boolean; data: { escalated: number } }>;

function raise(villageIds: string[], requestId = 'req-alert-0001', deadlineHours = 6) {
  return callAs(officer.openid, 'alerts', 'raise', { requestId, reason: 'coldWave', villageIds, deadlineHours, instructions: '今晚寒潮降温，请逐户电话或上门确认取暖和用电安全' });
}

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0]!;
  const workers = await usersOf('gridworker');
  worker = workers[0]!;
  const grid = (await db().collection('grids').where({ _id: worker.gridIds[0] }).get()).data[0] as { villageId: string };
  villageId = grid.villageId;
  const villageGrids = (await all('grids', { villageId })).map((g) => String(g._id));
  otherWorker = workers.find((w) => !w.gridIds.some((g) => villageGrids.includes(g)))!;
  cadre = (await usersOf('cadre')).find((c) => c.villageIds.includes(villageId))!;
});
afterEach(resetClock);

describe('raising', () => {
  it('makes one entry per vulnerable person of exactly those villages, and messages their gridworkers at once', async () => {
    const raised = await ok(raise([villageId]));
    const criteria = rollCallCriteria(DEFAULT_SETTINGS);
    const expected = (await personsOf({ villageId })).filter((p) => isOnRollCall(p, criteria)).map((p) => p._id).sort();
    expect(expected.length).toBeGreaterThan(0);
    const entries = await all('alertEntries', { alertId: raised.alertId });
    expect(entries.map((e) => e.personId).sort()).toEqual(expected);
    expect(raised.total).toBe(expected.length);
    expect(entries.every((e) => e.villageId === villageId && e.status === 'pending')).toBe(true);

    // Nobody outside the criteria, and nobody from another village.
    const notOnRoll = (await personsOf({ villageId })).filter((p) => !isOnRollCall(p, criteria));
    expect(notOnRoll.length).toBeGreaterThan(0);

    const rollCalls = await all('messages', { type: 'alert.rollCall' });
    expect(rollCalls.map((m) => m.recipientUserId)).toContain(worker._id);
    expect(rollCalls.map((m) => m.recipientUserId)).not.toContain(otherWorker._id);
    const mine = rollCalls.find((m) => m.recipientUserId === worker._id)!;
    const myCount = entries.filter((e) => worker.gridIds.includes(String(e.gridId))).length;
    expect(mine.body).toContain(`${myCount}人`);
    // …and each is queued as a subscription message (roll-call template).
    expect(await all('outbox', { messageType: 'alert.rollCall' })).toHaveLength(rollCalls.length);
  });

  it('follows the settings: without key households only the categories count', async () => {
    await db().collection('settings').add({ data: { _id: 'town', alertVulnerable: { categories: ['tekun'], includeKeyHouseholds: false } } });
    const raised = await ok(raise([villageId]));
    const expected = (await personsOf({ villageId })).filter((p) => p.categories.includes('tekun'));
    expect(expected.length).toBeGreaterThan(0);
    expect(raised.total).toBe(expected.length);
    expect((await personsOf({ villageId })).filter((p) => p.keyHousehold && !p.categories.includes('tekun')).length).toBeGreaterThan(0);
  });

  it('a retry with the same request id returns the same alert and adds nothing', async () => {
    const first = await ok(raise([villageId]));
    const again = await ok(raise([villageId]));
    expect(again).toMatchObject({ alertId: first.alertId, created: false, total: first.total });
    expect(await all('alertEntries', {})).toHaveLength(first.total);
    expect(await all('alerts', {})).toHaveLength(1);
  });

  it('a retry of a raise that stopped half way adds the missing entries and opens the alert', async () => {
    const first = await ok(raise([villageId], 'req-alert-0003'));
    const entries = await all('alertEntries', {});
    // As if the function stopped after the first entries: half of them in, no tallies, the alert still raising.
    for (const e of entries.slice(entries.length / 2)) await db().collection('alertEntries').doc(String(e._id)).remove();
    await db().collection('alertTallies').where({ alertId: first.alertId }).remove();
    await db().collection('alerts').doc(first.alertId).update({ data: { state: 'raising', total: 0 } });
    const again = await ok(raise([villageId], 'req-alert-0003'));
    expect(again).toMatchObject({ alertId: first.alertId, created: false, total: first.total });
    expect((await all('alertEntries', {})).map((e) => e._id)).toEqual(entries.map((e) => e._id));
    expect((await all('alerts', {}))[0]).toMatchObject({ state: 'open', total: first.total });
  });

  it('a raise stopped right after its alert is stored, and never retried, is finished by the timer with its audit entry, once', async () => {
    local.stopAfter((call) => call.api === 'collection.add' && call.collection === 'alerts');
    try {
      const event = { action: 'raise', input: { requestId: 'req-alert-stop', reason: 'coldWave', villageIds: [villageId], deadlineHours: 6, instructions: '寒潮降温' } };
      await expect(local.invoke({ OPENID: officer.openid }, 30, () => FUNCTION_MAINS.alerts(event))).rejects.toThrow(/timed out/);
    } finally {
      local.stopAfter(undefined);
    }
    const [stored] = await all('alerts', {});
    const audited = () => all('audit', { collection: 'alerts', recordId: stored!._id, kind: 'create' });
    expect(stored).toMatchObject({ state: 'raising' });
    expect(await audited()).toEqual([]);
    expect(await escalateTimer()).toMatchObject({ ok: true, data: { raised: 1 } });
    expect(await escalateTimer()).toMatchObject({ ok: true, data: { raised: 0 } });
    const open = await one('alerts', { _id: stored!._id });
    expect(open).toMatchObject({ state: 'open' });
    expect(await all('alertEntries', { alertId: stored!._id })).toHaveLength(Number(open.total));
    expect(await audited()).toEqual([expect.objectContaining({ actorId: officer._id, actorRole: 'officer', fn: 'alerts', action: 'raise' })]);
  });

  it('two racing retries of one raise make one alert with each entry once', async () => {
    const [a, b] = await Promise.all([raise([villageId], 'req-alert-0002'), raise([villageId], 'req-alert-0002')]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.data.alertId).toBe(b.data.alertId);
    expect(await all('alertEntries', {})).toHaveLength(a.data.total);
    expect((await all('alerts', {}))[0]).toMatchObject({ state: 'open', total: a.data.total });
  });

  it('only the officer raises; unknown villages and long instructions are refused with nothing written', async () => {
    expect(await callAs(worker.openid, 'alerts', 'raise', { requestId: 'req-alert-x001', reason: 'typhoon', villageIds: [villageId], deadlineHours: 2, instructions: '注意' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(cadre.openid, 'alerts', 'raise', { requestId: 'req-alert-x002', reason: 'typhoon', villageIds: [villageId], deadlineHours: 2, instructions: '注意' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await raise(['v-nowhere'])).toMatchObject({ ok: false, error: { code: 'RECORD.NOT_FOUND' } });
    const long = await callAs(officer.openid, 'alerts', 'raise', { requestId: 'req-alert-x003', reason: 'other', villageIds: [villageId], deadlineHours: 2, instructions: '字'.repeat(151) });
    expect(long).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await all('alerts', {})).toHaveLength(0);
    expect(await all('alertEntries', {})).toHaveLength(0);
  });
});

describe('roll call by gridworkers', () => {
  async function myHousehold(alertId: string) {
    const { items } = await ok(callAs(worker.openid, 'alerts', 'entries', { alertId }));
    return items[0]!.householdId;
  }

  it('a gridworker sees only their grids’ entries; another village’s gridworker does not see the alert', async () => {
    const { alertId, total } = await ok(raise([villageId]));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await ok(callAs(worker.openid, 'alerts', 'entries', { alertId, limit: 100, ...(after ? { after } : {}) }));
      seen.push(...page.items.map((i) => i.gridId));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(total);
    expect(seen.every((g) => worker.gridIds.includes(g))).toBe(true);
    expect(await callAs(otherWorker.openid, 'alerts', 'entries', { alertId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(otherWorker.openid, 'alerts', 'board', { alertId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect((await ok(callAs(otherWorker.openid, 'alerts', 'alerts', {}))).items).toEqual([]);
    const listed = (await ok(callAs(worker.openid, 'alerts', 'alerts', {}))).items;
    expect(listed.map((a) => a._id)).toEqual([alertId]);
    // The list's progress counts the caller's area only: the gridworker's grids, the whole roll for the officer.
    expect(listed[0]!.progress).toMatchObject({ total: seen.length, pending: seen.length, reached: 0, reachedPercent: 0 });
    expect((await ok(callAs(officer.openid, 'alerts', 'alerts', {}))).items[0]!.progress).toMatchObject({ total, unreached: total });
  });

  it('marks a whole household at once, with a note; the board counts it', async () => {
    const { alertId } = await ok(raise([villageId]));
    const householdId = await myHousehold(alertId);
    const members = await all('alertEntries', { alertId, householdId });
    const marked = await ok(callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'safe', note: '电话联系，已备好取暖器' }));
    expect(marked.marked).toHaveLength(members.length);
    const after = await all('alertEntries', { alertId, householdId });
    expect(after.every((e) => e.status === 'safe' && e.note === '电话联系，已备好取暖器' && e.markedBy === worker._id)).toBe(true);

    const board = await ok(callAs(officer.openid, 'alerts', 'board', { alertId }));
    expect(board.overall.safe).toBe(members.length);
    expect(board.overall.pending).toBe(board.overall.total - members.length);
    expect(board.overall.reachedPercent).toBe(Math.round((members.length / board.overall.total) * 1000) / 10);
    expect(board.villages).toHaveLength(1);
    const grid = board.villages[0]!.grids.find((g) => g.gridId === after[0]!.gridId)!;
    expect(grid.safe).toBe(members.length);
    // The unreached list leaves them out.
    const unreached = await ok(callAs(officer.openid, 'alerts', 'entries', { alertId, status: 'unreached', limit: 100 }));
    expect(unreached.items.some((e) => e.householdId === householdId)).toBe(false);
  });

  it('marks only the named members when asked; unknown members are refused', async () => {
    const { alertId } = await ok(raise([villageId]));
    const households = await all('alertEntries', { alertId, gridId: worker.gridIds[0] });
    const byHousehold = new Map<string, string[]>();
    for (const e of households) byHousehold.set(String(e.householdId), [...(byHousehold.get(String(e.householdId)) ?? []), String(e.personId)]);
    const [householdId, personIds] = [...byHousehold.entries()].find(([, ids]) => ids.length > 1) ?? [...byHousehold.entries()][0]!;
    await ok(callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, personIds: [personIds[0]!], status: 'unreachable', note: '电话无人接' }));
    const after = await all('alertEntries', { alertId, householdId });
    expect(after.filter((e) => e.status === 'unreachable').map((e) => e.personId)).toEqual([personIds[0]]);
    expect(await callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, personIds: ['p-not-here'], status: 'safe' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });

  it('a gridworker cannot mark another grid’s household; an officer does not mark', async () => {
    const { alertId } = await ok(raise([villageId]));
    const foreign = (await all('alertEntries', { alertId })).find((e) => !worker.gridIds.includes(String(e.gridId)))!;
    expect(await callAs(worker.openid, 'alerts', 'mark', { alertId, householdId: String(foreign.householdId), status: 'safe' })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(officer.openid, 'alerts', 'mark', { alertId, householdId: String(foreign.householdId), status: 'safe' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    // The village's cadre may.
    await ok(callAs(cadre.openid, 'alerts', 'mark', { alertId, householdId: String(foreign.householdId), status: 'safe' }));
  });

  it('needs-help opens one urgent case for the household and tells the officer; it cannot be marked back', async () => {
    const { alertId } = await ok(raise([villageId]));
    const householdId = await myHousehold(alertId);
    const first = await ok(callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'needsHelp', note: '家中断电，老人发烧' }));
    expect(first.caseId).toBeTruthy();
    const c = (await all('cases', { _id: first.caseId })).at(0)!;
    expect(c).toMatchObject({ source: 'discovery', householdId, state: 'submitted', report: { urgency: 'urgent', helpCategory: 'emergency' } });
    expect(String((c.report as { description: string }).description)).toContain('家中断电，老人发烧');
    const urgent = await all('messages', { recipientUserId: officer._id, type: 'urgentReport' });
    expect(urgent).toHaveLength(1);
    const again = await ok(callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'needsHelp' }));
    expect(again.caseId).toBe(first.caseId);
    expect(await all('cases', { householdId })).toHaveLength(1);
    expect(await callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'safe' })).toMatchObject({ ok: false, error: { code: 'ALERT.ALREADY_NEEDS_HELP' } });
    const board = await ok(callAs(worker.openid, 'alerts', 'board', { alertId }));
    expect(board.overall.needsHelp).toBe(first.marked.length);
  });
});

describe('the deadline and closing', () => {
  it('escalates the unreached to the cadre and the officer at the deadline, once, even with overlapping sweeps', async () => {
    const { alertId, total } = await ok(raise([villageId], 'req-alert-0009', 2));
    expect((await escalateTimer()).data.escalated).toBe(0); // not yet
    const householdId = (await ok(callAs(worker.openid, 'alerts', 'entries', { alertId }))).items[0]!.householdId;
    const { marked } = await ok(callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'safe' }));

    setClock(NOW + 2 * HOUR + 60_000);
    const [a, b] = await Promise.all([escalateTimer(), escalateTimer()]);
    expect(a.data.escalated + b.data.escalated).toBe(1);
    expect((await escalateTimer()).data.escalated).toBe(0);

    const toCadre = await all('messages', { recipientUserId: cadre._id, type: 'alert.escalated' });
    const toOfficer = await all('messages', { recipientUserId: officer._id, type: 'alert.escalated' });
    expect(toCadre).toHaveLength(1);
    expect(toOfficer).toHaveLength(1);
    expect(toOfficer[0]!.title).toContain(`${total - marked.length}人未联系上`);
    const [alert] = await all('alerts', { _id: alertId });
    expect(alert).toMatchObject({ escalation: { unreached: total - marked.length } });
    const unreached = await ok(callAs(cadre.openid, 'alerts', 'entries', { alertId, status: 'unreached' }));
    expect(unreached.items.every((e) => e.escalated)).toBe(true);
  });

  it('only the officer closes; closing keeps the summary and ends marking', async () => {
    const { alertId, total } = await ok(raise([villageId]));
    const householdId = (await ok(callAs(worker.openid, 'alerts', 'entries', { alertId }))).items[0]!.householdId;
    const { marked } = await ok(callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'safe' }));
    const board = await ok(callAs(officer.openid, 'alerts', 'board', { alertId }));
    expect(await callAs(cadre.openid, 'alerts', 'close', { alertId, version: board.alert.version })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(officer.openid, 'alerts', 'close', { alertId, version: board.alert.version + 5 })).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT' } });
    const closed = await ok(callAs(officer.openid, 'alerts', 'close', { alertId, version: board.alert.version }));
    expect(closed.state).toBe('closed');
    expect(closed.summary).toMatchObject({ total, safe: marked.length, pending: total - marked.length, byVillage: [{ villageId, total }] });
    expect(await callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'unreachable' })).toMatchObject({ ok: false, error: { code: 'ALERT.CLOSED' } });
    expect(await callAs(officer.openid, 'alerts', 'close', { alertId, version: closed.version })).toMatchObject({ ok: false, error: { code: 'ALERT.CLOSED' } });
    // A closed alert is not escalated later.
    setClock(NOW + 48 * HOUR);
    expect((await escalateTimer()).data.escalated).toBe(0);
    expect((await ok(callAs(officer.openid, 'alerts', 'alerts', { state: 'closed' }))).items[0]).toMatchObject({ _id: alertId, summary: { total } });
  });

  it('a closed, escalated alert over two villages shows each role the figures of its own area only (leak 6)', async () => {
    const otherVillage = otherWorker.villageIds[0]!;
    const { alertId, total } = await ok(raise([villageId, otherVillage], 'req-alert-0020', 2));
    const householdId = (await ok(callAs(worker.openid, 'alerts', 'entries', { alertId }))).items[0]!.householdId;
    const { marked } = await ok(callAs(worker.openid, 'alerts', 'mark', { alertId, householdId, status: 'safe' }));
    setClock(NOW + 2 * HOUR + 60_000);
    expect((await escalateTimer()).data.escalated).toBe(1);
    const version = Number((await all('alerts', { _id: alertId }))[0]!.version);
    await ok(callAs(officer.openid, 'alerts', 'close', { alertId, version }));

    const entries = await all('alertEntries', { alertId });
    const inGrids = entries.filter((e) => worker.gridIds.includes(String(e.gridId))).length;
    const inVillage = entries.filter((e) => e.villageId === villageId).length;
    expect(inGrids).toBeLessThan(inVillage);
    expect(inVillage).toBeLessThan(total);
    const unreachedMine = { grids: inGrids - marked.length, village: inVillage - marked.length };

    // The gridworker: their grids' figures, no village rows (a village's figures include other grids).
    const asWorker = [(await ok(callAs(worker.openid, 'alerts', 'alerts', { state: 'closed' }))).items[0]!, (await ok(callAs(worker.openid, 'alerts', 'board', { alertId }))).alert, (await ok(callAs(worker.openid, 'alerts', 'entries', { alertId }))).alert];
    for (const alert of asWorker) {
      expect(alert).toMatchObject({ total: inGrids, escalation: { unreached: unreachedMine.grids, byVillage: [] }, summary: { total: inGrids, safe: marked.length, byVillage: [] } });
    }
    // The cadre: their village's row and figures, not the other village's.
    const asCadre = [(await ok(callAs(cadre.openid, 'alerts', 'alerts', { state: 'closed' }))).items[0]!, (await ok(callAs(cadre.openid, 'alerts', 'board', { alertId }))).alert, (await ok(callAs(cadre.openid, 'alerts', 'entries', { alertId }))).alert];
    for (const alert of asCadre) {
      expect(alert).toMatchObject({ total: inVillage, escalation: { unreached: unreachedMine.village, byVillage: [{ villageId }] }, summary: { total: inVillage, byVillage: [{ villageId, total: inVillage }] } });
      expect(alert.summary!.byVillage).toHaveLength(1);
    }
    // The town office: the whole roll, both villages.
    const asOfficer = (await ok(callAs(officer.openid, 'alerts', 'alerts', { state: 'closed' }))).items[0]!;
    expect(asOfficer).toMatchObject({ total, escalation: { unreached: total - marked.length }, summary: { total } });
    expect(asOfficer.summary!.byVillage.map((v) => v.villageId).sort()).toEqual([villageId, otherVillage].sort());
    // No figure of the other village reaches the gridworker or the cadre (the alert still names the villages it covers).
    const figures = JSON.stringify([...asWorker, ...asCadre].map(({ villageIds: _covered, ...rest }) => rest));
    expect(figures).not.toContain(otherVillage);
  });
});
