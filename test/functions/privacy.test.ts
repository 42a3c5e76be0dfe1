// Errors tell no more than reads (issue 10, leak 1; RULES §29): a conflict's fresh record is masked for the caller,
// a full value shown is audited like a view, no OPENID leaves, and a hostile input gets a small error.
import { db } from '../../server/platform/cloud';
import { INPUT_ARRAY_MAX } from '../../server/platform/input-guard';
import { beijingDate, isMinorOn } from '../../src/core/calendar';
import { checkDigit } from '../../src/core/id-number';
import { all, callAs, freshTown, one, usersOf, type DemoUser } from './harness';

const DISCOVERY = { source: 'discovery', applicant: { name: '独居老人' }, description: '家中断粮', helpCategory: 'living', urgency: 'urgent' };

let worker: DemoUser;
let officer: DemoUser;
let admin: DemoUser;

beforeAll(async () => {
  await freshTown();
  [worker] = await usersOf('gridworker');
  [officer] = await usersOf('officer');
  [admin] = await usersOf('admin');
});

async function personOf(gridId: string) {
  return one('persons', { gridId });
}

function failed(result: unknown): { code: string; details?: unknown } {
  expect(result).toMatchObject({ ok: false });
  return (result as { error: { code: string; details?: unknown } }).error;
}

it('masks the ID number of a conflicting roster record for a gridworker and hides what would restore it', async () => {
  const person = await personOf(worker.gridIds[0]);
  const error = failed(await callAs(worker.openid, 'people', 'updateNotes', { personId: person._id, version: Number(person.version) + 7, notes: '改备注' }));
  expect(error.code).toBe('RECORD.CONFLICT');
  const current = (error.details as { current: Record<string, unknown> }).current;
  expect(current.idNumber).not.toBe(person.idNumber);
  expect(String(current.idNumber)).toMatch(/\*/);
  expect(current).not.toHaveProperty('birthDate');
  expect(JSON.stringify(error)).not.toContain(String(person.idNumber));
});

it('shows the officer the full record on a conflict and audits it as a view', async () => {
  const person = await personOf(worker.gridIds[0]);
  const error = failed(await callAs(officer.openid, 'people', 'updateNotes', { personId: person._id, version: Number(person.version) + 7, notes: '改备注' }));
  expect((error.details as { current: Record<string, unknown> }).current.idNumber).toBe(person.idNumber);
  const views = (await all('audit', { recordId: person._id, kind: 'view' })).filter((a) => a.actorId === officer._id);
  expect(views).toEqual([expect.objectContaining({ collection: 'persons', why: 'error:RECORD.CONFLICT' })]);
});

it('never returns an OPENID or a full phone in an admin conflict', async () => {
  const target = (await usersOf('gridworker'))[1];
  const stored = await one('users', { _id: target._id });
  const error = failed(await callAs(admin.openid, 'admin', 'updateUser', { userId: target._id, version: Number(stored.version) + 3, name: '新名字' }));
  expect(error.code).toBe('RECORD.CONFLICT');
  const text = JSON.stringify(error);
  expect(text).not.toMatch(/openid/i);
  expect(text).not.toContain(target.openid);
  if (stored.phone) expect(text).not.toContain(String(stored.phone));
});

it('answers a hostile input with a few field problems in a small error', async () => {
  const junk = { personId: Array.from({ length: 20_000 }, () => [{}]), version: 'x', notes: { a: [1, 2, 3] }, extra: 'y'.repeat(10_000) };
  const error = failed(await callAs(worker.openid, 'people', 'updateNotes', junk as never));
  expect(error.code).toBe('INPUT.INVALID');
  expect((error.details as unknown[]).length).toBeLessThanOrEqual(5);
  expect(Buffer.byteLength(JSON.stringify(error))).toBeLessThan(8 * 1024);
});

it('refuses an array longer than any schema takes before checking its elements (30,000 empty visit members)', async () => {
  const members = Array.from({ length: 30_000 }, () => ({}));
  const error = failed(await callAs(worker.openid, 'visits', 'record', { requestId: 'req-hostile-members', householdId: 'h', members } as never));
  expect(error).toMatchObject({ code: 'INPUT.INVALID', details: [{ path: 'members', message: `最多${INPUT_ARRAY_MAX}项` }] });
});

