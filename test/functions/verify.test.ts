// The verify function on the real local database (issue 12): a campaign's lifecycle — open (every beneficiary, their
// legal supporters, the re-checks that came due), export (.xlsx), import of the comparison results (all rows or none:
// malformed, duplicate, unknown and mismatched rows named by number; GBK, UTF-8 with BOM, .xlsx with merged header
// cells), home re-check tasks and their outcomes, the board.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { db } from '../../server/platform/cloud';
import { COLLECTIONS } from '../../server/platform/collections';
import { readSpreadsheet } from '../../server/platform/spreadsheet-read';
import { EXPORT_COLUMNS } from '../../server/functions/verify/actions';
import { makeIdNumber } from '../../src/core/id-number';
import { all, callAs, freshTown, ok, one, resetClock, setClock, snapshot, usersOf, type DemoUser, type Raw } from './harness';
import { downloadLink, uploadAs } from './uploads';

const NOW = Date.UTC(2026, 10, 2, 2, 0); // 2026-11-02, 2026年下半年
const DAY = 86_400_000;
let officer: DemoUser;
let worker: DemoUser;
let covered: Raw[]; // 低保 / 特困 / 生活困难残疾人 on the roster
let mine: Raw[]; // those of them in the worker's grid

afterEach(resetClock);
beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0]!;
  const byId = new Map<string, Raw>();
  for (const category of ['dibao', 'tekun', 'disabledInHardship']) for (const p of await all(COLLECTIONS.persons, { categories: category })) byId.set(p._id, p);
  covered = [...byId.values()];
  const workers = await usersOf('gridworker');
  // The gridworker with the most 低保 persons in their grid.
  const count = (w: DemoUser) => covered.filter((p) => w.gridIds.includes(p.gridId as string) && (p.categories as string[]).includes('dibao')).length;
  worker = workers.sort((a, b) => count(b) - count(a))[0]!;
  mine = covered.filter((p) => worker.gridIds.includes(p.gridId as string) && (p.categories as string[]).includes('dibao'));
});

async function openCampaign(): Promise<string> {
  const c = await ok(callAs(officer.openid, 'verify', 'open', { half: '2026H2', requestId: 'open-2026H2-a' }));
  expect(c.state).toBe('open');
  return c.campaignId;
}

async function xlsx(rows: unknown[][], merged = false): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('比对结果');
  if (merged) {
    // A title row merged across the columns, and a header cell merged over two columns (the detail).
    sheet.addRow(['清溪镇2026年下半年比对结果']);
    sheet.mergeCells('A1:E1');
  }
  for (const r of rows) sheet.addRow(r);
  if (merged) sheet.mergeCells(`D2:E2`);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const HEADER = ['身份证号', '姓名', '比对结论代码', '疑点说明'];

async function importFile(campaignId: string, bytes: Buffer, ext: 'csv' | 'xlsx', requestId: string, dryRun = false) {
  const fileId = await uploadAs(officer.openid, 'verification', bytes, ext);
  return callAs(officer.openid, 'verify', 'importResults', { campaignId, fileId, requestId, dryRun });
}

