// Private files (issue 9) on the real handlers: a file reference is accepted only when it is a JPEG or PNG the
// caller uploaded in this environment to a path issued to them (or is already on the record being edited); photo
// links are answered by the same scope as reading the record, are short-lived, and sensitive views are audited.
import cloud, { local } from '../../local/wx-server-sdk';
import { db } from '../../server/platform/cloud';
import { COLLECTIONS } from '../../server/platform/collections';
import { CHECKLIST_KEYS } from '../../src/core/visits/visit-record';
import { all, callAs, freshTown, ok, one, resetClock, setClock, snapshot, usersOf, type DemoUser } from './harness';
import { JPEG, PNG, uploadAs } from './uploads';

const NOW = Date.UTC(2026, 10, 2, 2, 0);
let officer: DemoUser, admin: DemoUser, worker: DemoUser, otherWorker: DemoUser, resident: DemoUser, stranger: DemoUser;
let gridId: string;

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0];
  admin = (await usersOf('admin'))[0];
  const residents = await usersOf('resident');
  resident = residents.find((r) => r.personId)!;
  stranger = residents.find((r) => !r.personId)!;
  const person = (await db().collection('persons').where({ _id: resident.personId }).get()).data[0] as { gridId: string; villageId: string };
  gridId = person.gridId;
  const workers = await usersOf('gridworker');
  worker = workers.find((w) => w.gridIds.includes(person.gridId))!;
  otherWorker = workers.find((w) => !w.villageIds.includes(person.villageId))!;
});
afterEach(resetClock);

const WRITES = [COLLECTIONS.cases, COLLECTIONS.audit, COLLECTIONS.messages, COLLECTIONS.visits];

function proxyCase(requestId: string, authorisationPhotoFileId: string, materials: string[] = []) {
  return callAs(worker.openid, 'cases', 'create', {
    requestId,
    personId: resident.personId,
    case: {
      source: 'proxy',
      kind: 'dibao',
      applicant: { name: '任意' },
      authorisationPhotoFileId,
      ...(materials.length ? { materials: [{ key: 'incomeStatement', fileIds: materials }] } : {}),
    },
  });
}

