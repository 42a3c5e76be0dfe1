// Issue 11 items 1–3 through the real cases handlers on the local database: the delegated town decision's clock on
// the worklist and in the sweep; the county's data-check start clock; outside steps entered late judged by their
// day with who entered them and when; the termination procedure after approval.
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { db } from '../../server/platform/cloud';
import { callAs, freshTown, ok, resetClock, setClock, usersOf, type DemoUser } from './harness';
import { uploadAs } from './uploads';

const NOW = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const DAY = 86_400_000;
/** 10:00 Beijing on a date. */
const at = (date: string) => Date.parse(`${date}T10:00:00+08:00`);

let officer: DemoUser;
let worker: DemoUser;
let cadre: DemoUser;
let resident: DemoUser;
let admin: DemoUser;

afterEach(resetClock);

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0]!;
  admin = (await usersOf('admin'))[0]!;
  resident = (await usersOf('resident')).find((r) => r.personId)!;
  const person = (await db().collection('persons').where({ _id: resident.personId }).get()).data[0] as { gridId: string; villageId: string };
  worker = (await usersOf('gridworker')).find((w) => w.gridIds.includes(person.gridId))!;
  cadre = (await usersOf('cadre')).find((c) => c.villageIds.includes(person.villageId))!;
});

async function step(who: DemoUser, caseId: string, event: Record<string, unknown>) {
  const { case: c } = await ok(callAs(who.openid, 'cases', 'get', { caseId }));
  return callAs(who.openid, 'cases', 'transition', { caseId, version: c.version, event: event as never });
}
const view = (caseId: string, who: DemoUser = officer) => ok(callAs(who.openid, 'cases', 'get', { caseId }));
const sweep = () => FUNCTION_MAINS.cases({ Type: 'Timer', TriggerName: 'sweepClocks' });
async function messagesOf(userId: string): Promise<{ type: string; link: string; body: string }[]> {
  return (await db().collection('messages').where({ recipientUserId: userId }).limit(100).get()).data as never;
}

/** A 低保 application filed by proxy, confirmed, complete, accepted and investigated; the data check requested. */
async function investigated(): Promise<string> {
  const { caseId } = await ok(
    callAs(worker.openid, 'cases', 'create', {
      requestId: 'req-clock-0001',
      personId: resident.personId,
      case: { source: 'proxy' as const, kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
    }),
  );
  await ok(step(resident, caseId, { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] }));
  const [income, assets] = [await uploadAs(worker.openid), await uploadAs(worker.openid)];
  await ok(step(worker, caseId, { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: [income] }, { key: 'assetsStatement', fileIds: [assets] }] }));
  await ok(step(officer, caseId, { type: 'accept' }));
  await ok(step(officer, caseId, { type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '李明' }, { name: '王芳' }], formPhotoFileId: await uploadAs(officer.openid, 'investigation') }));
  await ok(step(officer, caseId, { type: 'requestDataCheck' }));
  return caseId;
}

/** On to the end of the 7-day notice (posted on `postedOn`, ended 7 days later). */
async function noticeEnded(caseId: string, postedOn: string): Promise<void> {
  await ok(step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600 }));
  setClock(at(postedOn));
  await ok(step(cadre, caseId, { type: 'startPublicNotice' }));
  setClock(at(postedOn) + 7 * DAY);
  await ok(step(cadre, caseId, { type: 'endPublicNotice' }));
}

it('the county data check starts a 3-wd clock; entered a week late it is judged by the day the county started', async () => {
  const caseId = await investigated();
  const requested = await view(caseId);
  expect(requested.case.dataCheckClock).toMatchObject({ step: 'dataCheckStart', dueDate: '2026-11-05' });
  expect(requested.left.dataCheckClock).toMatchObject({ unit: 'workingDays', days: 3, overdue: false });
  setClock(at('2026-11-04'));
  expect((await ok(callAs(officer.openid, 'cases', 'worklist', { due: 'dueSoon' }))).items.map((i) => i._id)).toEqual([caseId]);
  setClock(at('2026-11-09'));
  expect(await step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01', startedOn: '2026-11-10' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01', startedOn: '2026-11-04' }));
  const { case: c } = await view(caseId);
  expect(c.dataCheckClock).toBeUndefined();
  expect(c.clockHistory.find((k) => k.step === 'dataCheckStart')).toMatchObject({
    stoppedAt: Date.parse('2026-11-04T00:00:00+08:00'),
    stopRecordedAt: expect.closeTo(at('2026-11-09'), -3), // the test clock moves on by a few ms
    stopRecordedBy: officer._id,
  });
});

