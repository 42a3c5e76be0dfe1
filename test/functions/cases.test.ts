// The cases function on the real local database: every source, the 低保 path to approval as the core's
// transitions, scope and role limits, version conflicts, requestId retries, linking, messages and the clock sweep.
import { db } from '../../server/platform/cloud';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { local } from '../../local/wx-server-sdk';
import { all, callAs, freshTown, ok, one, resetClock, setClock, usersOf, type DemoUser, type Raw } from './harness';
import { uploadAs } from './uploads';

let officer: DemoUser;
let worker: DemoUser;
let otherWorker: DemoUser;
let cadre: DemoUser;
let otherCadre: DemoUser;
let resident: DemoUser; // linked to a roster person in worker's grid
let stranger: DemoUser; // a resident not on the roster

const NOW = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing

afterEach(resetClock);

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0];
  const residents = await usersOf('resident');
  resident = residents.find((r) => r.personId)!;
  stranger = residents.find((r) => !r.personId)!;
  const person = (await db().collection('persons').where({ _id: resident.personId }).get()).data[0] as { gridId: string; villageId: string };
  const workers = await usersOf('gridworker');
  worker = workers.find((w) => w.gridIds.includes(person.gridId))!;
  otherWorker = workers.find((w) => !w.villageIds.includes(person.villageId))!;
  const cadres = await usersOf('cadre');
  cadre = cadres.find((c) => c.villageIds.includes(person.villageId))!;
  otherCadre = cadres.find((c) => !c.villageIds.includes(person.villageId))!;
});

async function messagesOf(userId: string): Promise<{ type: string; body: string; link: string }[]> {
  return (await db().collection('messages').where({ recipientUserId: userId }).limit(100).get()).data as never;
}

async function step(who: DemoUser, caseId: string, event: Record<string, unknown>) {
  const { case: c } = await ok(callAs(who.openid, 'cases', 'get', { caseId }));
  return callAs(who.openid, 'cases', 'transition', { caseId, version: c.version, event: event as never });
}

const selfReport = (description = '老伴住院，家里没有收入了') => ({
  source: 'selfReport' as const,
  applicant: { name: '本人' },
  description,
  helpCategory: 'medical' as const,
  sensitiveInfoConsent: true as const,
});

describe('self-report (求助)', () => {
  it('creates a case the town must acknowledge within 24 h, tells the officer, and a retry returns the same case', async () => {
    const first = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0001', case: selfReport() }));
    const again = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0001', case: selfReport() }));
    expect(again).toEqual({ caseId: first.caseId, created: false, linked: false, viewable: true });
    const { case: c } = await ok(callAs(resident.openid, 'cases', 'get', { caseId: first.caseId }));
    expect(c).toMatchObject({ source: 'selfReport' as const, state: 'submitted', residentUserId: resident._id, clock: { step: 'acknowledge' } });
    expect(c.clock!.dueAt - c.clock!.startedAt).toBe(24 * 3_600_000);
    expect(Math.abs(c.clock!.startedAt - NOW)).toBeLessThan(60_000);
    expect((await messagesOf(officer._id)).map((m) => m.link)).toContain(`case:${first.caseId}`);
    expect((await db().collection('cases').count()).total).toBe(1);
  });

  it('refuses 151 characters with a clear message and writes nothing', async () => {
    const res = await callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0002', case: selfReport('难'.repeat(151)) });
    expect(res).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(JSON.stringify(res)).toMatch(/150/);
    expect((await db().collection('cases').count()).total).toBe(0);
  });

  it('lets a resident who is not on the roster report in the grid where they are', async () => {
    const grid = (await db().collection('grids').limit(1).get()).data[0] as { _id: string };
    const made = await ok(callAs(stranger.openid, 'cases', 'create', { requestId: 'req-self-0003', gridId: grid._id, case: selfReport() }));
    const mine = await ok(callAs(stranger.openid, 'cases', 'mine', {}));
    expect(mine.items.map((i) => i._id)).toEqual([made.caseId]);
  });

  it('lets the officer triage a report into a kind', async () => {
    const { caseId } = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0004', case: selfReport() }));
    expect(await step(officer, caseId, { type: 'triage', kind: 'temporaryEmergency' })).toMatchObject({ ok: true });
    const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(c.kind).toBe('temporaryEmergency');
  });
});

