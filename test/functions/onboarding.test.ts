// Onboarding (issue 9) on the real local database: staff bind with a one-time invitation code (once, not expired,
// not reused, not revoked, rate-limited); residents get an opaque record on their first call; a resident links to
// their roster person (exact match, confirmed by that grid's gridworker, or by a link code at a visit) and what
// they filed before moves with them; a proxy application without a linked account is confirmed on paper.
import { db } from '../../server/platform/cloud';
import { INVITATION_VALID_MS } from '../../src/core/onboarding';
import { all, callAs, freshTown, ok, one, resetClock, setClock, snapshot, usersOf, type DemoUser, type Raw } from './harness';
import { uploadAs } from './uploads';

const NOW = Date.UTC(2026, 10, 2, 2, 0);
let admin: DemoUser;
let officer: DemoUser;
let worker: DemoUser;
let otherWorker: DemoUser;

afterEach(resetClock);

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  admin = (await usersOf('admin'))[0];
  officer = (await usersOf('officer'))[0];
  const workers = await usersOf('gridworker');
  worker = workers[0];
  otherWorker = workers.find((w) => !w.gridIds.some((g) => worker.gridIds.includes(g)))!;
});

/** Every string anywhere in a value (for "no OPENID in any answer" checks). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function expectNoOpenid(value: unknown, openid: string) {
  for (const s of strings(value)) expect(s).not.toContain(openid);
}

async function invite(name = '新网格员', requestId = 'invite-worker-001') {
  return ok(callAs(admin.openid, 'admin', 'createUser', { requestId, name, role: 'gridworker', areaId: worker.gridIds[0] }));
}

describe('staff invitations', () => {
  it('binds a fresh WeChat once, spends the code, lands as the staff member, and is audited', async () => {
    const made = await invite();
    const { code, qrUrl, expiresAt } = made.invitation!;
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    expect(expiresAt).toBeGreaterThanOrEqual(NOW + INVITATION_VALID_MS - 5_000);
    expect(qrUrl).toMatch(/^\/files\/admin\/invitations\/.+\.png\?t=/);
    // Only a hash of the code is stored.
    expect(JSON.stringify(await all('invitations'))).not.toContain(code);

    const fresh = 'openid-fresh-staff-0001';
    const bound = await callAs(fresh, 'session', 'bindStaff', { code: code.toLowerCase().replace(/(.{4})/g, '$1 ') });
    expect(bound).toMatchObject({ ok: true, data: { userId: made.user._id, role: 'gridworker' } });
    expectNoOpenid(bound, fresh);
    const me = await ok(callAs(fresh, 'session', 'me', {}));
    expect(me).toMatchObject({ userId: made.user._id, role: 'gridworker' });
    expect(me.grids.map((g) => g._id)).toEqual([worker.gridIds[0]]);

    // Spent: another WeChat gets INVITATION.USED and nothing changes.
    const before = await snapshot(['users', 'invitations']);
    expect(await callAs('openid-someone-else-01', 'session', 'bindStaff', { code })).toMatchObject({ ok: false, error: { code: 'INVITATION.USED', message: expect.stringContaining('重新邀请') } });
    const after = await snapshot(['users', 'invitations']);
    // The stranger got their own resident record on first call; the staff record and the invitation are untouched.
    expect(after.invitations).toEqual(before.invitations);
    expect(after.users.filter((u) => (u as Raw)._id === made.user._id)).toEqual(before.users.filter((u) => (u as Raw)._id === made.user._id));

    const trail = await all('audit', { collection: 'invitations' });
    expect(trail.map((a) => [a.action, a.kind])).toEqual(expect.arrayContaining([['createUser', 'create'], ['bindStaff', 'update']]));
    expect(JSON.stringify(await all('audit'))).not.toContain(fresh);
  });

  it('two WeChats racing with one code: exactly one binds, the other is told it was used', async () => {
    const made = await invite();
    const answers = await Promise.all(['openid-racer-a-0001', 'openid-racer-b-0001'].map((o) => callAs(o, 'session', 'bindStaff', { code: made.invitation!.code })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ ok: false, error: { code: 'INVITATION.USED' } });
    expect((await all('users', { _id: made.user._id }))[0].openid).toMatch(/^openid-racer-[ab]-0001$/);
  });

  it('refuses expired, wrong and revoked codes with their own messages, binding nothing', async () => {
    const made = await invite();
    const { code, invitationId } = made.invitation!;
    expect(await callAs('openid-wrong-code-01', 'session', 'bindStaff', { code: 'ABCDEFGHJKMN' })).toMatchObject({ ok: false, error: { code: 'INVITATION.INVALID' } });
    expect(await callAs('openid-wrong-code-01', 'session', 'bindStaff', { code: '123' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });

    setClock(NOW + INVITATION_VALID_MS + 1_000);
    expect(await callAs('openid-late-000001', 'session', 'bindStaff', { code })).toMatchObject({ ok: false, error: { code: 'INVITATION.EXPIRED', message: expect.stringContaining('72') } });
    setClock(NOW);

    const listed = await ok(callAs(admin.openid, 'admin', 'invitations', {}));
    const mine = listed.items.find((i) => i.invitationId === invitationId)!;
    expect(mine).toMatchObject({ name: '新网格员', status: 'pending', statusLabel: '待绑定' });
    await ok(callAs(admin.openid, 'admin', 'revokeInvitation', { invitationId, version: mine.version }));
    expect(await callAs('openid-revoked-0001', 'session', 'bindStaff', { code })).toMatchObject({ ok: false, error: { code: 'INVITATION.REVOKED' } });
    expect((await one('users', { _id: made.user._id })).openid).toMatch(/^pending:/);
    expect((await all('audit', { collection: 'invitations', recordId: invitationId })).map((a) => a.action)).toEqual(expect.arrayContaining(['createUser', 'revokeInvitation']));
  });

  it('re-inviting signs the old WeChat out at once: its next call is a plain resident, and old codes stop working', async () => {
    const made = await invite();
    await ok(callAs('openid-old-phone-01', 'session', 'bindStaff', { code: made.invitation!.code }));
    await ok(callAs('openid-old-phone-01', 'notify', 'subscribe', { templateIds: ['LOCAL-visit-digest'], result: { errMsg: 'requestSubscribeMessage:ok', 'LOCAL-visit-digest': 'accept' } }));
    expect(await all('subscriptions', { userId: made.user._id })).not.toHaveLength(0);
    const staff = await one('users', { _id: made.user._id });
    const again = await ok(callAs(admin.openid, 'admin', 'invite', { userId: made.user._id, version: Number(staff.version) }));
    expect(again.code).not.toBe(made.invitation!.code);

    // Nothing the town sends the staff member goes to the old WeChat any more.
    expect(await all('subscriptions', { userId: made.user._id })).toHaveLength(0);
    const oldPhone = await ok(callAs('openid-old-phone-01', 'session', 'me', {}));
    expect(oldPhone.role).toBe('resident');
    expect(oldPhone.userId).not.toBe(made.user._id);
    expect(await callAs('openid-old-phone-01', 'visits', 'worklist', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });

    await ok(callAs('openid-new-phone-01', 'session', 'bindStaff', { code: again.code }));
    expect(await ok(callAs('openid-new-phone-01', 'session', 'me', {}))).toMatchObject({ userId: made.user._id, role: 'gridworker' });
    const trail = await all('audit', { collection: 'users', recordId: made.user._id });
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['createUser', 'bindStaff', 'invite']));
    // Only the admin invites; nobody re-invites themself.
    expect(await callAs(officer.openid, 'admin', 'invite', { userId: made.user._id, version: 0 })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(admin.openid, 'admin', 'invite', { userId: admin._id, version: 0 })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });

  it('limits failed attempts per caller in the database (5 per 10 minutes), then refuses even a right code', async () => {
    const made = await invite();
    const guesser = 'openid-guesser-0001';
    for (let i = 0; i < 5; i++) expect(await callAs(guesser, 'session', 'bindStaff', { code: `ABCDEFGHJK${'MNPQRS'[i]}2` })).toMatchObject({ ok: false, error: { code: 'INVITATION.INVALID' } });
    expect(await callAs(guesser, 'session', 'bindStaff', { code: made.invitation!.code })).toMatchObject({ ok: false, error: { code: 'ATTEMPTS.TOO_MANY' } });
    expect((await one('users', { _id: made.user._id })).openid).toMatch(/^pending:/);
    // Parallel guesses cannot slip under the limit either.
    const racer = 'openid-racer-00001';
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => callAs(racer, 'session', 'bindStaff', { code: `ZZZZZZZZZZ${'23456789ABCD'[i]}Z` })));
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'INVITATION.INVALID').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 'INVITATION.INVALID').every((c) => c === 'ATTEMPTS.TOO_MANY')).toBe(true);
    // A new window, a new chance.
    setClock(NOW + 11 * 60_000);
    expect(await callAs(guesser, 'session', 'bindStaff', { code: made.invitation!.code })).toMatchObject({ ok: true });
  });
});

describe('residents', () => {
  it('the first call of an unknown OPENID creates one opaque record, even when two first calls race', async () => {
    const openid = 'openid-brand-new-resident-01';
    const answers = await Promise.all(Array.from({ length: 6 }, () => callAs(openid, 'session', 'me', {})));
    const ids = new Set(answers.map((a) => (a.ok ? a.data.userId : a.error.code)));
    expect(ids.size).toBe(1);
    const [userId] = [...ids];
    expect(userId).not.toContain(openid);
    expect(userId).toMatch(/^[0-9a-f]{32}$/);
    expect(await all('users', { openid })).toHaveLength(1);
    for (const a of answers) expectNoOpenid(a, openid);
    const created = await all('audit', { collection: 'users', recordId: userId });
    expect(created).toHaveLength(1);
  });
});

describe('resident linking', () => {
  /** A roster person of the worker's grid with a phone and no resident account. */
  async function unlinkedPerson(): Promise<Raw> {
    const linked = new Set((await usersOf('resident')).map((u) => u.personId).filter(Boolean));
    const persons = await all('persons', { gridId: worker.gridIds[0] });
    return persons.find((p) => p.phone && !linked.has(p._id as string))!;
  }

  async function proxyFor(personId: string, requestId = 'proxy-link-0001') {
    return ok(callAs(worker.openid, 'cases', 'create', { requestId, personId, case: { source: 'proxy', kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') } }));
  }

  it('an exact match goes to the grid’s gridworker, who confirms; the history moves with the resident', async () => {
    const person = await unlinkedPerson();
    const me = 'openid-resident-linking-1';
    // Before linking: a self-report by choosing a grid, and a proxy application the gridworker filed for the person.
    const own = await ok(callAs(me, 'cases', 'create', { requestId: 'self-before-link', gridId: worker.gridIds[0], case: { source: 'selfReport', applicant: { name: '本人' }, description: '家里困难', helpCategory: 'medical', sensitiveInfoConsent: true } }));
    const proxy = await proxyFor(String(person._id));
    expect((await ok(callAs(me, 'cases', 'mine', {}))).items.map((c) => c._id)).toEqual([own.caseId]);

    const asked = await callAs(me, 'session', 'requestLink', { name: String(person.name), idNumber: String(person.idNumber).toLowerCase(), phone: `+86 ${person.phone}` });
    expect(asked).toMatchObject({ ok: true, data: { state: 'pending', stateLabel: '等待网格员确认' } });
    expectNoOpenid(asked, me);
    const inbox = await ok(callAs(worker.openid, 'session', 'inbox', {}));
    expect(inbox.items[0]).toMatchObject({ type: 'linkRequest', link: 'linkRequests' });

    const pending = await ok(callAs(worker.openid, 'people', 'linkRequests', {}));
    const request = pending.items.find((r) => r.personId === person._id)!;
    expect(request.idNumber).toContain('*');
    // Another grid's gridworker may not decide it.
    expect(await callAs(otherWorker.openid, 'people', 'decideLink', { requestId: request.requestId, version: request.version, accept: true })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect((await ok(callAs(otherWorker.openid, 'people', 'linkRequests', {}))).items).toHaveLength(0);

    const decided = await ok(callAs(worker.openid, 'people', 'decideLink', { requestId: request.requestId, version: request.version, accept: true }));
    expect(decided).toMatchObject({ state: 'confirmed', linked: { personId: person._id, movedOwnCases: 1, casesToConfirm: 1 } });
    expect(await ok(callAs(me, 'session', 'myLink', {}))).toMatchObject({ linked: true, personName: person.name });

    // Their self-report now carries the person and household; the proxy application is theirs to confirm.
    const ownCase = await one('cases', { _id: own.caseId });
    expect(ownCase).toMatchObject({ householdId: person.householdId, applicant: { personId: person._id } });
    const mine = await ok(callAs(me, 'cases', 'mine', {}));
    expect(mine.items.find((c) => c._id === proxy.caseId)?.awaitingMe).toContain('confirmByResident');
    expect(mine.items.find((c) => c._id === proxy.caseId)?.ask).toBe('confirmProxy');
    const { case: c } = await ok(callAs(me, 'cases', 'get', { caseId: proxy.caseId }));
    expect(await callAs(me, 'cases', 'transition', { caseId: proxy.caseId, version: c.version, event: { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] } })).toMatchObject({ ok: true });
    const trail = await all('audit', { collection: 'linkRequests', recordId: request.requestId });
    expect(trail.map((a) => a.action).sort()).toEqual(['decideLink', 'requestLink']);
  });

  it('a mismatch reveals nothing: the same answer whether the ID number exists or not, and nothing is stored', async () => {
    const person = await unlinkedPerson();
    const me = 'openid-resident-mismatch-1';
    const wrongPhone = await callAs(me, 'session', 'requestLink', { name: String(person.name), idNumber: String(person.idNumber), phone: '13912345678' });
    const wrongName = await callAs(me, 'session', 'requestLink', { name: '不是这个人', idNumber: String(person.idNumber), phone: String(person.phone) });
    const nobody = await callAs(me, 'session', 'requestLink', { name: '不存在', idNumber: '110101199003074514', phone: '13912345678' });
    expect(wrongPhone).toEqual(nobody);
    expect(wrongName).toEqual(nobody);
    expect(nobody).toMatchObject({ ok: false, error: { code: 'LINK.NO_MATCH' } });
    expect(JSON.stringify(nobody)).not.toContain(String(person.name));
    expect(await all('linkRequests')).toHaveLength(0);
    expect(await callAs(me, 'session', 'requestLink', { name: 'x', idNumber: '123', phone: '13912345678' })).toMatchObject({ ok: false, error: { code: 'ID_NUMBER.INVALID' } });
  });

  it('不是本人 refuses the request, links nothing and tells the resident', async () => {
    const person = await unlinkedPerson();
    const me = 'openid-resident-refused-1';
    const asked = await ok(callAs(me, 'session', 'requestLink', { name: String(person.name), idNumber: String(person.idNumber), phone: String(person.phone) }));
    await ok(callAs(worker.openid, 'people', 'decideLink', { requestId: asked.requestId, version: 0, accept: false }));
    expect(await ok(callAs(me, 'session', 'myLink', {}))).toMatchObject({ linked: false, request: { state: 'refused' } });
    expect((await ok(callAs(me, 'session', 'inbox', {}))).items[0]).toMatchObject({ type: 'linkRefused' });
  });

  it('a decision on a stale version links nothing (found by the property test over valid inputs)', async () => {
    const person = await unlinkedPerson();
    const me = 'openid-resident-stale-1';
    const asked = await ok(callAs(me, 'session', 'requestLink', { name: String(person.name), idNumber: String(person.idNumber), phone: String(person.phone) }));
    expect(await callAs(worker.openid, 'people', 'decideLink', { requestId: asked.requestId, version: 7, accept: true })).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT' } });
    expect(await ok(callAs(me, 'session', 'myLink', {}))).toMatchObject({ linked: false, request: { state: 'pending' } });
  });

  it('at a visit: the resident’s short-lived link code, entered by the gridworker on the person’s page', async () => {
    const person = await unlinkedPerson();
    const me = 'openid-resident-visit-01';
    const { code } = await ok(callAs(me, 'session', 'linkCode', {}));
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await callAs(otherWorker.openid, 'people', 'linkByCode', { personId: String(person._id), code })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(worker.openid, 'people', 'linkByCode', { personId: String(person._id), code: 'ZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'LINK.CODE_INVALID' } });
    setClock(NOW + 11 * 60_000);
    expect(await callAs(worker.openid, 'people', 'linkByCode', { personId: String(person._id), code })).toMatchObject({ ok: false, error: { code: 'LINK.CODE_INVALID' } });
    setClock(NOW);
    const fresh = await ok(callAs(me, 'session', 'linkCode', {}));
    expect(await ok(callAs(worker.openid, 'people', 'linkByCode', { personId: String(person._id), code: fresh.code }))).toMatchObject({ personId: person._id });
    expect(await ok(callAs(me, 'session', 'me', {}))).toMatchObject({ personId: person._id });
    // The code is spent.
    expect(await callAs(worker.openid, 'people', 'linkByCode', { personId: String(person._id), code: fresh.code })).toMatchObject({ ok: false, error: { code: 'LINK.CODE_INVALID' } });
  });

  it('a proxy application for a person without a linked account is confirmed on paper, and the clock starts then', async () => {
    const person = await unlinkedPerson();
    const { caseId } = await proxyFor(String(person._id), 'proxy-paper-0001');
    const { case: filed } = await ok(callAs(worker.openid, 'cases', 'get', { caseId }));
    expect(filed.residentUserId).toBeUndefined();
    expect(filed.clock).toBeUndefined();
    const later = NOW + 3 * 3_600_000;
    setClock(later);
    await ok(callAs(worker.openid, 'cases', 'transition', { caseId, version: filed.version, event: { type: 'recordPaperConfirmation', photoFileId: await uploadAs(worker.openid, 'confirmation') } }));
    const { case: confirmed } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(confirmed.proxy?.confirmation).toMatchObject({ status: 'paperConfirmed' });
    expect(confirmed.clock!.startedAt).toBeGreaterThanOrEqual(later - 5_000);
  });

  it('phone prefill: a getPhoneNumber code gives the number; a bad one a clear error', async () => {
    expect(await callAs('openid-phone-0001', 'session', 'phoneNumber', { code: 'demo-abc' })).toMatchObject({ ok: true, data: { phone: '13800138000' } });
    expect(await callAs('openid-phone-0001', 'session', 'phoneNumber', { code: 'wx-login-code' })).toMatchObject({ ok: false, error: { code: 'PHONE_NUMBER.FAILED' } });
  });
});

it('keeps every OPENID out of records other than the users binding', async () => {
  const made = await invite('查验员', 'invite-check-0001');
  await ok(callAs('openid-audit-check-01', 'session', 'bindStaff', { code: made.invitation!.code }));
  await ok(callAs('openid-audit-check-02', 'session', 'linkCode', {}));
  for (const collection of ['audit', 'invitations', 'linkCodes', 'attempts', 'messages']) {
    const text = JSON.stringify(await all(collection));
    expect(text).not.toContain('openid-audit-check');
  }
});

it('the first admin of a new deployment binds with the records scripts/first-admin.ts prints', async () => {
  const { firstAdminRecords } = await import('../../scripts/first-admin');
  const { code, user, invitation } = firstAdminRecords('首任管理员', NOW);
  await db().collection('users').add({ data: user });
  await db().collection('invitations').add({ data: invitation });
  expect(JSON.stringify({ user, invitation })).not.toContain(code);
  await ok(callAs('openid-first-admin-01', 'session', 'bindStaff', { code }));
  expect(await ok(callAs('openid-first-admin-01', 'session', 'me', {}))).toMatchObject({ userId: user._id, role: 'admin' });
});
