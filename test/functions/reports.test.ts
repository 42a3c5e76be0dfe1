// The reports function (issue 12): after a scripted day of work through the real handlers, each dashboard's figures
// equal counts taken straight from the records in the viewer's scope; exports are masked for the role, read back
// by exceljs, stored under the caller's prefix, and audited.
import ExcelJS from 'exceljs';
import { local } from '../../local/wx-server-sdk';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { FUNCTION_TIMEOUT_S } from '../../server/platform/jobs';
import { COLLECTIONS } from '../../server/platform/collections';
import { CATEGORIES } from '../../src/core/categories';
import { makeIdNumber } from '../../src/core/id-number';
import { maskIdNumber } from '../../src/core/masking';
import { EXPORT_COLUMNS, trendMonths, type Dashboard } from '../../src/core/reports';
import { CHECKLIST_KEYS, type ChecklistKey } from '../../src/core/visits/visit-record';
import { visitBucketBounds } from '../../src/core/visits/schedule';
import { all, callAs, freshTown, ok, one, resetClock, setClock, type DemoUser, type Raw } from './harness';
import { uploadAs } from './uploads';
import { staffAround } from './staff-fixtures';

const SEED_AT = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const NOW = SEED_AT + 3 * 3_600_000;

let officer: DemoUser, worker: DemoUser, cadre: DemoUser, otherWorker: DemoUser, resident: DemoUser;

const fine = (personId: string) => ({ personId, ...Object.fromEntries(CHECKLIST_KEYS.map((k: ChecklistKey) => [k, k === 'policyDelivered'])) }) as never;

async function tally(): Promise<void> {
  await local.runWithContext({}, () => FUNCTION_MAINS.reports({ Type: 'Timer', TriggerName: 'tallyGrids' }));
}