describe('file references', () => {
  it('accepts a PNG and a JPEG the caller uploaded to paths issued to them', async () => {
    const png = await uploadAs(worker.openid, 'authorisation', PNG, 'png');
    const jpeg = await uploadAs(worker.openid, 'material', JPEG, 'jpg');
    expect(png).toMatch(new RegExp(`^cloud://local/uploads/${worker._id}/authorisation/[0-9a-f]{32}\\.png$`));
    const made = await ok(proxyCase('req-files-0001', png, [jpeg]));
    const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId: made.caseId }));
    expect(c.proxy?.authorisationPhotoFileId).toBe(png);
    expect(c.materials.find((m) => m.key === 'incomeStatement')?.fileIds).toEqual([jpeg]);
  });

  it('refuses other users\' files, URLs, "..", other environments, missing files, text named .jpg and unissued paths — and writes nothing', async () => {
    const mine = await uploadAs(worker.openid, 'authorisation');
    const ticket = mine.split('/').pop()!;
    const theirs = await uploadAs(otherWorker.openid, 'authorisation');
    const { cloudPath: neverUploaded } = await ok(callAs(worker.openid, 'session', 'prepareUpload', { requestId: 'never-uploaded-1', purpose: 'material', ext: 'png' }));
    const text = await uploadAs(worker.openid, 'material', Buffer.from('this is not a photo at all'), 'jpg');
    const unissued = (await cloud.uploadFile({ cloudPath: `uploads/${worker._id}/material/0123456789abcdef0123456789abcdef.png`, fileContent: PNG })).fileID;
    const bad = [
      theirs,
      'https://example.com/id-card.jpg',
      'http://127.0.0.1/files/uploads/x.png',
      `cloud://local/uploads/${worker._id}/material/../../${theirs.split('/uploads/')[1]}`,
      `cloud://local/uploads/${worker._id}/authorisation/%2e%2e/${ticket}`,
      mine.replace('cloud://local/', 'cloud://other-env.6f74-other-env-1300000000/'),
      `cloud://local/${neverUploaded}`,
      text,
      unissued,
      `cloud://local/uploads/${worker._id}/unknown/${ticket}`,
    ];
    const before = await snapshot(WRITES);
    for (const fileId of bad) {
      const res = await proxyCase(`req-files-bad-${bad.indexOf(fileId)}`, fileId);
      expect({ fileId, res }).toMatchObject({ res: { ok: false, error: { code: 'FILE.REFERENCE_INVALID', message: expect.stringContaining('照片') } } });
      // A good file beside a bad one does not carry it.
      expect(await proxyCase(`req-files-mix-${bad.indexOf(fileId)}`, mine, [fileId])).toMatchObject({ ok: false, error: { code: 'FILE.REFERENCE_INVALID' } });
    }
    expect(await snapshot(WRITES)).toEqual(before);
  });

  it('issues upload paths under the opaque user id: a path never carries an OPENID, even on a first call', async () => {
    const answer = await ok(callAs('o-never-seen-before-0001', 'session', 'prepareUpload', { requestId: 'upload-unknown-1', purpose: 'report', ext: 'jpg' }));
    const user = await one('users', { openid: 'o-never-seen-before-0001' });
    expect(answer.cloudPath.startsWith(`uploads/${user._id}/report/`)).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('o-never-seen-before-0001');
    // A retry of the same request answers the same path; the admin uploads nothing.
    const again = await ok(callAs(worker.openid, 'session', 'prepareUpload', { requestId: 'upload-same-0001', purpose: 'visit', ext: 'png' }));
    expect(await ok(callAs(worker.openid, 'session', 'prepareUpload', { requestId: 'upload-same-0001', purpose: 'visit', ext: 'png' }))).toEqual(again);
    expect(await callAs(admin.openid, 'session', 'prepareUpload', { requestId: 'upload-admin-01', purpose: 'visit', ext: 'png' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });

  it('accepts on an edit a file already attached to the case, though another user uploaded it', async () => {
    const income = await uploadAs(worker.openid, 'material');
    const { caseId } = await ok(proxyCase('req-files-0002', await uploadAs(worker.openid, 'authorisation'), [income]));
    await ok(callAs(resident.openid, 'cases', 'transition', {
      caseId,
      version: (await ok(callAs(resident.openid, 'cases', 'get', { caseId }))).case.version,
      event: { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] },
    }));
    const step = async (who: DemoUser, event: object) => {
      const { case: c } = await ok(callAs(who.openid, 'cases', 'get', { caseId }));
      return callAs(who.openid, 'cases', 'transition', { caseId, version: c.version, event: event as never });
    };
    // The officer re-lists the worker's income statement beside a new assets statement of their own.
    const assets = await uploadAs(officer.openid, 'material', JPEG, 'jpg');
    expect(await step(officer, { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: [income] }, { key: 'assetsStatement', fileIds: [assets] }] })).toMatchObject({ ok: true });
    // The same file is not accepted on another case it is not attached to.
    const other = await callAs(resident.openid, 'cases', 'create', { requestId: 'req-files-0003', case: { source: 'selfReport', applicant: { name: '本人' }, description: '需要帮助', helpCategory: 'medical', sensitiveInfoConsent: true, photoFileIds: [income] } });
    expect(other).toMatchObject({ ok: false, error: { code: 'FILE.REFERENCE_INVALID' } });
  });

  it('checks visit photos too, and a retry of a stored visit keeps its photos', async () => {
    const household = (await all(COLLECTIONS.households, { gridId }))[0]!;
    const member = (await all(COLLECTIONS.persons, { householdId: household._id }))[0]!;
    const answers = { personId: member._id, ...Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered'])) };
    const input = { requestId: 'visit-files-0001', householdId: household._id, visitedAt: NOW - 60_000, members: [answers], notes: '' };
    expect(await callAs(worker.openid, 'visits', 'record', { ...input, photos: [await uploadAs(otherWorker.openid, 'visit')] } as never)).toMatchObject({ ok: false, error: { code: 'FILE.REFERENCE_INVALID' } });
    const photo = await uploadAs(worker.openid, 'visit');
    const first = await ok(callAs(worker.openid, 'visits', 'record', { ...input, photos: [photo] } as never));
    expect(await callAs(worker.openid, 'visits', 'record', { ...input, photos: [photo] } as never)).toMatchObject({ ok: true, data: { visitId: first.visitId, created: false } });
  });
});