describe('masks that cannot be undone (leak 3, RULES §29)', () => {
  it('sends list rows only what the row shows: masked ID and phone, age, never the birth date', async () => {
    const page = (await callAs(worker.openid, 'people', 'list', { limit: 20 })) as { ok: true; data: { items: Record<string, unknown>[] } };
    expect(page.data.items.length).toBeGreaterThan(0);
    for (const row of page.data.items) {
      expect(row).not.toHaveProperty('birthDate');
      expect(row).not.toHaveProperty('notes');
      expect(row).not.toHaveProperty('idTail');
      expect(String(row.idNumber)).toMatch(/\*{11}/);
      expect(typeof row.age).toBe('number');
    }
  });

  it('gives the birth date on the detail view only to a role that sees the whole ID number', async () => {
    const person = await personOf(worker.gridIds[0]);
    const asWorker = (await callAs(worker.openid, 'people', 'get', { personId: person._id })) as { ok: true; data: { person: Record<string, unknown> } };
    expect(asWorker.data.person).not.toHaveProperty('birthDate');
    expect(asWorker.data.person).toMatchObject({ age: expect.any(Number), minor: expect.any(Boolean) });
    const asOfficer = (await callAs(officer.openid, 'people', 'get', { personId: person._id })) as { ok: true; data: { person: Record<string, unknown> } };
    expect(asOfficer.data.person).toMatchObject({ idNumber: person.idNumber, birthDate: person.birthDate });
  });

  it('tells the visit form whether a member is a minor, not their birth date', async () => {
    const person = await personOf(worker.gridIds[0]);
    const res = (await callAs(worker.openid, 'visits', 'household', { householdId: String(person.householdId) })) as { ok: true; data: { members: Record<string, unknown>[] } };
    for (const m of res.data.members) {
      expect(m).not.toHaveProperty('birthDate');
      expect(typeof m.minor).toBe('boolean');
    }
  });
});

