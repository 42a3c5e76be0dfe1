// The roster actions of the people function (issue 4): capture with the duplicate check and requestId retries,
// search for the town office, tier/flag edits that re-plan the next visit at once, major changes, key households,
// version conflicts that show the fresh record (masked), monitoring facts, and the all-or-nothing ledger import.
import { db } from '../../server/platform/cloud';
import { COLLECTIONS } from '../../server/platform/collections';
import { makeIdNumber } from '../../src/core/id-number';
import { IMPORT_TEMPLATE_HEADERS } from '../../src/core/roster/ledger-import';
import { DUPLICATE_ELSEWHERE_MESSAGE } from '../../src/core/roster/duplicates';
import { toCsv } from '../../src/core/roster/csv';
import { readSpreadsheet } from '../../server/platform/spreadsheet-read';
import { downloadLink } from './uploads';
import { callAs, freshTown, ok, one, resetClock, setClock, snapshot, type DemoUser } from './harness';
import { staffAround } from './staff-fixtures';

let officer: DemoUser, resident: DemoUser, worker: DemoUser, otherWorker: DemoUser, cadre: DemoUser, otherCadre: DemoUser;

const SEED_AT = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const NOW = SEED_AT + 2 * 3_600_000;
const DAY = 86_400_000;

async function gridCode(gridId: string): Promise<string> {
  return String((await one(COLLECTIONS.grids, { _id: gridId })).code);
}

beforeAll(async () => {
  await freshTown(SEED_AT);
  ({ officer, resident, worker, otherWorker, cadre, otherCadre } = await staffAround());
});
beforeEach(() => setClock(NOW));
afterAll(resetClock);

const NEW_ID = makeIdNumber('431123', '1950-03-04', 901);
const capture = (over: Record<string, unknown> = {}) => ({
  requestId: 'capture-0001',
  name: '赵  桂兰',
  idNumber: NEW_ID,
  phone: '139 0000 1234',
  categories: ['aloneElderly'],
  riskTier: 'priority',
  gridId: worker.gridIds[0],
  address: '清溪镇清溪村2组18号',
  ...over,
});

