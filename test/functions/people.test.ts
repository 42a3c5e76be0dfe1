import { db } from '../../server/platform/cloud';
import { callAs, freshTown, rawCall, snapshot, usersOf, type DemoUser } from './harness';

let gridworker: DemoUser;
let otherGridworker: DemoUser;
let cadre: DemoUser;
let officer: DemoUser;
let admin: DemoUser;
let resident: DemoUser;

beforeAll(async () => {
  await freshTown();
  const workers = await usersOf('gridworker');
  gridworker = workers[0];
  otherGridworker = workers.find((w) => !w.gridIds.some((g) => gridworker.gridIds.includes(g)))!;
  cadre = (await usersOf('cadre'))[0];
  officer = (await usersOf('officer'))[0];
  admin = (await usersOf('admin'))[0];
  resident = (await usersOf('resident'))[0];
});

async function personIn(gridId: string): Promise<{ _id: string; version: number; idNumber: string; phone: string }> {
  const found = await db().collection('persons').where({ gridId }).limit(1).get();
  return found.data[0] as { _id: string; version: number; idNumber: string; phone: string };
}

describe('people.list', () => {
  it('pages a gridworker through exactly the persons of their own grids', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await callAs(gridworker.openid, 'people', 'list', { limit: 50, ...(after ? { after } : {}) });
      if (!page.ok) throw new Error(page.error.code);
      for (const p of page.data.items) {
        expect(gridworker.gridIds).toContain(p.gridId);
        seen.push(p._id);
      }
      if (!page.data.next) break;
      after = page.data.next;
    }
    const { total } = await db().collection('persons').where({ gridId: db().command.in(gridworker.gridIds) }).count();
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThan(10);
  });

  it('refuses a gridworker asking for another grid', async () => {
    const res = await callAs(gridworker.openid, 'people', 'list', { gridId: otherGridworker.gridIds[0] });
    expect(res).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
  });

  it('keeps a cadre inside their village and lets the officer see the whole town', async () => {
    const mine = await callAs(cadre.openid, 'people', 'list', { limit: 50 });
    if (!mine.ok) throw new Error(mine.error.code);
    expect(mine.data.items.every((p) => cadre.villageIds.includes(p.villageId))).toBe(true);
    const villages = (await db().collection('villages').get()).data as { _id: string }[];
    const other = villages.find((v) => !cadre.villageIds.includes(v._id))!;
    expect(await callAs(cadre.openid, 'people', 'list', { villageId: other._id })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    const town = await callAs(officer.openid, 'people', 'list', { villageId: other._id, limit: 5 });
    expect(town.ok && town.data.items.length).toBe(5);
  });

  it('filters by category', async () => {
    const res = await callAs(officer.openid, 'people', 'list', { category: 'tekun', limit: 50 });
    if (!res.ok) throw new Error(res.error.code);
    expect(res.data.items.length).toBeGreaterThan(0);
    expect(res.data.items.every((p) => p.categories.includes('tekun'))).toBe(true);
  });

  it('is closed to residents', async () => {
    expect(await callAs(resident.openid, 'people', 'list', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

describe('people.get', () => {
  it('masks the ID number for a gridworker, shows it to the officer, and audits each view', async () => {
    const target = await personIn(gridworker.gridIds[0]);
    const byWorker = await callAs(gridworker.openid, 'people', 'get', { personId: target._id });
    if (!byWorker.ok) throw new Error(byWorker.error.code);
    expect(byWorker.data.person.idNumber).not.toBe(target.idNumber);
    expect(byWorker.data.person.idNumber).toContain('*');
    expect(byWorker.data.person.phone).toBe(target.phone);
    const byOfficer = await callAs(officer.openid, 'people', 'get', { personId: target._id });
    expect(byOfficer.ok && byOfficer.data.person.idNumber).toBe(target.idNumber);
    const views = await db().collection('audit').where({ recordId: target._id, kind: 'view' }).get();
    expect(views.data.map((v) => (v as { actorId: string }).actorId).sort()).toEqual([gridworker._id, officer._id].sort());
  });

  it('is not for the admin, who manages the system and not people (RULES §29)', async () => {
    const target = await personIn(gridworker.gridIds[0]);
    expect(await callAs(admin.openid, 'people', 'get', { personId: target._id })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });

  it('refuses another grid and an unknown id', async () => {
    const target = await personIn(otherGridworker.gridIds[0]);
    expect(await callAs(gridworker.openid, 'people', 'get', { personId: target._id })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(officer.openid, 'people', 'get', { personId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'RECORD.NOT_FOUND' } });
  });
});

describe('people.updateNotes', () => {
  it('lets exactly one of two editors on the same version win; the other sees the fresh record', async () => {
    const target = await personIn(gridworker.gridIds[0]);
    const [a, b] = await Promise.all([
      callAs(gridworker.openid, 'people', 'updateNotes', { personId: target._id, version: target.version, notes: '甲的备注' }),
      callAs(officer.openid, 'people', 'updateNotes', { personId: target._id, version: target.version, notes: '乙的备注' }),
    ]);
    const results = [a, b];
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers[0]).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT', details: { current: { version: target.version + 1 } } } });
    const audit = await db().collection('audit').where({ recordId: target._id, kind: 'update' }).get();
    expect(audit.data).toHaveLength(1);
  });

  it('refuses notes over 500 characters with a Chinese message and changes nothing', async () => {
    const target = await personIn(gridworker.gridIds[0]);
    const before = await snapshot(['persons', 'audit']);
    const res = await callAs(gridworker.openid, 'people', 'updateNotes', { personId: target._id, version: target.version, notes: '字'.repeat(501) });
    expect(res).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(JSON.stringify(res)).toContain('备注不能超过500字');
    expect(await snapshot(['persons', 'audit'])).toEqual(before);
  });
});

describe('the call boundary', () => {
  it('answers malformed events, unknown actions and missing identity with coded errors', async () => {
    expect(await rawCall(officer.openid, 'people', 'not an object')).toMatchObject({ ok: false, error: { code: 'REQUEST.MALFORMED' } });
    expect(await rawCall(officer.openid, 'people', { action: 'dropAll' })).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
    expect(await rawCall(officer.openid, 'people', { action: 'list', input: { limit: 'many' } })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', details: [{ path: 'limit', message: '应为数字' }] },
    });
    expect(await callAs(undefined, 'people', 'list', {})).toMatchObject({ ok: false, error: { code: 'AUTH.REQUIRED' } });
  });

  it('never takes the caller from the payload', async () => {
    const res = await rawCall(resident.openid, 'people', { action: 'list', input: {}, openid: officer.openid, OPENID: officer.openid, userInfo: { openId: officer.openid } });
    expect(res).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});