/** A scripted day in the worker's grid: a person captured, a discovery, a proxy application, a visit raising an issue. */
async function dayOfWork(): Promise<void> {
  const grid = worker.gridIds[0]!;
  await ok(
    callAs(worker.openid, 'people', 'create', {
      requestId: 'report-capture-01',
      name: '钱秀英',
      idNumber: makeIdNumber('431123', '1948-05-06', 913),
      phone: '13900005678',
      categories: ['aloneElderly', 'dibao'],
      riskTier: 'high',
      gridId: grid,
      address: '清溪镇清溪村3组1号',
    } as never),
  );
  const someone = await one(COLLECTIONS.persons, { gridId: grid, relation: '户主' });
  const discovery = { source: 'discovery' as const, applicant: { name: '独居老人' }, description: '家中断粮', helpCategory: 'living' as const, urgency: 'urgent' as const };
  await ok(callAs(worker.openid, 'cases', 'create', { requestId: 'report-disc-01', personId: someone._id, case: discovery }));
  await ok(
    callAs(worker.openid, 'cases', 'create', {
      requestId: 'report-proxy-01',
      personId: resident.personId,
      case: { source: 'proxy' as const, kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
    }),
  );
  const members = await all(COLLECTIONS.persons, { householdId: someone.householdId });
  await ok(callAs(worker.openid, 'visits', 'record', { requestId: 'report-visit-01', householdId: String(someone.householdId), visitedAt: NOW - 3_600_000, members: members.map((m) => ({ ...(fine(m._id) as object), noCarer: m._id === someone._id })), notes: '' } as never));
  await ok(callAs(otherWorker.openid, 'cases', 'create', { requestId: 'report-disc-02', personId: (await one(COLLECTIONS.persons, { gridId: otherWorker.gridIds[0] }))._id, case: discovery }));
  // The half-year's verification campaign: the comparison flags one beneficiary of the worker's grid and one elsewhere;
  // the worker re-checks theirs (issue 12: the dashboards show the campaign's progress).
  const { campaignId } = await ok(callAs(officer.openid, 'verify', 'open', { half: '2026H2', requestId: 'report-campaign-1' }));
  const subjects = await all(COLLECTIONS.campaignSubjects, { campaignId });
  const flagged = [subjects.find((x) => worker.gridIds.includes(String(x.gridId)))!, subjects.find((x) => !worker.gridIds.includes(String(x.gridId)))!];
  const csv = ['身份证号,姓名,比对结论代码,疑点说明', ...flagged.map((x) => `${x.idNumber},${x.name},02,名下有车辆`)].join('\r\n');
  const fileId = await uploadAs(officer.openid, 'verification', Buffer.from(csv, 'utf8'), 'csv');
  await ok(callAs(officer.openid, 'verify', 'importResults', { campaignId, fileId, requestId: 'report-results-1', dryRun: false }));
  const photo = await uploadAs(worker.openid, 'recheck');
  const task = await one(COLLECTIONS.campaignSubjects, { _id: flagged[0]!._id });
  await ok(callAs(worker.openid, 'verify', 'recordOutcome', { subjectId: task._id, version: Number(task.version), result: { outcome: 'noChange', note: '入户核实，车辆已于去年卖出' }, photoFileIds: [photo] }));
}

/** What the dashboard must say, counted here from every record in the scope. */
async function expected(where: (r: Raw) => boolean): Promise<Omit<Dashboard, 'level' | 'now' | 'persons' | 'countedAt'> & { byCategory: Record<string, number>; total: number }> {
  const [persons, cases, issues, visits, alerts, subjects] = await Promise.all([
    all(COLLECTIONS.persons),
    all(COLLECTIONS.cases),
    all(COLLECTIONS.issues),
    all(COLLECTIONS.visits),
    all(COLLECTIONS.alerts),
    all(COLLECTIONS.campaignSubjects),
  ]);
  const mine = <T extends Raw>(rows: T[]) => rows.filter(where);
  const months = trendMonths(NOW);
  const thisMonth = months[months.length - 1]!;
  const open = mine(cases).filter((c) => c.queue === 'open');
  const byState = new Map<string, number>();
  for (const c of open) byState.set(String(c.state), (byState.get(String(c.state)) ?? 0) + 1);
  const at = (v: unknown) => new Date(v as string | number | Date).getTime();
  const inMonth = (t: number, m: { from: number; to: number }) => t >= m.from && t < m.to;
  const scoped = mine(persons);
  const villages = new Set(scoped.map((p) => String(p.villageId)));
  return {
    total: scoped.length,
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, scoped.filter((p) => (p.categories as string[]).includes(c)).length])),
    newDiscoveries: mine(cases).filter((c) => c.source === 'discovery' && inMonth(Number(c.createdAt), thisMonth)).length,
    openCases: { total: open.length, byState: [...byState].map(([state, count]) => ({ state, count })) as never },
    clocks: { breached: open.filter((c) => at(c.dueAt) < NOW).length, dueSoon: open.filter((c) => at(c.dueAt) >= NOW && at(c.soonAt) <= NOW).length },
    overdueVisits: scoped.filter((p) => typeof p.nextVisitDue === 'number' && p.nextVisitDue < visitBucketBounds(NOW).overdueBefore).length,
    issues: {
      unresolved: mine(issues).filter((i) => i.state !== 'resolved').length,
      overdue: mine(issues).filter((i) => i.state !== 'resolved' && Number(i.deadlineAt) < NOW).length,
    },
    openAlerts: alerts.filter((a) => a.state === 'open' && (a.villageIds as string[]).some((v) => villages.has(v))).length,
    rechecks: {
      open: mine(subjects).filter((x) => x.task === 'open').length,
      overdue: mine(subjects).filter((x) => x.task === 'open' && Number(x.dueAt) < NOW).length,
      done: mine(subjects).filter((x) => x.task === 'done').length,
    },
    trends: {
      months: months.map((m) => m.month),
      cases: months.map((m) => mine(cases).filter((c) => inMonth(Number(c.createdAt), m)).length),
      discoveries: months.map((m) => mine(cases).filter((c) => c.source === 'discovery' && inMonth(Number(c.createdAt), m)).length),
      visits: months.map((m) => mine(visits).filter((v) => inMonth(Number(v.visitedAt), m)).length),
    },
  };
}

function compare(got: Dashboard, want: Awaited<ReturnType<typeof expected>>): void {
  const { byCategory, total, openCases, ...rest } = want;
  expect(got.persons.byCategory).toEqual(byCategory);
  expect(got.persons.total).toBe(total);
  expect(got.openCases.total).toBe(openCases.total);
  expect(new Map(got.openCases.byState.map((s) => [s.state, s.count]))).toEqual(new Map(openCases.byState.map((s) => [s.state, s.count])));
  expect(got).toMatchObject(rest);
}

beforeAll(async () => {
  await freshTown(SEED_AT);
  setClock(NOW);
  ({ officer, worker, cadre, otherWorker, resident } = await staffAround());
  await ok(callAs(officer.openid, 'alerts', 'raise', { requestId: 'report-alert-01', reason: 'coldWave', villageIds: worker.villageIds, deadlineHours: 4, instructions: '寒潮降温，请逐户确认取暖' } as never));
  await dayOfWork();
  await tally();
});
afterAll(resetClock);

