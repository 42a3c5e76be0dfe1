// 规则设置 on the real local database: the admin changes a local rule and the town's work follows it at once; a
// value put back to its default follows docs/rules.md again; bad values, stale versions and other roles change nothing.
import { db } from '../../server/platform/cloud';
import { loadSettings } from '../../server/platform/settings';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { startClock } from '../../src/core/cases';
import { CHECKLIST_KEYS } from '../../src/core/visits/visit-record';
import { all, callAs, freshTown, ok, one, resetClock, setClock, usersOf, type DemoUser } from './harness';

let admin: DemoUser;
let officer: DemoUser;

beforeEach(async () => {
  await freshTown();
  admin = (await usersOf('admin'))[0]!;
  officer = (await usersOf('officer'))[0]!;
});

async function stored() {
  return (await db().collection('settings').where({ _id: 'town' }).get()).data[0];
}

async function auditOfSettings() {
  return (await db().collection('audit').where({ collection: 'settings' }).get()).data;
}

it('shows the docs/rules.md defaults before anything is set', async () => {
  const view = await ok(callAs(admin.openid, 'admin', 'settings', {}));
  expect(view).toMatchObject({ settings: DEFAULT_SETTINGS, defaults: DEFAULT_SETTINGS, rejected: [], version: 0 });
});

it('a change is stored as an override, used by the functions at once, and audited from → to', async () => {
  const saved = await ok(callAs(admin.openid, 'admin', 'updateSettings', { version: 0, changes: { 'visitIntervalDays.high': 5, subscriptionMode: 'long-term' } }));
  expect(saved).toMatchObject({ version: 1, changed: ['visitIntervalDays.high', 'subscriptionMode'] });
  expect(saved.settings.visitIntervalDays).toEqual({ ...DEFAULT_SETTINGS.visitIntervalDays, high: 5 });
  expect(await stored()).toMatchObject({ visitIntervalDays: { high: 5 }, subscriptionMode: 'long-term', version: 1, updatedBy: admin._id });
  expect((await loadSettings(db())).subscriptionMode).toBe('long-term');
  expect((await auditOfSettings())[0]).toMatchObject({
    actorId: admin._id,
    kind: 'update',
    from: [
      { path: 'visitIntervalDays.high', value: 7 },
      { path: 'subscriptionMode', value: 'one-time' },
    ],
    to: [
      { path: 'visitIntervalDays.high', value: 5 },
      { path: 'subscriptionMode', value: 'long-term' },
    ],
  });
});

it('null puts a value back to its default: the override is removed, so docs/rules.md governs it again', async () => {
  await ok(callAs(admin.openid, 'admin', 'updateSettings', { version: 0, changes: { dibaoStandardMonthly: 900, selfReportAckHours: 12 } }));
  const back = await ok(callAs(admin.openid, 'admin', 'updateSettings', { version: 1, changes: { dibaoStandardMonthly: null } }));
  expect(back.settings.dibaoStandardMonthly).toBe(DEFAULT_SETTINGS.dibaoStandardMonthly);
  const record = await stored();
  expect(record).not.toHaveProperty('dibaoStandardMonthly');
  expect(record).toMatchObject({ selfReportAckHours: 12, version: 2 });
});

it('the roll-call categories follow the setting when an alert is raised', async () => {
  await ok(callAs(admin.openid, 'admin', 'updateSettings', { version: 0, changes: { 'alertVulnerable.categories': ['tekun'], 'alertVulnerable.includeKeyHouseholds': false } }));
  const village = (await db().collection('villages').limit(1).get()).data[0]!;
  const raised = await ok(callAs(officer.openid, 'alerts', 'raise', { requestId: 'req-settings-01', reason: 'typhoon', villageIds: [String(village._id)], deadlineHours: 4, instructions: '台风过境，请确认安全' }));
  const tekun = await db().collection('persons').where({ villageId: village._id, categories: 'tekun' }).count();
  expect(raised.total).toBe(tekun.total);
});

it('the self-check compares with the town’s average disposable income once entered; emptied, the town checks it', async () => {
  const resident = (await usersOf('resident'))[0]!;
  const spending = { householdSize: 2, monthlyIncomeYuan: 3600, assetsOverLimit: false, largeEssentialSpending: true };
  const before = await ok(callAs(resident.openid, 'cases', 'selfCheck', spending));
  expect(before.likely.map((l) => l.reason).join()).toContain('由镇民政办核实');
  await ok(callAs(admin.openid, 'admin', 'updateSettings', { version: 0, changes: { averageDisposableIncomeMonthly: 1500 } }));
  expect((await ok(callAs(resident.openid, 'cases', 'selfCheck', spending))).likely).toEqual([]); // 1,800 a head is above it
  await ok(callAs(admin.openid, 'admin', 'updateSettings', { version: 1, changes: { averageDisposableIncomeMonthly: null } }));
  expect(await stored()).not.toHaveProperty('averageDisposableIncomeMonthly');
});