it('a county decision typed in after the due date but taken before it is met; the record keeps who entered it and when', async () => {
  const caseId = await investigated();
  await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }));
  await noticeEnded(caseId, '2026-11-09');
  expect((await view(caseId)).case.clock).toMatchObject({ step: 'countyDecision', dueDate: '2026-11-30' });
  setClock(at('2026-12-02'));
  await ok(step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 }, decidedOn: '2026-11-27' }));
  const { case: c } = await view(caseId);
  expect(c.decision).toMatchObject({ decidedOn: '2026-11-27', recordedAt: expect.closeTo(at('2026-12-02'), -3), recordedBy: officer._id, benefitStartMonth: '2026-12' });
  const county = c.clockHistory.find((k) => k.step === 'countyDecision')!;
  expect(county.stoppedAt).toBeLessThanOrEqual(county.dueAt);
  expect(county).toMatchObject({ stopRecordedAt: expect.closeTo(at('2026-12-02'), -3), stopRecordedBy: officer._id });
});

it('with confirmation delegated, the town decision waits on a 10-wd clock the worklist and the sweep see', async () => {
  await ok(callAs(admin.openid, 'admin', 'updateSettings', { version: 0, changes: { townDelegatedConfirmation: true } }));
  const caseId = await investigated();
  await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }));
  await noticeEnded(caseId, '2026-11-09');
  const { case: c } = await view(caseId);
  expect(c).toMatchObject({ state: 'awaitingTownDecision', clock: { step: 'townConfirmation', amount: 10, dueDate: '2026-11-30' } });
  setClock(c.clock!.dueSoonAt);
  expect(await sweep()).toMatchObject({ ok: true });
  const warnings = (await messagesOf(officer._id)).filter((m) => m.type === 'clockDueSoon' && m.link === `case:${caseId}`);
  // The 20-wd delegated procedure (RULES §8) happens to fall due the same day; each clock warns once.
  expect(warnings.map((m) => m.body.match(/(乡镇审核确认|全程办理时限)期限/)?.[1]).sort()).toEqual(['乡镇审核确认', '全程办理时限'].sort());
  expect((await ok(callAs(officer.openid, 'cases', 'worklist', { due: 'dueSoon' }))).items.map((i) => i._id)).toContain(caseId);
});

it('terminates an approved 低保 after a verification finding: 7-day notice, an objection decided within 15 wd, stopped from next month', async () => {
  const caseId = await investigated();
  await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }));
  await noticeEnded(caseId, '2026-11-09');
  await ok(step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 } }));
  expect((await view(caseId)).available).toEqual(['startTermination', 'link']);
  expect(await step(worker, caseId, { type: 'startTermination', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });

  setClock(at('2026-12-03'));
  await ok(step(officer, caseId, { type: 'startTermination', reason: '核查发现家庭成员有稳定工资收入' }));
  expect((await view(caseId)).case).toMatchObject({ state: 'terminationNotice', termination: { noticeEndsOn: '2026-12-10' } });
  setClock(at('2026-12-04'));
  await ok(step(cadre, caseId, { type: 'objectToTermination', text: '工作上月已经没了' }));
  const objected = await view(caseId);
  expect(objected.case.clock).toMatchObject({ step: 'terminationObjection', amount: 15, dueDate: '2026-12-25' });
  expect((await ok(callAs(officer.openid, 'cases', 'worklist', {}))).items.map((i) => i._id)).toContain(caseId);

  setClock(at('2026-12-07'));
  await ok(step(officer, caseId, { type: 'decideTerminationObjection', outcome: 'rejected', note: '社保记录显示仍在职' }));
  expect(await step(officer, caseId, { type: 'terminate', transfer: 'temporaryAssistance' })).toMatchObject({ ok: false, error: { code: 'CASE.NOTICE_NOT_ENDED' } });
  setClock(at('2026-12-10'));
  await ok(step(officer, caseId, { type: 'terminate', transfer: 'temporaryAssistance', note: '医疗支出大，给予临时救助' }));
  const { case: ended, available } = await view(caseId);
  expect(ended).toMatchObject({ state: 'closed', closure: { outcome: 'terminated' }, termination: { stopsFromMonth: '2027-01', transfer: 'temporaryAssistance' } });
  expect(available).toEqual(['link']);
  const audit = (await db().collection('audit').where({ recordId: caseId, kind: 'transition' }).limit(100).get()).data as Array<{ to: string }>;
  expect(audit.map((a) => a.to)).toEqual(expect.arrayContaining(['terminationNotice', 'awaitingObjectionDecision']));
});