describe('proxy application (帮办代办) to approval', () => {
  async function fileProxy(requestId = 'req-proxy-0001') {
    return ok(
      callAs(worker.openid, 'cases', 'create', {
        requestId,
        personId: resident.personId,
        case: { source: 'proxy' as const, kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
      }),
    );
  }

  /** Confirmed by the resident, materials complete, accepted, investigated by two, data check requested. */
  async function throughInvestigation(caseId: string): Promise<void> {
    await ok(step(resident, caseId, { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] }));
    const [income, assets] = [await uploadAs(worker.openid), await uploadAs(worker.openid)];
    await ok(step(worker, caseId, { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: [income] }, { key: 'assetsStatement', fileIds: [assets] }] }));
    await ok(step(officer, caseId, { type: 'accept' }));
    await ok(step(officer, caseId, { type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '李明' }, { name: '王芳' }], formPhotoFileId: await uploadAs(officer.openid, 'investigation') }));
    await ok(step(officer, caseId, { type: 'requestDataCheck' }));
  }

  it('waits for the resident: the town cannot act, the resident is messaged, and confirmation starts the clock', async () => {
    const { caseId } = await fileProxy();
    const { case: filed } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(filed.state).toBe('awaitingConfirmation');
    expect(filed.clock).toBeUndefined();
    expect(filed.applicant.personId).toBe(resident.personId); // from the roster, not the payload's "任意"
    expect(filed.applicant.name).not.toBe('任意');
    expect((await messagesOf(resident._id)).map((m) => m.type)).toContain('confirmProxy');
    expect(await step(officer, caseId, { type: 'accept' })).toMatchObject({ ok: false, error: { code: 'CASE.NOT_CONFIRMED' } });
    expect(await step(resident, caseId, { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] })).toMatchObject({ ok: true });
    const { case: confirmed } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(confirmed.clock!.startedAt).toBeGreaterThan(filed.createdAt - 1);
  });

  it('runs a 低保 case to approval with benefits from the next month', async () => {
    const { caseId } = await fileProxy();
    await throughInvestigation(caseId);
    await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }));
    await ok(step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600 }));
    await ok(step(cadre, caseId, { type: 'startPublicNotice' }));
    const { publicView } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    // RULES 10: the public notice shows only the name, household size and amount.
    expect(Object.keys(publicView ?? {}).sort()).toEqual(['amountYuan', 'applicantName', 'householdSize']);
    expect(JSON.stringify(publicView)).not.toMatch(/\d{17}[\dX]/);
    setClock(NOW + 8 * 86_400_000); // after the 7-day notice
    await ok(step(cadre, caseId, { type: 'endPublicNotice' }));
    await ok(step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 } }));
    const { case: c } = await ok(callAs(resident.openid, 'cases', 'get', { caseId }));
    expect(c.decision).toMatchObject({ outcome: 'approve', amountYuan: 600, benefitStartMonth: '2026-12' });
    // The resident is told it was approved, how much and from which month — not an office state.
    const decision = (await messagesOf(resident._id)).find((m) => m.type === 'decision');
    expect(decision).toMatchObject({ title: '申请已批准' });
    expect(decision!.body).toContain('每月600元，从2026年12月起发放');
  });

  it('逢进必核: no approval and no decision on offer until the check report (number, date, result) is on file', async () => {
    const { caseId } = await fileProxy();
    await throughInvestigation(caseId);
    expect(await step(officer, caseId, { type: 'recordDataCheck', result: 'consistent' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600 })).toMatchObject({ ok: false, error: { code: 'CASE.DATA_CHECK_PENDING' } });
    await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-09' }));
    await ok(step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600 }));
    await ok(step(cadre, caseId, { type: 'startPublicNotice' }));
    setClock(NOW + 8 * 86_400_000);
    await ok(step(cadre, caseId, { type: 'endPublicNotice' }));
    // A file whose check was recorded before report numbers were kept.
    await db().collection('cases').doc(caseId).update({ data: { 'dataCheck.reference': db().command.remove(), 'dataCheck.reportedOn': db().command.remove() } });
    const before = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(before.available).not.toContain('recordCountyDecision');
    expect(before.available).toContain('recordDataCheck');
    const approve = { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 } };
    expect(await step(officer, caseId, approve)).toMatchObject({ ok: false, error: { code: 'CASE.DATA_CHECK_REQUIRED', message: expect.stringContaining('逢进必核') } });
    const { case: unchanged } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(unchanged.version).toBe(before.case.version);
    await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-10', reportedOn: '2026-11-09' }));
    const after = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(after.case.dataCheck).toMatchObject({ result: 'consistent', reference: 'HD-2026-10', reportedOn: '2026-11-09' });
    expect(after.available).toContain('recordCountyDecision');
    await ok(step(officer, caseId, approve));
  });

  it('suggests the 低保 amount from the recorded income (RULES §33); more needs a reason, the ceiling never passes', async () => {
    const { caseId } = await fileProxy();
    await throughInvestigation(caseId);
    await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }));
    await ok(step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600, perCapitaIncomeYuan: 500, coveredPersons: 2 }));
    await ok(step(cadre, caseId, { type: 'startPublicNotice' }));
    setClock(NOW + 8 * 86_400_000);
    await ok(step(cadre, caseId, { type: 'endPublicNotice' }));
    const { amountSuggestion, case: before } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(amountSuggestion).toEqual({ amountYuan: 600, basis: '（低保标准800元 − 人均月收入500元）× 2人' });
    const approve = (amountYuan: number, amountReason?: string) => ({ type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan, amountReason } });
    expect(await step(officer, caseId, approve(80_000, '特殊情况'))).toMatchObject({ ok: false, error: { code: 'CASE.AMOUNT_OVER_CEILING' } });
    expect(await step(officer, caseId, approve(700))).toMatchObject({ ok: false, error: { code: 'CASE.AMOUNT_REASON_REQUIRED', message: expect.stringContaining('600元') } });
    const { case: unchanged } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(unchanged.version).toBe(before.version);
    await ok(step(officer, caseId, approve(700, '家有重病患者，按分档上浮')));
    const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(c.decision).toMatchObject({ amountYuan: 700, suggestedAmountYuan: 600, amountReason: '家有重病患者，按分档上浮' });
  });

  it('lets the filing gridworker record 急难 help before the resident confirms; the paperwork clock runs (RULES §17)', async () => {
    const { caseId } = await ok(
      callAs(worker.openid, 'cases', 'create', {
        requestId: 'req-proxy-emergency-1',
        personId: resident.personId,
        case: { source: 'proxy' as const, kind: 'temporaryEmergency', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
      }),
    );
    const { available } = await ok(callAs(worker.openid, 'cases', 'get', { caseId }));
    expect(available).toContain('recordEmergencyHelp');
    await ok(step(worker, caseId, { type: 'recordEmergencyHelp', what: '送去棉被和食物', amountYuan: 300 }));
    const { case: helped } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(helped).toMatchObject({ state: 'paperwork', proxy: { confirmation: { status: 'pending' } }, clock: { step: 'emergencyPaperwork', amount: 5 } });
    await ok(step(resident, caseId, { type: 'confirmByResident', consents: ['sensitiveInfo'] }));
    const { case: confirmed } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(confirmed).toMatchObject({ state: 'paperwork', proxy: { confirmation: { status: 'confirmed' } } });
    expect(confirmed.clock).toEqual(helped.clock);
  });

  it('turns a denial into an explanation task for the gridworker, closed when they record the conversation', async () => {
    const { caseId } = await fileProxy();
    await throughInvestigation(caseId);
    await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'discrepancy', reference: 'HD-2026-01' }));
    await ok(step(officer, caseId, { type: 'firstReview', opinion: 'deny', note: '家庭收入超过标准' }));
    await ok(step(officer, caseId, { type: 'skipPublicNotice' }));
    expect(await step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: [] } })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    await ok(step(officer, caseId, { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['家庭人均收入高于低保标准'] } }));
    const task = (await messagesOf(worker._id)).find((m) => m.type === 'explanationTask');
    expect(task?.body).toContain('家庭人均收入高于低保标准');
    const { case: denied } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(denied.clock).toMatchObject({ step: 'writtenNotice' });
    expect(await step(worker, caseId, { type: 'closeExplanation', conversation: '已当面说明理由，本人表示理解' })).toMatchObject({ ok: true });
  });

  describe('durable effects: a stop right after the case write loses no notice or audit entry', () => {
    const timer = { Type: 'Timer', TriggerName: 'sweepClocks' };
    const GRACE = 2 * 60_000 + 1_000;

    /** Runs a call as one invocation stopped right after its write to the cases collection (api: add or update). */
    async function stoppedAfterCaseWrite(who: DemoUser, api: string, event: { action: string; input: unknown }): Promise<void> {
      local.stopAfter((call) => call.api === api && call.collection === 'cases');
      try {
        await expect(local.invoke({ OPENID: who.openid }, 30, () => FUNCTION_MAINS.cases(event))).rejects.toThrow(/timed out/);
      } finally {
        local.stopAfter(undefined);
      }
    }
    const caseMessages = (caseId: string) => all('messages', { link: `case:${caseId}` });
    const caseAudit = (caseId: string) => all('audit', { collection: 'cases', recordId: caseId, kind: db().command.in(['create', 'transition']) });
    /** Each message or entry stored once, as (recipient, type) or (kind, to). */
    const tally = (rows: Raw[], key: (r: Raw) => string) => rows.map(key).sort();

    it('a create: the sweep posts its notice and writes its audit entry once, clears it, and a second sweep adds nothing', async () => {
      const input = {
        requestId: 'req-proxy-stop-1',
        personId: resident.personId,
        case: { source: 'proxy' as const, kind: 'dibao' as const, applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
      };
      await stoppedAfterCaseWrite(worker, 'collection.add', { action: 'create', input });
      const [stored] = await all('cases', {});
      expect(stored).toMatchObject({ state: 'awaitingConfirmation', pendingEffects: [{ key: `${stored._id}:0` }] });
      expect(await caseMessages(stored._id)).toEqual([]);
      expect(await caseAudit(stored._id)).toEqual([]);

      setClock(NOW + GRACE);
      expect(await FUNCTION_MAINS.cases(timer)).toMatchObject({ ok: true, data: { cleared: 1 } });
      const posted = await caseMessages(stored._id);
      expect(tally(posted, (m) => `${m.recipientUserId}:${m.type}`)).toEqual([`${resident._id}:confirmProxy`]);
      expect(tally(await caseAudit(stored._id), (a) => `${a.kind}:${a.to}:${a.actorId}`)).toEqual([`create:awaitingConfirmation:${worker._id}`]);
      const cleared = await one('cases', { _id: stored._id });
      expect(cleared.pendingEffects).toBeUndefined();
      expect(cleared.version).toBe(stored.version); // bookkeeping: a worker's open page is not made stale

      expect(await FUNCTION_MAINS.cases(timer)).toMatchObject({ ok: true, data: { swept: 0, cleared: 0 } });
      expect(await caseMessages(stored._id)).toHaveLength(posted.length);
      // A retry of the request answers with the stored case and posts nothing more.
      expect(await ok(callAs(worker.openid, 'cases', 'create', input))).toEqual({ caseId: stored._id, created: false, linked: false, viewable: true });
      expect(await caseMessages(stored._id)).toHaveLength(posted.length);
    });

    it('a closing decision: the case leaves the open queue, and the sweep still delivers the decision once', async () => {
      const { caseId } = await fileProxy();
      await throughInvestigation(caseId);
      await ok(step(officer, caseId, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }));
      await ok(step(officer, caseId, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600 }));
      await ok(step(cadre, caseId, { type: 'startPublicNotice' }));
      setClock(NOW + 8 * 86_400_000);
      await ok(step(cadre, caseId, { type: 'endPublicNotice' }));
      const before = { messages: await caseMessages(caseId), audit: await caseAudit(caseId) };
      const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
      await stoppedAfterCaseWrite(officer, 'collection.update', {
        action: 'transition',
        input: { caseId, version: c.version, event: { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 } } },
      });
      const closed = await one('cases', { _id: caseId });
      expect(closed).toMatchObject({ state: 'closed', queue: 'closed', decision: { outcome: 'approve' } });
      expect((await caseMessages(caseId)).filter((m) => m.type === 'decision')).toEqual([]);
      expect(await caseAudit(caseId)).toHaveLength(before.audit.length);

      setClock(NOW + 8 * 86_400_000 + GRACE);
      expect(await FUNCTION_MAINS.cases(timer)).toMatchObject({ ok: true, data: { cleared: 1 } });
      const after = await caseMessages(caseId);
      // Exactly the decision's two notices are new; the earlier steps' notices, pending too, are not posted again.
      expect(tally(after, (m) => `${m.recipientUserId}:${m.type}`)).toEqual(
        tally([...before.messages, { _id: '', recipientUserId: resident._id, type: 'decision' }, { _id: '', recipientUserId: worker._id, type: 'decision' }], (m) => `${m.recipientUserId}:${m.type}`),
      );
      const audit = await caseAudit(caseId);
      expect(audit).toHaveLength(before.audit.length + 1);
      expect(audit.find((a) => a._id === `${caseId}:${c.version + 1}:audit`)).toMatchObject({ kind: 'transition', from: c.state, to: 'closed', actorId: officer._id });
      expect((await one('cases', { _id: caseId })).pendingEffects).toBeUndefined();

      expect(await FUNCTION_MAINS.cases(timer)).toMatchObject({ ok: true, data: { swept: 0, cleared: 0 } });
      expect(await caseMessages(caseId)).toHaveLength(after.length);
      expect(await caseAudit(caseId)).toHaveLength(audit.length);
    });
  });

  it('links a second application of the same kind for the same household instead of duplicating it', async () => {
    const first = await fileProxy('req-proxy-0001');
    const second = await fileProxy('req-proxy-0002');
    expect(second).toEqual({ caseId: first.caseId, created: false, linked: true, viewable: true });
    // A retry of the first request is the first request, not a second application: no link, no extra audit entry.
    const entries = async () => (await db().collection('audit').where({ recordId: first.caseId }).count()).total;
    const before = await entries();
    expect(await fileProxy('req-proxy-0001')).toEqual({ caseId: first.caseId, created: false, linked: false, viewable: true });
    expect(await entries()).toBe(before);
  });

  it('tells a resident whose household already has that application under another member that it is in hand, without opening it', async () => {
    const mine = await one('persons', { _id: resident.personId });
    const other = (await all('persons', { householdId: mine.householdId })).find((p) => p._id !== resident.personId)!;
    const filed = await ok(
      callAs(worker.openid, 'cases', 'create', {
        requestId: 'req-proxy-other-1',
        personId: other._id,
        case: { source: 'proxy' as const, kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(worker.openid, 'authorisation') },
      }),
    );
    const direct = { source: 'direct' as const, kind: 'dibao' as const, applicant: { name: '本人' }, consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] as const };
    const answer = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-direct-hh-1', case: direct as never }));
    expect(answer).toEqual({ caseId: filed.caseId, created: false, linked: true, viewable: false });
    expect(await callAs(resident.openid, 'cases', 'get', { caseId: filed.caseId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
  });

  it('lets exactly one of two officers acting on the same version win; the other gets the fresh case', async () => {
    const { caseId } = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0009', case: selfReport() }));
    const { case: c } = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    const [a, b] = await Promise.all([
      callAs(officer.openid, 'cases', 'transition', { caseId, version: c.version, event: { type: 'triage', kind: 'dibao' } }),
      callAs(officer.openid, 'cases', 'transition', { caseId, version: c.version, event: { type: 'closeWithAnswer', answer: '已电话答复' } }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT', details: { current: { version: c.version + 1 } } } });
  });
});

describe('scope and roles', () => {
  it('keeps each case inside its grid, village and resident', async () => {
    const { caseId } = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0010', case: selfReport() }));
    for (const outsider of [otherWorker, otherCadre, stranger]) {
      expect(await callAs(outsider.openid, 'cases', 'get', { caseId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
      expect(await callAs(outsider.openid, 'cases', 'transition', { caseId, version: 0, event: { type: 'withdraw', reason: 'x' } })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    }
    for (const insider of [worker, cadre, officer, resident]) expect(await callAs(insider.openid, 'cases', 'get', { caseId })).toMatchObject({ ok: true });
    expect(await step(worker, caseId, { type: 'triage', kind: 'dibao' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    const admin = (await usersOf('admin'))[0];
    expect(await callAs(admin.openid, 'cases', 'get', { caseId })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });

  it('refuses a gridworker filing for a person outside their grids', async () => {
    const res = await callAs(otherWorker.openid, 'cases', 'create', {
      requestId: 'req-proxy-0100',
      personId: resident.personId,
      case: { source: 'proxy' as const, kind: 'dibao', applicant: { name: 'x' }, authorisationPhotoFileId: 'f' },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
  });

  it('audits every transition and every view of a case, and keeps the views apart so they never push the history out', async () => {
    const { caseId } = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0011', case: selfReport() }));
    await ok(step(officer, caseId, { type: 'triage', kind: 'dibao' }));
    const viewsBefore = (await db().collection('audit').where({ recordId: caseId, kind: 'view' }).count()).total;
    for (let i = 0; i < 110; i++) await ok(callAs(i % 2 ? officer.openid : resident.openid, 'cases', 'get', { caseId }));
    const history = await ok(callAs(officer.openid, 'cases', 'trail', { caseId, part: 'history' }));
    expect(history.items.map((a) => a.kind)).toEqual(['transition', 'create']);
    expect(history.items[0]).toMatchObject({ from: 'submitted', to: 'received', actorId: officer._id, actorName: expect.any(String) });
    let views = await ok(callAs(officer.openid, 'cases', 'trail', { caseId, part: 'views' }));
    let seen = views.items.length;
    while (views.next) {
      views = await ok(callAs(officer.openid, 'cases', 'trail', { caseId, part: 'views', before: views.next }));
      seen += views.items.length;
    }
    expect(seen).toBe(viewsBefore + 110);
    expect(await callAs(resident.openid, 'cases', 'trail', { caseId, part: 'views' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

describe('worklist and clocks', () => {
  it('sorts open cases by due date within the caller’s scope, with counts', async () => {
    await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0020', case: selfReport() }));
    const discovery = { source: 'discovery' as const, applicant: { name: '独居老人' }, description: '家中断粮', helpCategory: 'living' as const, urgency: 'urgent' as const };
    await ok(callAs(worker.openid, 'cases', 'create', { requestId: 'req-disc-0001', personId: resident.personId, case: discovery }));
    const town = await ok(callAs(officer.openid, 'cases', 'worklist', {}));
    expect(town.counts.total).toBe(2);
    const dues = town.items.map((i) => i.dueAt ?? Infinity);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect((await ok(callAs(otherWorker.openid, 'cases', 'worklist', {}))).counts.total).toBe(0);
    expect((await ok(callAs(worker.openid, 'cases', 'worklist', {}))).counts.total).toBe(2);
    expect((await messagesOf(officer._id)).map((m) => m.type)).toContain('urgentReport');
  });

  it('marks a breached clock once, tells the officer, and a second sweep changes nothing', async () => {
    const { caseId } = await ok(callAs(resident.openid, 'cases', 'create', { requestId: 'req-self-0030', case: selfReport() }));
    setClock(NOW + 20 * 3_600_000); // the last quarter of the 24 h acknowledgement clock: due soon
    const soon = await ok(callAs(officer.openid, 'cases', 'worklist', { due: 'dueSoon' }));
    expect(soon).toMatchObject({ counts: { dueSoon: 1, overdue: 0 }, items: [{ _id: caseId, dueStatus: 'dueSoon' }] });
    // What is left is counted at the server's time (a phone's clock may be wrong): 4 of the 24 hours.
    expect(soon.items[0]!.clockLeft).toEqual({ unit: 'hours', hours: expect.closeTo(4, 1) });
    const view = await ok(callAs(officer.openid, 'cases', 'get', { caseId }));
    expect(view.left).toEqual({ clock: { unit: 'hours', hours: expect.closeTo(4, 1) }, procedureClock: null, dataCheckClock: null });
    expect((await ok(callAs(resident.openid, 'cases', 'mine', {}))).items).toMatchObject([{ _id: caseId, ask: null, clockLeft: { unit: 'hours' } }]);
    setClock(NOW + 30 * 3_600_000);
    {
      const timer = { Type: 'Timer', TriggerName: 'sweepClocks' };
      expect(await FUNCTION_MAINS.cases(timer)).toMatchObject({ ok: true, data: { swept: 1 } });
      expect(await FUNCTION_MAINS.cases(timer)).toMatchObject({ ok: true, data: { swept: 0 } });
      const overdue = await ok(callAs(officer.openid, 'cases', 'worklist', { due: 'overdue' }));
      expect(overdue.items.map((i) => i._id)).toEqual([caseId]);
    }
    const breached = (await messagesOf(officer._id)).filter((m) => m.type === 'clockBreached');
    expect(breached).toHaveLength(1);
  });

  it('refuses a timer event sent by a user', async () => {
    expect(await callAs(officer.openid, 'cases', 'sweepClocks' as never, {} as never)).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
  });
});