describe('photo links', () => {
  async function viewsOf(recordId: string): Promise<{ actorId: string; kind: string; why?: string }[]> {
    return (await all(COLLECTIONS.audit, { recordId })) as never;
  }

  it('answer the owner resident and the staff in scope; not another resident, another grid or the admin', async () => {
    const photo = await uploadAs(resident.openid, 'report', JPEG, 'jpg');
    const { caseId } = await ok(callAs(resident.openid, 'cases', 'create', {
      requestId: 'req-links-0001',
      case: { source: 'selfReport', applicant: { name: '本人' }, description: '家里漏雨', helpCategory: 'housing', sensitiveInfoConsent: true, photoFileIds: [photo] },
    }));
    for (const who of [resident, worker, officer]) {
      const links = await ok(callAs(who.openid, 'cases', 'fileUrls', { caseId, fileIds: [photo] }));
      expect(links.items).toEqual([{ fileId: photo, url: expect.stringMatching(/^\/files\/uploads\//) }]);
      const url = new URL(links.items[0]!.url!, 'http://local');
      expect(local.files.verifyUrl(url.pathname, url.searchParams.get('t'))).toBe(photo.replace('cloud://local/', ''));
      // Short-lived: the link expires ten minutes on (the stand-in signs the maxAge the function asked for).
      const expiresAt = Number(url.searchParams.get('t')!.split('.')[0]);
      expect(expiresAt - Date.now()).toBeGreaterThan(590_000);
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(600_000);
    }
    expect(await callAs(stranger.openid, 'cases', 'fileUrls', { caseId, fileIds: [photo] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(otherWorker.openid, 'cases', 'fileUrls', { caseId, fileIds: [photo] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(admin.openid, 'cases', 'fileUrls', { caseId, fileIds: [photo] })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    // Only files on that record: a case the caller may read does not open someone else's upload.
    const elsewhere = await uploadAs(otherWorker.openid, 'material');
    expect(await callAs(officer.openid, 'cases', 'fileUrls', { caseId, fileIds: [elsewhere] })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_ATTACHED' } });
    // A report photo is not a sensitive view: no view entry beyond the case's own.
    expect((await viewsOf(caseId)).filter((a) => a.why?.startsWith('查看敏感照片'))).toEqual([]);
  });

  it('audit every view of a sensitive file (authorisation, income papers) by who looked', async () => {
    const authorisation = await uploadAs(worker.openid, 'authorisation');
    const income = await uploadAs(worker.openid, 'material', JPEG, 'jpg');
    const { caseId } = await ok(proxyCase('req-links-0002', authorisation, [income]));
    await ok(callAs(officer.openid, 'cases', 'fileUrls', { caseId, fileIds: [authorisation, income] }));
    await ok(callAs(worker.openid, 'cases', 'fileUrls', { caseId, fileIds: [income] }));
    const views = (await viewsOf(caseId)).filter((a) => a.kind === 'view' && a.why?.startsWith('查看敏感照片'));
    expect(views).toHaveLength(2);
    expect(views).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: officer._id, why: '查看敏感照片：委托书1张、申请材料1张' }),
        expect.objectContaining({ actorId: worker._id, why: '查看敏感照片：申请材料1张' }),
      ]),
    );
    // Links are answered, never stored: the case holds file ids only.
    expect(JSON.stringify(await all(COLLECTIONS.cases))).not.toMatch(/\/files\/|[?&]t=/);
  });

  it('answer an unsent upload only to its uploader (a reopened draft\'s thumbnails)', async () => {
    const mine = await uploadAs(worker.openid, 'visit');
    const theirs = await uploadAs(otherWorker.openid, 'visit');
    expect(await callAs(worker.openid, 'session', 'uploadLinks', { fileIds: [mine] })).toMatchObject({ ok: true, data: { items: [{ fileId: mine, url: expect.stringMatching(/^\/files\//) }] } });
    for (const fileIds of [[theirs], [mine, theirs], ['https://example.com/x.png']]) {
      expect(await callAs(worker.openid, 'session', 'uploadLinks', { fileIds })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_ATTACHED' } });
    }
  });

  it('answer a visit\'s photos to staff whose scope covers its grid only', async () => {
    const household = (await all(COLLECTIONS.households, { gridId }))[0]!;
    const member = (await all(COLLECTIONS.persons, { householdId: household._id }))[0]!;
    const answers = { personId: member._id, ...Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered'])) };
    const photo = await uploadAs(worker.openid, 'visit');
    const { visitId } = await ok(callAs(worker.openid, 'visits', 'record', { requestId: 'visit-links-0001', householdId: household._id, visitedAt: NOW - 60_000, members: [answers], notes: '', photos: [photo] } as never));
    for (const who of [worker, officer]) {
      expect(await callAs(who.openid, 'visits', 'fileUrls', { visitId, fileIds: [photo] })).toMatchObject({ ok: true, data: { items: [{ fileId: photo, url: expect.stringMatching(/^\/files\//) }] } });
    }
    expect(await callAs(otherWorker.openid, 'visits', 'fileUrls', { visitId, fileIds: [photo] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    for (const who of [resident, admin]) {
      expect(await callAs(who.openid, 'visits', 'fileUrls', { visitId, fileIds: [photo] })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    }
  });
});

describe('a ledger import reads its file from storage (issue 9: no long import through a call payload)', () => {
  const HEADER = '姓名,身份证号\n';

  it('reads a CSV the importer uploaded, and refuses another user\'s file, a photo, or a broken .xlsx', async () => {
    const own = await uploadAs(officer.openid, 'ledger', Buffer.from(`\uFEFF${HEADER}`, 'utf8'), 'csv');
    const checked = await callAs(officer.openid, 'people', 'import', { fileId: own, dryRun: true });
    expect(checked.ok || (checked as { error: { code: string } }).error.code !== 'FILE.REFERENCE_INVALID').toBe(true);
    const others = await uploadAs(worker.openid, 'ledger', Buffer.from(HEADER, 'utf8'), 'csv');
    expect(await callAs(officer.openid, 'people', 'import', { fileId: others, dryRun: true })).toMatchObject({ ok: false, error: { code: 'FILE.REFERENCE_INVALID' } });
    const photo = await uploadAs(officer.openid, 'material');
    expect(await callAs(officer.openid, 'people', 'import', { fileId: photo, dryRun: true })).toMatchObject({ ok: false, error: { code: 'FILE.REFERENCE_INVALID' } });
    const notXlsx = await uploadAs(officer.openid, 'ledger', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'xlsx'); // a zip header and nothing
    expect(await callAs(officer.openid, 'people', 'import', { fileId: notXlsx, dryRun: true })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: expect.stringContaining('Excel') } });
    expect(await callAs(officer.openid, 'session', 'prepareUpload', { requestId: 'ledger-as-photo-1', purpose: 'ledger', ext: 'jpg' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });
});