it('refuses bad values, unknown settings, a stale version and other roles, writing nothing', async () => {
  const refusals = [
    [admin, { version: 0, changes: { dibaoStandardMonthly: -5 } }, 'INPUT.INVALID'],
    [admin, { version: 0, changes: { 'visitIntervalDays.high': 100 } }, 'INPUT.INVALID'], // high-risk visited less often than priority
    [admin, { version: 0, changes: { 'alertVulnerable.categories': [] } }, 'INPUT.INVALID'],
    [admin, { version: 0, changes: { subscriptionMode: 'weekly' } }, 'INPUT.INVALID'],
    [admin, { version: 0, changes: { apiSecret: 'x' } }, 'INPUT.INVALID'],
    [admin, { version: 0, changes: {} }, 'INPUT.INVALID'],
    [admin, { version: 3, changes: { dibaoStandardMonthly: 900 } }, 'RECORD.CONFLICT'],
    [officer, { version: 0, changes: { dibaoStandardMonthly: 900 } }, 'ROLE.FORBIDDEN'],
  ] as const;
  for (const [user, input, code] of refusals) {
    const result = await callAs(user.openid, 'admin', 'updateSettings', input as never);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(await stored()).toBeUndefined();
  expect(await auditOfSettings()).toHaveLength(0);
});

it('names the field at fault so the page can show it there', async () => {
  const result = await callAs(admin.openid, 'admin', 'updateSettings', { version: 0, changes: { 'visitIntervalDays.general': 3 } });
  expect(result).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '走访间隔应为：高风险 ≤ 重点 ≤ 一般', details: [{ path: 'visitIntervalDays.high' }] } });
});

