// The admin function's structure and staff actions (issue 4): villages and grids, users and roles, and a
// reassignment that moves the open work with the grid and keeps the history of who was responsible when.
import { COLLECTIONS } from '../../server/platform/collections';
import { CHECKLIST_KEYS } from '../../src/core/visits/visit-record';
import { callAs, freshTown, ok, one, resetClock, setClock, snapshot, type DemoUser } from './harness';
import { staffAround } from './staff-fixtures';

let admin: DemoUser, officer: DemoUser, worker: DemoUser, cadre: DemoUser;

const SEED_AT = Date.UTC(2026, 10, 2, 2, 0);
const NOW = SEED_AT + 3_600_000;

beforeAll(async () => {
  await freshTown(SEED_AT);
  ({ admin, officer, worker, cadre } = await staffAround());
});
beforeEach(() => setClock(NOW));
afterAll(resetClock);

describe('villages and grids', () => {
  it('the admin creates, renames and removes them; codes are unique; a grid with households stays', async () => {
    const village = await ok(callAs(admin.openid, 'admin', 'createVillage', { requestId: 'village-req-01', name: '新河村', code: '431123101099' }));
    const again = await ok(callAs(admin.openid, 'admin', 'createVillage', { requestId: 'village-req-01', name: '新河村', code: '431123101099' }));
    expect(again._id).toBe(village._id);
    expect(await callAs(admin.openid, 'admin', 'createVillage', { requestId: 'village-req-02', name: '重名村', code: '431123101099' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const grid = await ok(callAs(admin.openid, 'admin', 'createGrid', { requestId: 'grid-req-0001', villageId: village._id, name: '新河村第一网格', code: '431123101099-01' }));
    const renamed = await ok(callAs(admin.openid, 'admin', 'updateGrid', { gridId: grid._id, version: 0, name: '新河村一组网格' }));
    expect(renamed).toMatchObject({ name: '新河村一组网格', version: 1 });
    expect(await callAs(admin.openid, 'admin', 'updateGrid', { gridId: grid._id, version: 0, name: '旧名' })).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT' } });
    expect(await callAs(admin.openid, 'admin', 'removeVillage', { villageId: village._id, version: 0 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    await ok(callAs(admin.openid, 'admin', 'removeGrid', { gridId: grid._id, version: 1 }));
    await ok(callAs(admin.openid, 'admin', 'removeVillage', { villageId: village._id, version: 0 }));
    expect(await callAs(admin.openid, 'admin', 'removeGrid', { gridId: worker.gridIds[0], version: 0 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const structure = await ok(callAs(officer.openid, 'admin', 'structure', {}));
    expect(structure.map((v) => v._id)).not.toContain(village._id);
  });

  it.each(['officer', 'gridworker', 'cadre'])('is the admin’s alone (%s refused, nothing changed)', async (role) => {
    const who = role === 'officer' ? officer : role === 'cadre' ? cadre : worker;
    const before = await snapshot([COLLECTIONS.villages, COLLECTIONS.grids, COLLECTIONS.users]);
    expect(await callAs(who.openid, 'admin', 'createVillage', { requestId: 'village-req-09', name: '某村', code: '9' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(who.openid, 'admin', 'assignGrid', { gridId: worker.gridIds[0], userId: worker._id })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await snapshot([COLLECTIONS.villages, COLLECTIONS.grids, COLLECTIONS.users])).toEqual(before);
  });
});

describe('users and reassignment', () => {
  it('a new gridworker takes over a grid with its open work; the history says who was responsible when', async () => {
    const made = await ok(callAs(admin.openid, 'admin', 'createUser', { requestId: 'user-req-0001', name: '韩新', role: 'gridworker', phone: '13600001111' }));
    const created = made.user;
    expect(created.phone).toContain('*');
    await ok(callAs('openid-new-worker', 'session', 'bindStaff', { code: made.invitation!.code }));
    // One WeChat binds one staff record: a second invitation does not take it.
    const second = await ok(callAs(admin.openid, 'admin', 'createUser', { requestId: 'user-req-0002', name: '重复', role: 'cadre' }));
    expect(await callAs('openid-new-worker', 'session', 'bindStaff', { code: second.invitation!.code })).toMatchObject({ ok: false, error: { code: 'INVITATION.ALREADY_BOUND' } });
    const gridId = worker.gridIds[0];

    // Open work in the grid owned by the outgoing gridworker: an assigned issue and an active plan.
    const household = await one(COLLECTIONS.households, { gridId });
    const member = await one(COLLECTIONS.persons, { householdId: household._id });
    const answers = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered']));
    const visit = await ok(callAs(worker.openid, 'visits', 'record', { requestId: 'visit-move-0001', householdId: household._id, visitedAt: NOW - 1000, members: [{ personId: member._id, ...answers, noVisits: true }] } as never));
    const issueId = visit.issues[0]._id;
    await ok(callAs(officer.openid, 'visits', 'assignIssue', { issueId, version: 0, ownerId: worker._id }));
    const plan = await ok(callAs(worker.openid, 'visits', 'createPlan', { requestId: 'plan-move-0001', householdId: household._id, ownerId: worker._id }));

    const moved = await ok(callAs(admin.openid, 'admin', 'assignGrid', { gridId, userId: created._id }));
    expect(moved.previous.map((p) => p._id)).toEqual([worker._id]);
    expect(moved.moved).toEqual({ plans: 1, issues: 1 });
    expect(await one(COLLECTIONS.issues, { _id: issueId })).toMatchObject({ ownerId: created._id, ownerName: '韩新' });
    expect(await one(COLLECTIONS.plans, { _id: plan._id })).toMatchObject({ ownerId: created._id });

    // Scope follows at once: the old worker is out, the new one is in.
    expect(await callAs(worker.openid, 'visits', 'worklist', { gridId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    const newcomer = await ok(callAs('openid-new-worker', 'visits', 'worklist', { gridId }));
    expect(newcomer.counts).not.toBeNull();

    const history = await ok(callAs(officer.openid, 'admin', 'history', { areaId: gridId }));
    expect(history.items.map((h) => [h.userId, h.to === null])).toEqual(expect.arrayContaining([
      [created._id, true],
      [worker._id, false],
    ]));
    expect(history.items.find((h) => h.userId === worker._id)).toMatchObject({ moved: { plans: 1, issues: 1 } });

    // A role changes only once the person answers for no area.
    const fresh = await one(COLLECTIONS.users, { _id: created._id });
    expect(await callAs(admin.openid, 'admin', 'updateUser', { userId: created._id, version: Number(fresh.version), role: 'cadre' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const list = await ok(callAs(officer.openid, 'admin', 'users', { role: 'gridworker', limit: 100 }));
    expect(list.items.find((u) => u._id === created._id)?.areas).toHaveLength(1);
  });

  it('a village moves from one cadre to another', async () => {
    const newCadre = (await ok(callAs(admin.openid, 'admin', 'createUser', { requestId: 'user-req-0003', name: '程包村', role: 'cadre' }))).user;
    const res = await ok(callAs(admin.openid, 'admin', 'assignVillage', { villageId: cadre.villageIds[0], userId: newCadre._id }));
    expect(res.previous.map((p) => p._id)).toEqual([cadre._id]);
    expect(await callAs(cadre.openid, 'visits', 'summary', {})).toMatchObject({ ok: true, data: { rows: [] } });
    expect(await callAs(admin.openid, 'admin', 'assignVillage', { villageId: cadre.villageIds[0], userId: worker._id })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });

  // Both found by the property test over valid inputs (test/functions/property-reach.test.ts).
  it('a village handed on a second time closes the stretch that the first hand-over opened', async () => {
    const [first, second] = [await ok(callAs(admin.openid, 'admin', 'createUser', { requestId: 'user-req-0004', name: '甲包村', role: 'cadre' })), await ok(callAs(admin.openid, 'admin', 'createUser', { requestId: 'user-req-0005', name: '乙包村', role: 'cadre' }))];
    const villageId = cadre.villageIds[0];
    await ok(callAs(admin.openid, 'admin', 'assignVillage', { villageId, userId: first.user._id }));
    await ok(callAs(admin.openid, 'admin', 'assignVillage', { villageId, userId: second.user._id }));
    const history = await ok(callAs(admin.openid, 'admin', 'history', { userId: first.user._id }));
    expect(history.items).toEqual([expect.objectContaining({ areaId: villageId, to: expect.any(Number) as number, moved: { plans: 0, issues: 0 } })]);
  });

  it('a new user with an area that does not exist is refused and not made', async () => {
    const before = await snapshot([COLLECTIONS.users, COLLECTIONS.audit]);
    expect(await callAs(admin.openid, 'admin', 'createUser', { requestId: 'user-req-0006', name: '无网格', role: 'gridworker', areaId: 'no-such-grid' })).toMatchObject({ ok: false, error: { code: 'RECORD.NOT_FOUND' } });
    expect(await snapshot([COLLECTIONS.users, COLLECTIONS.audit])).toEqual(before);
  });
});