describe('dashboards', () => {
  it('the town, the village and the grid each equal the counts taken straight from their records', async () => {
    const town = await ok(callAs(officer.openid, 'reports', 'dashboard', {}));
    expect(town.level).toBe('town');
    compare(town, await expected(() => true));
    expect(town.newDiscoveries).toBeGreaterThanOrEqual(2);
    expect(town.trends.visits.at(-1)).toBeGreaterThanOrEqual(1);
    expect(town.issues.unresolved).toBeGreaterThanOrEqual(1);
    expect(town.openAlerts).toBe(1);
    expect(town.rechecks).toMatchObject({ open: 1, done: 1 });

    const village = await ok(callAs(cadre.openid, 'reports', 'dashboard', {}));
    expect(village.level).toBe('village');
    compare(village, await expected((r) => cadre.villageIds.includes(String(r.villageId))));

    const grid = await ok(callAs(worker.openid, 'reports', 'dashboard', {}));
    expect(grid.level).toBe('grid');
    compare(grid, await expected((r) => worker.gridIds.includes(String(r.gridId))));
    expect(grid.persons.byCategory.dibao).toBeGreaterThanOrEqual(1);

    // The officer's view of one grid is the gridworker's own.
    const seenByOfficer = await ok(callAs(officer.openid, 'reports', 'dashboard', { gridId: worker.gridIds[0] }));
    expect({ ...seenByOfficer, now: grid.now }).toEqual(grid);
  });

  it('a new person shows in the tallies after the next tally run, not before', async () => {
    const before = await ok(callAs(worker.openid, 'reports', 'dashboard', {}));
    await ok(callAs(worker.openid, 'people', 'create', { requestId: 'report-capture-02', name: '孙玉兰', idNumber: makeIdNumber('431123', '1951-02-03', 915), phone: '', categories: ['tekun'], riskTier: 'high', gridId: worker.gridIds[0], address: '清溪镇清溪村3组2号' } as never));
    expect((await ok(callAs(worker.openid, 'reports', 'dashboard', {}))).persons.byCategory.tekun).toBe(before.persons.byCategory.tekun);
    await tally();
    const after = await ok(callAs(worker.openid, 'reports', 'dashboard', {}));
    expect(after.persons.byCategory.tekun).toBe(before.persons.byCategory.tekun + 1);
    expect(after.persons.total).toBe(before.persons.total + 1);
  });

  it('stays in the viewer\'s scope: another village or grid is refused, a resident has no dashboard', async () => {
    expect(await callAs(worker.openid, 'reports', 'dashboard', { gridId: otherWorker.gridIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(cadre.openid, 'reports', 'dashboard', { villageId: otherWorker.villageIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(resident.openid, 'reports', 'dashboard', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

/** The stored workbook behind an export's link, read back by exceljs. */
async function workbookAt(url: string): Promise<{ cloudPath: string; rows: string[][] }> {
  const link = new URL(url, 'http://local');
  const cloudPath = local.files.verifyUrl(link.pathname, link.searchParams.get('t'));
  if (!cloudPath) throw new Error(`not a valid link: ${url}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await local.files.read(cloudPath))! as never);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return { cloudPath, rows };
}

describe('exports', () => {
  it('the officer\'s roster carries full ID numbers, the cadre\'s masked ones; each under its caller\'s prefix and audited', async () => {
    const town = await ok(callAs(officer.openid, 'reports', 'export', { kind: 'roster' }));
    const persons = await all(COLLECTIONS.persons);
    expect(town.rows).toBe(persons.length);
    const officerBook = await workbookAt(town.url);
    expect(officerBook.cloudPath.startsWith(`uploads/${officer._id}/export/`)).toBe(true);
    expect(officerBook.rows[0]).toEqual(EXPORT_COLUMNS.roster.map((c) => c.header));
    expect(officerBook.rows).toHaveLength(persons.length + 1);
    const idColumn = EXPORT_COLUMNS.roster.findIndex((c) => c.key === 'idNumber');
    const ids = new Set(persons.map((p) => String(p.idNumber)));
    expect(officerBook.rows.slice(1).every((r) => ids.has(r[idColumn]!))).toBe(true);

    const village = await ok(callAs(cadre.openid, 'reports', 'export', { kind: 'roster' }));
    const inVillage = persons.filter((p) => cadre.villageIds.includes(String(p.villageId)));
    const cadreBook = await workbookAt(village.url);
    expect(cadreBook.cloudPath.startsWith(`uploads/${cadre._id}/export/`)).toBe(true);
    expect(cadreBook.rows).toHaveLength(inVillage.length + 1);
    const masked = new Set(inVillage.map((p) => maskIdNumber(String(p.idNumber))));
    expect(cadreBook.rows.slice(1).every((r) => masked.has(r[idColumn]!) && !ids.has(r[idColumn]!))).toBe(true);

    const audits = await all(COLLECTIONS.audit, { recordId: 'export' });
    expect(audits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: officer._id, collection: COLLECTIONS.persons, kind: 'view', to: { kind: 'roster', rows: persons.length, revealed: ['idNumber', 'phone'] } }),
        expect.objectContaining({ actorId: cadre._id, collection: COLLECTIONS.persons, kind: 'view', to: { kind: 'roster', rows: inVillage.length, revealed: ['phone'] } }),
      ]),
    );
  });

  it('cases, visits and issues export the scope\'s records, each audited', async () => {
    for (const kind of ['cases', 'visits', 'issues'] as const) {
      const collection = { cases: COLLECTIONS.cases, visits: COLLECTIONS.visits, issues: COLLECTIONS.issues }[kind];
      const scoped = (await all(collection)).filter((r) => worker.gridIds.includes(String(r.gridId)));
      const made = await ok(callAs(worker.openid, 'reports', 'export', { kind }));
      expect(made.rows).toBe(scoped.length);
      const book = await workbookAt(made.url);
      expect(book.rows[0]).toEqual(EXPORT_COLUMNS[kind].map((c) => c.header));
      expect(book.rows).toHaveLength(scoped.length + 1);
      expect(await all(COLLECTIONS.audit, { recordId: 'export', actorId: worker._id, collection })).toHaveLength(1);
    }
  });

  it('the campaign results: the flagged persons of the scope with the re-check found, ID numbers masked for the grid', async () => {
    const flagged = (await all(COLLECTIONS.campaignSubjects, { flagged: true })).filter((x) => worker.gridIds.includes(String(x.gridId)));
    expect(flagged).toHaveLength(1);
    const made = await ok(callAs(worker.openid, 'reports', 'export', { kind: 'rechecks' }));
    const book = await workbookAt(made.url);
    expect(book.rows).toHaveLength(2);
    const row = Object.fromEntries(EXPORT_COLUMNS.rechecks.map((c, i) => [c.key, book.rows[1]![i]]));
    expect(row).toMatchObject({ name: flagged[0]!.name, idNumber: maskIdNumber(String(flagged[0]!.idNumber)), detail: '名下有车辆', outcome: '核实无变化' });
    const town = await workbookAt((await ok(callAs(officer.openid, 'reports', 'export', { kind: 'rechecks' }))).url);
    expect(town.rows.slice(1).map((r) => r[EXPORT_COLUMNS.rechecks.findIndex((c) => c.key === 'outcome')])).toEqual(expect.arrayContaining(['核实无变化', '待复核']));
    expect(await one(COLLECTIONS.audit, { recordId: 'export', actorId: officer._id, collection: COLLECTIONS.campaignSubjects })).toMatchObject({ to: { kind: 'rechecks', rows: 2, revealed: ['idNumber'] } });
  });

  it('refuses another village, a resident and an unknown kind, auditing nothing', async () => {
    const before = (await all(COLLECTIONS.audit, { recordId: 'export' })).length;
    expect(await callAs(cadre.openid, 'reports', 'export', { kind: 'roster', villageId: otherWorker.villageIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(resident.openid, 'reports', 'export', { kind: 'roster' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(officer.openid, 'reports', 'export', { kind: 'everything' } as never)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect((await all(COLLECTIONS.audit, { recordId: 'export' })).length).toBe(before);
  });

  it('an export that would outrun the function\'s budget stops with EXPORT.TOO_LARGE and audits nothing', async () => {
    const timeouts = FUNCTION_TIMEOUT_S as Record<string, number>;
    const kept = timeouts.reports!;
    const audits = (await all(COLLECTIONS.audit, { recordId: 'export' })).length;
    timeouts.reports = 0; // no time left for any page
    try {
      expect(await callAs(officer.openid, 'reports', 'export', { kind: 'roster' })).toMatchObject({ ok: false, error: { code: 'EXPORT.TOO_LARGE', message: '要导出的数据过多，请按村分别导出' } });
    } finally {
      timeouts.reports = kept;
    }
    expect((await all(COLLECTIONS.audit, { recordId: 'export' })).length).toBe(audits);
  });
});