/** A 特困 application by proxy, taken through to the county's review (notice ended on 16 Nov 2026). */
async function tekunAtCounty(requestId: string): Promise<string> {
  const { caseId } = await ok(
    callAs(worker.openid, 'cases', 'create', {
      requestId,
      personId: resident.personId,
      case: { source: 'proxy' as const, kind: 'tekun', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
    }),
  );
  await ok(step(resident, caseId, { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] }));
  const { missing } = await view(caseId);
  const items = await Promise.all(missing.filter((m) => m.type === 'document').map(async (m) => ({ key: m.key, fileIds: [await uploadAs(worker.openid)] })));
  const consents = await Promise.all(missing.filter((m) => m.type === 'consent').map(async (m) => ({ key: m.key, fileIds: [await uploadAs(worker.openid)] })));
  if (items.length || consents.length) await ok(step(worker, caseId, { type: 'materialsSupplied', items, consents }));
  await ok(step(officer, caseId, { type: 'accept' }));
  await ok(step(officer, caseId, { type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '李明' }, { name: '王芳' }], formPhotoFileId: await uploadAs(officer.openid, 'investigation') }));
  await ok(step(officer, caseId, { type: 'requestDataCheck' }));
  await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }));
  const answers = { eating: true, dressing: true, bedTransfer: true, toileting: true, walkingIndoors: false, bathing: false };
  await ok(step(officer, caseId, { type: 'assessSelfCare', answers }));
  await noticeEnded(caseId, '2026-11-09');
  return caseId;
}

const shareOf = async (who: DemoUser) => (await ok(callAs(who.openid, 'cases', 'worklist', {}))).spotCheck;

it('shows the officer the county spot-check share of the town’s 特困 files and warns below 30 %', async () => {
  const caseId = await tekunAtCounty('req-clock-tekun-1');
  expect(await shareOf(officer)).toEqual({ sampled: 0, reviewed: 0, share: null, below: false });
  await ok(step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 900 } }));
  expect(await shareOf(officer)).toEqual({ sampled: 0, reviewed: 1, share: 0, below: true });
  expect(await shareOf(worker)).toBeNull();
});

it('counts a file the county sampled, recorded with who checked it and the result', async () => {
  const caseId = await tekunAtCounty('req-clock-tekun-2');
  expect(await step(worker, caseId, { type: 'recordSpotCheck', checkedBy: '周洁', result: 'passed' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  await ok(step(officer, caseId, { type: 'recordSpotCheck', checkedBy: '县民政局 周洁', result: 'passed', checkedOn: '2026-11-16' }));
  await ok(step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 900 } }));
  expect((await view(caseId)).case.spotCheck).toMatchObject({ checkedBy: '县民政局 周洁', result: 'passed', checkedOn: '2026-11-16', recordedBy: officer._id });
  expect(await shareOf(officer)).toEqual({ sampled: 1, reviewed: 1, share: 1, below: false });
});
