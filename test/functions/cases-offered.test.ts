// Issue 15 item 4 through the real cases handlers: a step is offered (cases.get `available`) only when it can
// succeed — 登记核对结果 only after 申请经济状况核对 and once, 补齐手续 only after the resident answered a proxy
// application; the materials still missing come with the case so the form can say so before anyone confirms.
import { db } from '../../server/platform/cloud';
import { callAs, freshTown, ok, resetClock, setClock, usersOf, type DemoUser } from './harness';
import { uploadAs } from './uploads';

const NOW = Date.UTC(2026, 10, 2, 2, 0);

let officer: DemoUser;
let worker: DemoUser;
let resident: DemoUser;

afterEach(resetClock);

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0]!;
  resident = (await usersOf('resident')).find((r) => r.personId)!;
  const found = (await db().collection('persons').where({ _id: resident.personId }).get()).data[0] as { gridId: string };
  worker = (await usersOf('gridworker')).find((w) => w.gridIds.includes(found.gridId))!;
});

const view = (caseId: string) => ok(callAs(officer.openid, 'cases', 'get', { caseId }));
async function step(who: DemoUser, caseId: string, event: Record<string, unknown>) {
  const { case: c } = await view(caseId);
  return callAs(who.openid, 'cases', 'transition', { caseId, version: c.version, event: event as never });
}
const proxyCase = async (requestId: string, kind: 'dibao' | 'temporaryEmergency') =>
  (
    await ok(
      callAs(worker.openid, 'cases', 'create', {
        requestId,
        personId: resident.personId,
        case: { source: 'proxy' as const, kind, applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
      }),
    )
  ).caseId;

it('offers 登记核对结果 only while a requested data check waits for its result (RULES §5)', async () => {
  const caseId = await proxyCase('req-offered-dibao-1', 'dibao');
  await ok(step(resident, caseId, { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] }));
  const [income, assets] = [await uploadAs(worker.openid), await uploadAs(worker.openid)];
  await ok(step(worker, caseId, { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: [income] }, { key: 'assetsStatement', fileIds: [assets] }] }));
  await ok(step(officer, caseId, { type: 'accept' }));

  const before = (await view(caseId)).available;
  expect(before).toContain('requestDataCheck');
  expect(before).not.toContain('recordDataCheck');

  await ok(step(officer, caseId, { type: 'requestDataCheck' }));
  const waiting = (await view(caseId)).available;
  expect(waiting).toContain('recordDataCheck');
  expect(waiting).not.toContain('requestDataCheck');

  await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-21' }));
  expect((await view(caseId)).available).not.toContain('recordDataCheck');
  // Every step the page offered at each point went through: none of them was refused.
});

it('offers 补齐手续 only once the resident answered; the missing materials come with the case', async () => {
  const caseId = await proxyCase('req-offered-emergency-1', 'temporaryEmergency');
  await ok(step(worker, caseId, { type: 'recordEmergencyHelp', what: '送去棉被和食物', amountYuan: 300 }));
  const pending = await view(caseId);
  expect(pending.case.state).toBe('paperwork');
  expect(pending.available).not.toContain('completePaperwork');

  await ok(step(resident, caseId, { type: 'confirmByResident', consents: ['sensitiveInfo'] }));
  const confirmed = await view(caseId);
  expect(confirmed.available).toContain('completePaperwork');
  const paperwork = { type: 'completePaperwork', reason: '突发火灾', signOffs: ['李明', '王芳'] };
  // What the form lists before the confirmation is exactly what the server refuses for.
  expect(confirmed.missing.length).toBeGreaterThan(0);
  const refused = await step(officer, caseId, paperwork);
  expect(refused).toMatchObject({ ok: false, error: { code: 'CASE.MATERIALS_INCOMPLETE' } });
  for (const m of confirmed.missing) expect(refused.ok ? '' : refused.error.message).toContain(m.label);
});