describe('a verification campaign', () => {
  it('lists every beneficiary once with their legal supporters and the re-checks due; exports it as .xlsx (audited)', async () => {
    expect(covered.length).toBeGreaterThan(5);
    const [withSupporter, dueOne] = mine;
    await db().collection(COLLECTIONS.persons).doc(withSupporter!._id).update({ data: { supporters: [{ name: '赵大山', idNumber: '431123197001010012', relation: '儿子' }] } });
    // Last re-checked 13 months ago: the yearly 低保 re-check is due (RULES §9) and folds into the campaign.
    await db().collection(COLLECTIONS.persons).doc(dueOne!._id).update({ data: { lastRecheckAt: NOW - 400 * DAY } });
    const overview = await ok(callAs(officer.openid, 'verify', 'overview', {}));
    expect(overview.nextHalf).toBe('2026H2');
    expect(overview.due).toContainEqual(expect.objectContaining({ personId: dueOne!._id, reason: '低保年度复核', overdue: true }));

    const campaignId = await openCampaign();
    const again = await ok(callAs(officer.openid, 'verify', 'open', { half: '2026H2', requestId: 'open-2026H2-b' }));
    expect(again).toMatchObject({ campaignId, listed: covered.length, label: '2026年下半年' });
    expect(await all(COLLECTIONS.campaignSubjects, { campaignId })).toHaveLength(covered.length);
    expect(await one(COLLECTIONS.campaignSubjects, { _id: `${campaignId}:${dueOne!._id}` })).toMatchObject({ dueReason: '低保年度复核' });

    const file = await ok(callAs(officer.openid, 'verify', 'export', { campaignId }));
    expect(file.fileName).toBe('2026年下半年核查名单.xlsx');
    const sheet = await readSpreadsheet(await downloadLink(file.url), { maxBytes: 5_000_000, maxRows: 5_000 });
    expect(sheet.header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(sheet.rows).toHaveLength(covered.length + 1);
    const supporterRow = sheet.rows.find((r) => r.cells[1] === '赡养义务人')!;
    expect(supporterRow.cells.slice(1, 6)).toEqual(['赡养义务人', '赵大山', '431123197001010012', '儿子', withSupporter!.idNumber]);
    expect(await one(COLLECTIONS.audit, { collection: COLLECTIONS.campaignSubjects, actorId: officer._id, kind: 'view' })).toMatchObject({ recordId: campaignId, to: { rows: covered.length + 1, revealed: ['idNumber'] } });
    // Only the town office runs campaigns.
    expect(await callAs(worker.openid, 'verify', 'export', { campaignId })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });

  it('refuses a results file with any bad row, naming each by its row number, and writes nothing (GBK CSV)', async () => {
    const campaignId = await openCampaign();
    const [a, b] = mine;
    const csv = [
      HEADER.join(','),
      `${a!.idNumber},${a!.name},02,名下有小型汽车一辆`,
      `431123190001010000,某某,01,`, // not a valid ID number
      `${b!.idNumber},${b!.name},01,工资收入`,
      `${a!.idNumber},${a!.name},03,`, // duplicate of row 2
      `${makeIdNumber('110101', '1990-03-07', 1)},张三,01,`, // valid, but not on the list
      `${b!.idNumber === a!.idNumber ? '' : covered.find((p) => p._id !== a!._id && p._id !== b!._id)!.idNumber},错名字,01,`, // name does not match
      `${covered.find((p) => p._id !== a!._id && p._id !== b!._id)!.idNumber},,77,`, // unknown code (and a duplicate of row 7)
    ].join('\r\n');
    const gbk = iconv.encode(csv, 'gbk');
    const before = await snapshot([COLLECTIONS.campaignSubjects, COLLECTIONS.campaigns, COLLECTIONS.persons]);
    const res = await importFile(campaignId, gbk, 'csv', 'results-bad-0001');
    expect(res).toMatchObject({ ok: false, error: { code: 'IMPORT.INVALID_ROWS' } });
    const errors = (res as { error: { details: { errors: Array<{ row: number; text: string }> } } }).error.details.errors;
    expect(errors.map((e) => e.row)).toEqual([3, 5, 6, 7, 8]);
    expect(errors.find((e) => e.row === 5)!.text).toBe('第5行：与第2行是同一个人，重复了');
    expect(errors.find((e) => e.row === 6)!.text).toContain('不在本次核查名单中');
    expect(errors.find((e) => e.row === 7)!.text).toContain('姓名“错名字”与名单中的不一致');
    expect(await snapshot([COLLECTIONS.campaignSubjects, COLLECTIONS.campaigns, COLLECTIONS.persons])).toEqual(before);
    // A file without the columns is named as such.
    const noColumns = await importFile(campaignId, Buffer.from('\uFEFF编号,结果\r\n1,2\r\n', 'utf8'), 'csv', 'results-bad-0002', true);
    expect(noColumns).toMatchObject({ ok: true, data: { errors: [expect.objectContaining({ row: 1, text: expect.stringContaining('身份证号') })] } });
  });

  it('imports a good file (UTF-8 with BOM) whole; a flagged person becomes a re-check task for their grid', async () => {
    const campaignId = await openCampaign();
    const [a, b, c] = mine;
    const csv = `\uFEFF${[HEADER.join(','), `${a!.idNumber},${a!.name},02,"名下有小型汽车一辆,2024年购"`, `${b!.idNumber},,00,`, `${c!.idNumber},${c!.name},1,工资收入增加`].join('\r\n')}\r\n`;
    const dry = await ok(importFile(campaignId, Buffer.from(csv, 'utf8'), 'csv', 'results-dry-0001', true));
    expect(dry).toMatchObject({ rows: 3, flagged: 2, errors: [] });
    expect(await one(COLLECTIONS.campaignSubjects, { _id: `${campaignId}:${a!._id}` })).toMatchObject({ task: 'none' });
    const done = await ok(importFile(campaignId, Buffer.from(csv, 'utf8'), 'csv', 'results-0001'));
    expect(done).toMatchObject({ rows: 3, flagged: 2 });
    // RULES §9, §16 (local setting, default 30 days): the home re-check is due within recheckTaskDays.
    expect(await one(COLLECTIONS.campaignSubjects, { _id: `${campaignId}:${a!._id}` })).toMatchObject({ task: 'open', finding: '02', detail: '名下有小型汽车一辆,2024年购', dueAt: expect.any(Number) });
    expect((await one(COLLECTIONS.campaignSubjects, { _id: `${campaignId}:${c!._id}` })).finding).toBe('01');
    expect((await one(COLLECTIONS.persons, { _id: b!._id })).lastRecheckAt).toBeGreaterThanOrEqual(NOW);
    // A second import of the campaign is refused; a retry of the same request answers the same.
    expect(await importFile(campaignId, Buffer.from(csv, 'utf8'), 'csv', 'results-0002')).toMatchObject({ ok: false, error: { code: 'VERIFY.RESULTS_IMPORTED' } });
    expect(await ok(importFile(campaignId, Buffer.from(csv, 'utf8'), 'csv', 'results-0001'))).toMatchObject({ rows: 3, flagged: 2 });

    // The grid's gridworker is told once (the retry above added nothing).
    const told = await all(COLLECTIONS.messages, { recipientUserId: worker._id, type: 'recheckTasks' });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: '有入户复核任务', link: 'rechecks', body: expect.stringContaining('2人有疑点') });
    const tasks = await ok(callAs(worker.openid, 'verify', 'tasks', {}));
    expect(tasks.open.map((t) => t.name).sort()).toEqual([a!.name, c!.name].sort());
    expect(tasks.open[0]!.idNumber).toMatch(/\*/); // masked for the grid
    const others = (await usersOf('gridworker')).find((w) => !w.gridIds.some((g) => worker.gridIds.includes(g)))!;
    expect((await ok(callAs(others.openid, 'verify', 'tasks', {}))).open.filter((t) => t.name === a!.name && t.subjectId.endsWith(a!._id))).toEqual([]);
  });

  it('reads a real .xlsx with merged header cells; outcomes are recorded with photos and the board counts them', async () => {
    const campaignId = await openCampaign();
    const [a, b, c] = mine;
    const bytes = await xlsx(
      [
        ['身份证号', '姓名', '比对结论代码', '疑点说明', ''],
        [a!.idNumber, a!.name, '02', '有车辆', '补充说明'],
        [b!.idNumber, b!.name, '01', '工资收入', ''],
        [c!.idNumber, c!.name, '06', '户籍已注销', ''],
      ],
      true,
    );
    // The merged title above the header is skipped; the merged 疑点说明 reads across both its columns.
    expect(await ok(importFile(campaignId, bytes, 'xlsx', 'results-x-0001'))).toMatchObject({ rows: 3, flagged: 3 });
    expect(await one(COLLECTIONS.campaignSubjects, { _id: `${campaignId}:${a!._id}` })).toMatchObject({ finding: '02', detail: '有车辆', task: 'open' });

    const photo = await uploadAs(worker.openid, 'recheck');
    const task = async (p: Raw) => ok(callAs(worker.openid, 'verify', 'task', { subjectId: `${campaignId}:${p._id}` }));
    const record = async (p: Raw, result: Record<string, unknown>, photos = [photo]) => {
      const t = await task(p);
      return callAs(worker.openid, 'verify', 'recordOutcome', { subjectId: t.subjectId, version: t.version, result: result as never, photoFileIds: photos });
    };
    expect(await record(a!, { outcome: 'noChange', note: '车辆已于2025年卖出，有过户证明' }, [])).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await record(a!, { outcome: 'noChange', note: '车辆已卖出' }, ['cloud://local/uploads/someone/recheck/aaaaaaaaaaaaaaaa.jpg'])).toMatchObject({ ok: false, error: { code: 'FILE.REFERENCE_INVALID' } });
    await ok(record(a!, { outcome: 'noChange', note: '车辆已于2025年卖出，有过户证明' }));
    expect(await record(a!, { outcome: 'noChange', note: '再记一次' })).toMatchObject({ ok: false, error: { code: 'VERIFY.TASK_NOT_OPEN' } });
    // RULES §33: the new 低保 amount is the gap to the standard (800) for the covered persons.
    expect(await record(b!, { outcome: 'changed', note: '儿子外出务工', perCapitaIncomeYuan: 900, coveredPersons: 2 })).toMatchObject({ ok: false, error: { code: 'VERIFY.INCOME_OVER_LINE' } });
    const changed = await ok(record(b!, { outcome: 'changed', note: '儿子外出务工', perCapitaIncomeYuan: 500, coveredPersons: 2 }));
    expect(changed.outcome).toMatchObject({ outcome: 'changed', newAmountYuan: 600 });
    await ok(record(c!, { outcome: 'exit', note: '本人已去世', gradualExitMonths: 0 }));

    const board = await ok(callAs(officer.openid, 'verify', 'board', { campaignId }));
    expect(board.total).toEqual({ flagged: 3, rechecked: 3, overdue: 0, outcomes: { noChange: 1, changed: 1, exit: 1 } });
    expect(board.villages).toHaveLength(1);
    expect(board.villages[0]!.grids[0]).toMatchObject({ flagged: 3, rechecked: 3 });
    expect(board.exits.map((e) => e.name)).toEqual([c!.name]);
    // The person has no approved case in the system: the office is told to terminate from the paper file.
    expect(await callAs(officer.openid, 'verify', 'startExit', { subjectId: board.exits[0]!.subjectId })).toMatchObject({ ok: false, error: { code: 'VERIFY.NO_CASE' } });
  });

  it('counts an open task past its deadline as overdue', async () => {
    const campaignId = await openCampaign();
    const [a] = mine;
    await ok(importFile(campaignId, Buffer.from(`${HEADER.join(',')}\n${a!.idNumber},${a!.name},05,存款超标\n`, 'utf8'), 'csv', 'results-od-0001'));
    setClock(NOW + 31 * DAY);
    const board = await ok(callAs(officer.openid, 'verify', 'board', { campaignId }));
    expect(board.total).toMatchObject({ flagged: 1, rechecked: 0, overdue: 1 });
    expect((await ok(callAs(worker.openid, 'verify', 'tasks', {}))).open[0]).toMatchObject({ overdue: true });
  });
});

