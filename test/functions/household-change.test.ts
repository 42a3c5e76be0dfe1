// Issue 15 item 3 through the real handlers: a rostered resident applying says the household size changed. The case
// keeps the roster's size; the report is the person's major change (RULES §9) and reaches the grid's gridworker.
import { db } from '../../server/platform/cloud';
import { callAs, freshTown, ok, resetClock, setClock, usersOf, type DemoUser } from './harness';

const NOW = Date.UTC(2026, 10, 2, 2, 0);

let resident: DemoUser;
let person: { _id: string; name: string; gridId: string; householdId: string };
let rosterSize: number;

afterEach(resetClock);
beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  resident = (await usersOf('resident')).find((r) => r.personId)!;
  person = (await db().collection('persons').where({ _id: resident.personId }).get()).data[0] as typeof person;
  rosterSize = ((await db().collection('households').where({ _id: person.householdId }).get()).data[0] as { size: number }).size;
});

const apply = (who: DemoUser, requestId: string, householdChange?: { size: number; why: string }) =>
  callAs(who.openid, 'cases', 'create', {
    requestId,
    // A size typed anyway (an old client) changes nothing: the roster's counts.
    case: { source: 'direct', kind: 'temporaryEmergency', applicant: { name: '本人', householdSize: 9 }, consents: ['sensitiveInfo'], ...(householdChange ? { householdChange } : {}) },
  });

it('keeps the roster’s household size on the case and tells the grid’s worker of the reported change', async () => {
  const change = { size: rosterSize + 1, why: '儿媳嫁过来，户口还没迁' };
  const { caseId } = await ok(apply(resident, 'req-household-change-1', change));

  const { case: c } = await ok(callAs((await usersOf('officer'))[0]!.openid, 'cases', 'get', { caseId }));
  expect(c.applicant.householdSize).toBe(rosterSize);

  const workers = (await usersOf('gridworker')).filter((w) => w.gridIds.includes(person.gridId));
  expect(workers.length).toBeGreaterThan(0);
  for (const worker of workers) {
    const inbox = await ok(callAs(worker.openid, 'session', 'inbox', { limit: 20 }));
    const report = inbox.items.find((m) => m.type === 'householdChange');
    expect(report).toMatchObject({ title: '居民报告家庭人口有变化', link: `person:${person._id}` });
    expect(report!.body).toContain(`花名册登记${rosterSize}人，本人说现在${rosterSize + 1}人（儿媳嫁过来，户口还没迁）`);
  }
  // Nobody else hears of it.
  const others = (await usersOf('gridworker')).filter((w) => !w.gridIds.includes(person.gridId));
  for (const other of others.slice(0, 2)) {
    const inbox = await ok(callAs(other.openid, 'session', 'inbox', { limit: 20 }));
    expect(inbox.items.some((m) => m.type === 'householdChange')).toBe(false);
  }

  // The existing major-change mechanism: on the person (their visit re-planned) and in the household's monitoring facts.
  const stored = (await db().collection('persons').where({ _id: person._id }).get()).data[0] as { majorChanges?: { kind: string }[] };
  expect(stored.majorChanges?.map((m) => m.kind)).toContain('householdSize');
  const household = (await db().collection('households').where({ _id: person.householdId }).get()).data[0] as { monitoring?: { majorChanges?: { kind: string }[] } };
  expect(household.monitoring?.majorChanges?.map((m) => m.kind)).toContain('householdSize');
});

it('without a reported change nothing goes to the worker; a resident not on the roster cannot report one', async () => {
  await ok(apply(resident, 'req-household-change-2'));
  const stored = (await db().collection('persons').where({ _id: person._id }).get()).data[0] as { majorChanges?: { kind: string }[] };
  expect(stored.majorChanges?.some((m) => m.kind === 'householdSize') ?? false).toBe(false);

  const newcomer = (await usersOf('resident')).find((r) => !r.personId)!;
  const refused = await callAs(newcomer.openid, 'cases', 'create', {
    requestId: 'req-household-change-3',
    gridId: person.gridId,
    case: { source: 'direct', kind: 'temporaryEmergency', applicant: { name: '本人' }, consents: ['sensitiveInfo'], householdChange: { size: 3, why: '新搬来' } },
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '还没有登记在册，不能报告家庭人口变化' } });
  // Someone not on the roster says how many they are, and the case keeps it.
  const { caseId } = await ok(
    callAs(newcomer.openid, 'cases', 'create', {
      requestId: 'req-household-change-4',
      gridId: person.gridId,
      case: { source: 'direct', kind: 'temporaryEmergency', applicant: { name: '本人', householdSize: 3 }, consents: ['sensitiveInfo'] },
    }),
  );
  const { case: c } = await ok(callAs((await usersOf('officer'))[0]!.openid, 'cases', 'get', { caseId }));
  expect(c.applicant.householdSize).toBe(3);
});