describe('the admin manages the system, not people (leak 4)', () => {
  it.each([
    ['people', 'list', { limit: 5 }],
    ['people', 'search', { name: '王' }],
    ['people', 'keyHouseholds', {}],
    ['people', 'import', { csv: 'x', dryRun: true }],
    ['visits', 'issues', {}],
  ] as const)('refuses %s.%s to the admin', async (fn, action, input) => {
    expect(await callAs(admin.openid, fn as never, action as never, input as never)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });

  it('shows the admin delivery states of the outbox without what was said to whom', async () => {
    const person = await personOf(worker.gridIds[0]);
    await callAs(officer.openid, 'people', 'updateNotes', { personId: person._id, version: Number(person.version) + 9, notes: 'x' });
    const made = await callAs(worker.openid, 'cases', 'create', { requestId: 'privacy-outbox-1', gridId: worker.gridIds[0], case: DISCOVERY } as never);
    expect(made.ok).toBe(true);
    const res = (await callAs(admin.openid, 'notify', 'outbox', { limit: 50 })) as { ok: true; data: { items: Record<string, unknown>[] } };
    expect(res.ok).toBe(true);
    for (const item of res.data.items) {
      expect(item).toMatchObject({ contentHidden: true, values: {}, preview: null, sent: null, link: '', recipientUserId: '' });
      expect(String(item.recipient)).not.toMatch(/（/);
    }
  });
});

describe('person references are resolved on the server (leak 5)', () => {
  it('ignores an applicant personId in the payload of a case placed by grid', async () => {
    const elsewhere = await one('persons', { gridId: (await usersOf('gridworker'))[1].gridIds[0] });
    const res = (await callAs(worker.openid, 'cases', 'create', {
      requestId: 'privacy-applicant-1',
      gridId: worker.gridIds[0],
      case: { ...DISCOVERY, applicant: { name: '某人', personId: elsewhere._id, householdSize: 9 } },
    } as never)) as { ok: true; data: { caseId: string } };
    expect(res.ok).toBe(true);
    const stored = await one('cases', { _id: res.data.caseId });
    // No roster person behind it: the typed household size is the only word there is; the foreign personId is dropped.
    expect(stored.applicant).toEqual({ name: '某人', minor: false, householdSize: 9 });
    expect(stored).not.toHaveProperty('householdId');
  });

  it('takes a rostered applicant\'s name, household size and minor status from the roster', async () => {
    const person = await personOf(worker.gridIds[0]);
    const res = (await callAs(worker.openid, 'cases', 'create', {
      requestId: 'privacy-applicant-2',
      personId: person._id,
      case: { ...DISCOVERY, applicant: { name: '随便写', minor: true } },
    } as never)) as { ok: true; data: { caseId: string } };
    const stored = await one('cases', { _id: res.data.caseId });
    expect(stored.applicant).toMatchObject({ personId: person._id, name: person.name, minor: isMinorOn(String(person.birthDate), beijingDate(Date.now())) });
  });

  // RULES §29: whether a minor never comes from the payload: the roster's birth date, or the ID number given.
  it('takes minor status from the roster birth date: a child on the roster is a minor, whatever the payload says', async () => {
    const today = beijingDate(Date.now());
    const people = await all('persons', { gridId: worker.gridIds[0] });
    const child = people.find((p) => isMinorOn(String(p.birthDate), today))!;
    const adult = people.find((p) => !isMinorOn(String(p.birthDate), today))!;
    const file = async (requestId: string, personId: string, minor: boolean) => {
      const res = (await callAs(worker.openid, 'cases', 'create', { requestId, personId, case: { ...DISCOVERY, applicant: { name: '随便写', minor } } } as never)) as {
        ok: true;
        data: { caseId: string };
      };
      return (await one('cases', { _id: res.data.caseId })).applicant;
    };
    expect(await file('privacy-minor-child', String(child._id), false)).toMatchObject({ personId: child._id, minor: true });
    expect(await file('privacy-minor-adult', String(adult._id), true)).toMatchObject({ personId: adult._id, minor: false });
  });

  it('takes an unrostered applicant\'s minor status from the ID number given, and keeps no ID number on the case', async () => {
    const childId = (first17: string) => first17 + checkDigit(first17);
    const create = (requestId: string, applicant: Record<string, unknown>) =>
      callAs(worker.openid, 'cases', 'create', { requestId, gridId: worker.gridIds[0], case: { ...DISCOVERY, applicant } } as never) as Promise<{ ok: boolean; data: { caseId: string } }>;
    const kid = await create('privacy-minor-id-1', { name: '小明', idNumber: childId('11010120150307123') });
    const stored = await one('cases', { _id: kid.data.caseId });
    expect(stored.applicant).toEqual({ name: '小明', minor: true });
    const told = await create('privacy-minor-id-2', { name: '某人', minor: true });
    expect((await one('cases', { _id: told.data.caseId })).applicant).toEqual({ name: '某人', minor: false });
    expect(failed(await create('privacy-minor-id-3', { name: '某人', idNumber: '110101201503071230' }))).toMatchObject({ code: 'ID_NUMBER.INVALID' });
  });
});

describe('lists past 100 records (leak 10)', () => {
  it('offers every officer as a plan owner and shows every gridworker on the structure, past the 100-record cap', async () => {
    const users = db().collection('users');
    for (let i = 0; i < 105; i++) {
      const role = i % 2 ? 'officer' : 'gridworker';
      await users.add({ data: { _id: `zz-${role}-${String(i).padStart(3, '0')}`, openid: `zz-openid-${i}`, name: `测试${i}`, role, gridIds: role === 'gridworker' ? [worker.gridIds[0]] : [], villageIds: [], createdAt: 0, updatedAt: 0, version: 0 } });
    }
    const person = await personOf(worker.gridIds[0]);
    const draft = (await callAs(officer.openid, 'visits', 'planDraft', { householdId: String(person.householdId) })) as { ok: true; data: { owners: { _id: string }[] } };
    expect(draft.ok).toBe(true);
    expect(draft.data.owners.map((o) => o._id)).toEqual(expect.arrayContaining(['zz-officer-103', 'zz-gridworker-104']));
    const structure = (await callAs(officer.openid, 'admin', 'structure', {})) as { ok: true; data: { grids: { _id: string; workers: string[] }[] }[] };
    const grid = structure.data.flatMap((v) => v.grids).find((g) => g._id === worker.gridIds[0])!;
    expect(grid.workers).toEqual(expect.arrayContaining(['测试104', '测试0']));
  });
});