describe('an exit found at the re-check', () => {
  it('goes through the termination procedure of the person’s approved 低保 case, with the 渐退 months (RULES §9, §16)', async () => {
    // A resident of the roster approved for 低保 through the statutory workflow.
    const resident = (await usersOf('resident')).find((r) => r.personId)!;
    const person = await one(COLLECTIONS.persons, { _id: resident.personId });
    const gridWorker = (await usersOf('gridworker')).find((w) => w.gridIds.includes(person.gridId as string))!;
    const cadre = (await usersOf('cadre')).find((c) => c.villageIds.includes(person.villageId as string))!;
    const step = async (who: DemoUser, caseId: string, event: Record<string, unknown>) => {
      const { case: c } = await ok(callAs(who.openid, 'cases', 'get', { caseId }));
      return ok(callAs(who.openid, 'cases', 'transition', { caseId, version: c.version, event: event as never }));
    };
    const { caseId } = await ok(
      callAs(gridWorker.openid, 'cases', 'create', {
        requestId: 'req-proxy-exit-01',
        personId: resident.personId,
        case: { source: 'proxy' as const, kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(gridWorker.openid, 'authorisation') },
      }),
    );
    await step(resident, caseId, { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] });
    await step(gridWorker, caseId, { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: [await uploadAs(gridWorker.openid)] }, { key: 'assetsStatement', fileIds: [await uploadAs(gridWorker.openid)] }] });
    await step(officer, caseId, { type: 'accept' });
    await step(officer, caseId, { type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '李明' }, { name: '王芳' }], formPhotoFileId: await uploadAs(officer.openid, 'investigation') });
    await step(officer, caseId, { type: 'requestDataCheck' });
    await step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-31' });
    await step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600 });
    await step(cadre, caseId, { type: 'startPublicNotice' });
    setClock(NOW + 8 * DAY);
    await step(cadre, caseId, { type: 'endPublicNotice' });
    await step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 } });
    await db().collection(COLLECTIONS.persons).doc(person._id).update({ data: { categories: ['dibao'] } });

    const campaignId = await openCampaign();
    await ok(importFile(campaignId, Buffer.from(`身份证号,比对结论代码,疑点说明\n${person.idNumber},01,工资收入超过标准\n`, 'utf8'), 'csv', 'results-exit-0001'));
    const subjectId = `${campaignId}:${person._id}`;
    const t = await ok(callAs(gridWorker.openid, 'verify', 'task', { subjectId }));
    await ok(callAs(gridWorker.openid, 'verify', 'recordOutcome', { subjectId, version: t.version, result: { outcome: 'exit', note: '儿子在县城稳定就业', gradualExitMonths: 3 }, photoFileIds: [await uploadAs(gridWorker.openid, 'recheck')] }));
    const board = await ok(callAs(officer.openid, 'verify', 'board', { campaignId }));
    expect(board.exits).toEqual([expect.objectContaining({ subjectId, hasCase: true })]);
    await ok(callAs(officer.openid, 'verify', 'startExit', { subjectId }));
    const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(c).toMatchObject({ state: 'terminationNotice', termination: { gradualExitMonths: 3, reason: expect.stringContaining('收入超过标准') } });
    expect((await ok(callAs(officer.openid, 'verify', 'board', { campaignId }))).exits).toEqual([]);
    expect(await callAs(officer.openid, 'verify', 'startExit', { subjectId })).toMatchObject({ ok: false, error: { code: 'VERIFY.TASK_NOT_OPEN' } });
  });
});
