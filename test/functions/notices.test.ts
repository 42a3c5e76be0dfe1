// Issue 13: the village notice board and the policy guide through the real cases handlers on the local database —
// what a notice shows (name, household size, amount; no ID, no phone, no minor), the notice's end feeding the case
// clock, objections from the village's residents to the office's answer, and the guide's editing by role with audit.
import { isMinorOn } from '../../src/core/calendar';
import { db } from '../../server/platform/cloud';
import { all, callAs, freshTown, ok, resetClock, setClock, usersOf, type DemoUser, type Raw } from './harness';
import { uploadAs } from './uploads';

const NOW = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const DAY = 86_400_000;

let officer: DemoUser;
let cadre: DemoUser;
let worker: DemoUser;
let resident: DemoUser;
let villageId: string;

afterEach(resetClock);

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0]!;
  resident = (await usersOf('resident')).find((r) => r.personId)!;
  const person = (await db().collection('persons').where({ _id: resident.personId }).get()).data[0] as { gridId: string; villageId: string };
  villageId = person.villageId;
  worker = (await usersOf('gridworker')).find((w) => w.gridIds.includes(person.gridId))!;
  cadre = (await usersOf('cadre')).find((c) => c.villageIds.includes(villageId))!;
});

async function step(who: DemoUser, caseId: string, event: Record<string, unknown>) {
  const { case: c } = await ok(callAs(who.openid, 'cases', 'get', { caseId }));
  return callAs(who.openid, 'cases', 'transition', { caseId, version: c.version, event: event as never });
}

let requests = 0;
/** A 低保 / 特困 application for a roster person, filed by proxy on paper, investigated and reviewed favourably. */
async function reviewed(personId: string, kind: 'dibao' | 'tekun', amount: number): Promise<string> {
  requests += 1;
  const person = (await db().collection('persons').where({ _id: personId }).get()).data[0] as { gridId: string };
  const filer = (await usersOf('gridworker')).find((w) => w.gridIds.includes(person.gridId))!;
  const consent = async () => [await uploadAs(filer.openid, 'consent')];
  const { caseId } = await ok(
    callAs(filer.openid, 'cases', 'create', {
      requestId: `req-notice-${requests}-0001`,
      personId,
      case: {
        source: 'proxy' as const,
        kind,
        applicant: { name: '任意' },
        authorisationPhotoFileId: await uploadAs(filer.openid, 'authorisation'),
        paperConsents: [
          { key: 'truthPledge', fileIds: await consent() },
          { key: 'dataCheckAuthorisation', fileIds: await consent() },
          { key: 'sensitiveInfo', fileIds: await consent() },
        ],
      },
    }),
  );
  await ok(step(filer, caseId, { type: 'recordPaperConfirmation', photoFileId: await uploadAs(filer.openid, 'confirmation') }));
  const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
  const items = await Promise.all(c.materials.filter((m) => m.required && !m.platformHeld).map(async (m) => ({ key: m.key, fileIds: [await uploadAs(filer.openid)] })));
  if (items.length) await ok(step(filer, caseId, { type: 'materialsSupplied', items }));
  await ok(step(officer, caseId, { type: 'accept' }));
  await ok(step(officer, caseId, { type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '李明' }, { name: '王芳' }], formPhotoFileId: await uploadAs(officer.openid, 'investigation') }));
  await ok(step(officer, caseId, { type: 'requestDataCheck' }));
  await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-31' }));
  if (kind === 'tekun') {
    const answers = { eating: false, dressing: false, bedTransfer: false, toileting: false, walkingIndoors: false, bathing: false };
    await ok(step(officer, caseId, { type: 'assessSelfCare', answers }));
  }
  await ok(step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: amount }));
  return caseId;
}

/** Persons of the village outside the resident's household: an adult, and a minor of a third household. */
async function villagers(): Promise<{ adult: Raw; minor: Raw }> {
  const persons = await all('persons', { villageId });
  const today = '2026-11-02';
  // Other households: an open case of the same kind for a household is linked, not made twice.
  const own = (await one(resident.personId!)).householdId;
  const adult = persons.find((p) => p.householdId !== own && !isMinorOn(String(p.birthDate), today))!;
  const minor = persons.find((p) => p.householdId !== own && p.householdId !== adult.householdId && isMinorOn(String(p.birthDate), today))!;
  return { adult, minor };
}