describe('next year’s holiday arrangement (RULES §34)', () => {
  // Published for 2027 (the calendar package stops at 2026): 元旦 1–3 Jan, 春节 6–13 Feb, 调休上班 Sat 9 Jan, Sat 20 Feb.
  const arrangement = {
    year: 2027,
    holidays: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-06', to: '2027-02-13' },
    ],
    makeupDays: ['2027-01-09', '2027-02-20'],
  };
  const MONDAY_4_JAN = Date.UTC(2027, 0, 4, 1, 0); // 09:00 Beijing
  afterEach(resetClock);

  /** An open case whose 5-wd clock was started before 2027 was known: Mon 4 Jan + 5 wd guessed as Mon 11 Jan. */
  async function openCaseWithGuessedClock(): Promise<string> {
    setClock(MONDAY_4_JAN);
    const resident = (await usersOf('resident')).find((r) => r.personId)!;
    const { caseId } = await ok(
      callAs(resident.openid, 'cases', 'create', {
        requestId: 'req-holiday-0001',
        case: { source: 'selfReport', applicant: { name: '本人' }, description: '家里没有收入了', helpCategory: 'medical', sensitiveInfoConsent: true },
      }),
    );
    const clock = startClock('investigationStart', { unit: 'workingDays', amount: 5 }, MONDAY_4_JAN, []);
    await db().collection('cases').doc(caseId).update({ data: { clock } });
    return caseId;
  }

  it('the admin enters it: stored, audited, and an open case’s due date moves earlier with a notice to the office', async () => {
    const caseId = await openCaseWithGuessedClock();
    const versionBefore = (await one('cases', { _id: caseId })).version;
    const saved = await ok(callAs(admin.openid, 'admin', 'saveHolidayArrangement', { version: 0, arrangement }));
    expect(saved).toMatchObject({ version: 1, recompute: { done: true, moved: 1 } });
    expect(saved.settings.holidayArrangements).toEqual([arrangement]);
    expect((await auditOfSettings())[0]).toMatchObject({ actorId: admin._id, kind: 'update', to: [{ path: 'holidayArrangements.2027', value: arrangement }] });

    const c = await one('cases', { _id: caseId });
    expect(c.clock).toMatchObject({ dueDate: '2027-01-09', estimated: false });
    expect(c.version).toBe(Number(versionBefore) + 1);
    const { left } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(left.clock).toMatchObject({ unit: 'workingDays', estimated: false, days: 5 });
    const moved = await all('audit', { collection: 'cases', recordId: caseId, kind: 'update' });
    expect(moved).toEqual([expect.objectContaining({ actorId: admin._id, from: [{ step: 'investigationStart', dueDate: '2027-01-11' }], to: [{ step: 'investigationStart', dueDate: '2027-01-09' }] })]);
    const notices = await all('messages', { recipientUserId: officer._id, type: 'clockMovedEarlier' });
    expect(notices).toHaveLength(1);

    // Entered again unchanged: nothing moves, nothing more is said.
    await ok(callAs(admin.openid, 'admin', 'saveHolidayArrangement', { version: 1, arrangement }));
    expect(await all('messages', { recipientUserId: officer._id, type: 'clockMovedEarlier' })).toHaveLength(1);
  });

  it('firms the estimated due dates of an open visit issue and a monitoring warning, audited, the warning kept as one', async () => {
    setClock(MONDAY_4_JAN);
    const worker = (await usersOf('gridworker'))[0]!;
    const [visited] = await all('households', { gridId: worker.gridIds[0] });
    const monitored = await one('households', { gridId: worker.gridIds[0], monitoring: db().command.exists(false) });
    const [member] = await all('persons', { householdId: visited!._id });
    const answers = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered']));
    const visit = await ok(
      callAs(worker.openid, 'visits', 'record', {
        requestId: 'req-holiday-visit-1',
        householdId: visited!._id,
        visitedAt: MONDAY_4_JAN - 60_000,
        members: [{ personId: member!._id, ...answers, doesNotKnowHowToApply: true } as never],
      }),
    );
    const issueId = visit.issues[0]!._id;
    const income = { income: { perCapitaMonthly: 500, recordedAt: MONDAY_4_JAN } };
    const { warnings } = await ok(callAs(officer.openid, 'people', 'updateMonitoring', { householdId: monitored!._id, version: Number(monitored!.version), monitoring: income }));
    const warningId = warnings[0]!._id;
    // Guessed Monday–Friday: 5 wd → Mon 11 Jan, 10 wd → Mon 18 Jan; both say they are estimates.
    expect(await one('issues', { _id: issueId })).toMatchObject({ deadlineEstimated: true, deadlineAt: Date.UTC(2027, 0, 11, 15, 59, 59, 999) });
    expect(await one('warnings', { _id: warningId })).toMatchObject({ dueDate: '2027-01-18', dueEstimated: true });

    const saved = await ok(callAs(admin.openid, 'admin', 'saveHolidayArrangement', { version: 0, arrangement }));
    expect(saved.recompute.done).toBe(true);
    // The make-up Saturday 9 Jan is a working day: 5 wd → Sat 9 Jan, 10 wd → Fri 15 Jan.
    expect(await one('issues', { _id: issueId })).toMatchObject({ deadlineEstimated: false, deadlineAt: Date.UTC(2027, 0, 9, 15, 59, 59, 999) });
    expect(await one('warnings', { _id: warningId })).toMatchObject({ dueDate: '2027-01-15', dueEstimated: false });
    expect(await all('audit', { recordId: issueId, kind: 'update', actorId: admin._id })).toEqual([expect.objectContaining({ from: { deadline: '2027-01-11' }, to: { deadline: '2027-01-09' } })]);
    expect(await all('audit', { recordId: warningId, kind: 'update', actorId: admin._id })).toEqual([expect.objectContaining({ from: { dueDate: '2027-01-18' }, to: { dueDate: '2027-01-15' } })]);

    // The household's next monitoring check raises no second warning for the same income.
    const h = await one('households', { _id: monitored!._id });
    await ok(callAs(officer.openid, 'people', 'updateMonitoring', { householdId: h._id, version: Number(h.version), monitoring: income }));
    expect(await all('warnings', { householdId: monitored!._id })).toHaveLength(1);
  });

  it('a date moved later is recomputed silently', async () => {
    const caseId = await openCaseWithGuessedClock();
    const without = { ...arrangement, makeupDays: ['2027-02-20'] };
    // Thu 24 Dec 2026 + 10 wd guessed Thu 7 Jan (1 Jan counted); on the arrangement Fri 8 Jan.
    const clock = startClock('countyDecision', { unit: 'workingDays', amount: 10 }, Date.UTC(2026, 11, 24, 1, 0), []);
    await db().collection('cases').doc(caseId).update({ data: { clock } });
    await ok(callAs(admin.openid, 'admin', 'saveHolidayArrangement', { version: 0, arrangement: without }));
    expect((await one('cases', { _id: caseId })).clock).toMatchObject({ dueDate: '2027-01-08', estimated: false });
    expect(await all('messages', { recipientUserId: officer._id, type: 'clockMovedEarlier' })).toHaveLength(0);
  });

  it('refuses a non-admin, a stale version and a bad arrangement, writing nothing', async () => {
    const cases: Array<[DemoUser, unknown, string]> = [
      [officer, { version: 0, arrangement }, 'ROLE.FORBIDDEN'],
      [admin, { version: 4, arrangement }, 'RECORD.CONFLICT'],
      [admin, { version: 0, arrangement: { ...arrangement, makeupDays: ['2027-01-04'] } }, 'INPUT.INVALID'],
      [admin, { version: 0, arrangement: { ...arrangement, holidays: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-30' }] } }, 'INPUT.INVALID'],
    ];
    for (const [who, input, code] of cases) {
      expect(await callAs(who.openid, 'admin', 'saveHolidayArrangement', input as never)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await stored()).toBeUndefined();
    expect(await auditOfSettings()).toEqual([]);
  });
});