describe('capture (底数清)', () => {
  it('adds a person as head of a new household, plans the first visit, and a retry adds nothing', async () => {
    const first = await ok(callAs(worker.openid, 'people', 'create', capture() as never));
    expect(first.created).toBe(true);
    expect(first.person).toMatchObject({ name: '赵桂兰', relation: '户主', gridId: worker.gridIds[0], phone: '13900001234' });
    expect(first.person.idNumber).not.toBe(NEW_ID); // masked for a gridworker
    expect(first.nextVisitDue).toBeGreaterThan(NOW);
    expect(first.nextVisitDue).toBeLessThan(NOW + 31 * DAY); // 独居老人: monthly
    const stored = await one(COLLECTIONS.persons, { _id: first.person._id });
    expect(stored).toMatchObject({ idNumber: NEW_ID, idTail: NEW_ID.slice(-4), phoneTail: '1234', nextVisitDue: first.nextVisitDue });
    const household = await one(COLLECTIONS.households, { _id: first.householdId });
    expect(household).toMatchObject({ headName: '赵桂兰', size: 1, gridId: worker.gridIds[0] });

    const before = await snapshot([COLLECTIONS.persons, COLLECTIONS.households]);
    const again = await ok(callAs(worker.openid, 'people', 'create', capture() as never));
    expect(again).toMatchObject({ created: false, householdId: first.householdId });
    expect(again.person._id).toBe(first.person._id);
    expect(await snapshot([COLLECTIONS.persons, COLLECTIONS.households])).toEqual(before);
  });

  it('catches duplicates (same ID number; same name and phone) with a link, writing nothing', async () => {
    const existing = await one(COLLECTIONS.persons, { relation: '户主', gridId: worker.gridIds[0], phone: db().command.neq('') });
    const before = await snapshot([COLLECTIONS.persons, COLLECTIONS.households, COLLECTIONS.audit]);
    const byId = await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-dup-01', idNumber: existing.idNumber, name: '另一个名字' }) as never);
    expect(byId).toMatchObject({ ok: false, error: { code: 'PERSON.DUPLICATE', details: { matches: [{ personId: existing._id, reason: 'idNumber' }] } } });
    const byNamePhone = await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-dup-02', idNumber: makeIdNumber('431123', '1961-01-01', 911), name: existing.name, phone: existing.phone }) as never);
    expect(byNamePhone).toMatchObject({ ok: false, error: { code: 'PERSON.DUPLICATE', details: { matches: [{ personId: existing._id, reason: 'namePhone' }] } } });
    expect(await snapshot([COLLECTIONS.persons, COLLECTIONS.households, COLLECTIONS.audit])).toEqual(before);
  });

  it('takes a legacy 15-digit ID number as its 18-digit form: stored upgraded, and the same person as the 18-digit one', async () => {
    const legacy = (id18: string) => id18.slice(0, 6) + id18.slice(8, 17);
    const born1958 = makeIdNumber('431123', '1958-07-09', 933);
    const created = await ok(callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-legacy-1', idNumber: legacy(born1958), name: '钱老汉', phone: '' }) as never));
    expect(await one(COLLECTIONS.persons, { _id: created.person._id })).toMatchObject({ idNumber: born1958, birthDate: '1958-07-09' });
    const again = await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-legacy-2', idNumber: born1958.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), name: '钱 老汉' }) as never);
    expect(again).toMatchObject({ ok: false, error: { code: 'PERSON.DUPLICATE', details: { matches: [{ personId: created.person._id, reason: 'idNumber' }] } } });
  });

  it('says only "registered elsewhere in the town" for a duplicate outside the caller\'s grids, and audits the lookup', async () => {
    const elsewhere = await one(COLLECTIONS.persons, { gridId: otherWorker.gridIds[0], phone: db().command.neq('') });
    const before = await snapshot([COLLECTIONS.persons, COLLECTIONS.households]);
    const res = await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-dup-03', idNumber: elsewhere.idNumber, name: '换个名字' }) as never);
    expect(res).toEqual({ ok: false, error: { code: 'PERSON.DUPLICATE', message: DUPLICATE_ELSEWHERE_MESSAGE } });
    const twin = await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-dup-04', idNumber: makeIdNumber('431123', '1961-02-02', 921), name: elsewhere.name, phone: elsewhere.phone }) as never);
    expect(twin).toEqual({ ok: false, error: { code: 'PERSON.DUPLICATE', message: DUPLICATE_ELSEWHERE_MESSAGE } });
    expect(await snapshot([COLLECTIONS.persons, COLLECTIONS.households])).toEqual(before);
    const views = await db().collection(COLLECTIONS.audit).where({ recordId: elsewhere._id, kind: 'view', actorId: worker._id }).get();
    expect(views.data.map((a) => a.why)).toEqual(['duplicate-elsewhere', 'duplicate-elsewhere']);
  });

  it('refuses a bad checksum, another grid, and a key-household flag from a gridworker', async () => {
    const before = await snapshot([COLLECTIONS.persons, COLLECTIONS.households]);
    const badId = NEW_ID.slice(0, 17) + (NEW_ID[17] === '1' ? '2' : '1');
    const bad = await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-bad-01', idNumber: badId }) as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(JSON.stringify(bad)).toContain('校验码');
    expect(await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-bad-02', idNumber: makeIdNumber('431123', '1962-01-01', 913), gridId: otherWorker.gridIds[0] }) as never)).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(otherCadre.openid, 'people', 'create', capture({ requestId: 'capture-bad-03', idNumber: makeIdNumber('431123', '1962-01-01', 915) }) as never)).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(worker.openid, 'people', 'create', capture({ requestId: 'capture-bad-04', idNumber: makeIdNumber('431123', '1962-01-01', 917), keyHousehold: true }) as never)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(resident.openid, 'people', 'create', capture({ requestId: 'capture-bad-05' }) as never)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await snapshot([COLLECTIONS.persons, COLLECTIONS.households])).toEqual(before);
  });

  it('joins a person to an existing household of the grid', async () => {
    const head = await one(COLLECTIONS.persons, { relation: '户主', gridId: worker.gridIds[0] });
    const size = Number((await one(COLLECTIONS.households, { _id: head.householdId })).size);
    const child = makeIdNumber('431123', '2016-05-06', 921);
    const res = await ok(callAs(cadre.openid, 'people', 'create', capture({ requestId: 'capture-join-1', name: '孙小雨', idNumber: child, phone: '', relation: '孙女', categories: ['leftBehindChild'], householdId: head.householdId, address: '' }) as never));
    expect(res.householdId).toBe(head.householdId);
    expect((await one(COLLECTIONS.households, { _id: head.householdId })).size).toBe(size + 1);
  });
});

describe('search (the office looks people up)', () => {
  it('finds by ID tail, phone tail and name prefix, masked, and records who searched', async () => {
    const target = await one(COLLECTIONS.persons, { gridId: otherWorker.gridIds[0], phone: db().command.neq('') });
    const byId = await ok(callAs(officer.openid, 'people', 'search', { idTail: String(target.idNumber).slice(-4) }));
    expect(byId.items.map((p) => p._id)).toContain(target._id);
    const hit = byId.items.find((p) => p._id === target._id)!;
    expect(hit.idNumber).toContain('*');
    expect(hit.phone).toContain('*');
    const byPhone = await ok(callAs(officer.openid, 'people', 'search', { phoneTail: String(target.phone).slice(-4), villageId: String(target.villageId) }));
    expect(byPhone.items.map((p) => p._id)).toContain(target._id);
    const byName = await ok(callAs(officer.openid, 'people', 'search', { name: String(target.name).slice(0, 1), limit: 50 }));
    expect(byName.items.every((p) => p.name.startsWith(String(target.name).slice(0, 1)))).toBe(true);
    const audit = (await db().collection('audit').where({ collection: 'persons', recordId: 'search' }).limit(100).get()).data;
    expect(audit.length).toBeGreaterThanOrEqual(3);
    // A gridworker's search stays in their grids; an empty search is refused.
    const scoped = await ok(callAs(worker.openid, 'people', 'search', { idTail: String(target.idNumber).slice(-4) }));
    expect(scoped.items.map((p) => p._id)).not.toContain(target._id);
    expect(await callAs(officer.openid, 'people', 'search', {})).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await callAs(resident.openid, 'people', 'search', { name: '王' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

describe('editing tier and flags re-plans the next visit at once', () => {
  it('general → high tier: due a week after the last visit; a stale version is a conflict with the fresh record, masked', async () => {
    const p = await one(COLLECTIONS.persons, { gridId: worker.gridIds[0], riskTier: 'general', keyHousehold: false, categories: db().command.nin(['aloneElderly', 'emptyNestElderly', 'tekun']) });
    const updated = await ok(callAs(worker.openid, 'people', 'update', { personId: p._id, version: Number(p.version), riskTier: 'high' }));
    expect(updated.person.riskTier).toBe('high');
    const base = (p.lastVisitAt as number | null) ?? Number(p.createdAt);
    expect(updated.nextVisitDue).toBeLessThan(base + 8 * DAY + 1);
    expect(updated.nextVisitDue).toBeLessThan(Number(p.nextVisitDue));

    const stale = await callAs(cadre.openid, 'people', 'update', { personId: p._id, version: Number(p.version), notes: '另一人的修改' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT', details: { current: { riskTier: 'high', version: Number(p.version) + 1 } } } });
    const current = (stale as { error: { details: { current: { idNumber: string } } } }).error.details.current;
    expect(current.idNumber).toContain('*');
    expect(await callAs(otherWorker.openid, 'people', 'update', { personId: p._id, version: updated.person.version, riskTier: 'general' })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(otherCadre.openid, 'people', 'update', { personId: p._id, version: updated.person.version, riskTier: 'general' })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
  });

  it('a major change makes a visit due within 24 h', async () => {
    const p = await one(COLLECTIONS.persons, { gridId: worker.gridIds[0], nextVisitDue: db().command.gt(NOW + 2 * DAY) });
    const res = await ok(callAs(worker.openid, 'people', 'recordChange', { personId: p._id, kind: 'hospitalised' }));
    expect(res.nextVisitDue).toBeLessThanOrEqual(NOW + 24 * 3_600_000 + 60_000);
    expect(res.dueReason).toContain('24小时');
    const today = await ok(callAs(worker.openid, 'visits', 'worklist', { bucket: 'today', limit: 100 }));
    const week = await ok(callAs(worker.openid, 'visits', 'worklist', { bucket: 'nextSevenDays', limit: 100 }));
    const listed = [...today.households, ...week.households].flatMap((h) => h.members.map((m) => m._id));
    expect(listed).toContain(p._id);
    const household = await one(COLLECTIONS.households, { _id: p.householdId });
    expect((household.monitoring as { majorChanges: unknown[] }).majorChanges).toHaveLength(1);
  });

  it('only the office sets a key household; every member takes the higher frequency', async () => {
    const h = await one(COLLECTIONS.households, { gridId: worker.gridIds[0], keyHousehold: false });
    expect(await callAs(worker.openid, 'people', 'setKeyHousehold', { householdId: h._id, version: Number(h.version), keyHousehold: true })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    const res = await ok(callAs(officer.openid, 'people', 'setKeyHousehold', { householdId: h._id, version: Number(h.version), keyHousehold: true }));
    expect(res.household.keyHousehold).toBe(true);
    for (const m of res.members) {
      const stored = await one(COLLECTIONS.persons, { _id: m.personId });
      expect(stored.keyHousehold).toBe(true);
      const base = (stored.lastVisitAt as number | null) ?? Number(stored.createdAt);
      expect(Number(stored.nextVisitDue)).toBeLessThan(base + 31 * DAY);
    }
    const listed = await ok(callAs(officer.openid, 'people', 'keyHouseholds', { limit: 50, gridId: worker.gridIds[0] }));
    expect(listed.items.map((x) => x._id)).toContain(h._id);
  });

  it('monitoring facts raise their warnings at once (RULES §22)', async () => {
    const h = await one(COLLECTIONS.households, { gridId: worker.gridIds[0], monitoring: db().command.exists(false) });
    const res = await ok(callAs(officer.openid, 'people', 'updateMonitoring', { householdId: h._id, version: Number(h.version), monitoring: { income: { perCapitaMonthly: 500, recordedAt: NOW - DAY } } }));
    expect(res.warnings.map((w) => w.type)).toEqual(['uncoveredIncomeBelowLine']);
    expect(await callAs(worker.openid, 'people', 'updateMonitoring', { householdId: h._id, version: res.version, monitoring: {} })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

describe('ledger import (台账)', () => {
  const HEAD = makeIdNumber('431123', '1940-07-08', 931);
  const WIFE = makeIdNumber('431123', '1943-02-03', 942);
  const SOLO = makeIdNumber('431123', '1955-11-12', 953);
  const row = (cells: Record<string, string>) => IMPORT_TEMPLATE_HEADERS.map((h) => cells[h] ?? '');
  async function ledger(badRow = false): Promise<string> {
    const code = await gridCode(worker.gridIds[0]);
    const rows = [
      row({ 姓名: '钱德福', 身份证号: HEAD, 手机号: '13712340001', 与户主关系: '户主', 网格编号: code, 住址: '清溪镇清溪村3组7号', 人员类别: '空巢老人、低保' }),
      row({ 姓名: '吴桂芳', 身份证号: WIFE, 与户主关系: '配偶', 户主身份证号: HEAD, 网格编号: code, 人员类别: '空巢老人' }),
      row({ 姓名: '郑国强', 身份证号: badRow ? SOLO.slice(0, 17) + (SOLO[17] === '1' ? '2' : '1') : SOLO, 与户主关系: '户主', 网格编号: code, 住址: '清溪镇清溪村3组9号', 人员类别: '特困' }),
    ];
    return toCsv([IMPORT_TEMPLATE_HEADERS, ...rows]);
  }

  it('offers the template as an .xlsx the import reads back (its own example row passes the check)', async () => {
    const t = await ok(callAs(cadre.openid, 'people', 'importTemplate', { file: true }));
    expect(t.file?.fileName).toBe('花名册导入模板.xlsx');
    const sheet = await readSpreadsheet(await downloadLink(t.file!.url), { maxBytes: 1_000_000, maxRows: 10 });
    expect(sheet.header).toEqual([...IMPORT_TEMPLATE_HEADERS]);
    expect(sheet.rows).toHaveLength(1);
  });

  it('one bad row: nothing is written and the row is named', async () => {
    const before = await snapshot(Object.values(COLLECTIONS));
    const res = await callAs(cadre.openid, 'people', 'import', { csv: await ledger(true), requestId: 'import-req-0001' });
    expect(res).toMatchObject({ ok: false, error: { code: 'IMPORT.INVALID_ROWS' } });
    const error = (res as { error: { message: string; details: { errors: { row: number; column: string }[] } } }).error;
    expect(error.message).toContain('第4行');
    expect(error.details.errors).toEqual([expect.objectContaining({ row: 4, column: '身份证号' })]);
    expect(await snapshot(Object.values(COLLECTIONS))).toEqual(before);
    const dry = await ok(callAs(cadre.openid, 'people', 'import', { csv: await ledger(true), dryRun: true }));
    expect(dry.errors.map((e) => e.row)).toEqual([4]);
  });

  it('a good file imports whole, scheduled; importing it again changes nothing', async () => {
    const csv = await ledger();
    const dry = await ok(callAs(cadre.openid, 'people', 'import', { csv, dryRun: true }));
    expect(dry).toMatchObject({ toCreate: 3, households: 2, unchanged: 0, created: 0, errors: [] });
    expect(await callAs(cadre.openid, 'people', 'import', { csv })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const res = await ok(callAs(cadre.openid, 'people', 'import', { csv, requestId: 'import-req-0002' }));
    expect(res).toMatchObject({ created: 3, households: 2 });
    // A retry of the same request (its answer was lost) is the same import: nothing more is written.
    expect(await ok(callAs(cadre.openid, 'people', 'import', { csv, requestId: 'import-req-0002' }))).toMatchObject({ state: 'done', created: 3 });
    const head = await one(COLLECTIONS.persons, { idNumber: HEAD });
    const wife = await one(COLLECTIONS.persons, { idNumber: WIFE });
    expect(wife.householdId).toBe(head.householdId);
    expect((await one(COLLECTIONS.households, { _id: head.householdId })).size).toBe(2);
    expect(head.nextVisitDue).toEqual(expect.any(Number));
    expect(head.categories).toEqual(['emptyNestElderly', 'dibao']);

    const before = await snapshot(Object.values(COLLECTIONS));
    const again = await ok(callAs(cadre.openid, 'people', 'import', { csv, requestId: 'import-req-0003' }));
    expect(again).toMatchObject({ created: 0, unchanged: 3 });
    expect(await snapshot(Object.values(COLLECTIONS))).toEqual(before);
  });

  it('rows outside the importer’s area, or a key-household flag from a cadre, stop the file', async () => {
    const code = await gridCode(otherWorker.gridIds[0]);
    const csv = toCsv([IMPORT_TEMPLATE_HEADERS, row({ 姓名: '冯立新', 身份证号: makeIdNumber('431123', '1970-01-02', 961), 与户主关系: '户主', 网格编号: code, 住址: '某村1号' })]);
    const res = await callAs(cadre.openid, 'people', 'import', { csv, requestId: 'import-req-0004' });
    expect(res).toMatchObject({ ok: false, error: { code: 'IMPORT.INVALID_ROWS' } });
    const mine = await gridCode(worker.gridIds[0]);
    const flagged = toCsv([IMPORT_TEMPLATE_HEADERS, row({ 姓名: '冯立新', 身份证号: makeIdNumber('431123', '1970-01-02', 961), 与户主关系: '户主', 网格编号: mine, 住址: '某村1号', 重点户: '是' })]);
    expect(await callAs(cadre.openid, 'people', 'import', { csv: flagged, requestId: 'import-req-0005' })).toMatchObject({ ok: false, error: { code: 'IMPORT.INVALID_ROWS' } });
    expect(await callAs(resident.openid, 'people', 'import', { csv: flagged, requestId: 'import-req-0006' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});