describe('村务公示', () => {
  it('posts name, household size and amount only — no ID, no phone, no minor — and the case notice ends when the board does', async () => {
    const { adult, minor } = await villagers();
    const first = await reviewed(resident.personId!, 'dibao', 600);
    const second = await reviewed(String(adult._id), 'dibao', 450);
    const child = await reviewed(String(minor._id), 'tekun', 900);

    const board = await ok(callAs(cadre.openid, 'cases', 'noticeBoard', {}));
    expect(board.ready).toHaveLength(2);
    const published = await ok(callAs(cadre.openid, 'cases', 'publishNotice', { requestId: 'notice-0001' }));
    expect(published).toMatchObject({ startDate: '2026-11-02', endsOn: '2026-11-09', posted: 2 });

    // A retry of the same request answers the same notice and posts nothing twice.
    expect(await ok(callAs(cadre.openid, 'cases', 'publishNotice', { requestId: 'notice-0001' }))).toEqual(published);
    expect(await all('noticeBoards')).toHaveLength(1);

    const shared = await ok(callAs(resident.openid, 'cases', 'sharedNotice', { noticeId: published.noticeId }));
    const text = JSON.stringify(shared);
    for (const p of [await one(resident.personId!), adult, minor]) {
      expect(text).not.toContain(String(p.idNumber));
      if (p.phone) expect(text).not.toContain(String(p.phone));
    }
    expect(text).not.toContain(String(minor.name));
    expect(text).not.toContain(first); // no case ids in what the public sees
    expect(shared.entries.map((e) => Object.keys(e).sort())).toEqual([
      ['amountYuan', 'applicantName', 'householdSize', 'index', 'kind'],
      ['amountYuan', 'applicantName', 'householdSize', 'index', 'kind'],
    ]);
    expect(shared.entries.map((e) => e.amountYuan).sort()).toEqual([450, 600]);

    // Each posted case's notice is the board's; the minor's case was not posted.
    for (const caseId of [first, second]) {
      const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
      expect(c.state).toBe('publicNotice');
      expect(c.publicNotices.at(-1)).toMatchObject({ startDate: published.startDate, endsOn: published.endsOn });
    }
    expect((await ok(callAs(officer.openid, 'cases', 'get', { caseId: child }))).case.state).toBe('reviewed');

    // The case clock follows the board's end: not before it, and on it the case goes on to the decision.
    setClock(NOW + 6 * DAY);
    expect(await step(cadre, first, { type: 'endPublicNotice' })).toMatchObject({ ok: false, error: { code: 'CASE.NOTICE_NOT_ENDED' } });
    setClock(Date.parse(`${published.endsOn}T09:00:00+08:00`));
    await ok(step(cadre, first, { type: 'endPublicNotice' }));
    expect((await ok(callAs(officer.openid, 'cases', 'get', { caseId: first }))).case.state).toMatch(/^awaiting(Town|County)Decision$/);

    // Audited.
    expect(await all('audit', { collection: 'noticeBoards', recordId: published.noticeId, kind: 'create' })).toHaveLength(1);
  });

  it('a resident of the village objects; the office answers; a named filer sees the answer, an anonymous one stays unknown', async () => {
    await reviewed(resident.personId!, 'dibao', 600);
    const { noticeId } = await ok(callAs(cadre.openid, 'cases', 'publishNotice', { requestId: 'notice-0002' }));
    const mine = await ok(callAs(resident.openid, 'cases', 'villageNotices', {}));
    expect(mine).toMatchObject({ linked: true, boards: [{ noticeId, running: true }] });

    const named = await ok(callAs(resident.openid, 'cases', 'fileObjection', { requestId: 'objection-0001', noticeId, entryIndex: 0, text: '他家在城里有商铺出租', anonymous: false }));
    await ok(callAs(resident.openid, 'cases', 'fileObjection', { requestId: 'objection-0002', noticeId, entryIndex: 0, text: '收入情况与实际不符', anonymous: true }));
    // Too long, and after the notice: refused, nothing stored.
    expect(await callAs(resident.openid, 'cases', 'fileObjection', { requestId: 'objection-0003', noticeId, entryIndex: 0, text: '长'.repeat(151), anonymous: true })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });

    // Another village's resident may read a shared notice but not object to it.
    const outsider = await residentOfAnotherVillage();
    {
      expect(await ok(callAs(outsider.openid, 'cases', 'sharedNotice', { noticeId }))).toMatchObject({ noticeId });
      expect(await callAs(outsider.openid, 'cases', 'fileObjection', { requestId: 'objection-0004', noticeId, entryIndex: 0, text: '有异议', anonymous: false })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    }
    // Only the office answers.
    expect(await callAs(cadre.openid, 'cases', 'objections', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });

    const tasks = await ok(callAs(officer.openid, 'cases', 'objections', {}));
    expect(tasks.items).toHaveLength(2);
    const anonymous = tasks.items.find((o) => o.anonymous)!;
    expect(anonymous.filerName).toBeNull();
    expect(JSON.stringify(anonymous)).not.toContain(resident._id);
    expect(tasks.items.find((o) => !o.anonymous)!.filerName).toBeTruthy();
    const officerMessages = await all('messages', { recipientUserId: officer._id, type: 'noticeObjection' });
    expect(officerMessages).toHaveLength(2);

    const task = tasks.items.find((o) => o._id === named.objectionId)!;
    await ok(callAs(officer.openid, 'cases', 'answerObjection', { objectionId: task._id, version: task.version, answer: '经核实，商铺已于去年转让，不影响认定' }));
    expect(await callAs(officer.openid, 'cases', 'answerObjection', { objectionId: task._id, version: task.version + 1, answer: '再答一次' })).toMatchObject({ ok: false, error: { code: 'NOTICE.OBJECTION_ANSWERED' } });
    // A stale answer is a conflict whose fresh record is the office's view: the anonymous filer stays unknown.
    const stale = await callAs(officer.openid, 'cases', 'answerObjection', { objectionId: anonymous._id, version: anonymous.version + 1, answer: '已重新核实收入' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT' } });
    expect(JSON.stringify(stale)).not.toContain(resident._id);
    await ok(callAs(officer.openid, 'cases', 'answerObjection', { objectionId: anonymous._id, version: anonymous.version, answer: '已重新核实收入' }));

    const after = await ok(callAs(resident.openid, 'cases', 'villageNotices', {}));
    expect(after.mine.find((o) => !o.anonymous)).toMatchObject({ state: 'answered', answer: '经核实，商铺已于去年转让，不影响认定' });
    expect(after.mine.find((o) => o.anonymous)).toMatchObject({ state: 'answered', answer: null });
    expect(await all('messages', { recipientUserId: resident._id, type: 'objectionAnswered' })).toHaveLength(1);
    expect(await all('audit', { collection: 'noticeObjections', kind: 'update' })).toHaveLength(2);

    setClock(NOW + 7 * DAY);
    expect(await callAs(resident.openid, 'cases', 'fileObjection', { requestId: 'objection-0005', noticeId, entryIndex: 0, text: '有异议', anonymous: false })).toMatchObject({ ok: false, error: { code: 'NOTICE.NOT_RUNNING' } });
    expect(await all('noticeObjections')).toHaveLength(2);
  });

  it('a village with nothing to post publishes nothing; a cadre cannot post another village', async () => {
    expect(await callAs(cadre.openid, 'cases', 'publishNotice', { requestId: 'notice-0003' })).toMatchObject({ ok: false, error: { code: 'NOTICE.NOTHING_TO_POST' } });
    const other = (await all('villages')).find((v) => v._id !== villageId)!;
    expect(await callAs(cadre.openid, 'cases', 'publishNotice', { requestId: 'notice-0004', villageId: other._id })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(resident.openid, 'cases', 'publishNotice', { requestId: 'notice-0005' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await all('noticeBoards')).toHaveLength(0);
  });
});

describe('政策指南', () => {
  it('everyone reads the defaults; only the office edits, versioned and audited', async () => {
    const guide = await ok(callAs(resident.openid, 'cases', 'guide', {}));
    const dibao = guide.topics.find((t) => t.topic === 'dibao')!;
    expect(dibao).toMatchObject({ edited: false, version: 0, nextStep: { type: 'apply', kind: 'dibao' } });
    expect(dibao.text.time).toContain('7天');
    expect(guide.topics.map((t) => t.topic)).toEqual(['dibao', 'dibaoEdge', 'tekun', 'temporaryEmergency', 'temporaryExpense', 'referrals', 'disability']);

    const text = { ...dibao.text, where: '清溪镇民政办，电话 0000-1234567，工作日上午' };
    for (const who of [resident, worker, cadre]) {
      expect(await callAs(who.openid, 'cases', 'saveGuide', { topic: 'dibao', version: 0, text })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    }
    expect(await callAs(officer.openid, 'cases', 'saveGuide', { topic: 'dibao', version: 0, text: { ...text, who: '' } })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await callAs(officer.openid, 'cases', 'saveGuide', { topic: 'dibao', version: 0, text: { ...text, who: '长'.repeat(601) } })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await all('guides')).toHaveLength(0);

    const saved = await ok(callAs(officer.openid, 'cases', 'saveGuide', { topic: 'dibao', version: 0, text }));
    expect(saved.version).toBe(1);
    // A second editor on the old version loses; the stored text stays.
    expect(await callAs(officer.openid, 'cases', 'saveGuide', { topic: 'dibao', version: 0, text: { ...text, where: '别处' } })).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT' } });
    const again = await ok(callAs(officer.openid, 'cases', 'saveGuide', { topic: 'dibao', version: 1, text: { ...text, bring: '身份证' } }));
    expect(again.version).toBe(2);

    const read = (await ok(callAs(resident.openid, 'cases', 'guide', {}))).topics.find((t) => t.topic === 'dibao')!;
    expect(read).toMatchObject({ edited: true, version: 2, text: { where: text.where, bring: '身份证' } });
    const audit = await all('audit', { collection: 'guides', recordId: 'dibao' });
    expect(audit.map((a) => a.kind).sort()).toEqual(['create', 'update']);
  });
});

async function one(personId: string): Promise<Raw> {
  return (await db().collection('persons').where({ _id: personId }).get()).data[0] as Raw;
}

/** A resident linked to a roster person of another village (the demo town has some in every village). */
async function residentOfAnotherVillage(): Promise<DemoUser> {
  for (const r of await usersOf('resident')) {
    if (r.personId && (await one(r.personId)).villageId !== villageId) return r;
  }
  throw new Error('the demo town has no linked resident outside the village');
}
