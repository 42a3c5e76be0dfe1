// Issue 13 through the real handlers on the local database: referrals (RULES §20) — the lifecycle from a case, a
// visit or a roster person, the officer recording the receiving office's answers with versions, audit and notices;
// 司法救助's 10-working-day clock across the National Day holiday with its due-soon and breach marks in the clock
// sweep; the board's order and filters; scope and bad input. And 民主评议 records linked to their cases.
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { referralRow } from '../../server/referrals/store';
import { referralRecordSchema } from '../../src/core/referrals/referral';
import { db } from '../../server/platform/cloud';
import { local } from '../../local/wx-server-sdk';
import { all, one, callAs, freshTown, ok, resetClock, setClock, snapshot, usersOf, type DemoUser } from './harness';
import { uploadAs } from './uploads';

/** 10:00 Beijing on a date. */
const at = (date: string) => Date.parse(`${date}T10:00:00+08:00`);
const NOW = at('2026-09-28'); // Monday before the National Day holiday (10-01 … 10-07; Saturday 10-10 is worked)

let officer: DemoUser;
let worker: DemoUser;
let cadre: DemoUser;
let otherWorker: DemoUser;
let otherCadre: DemoUser;
let resident: DemoUser;
let personId: string;

afterEach(resetClock);

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  officer = (await usersOf('officer'))[0]!;
  resident = (await usersOf('resident')).find((r) => r.personId)!;
  personId = resident.personId!;
  const person = (await db().collection('persons').where({ _id: personId }).get()).data[0] as { gridId: string; villageId: string };
  worker = (await usersOf('gridworker')).find((w) => w.gridIds.includes(person.gridId))!;
  otherWorker = (await usersOf('gridworker')).find((w) => !w.villageIds.includes(person.villageId))!;
  cadre = (await usersOf('cadre')).find((c) => c.villageIds.includes(person.villageId))!;
  otherCadre = (await usersOf('cadre')).find((c) => !c.villageIds.includes(person.villageId))!;
});

const sweep = () => FUNCTION_MAINS.cases({ Type: 'Timer', TriggerName: 'sweepClocks' });
async function messagesOf(userId: string): Promise<{ type: string; link: string; title: string; body: string }[]> {
  return (await db().collection('messages').where({ recipientUserId: userId }).limit(100).get()).data as never;
}

/** A discovery report by the grid's worker about the resident (a case the office can refer from). */
async function discoveryCase(requestId = 'req-disc-0001'): Promise<string> {
  const { caseId } = await ok(
    callAs(worker.openid, 'cases', 'create', {
      requestId,
      personId,
      case: { source: 'discovery' as const, applicant: { name: '任意' }, description: '房屋漏雨，无力修缮', helpCategory: 'housing', urgency: 'normal' },
    }),
  );
  return caseId;
}

async function referPerson(kind: 'judicial' | 'medical', requestId = 'req-ref-0001') {
  return ok(callAs(worker.openid, 'referrals', 'create', { requestId, kind, reason: '需要转介', from: { kind: 'person', personId } }));
}

describe('referral lifecycle', () => {
  test('an officer refers a case to the housing bureau, records receipt and the answer, and closes it; each step audited and told', async () => {
    const caseId = await discoveryCase();
    const sent = await ok(callAs(officer.openid, 'referrals', 'create', { requestId: 'req-ref-case1', kind: 'housing', reason: '房屋漏雨需要危房改造', from: { kind: 'case', caseId } }));
    expect(sent).toMatchObject({ state: 'sent', office: '县住房和城乡建设局', caseId, personId, source: { kind: 'case', id: caseId }, residentUserId: resident._id });
    // RULES §20 (local): the town follows the office up after its interval (default 10 working days).
    expect(sent.clock).toMatchObject({ step: 'referralFollowUp', amount: 10 });
    // A retry of the same request returns the first referral.
    const again = await ok(callAs(officer.openid, 'referrals', 'create', { requestId: 'req-ref-case1', kind: 'housing', reason: '房屋漏雨需要危房改造', from: { kind: 'case', caseId } }));
    expect(again._id).toBe(sent._id);
    expect(await all('referrals')).toHaveLength(1);

    const received = await ok(callAs(officer.openid, 'referrals', 'step', { referralId: sent._id, version: sent.version, step: { step: 'receive', receivedOn: '2026-09-28', note: '住建局已登记' } }));
    expect(received.state).toBe('received');
    // A second officer acting on the version they saw gets a conflict, and nothing changes.
    const stale = { step: 'decide' as const, decidedOn: '2026-09-28', outcome: 'refused' as const, note: '不符合' };
    expect(await callAs(officer.openid, 'referrals', 'step', { referralId: sent._id, version: sent.version, step: stale })).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT' } });
    expect((await one('referrals', { _id: sent._id })).state).toBe('received');

    setClock(at('2026-10-12'));
    const decided = await ok(
      callAs(officer.openid, 'referrals', 'step', {
        referralId: sent._id,
        version: received.version,
        step: { step: 'decide', decidedOn: '2026-10-09', outcome: 'granted', amountYuan: 15000, service: '危房改造', note: '纳入2026年危房改造计划' },
      }),
    );
    expect(decided).toMatchObject({ state: 'decided', dueAt: Date.UTC(2999, 0, 1), decision: { outcome: 'granted', amountYuan: 15000, service: '危房改造' } });
    expect(decided.clock?.stoppedAt).toBe(Date.parse('2026-10-09T00:00:00+08:00'));
    expect(decided.steps.map((s) => [s.state, s.byUserId])).toEqual([
      ['sent', officer._id],
      ['received', officer._id],
      ['decided', officer._id],
    ]);

    // The grid's worker and the linked resident are told the outcome; the message opens their own view.
    const toWorker = (await messagesOf(worker._id)).filter((m) => m.type === 'referral.step');
    expect(toWorker.map((m) => m.title)).toEqual(expect.arrayContaining(['转介有结果了']));
    expect(toWorker.every((m) => m.link === `referral:${sent._id}`)).toBe(true);
    const toResident = (await messagesOf(resident._id)).filter((m) => m.type === 'referral.outcome');
    expect(toResident).toHaveLength(1);
    expect(toResident[0]!.body).toContain('15000元');
    const residentView = await ok(callAs(resident.openid, 'referrals', 'get', { referralId: sent._id }));
    expect(residentView.staff).toBeNull();
    expect(residentView.resident).toMatchObject({ state: 'decided', office: '县住房和城乡建设局', decision: { outcome: 'granted' } });
    expect(JSON.stringify(residentView)).not.toContain(officer._id);
    const workerView = await ok(callAs(worker.openid, 'referrals', 'get', { referralId: sent._id }));
    expect(workerView.staff?.decision?.note).toBe('纳入2026年危房改造计划');

    const closed = await ok(callAs(officer.openid, 'referrals', 'step', { referralId: sent._id, version: decided.version, step: { step: 'close', note: '已告知本人' } }));
    expect(closed.state).toBe('closed');
    const trail = (await all('audit', { collection: 'referrals', recordId: sent._id })).sort((a, b) => Number(a.at) - Number(b.at));
    expect(trail.map((e) => [e.kind, (e.to as { state?: string }).state, e.actorId])).toEqual([
      ['create', 'sent', officer._id],
      ['transition', 'received', officer._id],
      ['transition', 'decided', officer._id],
      ['transition', 'closed', officer._id],
    ]);
    // The case page finds it.
    const onCase = await ok(callAs(officer.openid, 'referrals', 'board', { state: 'all', caseId }));
    expect(onCase.items.map((r) => r._id)).toEqual([sent._id]);
  });

  test('a gridworker refers from a visit, only for a member of the visited household', async () => {
    const household = (await db().collection('persons').where({ _id: personId }).get()).data[0] as { householdId: string };
    const members = (await all('persons', { householdId: household.householdId })) as unknown as { _id: string }[];
    await ok(
      callAs(worker.openid, 'visits', 'record', {
        requestId: 'req-visit-ref1',
        householdId: household.householdId,
        visitedAt: NOW - 3_600_000,
        members: members.map((m) => ({ personId: m._id, notSeen: true as const })),
      }),
    );
    const visitId = (await one('visits', { requestId: 'req-visit-ref1' }))._id;
    const made = await ok(callAs(worker.openid, 'referrals', 'create', { requestId: 'req-ref-visit', kind: 'medical', reason: '大病自付费用高', from: { kind: 'visit', visitId, personId } }));
    expect(made).toMatchObject({ source: { kind: 'visit', id: visitId }, personId, office: '县医疗保障局', caseId: null });
    const stranger = (await all('persons')).find((p) => p.householdId !== household.householdId && p.gridId === (members[0] as unknown as { gridId: string }).gridId)!;
    expect(await callAs(worker.openid, 'referrals', 'create', { requestId: 'req-ref-visit2', kind: 'medical', reason: '大病', from: { kind: 'visit', visitId, personId: stranger._id } })).toMatchObject({
      ok: false,
      error: { code: 'REFERRAL.SOURCE_INVALID' },
    });
  });
});

describe('one referral path: a referral case is sent as a referral record, whose answer closes it', () => {
  const GRACE = 2 * 60_000 + 1_000;

  /** A discovery report triaged as a housing case (a referral kind), seen at its version. */
  async function housingCase(requestId = 'req-disc-0001') {
    const caseId = await discoveryCase(requestId);
    const seen = (await ok(callAs(officer.openid, 'cases', 'get', { caseId }))).case;
    await ok(callAs(officer.openid, 'cases', 'transition', { caseId, version: seen.version, event: { type: 'triage', kind: 'housing' } }));
    return (await ok(callAs(officer.openid, 'cases', 'get', { caseId }))).case;
  }
  const referCase = (c: { _id: string; version: number }, to?: string) =>
    callAs(officer.openid, 'cases', 'transition', { caseId: c._id, version: c.version, event: { type: 'refer', note: '房屋漏雨需要危房改造', ...(to ? { to } : {}) } });

  test('the case’s 转介 makes one referral to the named office; its decision closes the case with that outcome, as the officer', async () => {
    const c = await housingCase();
    await ok(referCase(c, '县住建局危改办'));
    const [r] = await all('referrals');
    expect(await all('referrals')).toHaveLength(1);
    expect(r).toMatchObject({ caseId: c._id, office: '县住建局危改办', kind: 'housing', state: 'sent', reason: '房屋漏雨需要危房改造', residentUserId: resident._id, source: { kind: 'case', id: c._id } });
    const referred = await one('cases', { _id: c._id });
    expect(referred).toMatchObject({ state: 'referred', referral: { referralId: r!._id } });
    expect(await all('audit', { collection: 'referrals', recordId: r!._id })).toEqual([expect.objectContaining({ kind: 'create', actorId: officer._id })]);
    // The case page no longer records the answer itself.
    const { case: seen, available } = await ok(callAs(officer.openid, 'cases', 'get', { caseId: c._id }));
    expect(available).not.toContain('recordReferralOutcome');
    const before = await snapshot(['cases', 'referrals', 'audit']);
    expect(await callAs(officer.openid, 'cases', 'transition', { caseId: c._id, version: seen.version, event: { type: 'recordReferralOutcome', result: 'helped', note: '已帮助' } })).toMatchObject({
      ok: false,
      error: { code: 'CASE.STEP_ON_OWN_RECORD' },
    });
    expect(await snapshot(['cases', 'referrals', 'audit'])).toEqual(before);

    const received = await ok(callAs(officer.openid, 'referrals', 'step', { referralId: r!._id, version: Number(r!.version), step: { step: 'receive', receivedOn: '2026-09-28' } }));
    expect((await one('cases', { _id: c._id })).state).toBe('referred');
    await ok(callAs(officer.openid, 'referrals', 'step', { referralId: r!._id, version: received.version, step: { step: 'decide', decidedOn: '2026-09-28', outcome: 'refused', note: '房屋经鉴定不属于危房' } }));
    const closed = await one('cases', { _id: c._id });
    expect(closed).toMatchObject({ state: 'closed', closure: { outcome: 'referred' }, referral: { outcome: { result: 'notEligible', byUserId: officer._id } } });
    expect((closed.referral as { outcome: { note: string } }).outcome.note).toContain('房屋经鉴定不属于危房');
    const caseTrail = await all('audit', { collection: 'cases', recordId: c._id, kind: 'transition', to: 'closed' });
    expect(caseTrail).toEqual([expect.objectContaining({ from: 'referred', actorId: officer._id, fn: 'referrals', action: 'step' })]);
  });

  test('a stop right after the case write: the sweep sends the referral once, and a second sweep adds nothing', async () => {
    const c = await housingCase();
    local.stopAfter((call) => call.api === 'collection.update' && call.collection === 'cases');
    try {
      const event = { action: 'transition', input: { caseId: c._id, version: c.version, event: { type: 'refer', note: '房屋漏雨需要危房改造' } } };
      await expect(local.invoke({ OPENID: officer.openid }, 30, () => FUNCTION_MAINS.cases(event))).rejects.toThrow(/timed out/);
    } finally {
      local.stopAfter(undefined);
    }
    expect(await one('cases', { _id: c._id })).toMatchObject({ state: 'referred' });
    expect(await all('referrals')).toEqual([]);

    setClock(NOW + GRACE);
    expect(await sweep()).toMatchObject({ ok: true, data: { cleared: 1 } });
    const sent = await all('referrals');
    expect(sent).toEqual([expect.objectContaining({ caseId: c._id, office: '县住房和城乡建设局', state: 'sent' })]);
    expect(Number(sent[0]!.createdAt)).toBeLessThan(NOW + GRACE); // dated by the case write, not the sweep
    expect(await all('audit', { collection: 'referrals' })).toHaveLength(1);
    const told = (await messagesOf(worker._id)).filter((m) => m.type === 'referral.step');
    expect(told).toHaveLength(1);
    expect((await one('cases', { _id: c._id })).pendingEffects).toBeUndefined();

    expect(await sweep()).toMatchObject({ ok: true, data: { cleared: 0 } });
    expect(await all('referrals')).toHaveLength(1);
    expect(await all('audit', { collection: 'referrals' })).toHaveLength(1);
    expect((await messagesOf(worker._id)).filter((m) => m.type === 'referral.step')).toHaveLength(1);
  });

  test('a resident lists their own referrals (read-only), and nobody else’s', async () => {
    const c = await housingCase();
    await ok(referCase(c));
    const mine = await ok(callAs(resident.openid, 'referrals', 'mine', {}));
    expect(mine.items).toEqual([expect.objectContaining({ kind: 'housing', office: '县住房和城乡建设局', state: 'sent' })]);
    expect(JSON.stringify(mine)).not.toContain(officer._id);
    const stranger = (await usersOf('resident')).find((u) => u._id !== resident._id)!;
    expect((await ok(callAs(stranger.openid, 'referrals', 'mine', {}))).items).toEqual([]);
    expect(await callAs(worker.openid, 'referrals', 'mine', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

describe('司法救助 clock (RULES §20: 10 working days from the agency receiving it)', () => {
  test('starts at receipt, counts over the National Day holiday, warns once and breaches once in the sweep', async () => {
    const sent = await referPerson('judicial');
    const received = await ok(callAs(officer.openid, 'referrals', 'step', { referralId: sent._id, version: sent.version, step: { step: 'receive', receivedOn: '2026-09-28' } }));
    // 09-29, 09-30, (holiday 10-01…07), 10-08, 10-09, 10-10 (a worked Saturday), 10-12 … 10-16: plain weekdays would say 10-12.
    expect(received.clock).toMatchObject({ step: 'judicialDecision', unit: 'workingDays', amount: 10, dueDate: '2026-10-16', estimated: false });
    expect(received.dueAt).toBe(Date.parse('2026-10-16T23:59:59.999+08:00'));

    setClock(at('2026-10-12'));
    await sweep();
    expect((await messagesOf(officer._id)).filter((m) => m.type.startsWith('referral.'))).toHaveLength(0);

    setClock(at('2026-10-15'));
    await sweep();
    await sweep(); // a second run marks nothing again
    const warned = (await messagesOf(officer._id)).filter((m) => m.type === 'referral.dueSoon');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.body).toContain('司法救助决定期限 2026-10-16');
    expect((await ok(callAs(officer.openid, 'referrals', 'board', { state: 'overdue' }))).items).toHaveLength(0);

    setClock(at('2026-10-19'));
    await sweep();
    await sweep();
    expect((await messagesOf(officer._id)).filter((m) => m.type === 'referral.breached')).toHaveLength(1);
    const overdue = await ok(callAs(officer.openid, 'referrals', 'board', { state: 'overdue' }));
    expect(overdue.items.map((r) => [r._id, r.overdue])).toEqual([[sent._id, true]]);

    // Recording the decision stops the clock: no more marks, off the overdue list.
    const decided = await ok(
      callAs(officer.openid, 'referrals', 'step', { referralId: sent._id, version: (await ok(callAs(officer.openid, 'referrals', 'get', { referralId: sent._id }))).staff!.version, step: { step: 'decide', decidedOn: '2026-10-19', outcome: 'refused', note: '不符合司法救助条件' } }),
    );
    expect(decided.overdue).toBe(false);
    expect((await ok(callAs(officer.openid, 'referrals', 'board', { state: 'overdue' }))).items).toHaveLength(0);
  });

  test('the other kinds follow the town’s interval setting', async () => {
    const admin = (await usersOf('admin'))[0]!;
    const { version } = await ok(callAs(admin.openid, 'admin', 'settings', {}));
    await ok(callAs(admin.openid, 'admin', 'updateSettings', { version, changes: { referralFollowUpWorkingDays: 3 } }));
    const sent = await referPerson('medical');
    // 09-29, 09-30, then 10-08 after the holiday.
    expect(sent.clock).toMatchObject({ step: 'referralFollowUp', amount: 3, dueDate: '2026-10-08' });
  });
});

describe('the board', () => {
  test('overdue first, filtered by kind, village and state; each area sees only its own', async () => {
    const late = await referPerson('judicial', 'req-ref-late');
    setClock(at('2026-10-20'));
    const fresh = await referPerson('medical', 'req-ref-fresh');
    const board = await ok(callAs(officer.openid, 'referrals', 'board', {}));
    expect(board.items.map((r) => [r._id, r.overdue])).toEqual([
      [late._id, true],
      [fresh._id, false],
    ]);
    expect((await ok(callAs(officer.openid, 'referrals', 'board', { kind: 'medical' }))).items.map((r) => r._id)).toEqual([fresh._id]);
    expect((await ok(callAs(officer.openid, 'referrals', 'board', { state: 'decided' }))).items).toHaveLength(0);
    expect((await ok(callAs(officer.openid, 'referrals', 'board', { villageId: late.villageId }))).items).toHaveLength(2);
    expect((await ok(callAs(cadre.openid, 'referrals', 'board', {}))).items).toHaveLength(2);
    expect((await ok(callAs(otherCadre.openid, 'referrals', 'board', {}))).items).toHaveLength(0);
    expect(await callAs(otherCadre.openid, 'referrals', 'board', { villageId: late.villageId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(otherWorker.openid, 'referrals', 'get', { referralId: late._id })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    const stranger = (await usersOf('resident')).find((r) => r._id !== resident._id)!;
    expect(await callAs(stranger.openid, 'referrals', 'get', { referralId: late._id })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(resident.openid, 'referrals', 'board', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });

    // The export (reports.export, kind referrals): the caller's area, each referral in words.
    expect(referralRow(referralRecordSchema.parse(await one('referrals', { _id: late._id })), at('2026-10-20'))).toMatchObject({ id: late._id, kind: '司法救助', state: '已转出', overdue: true, dueDate: late.clock!.dueDate, outcome: '' });
    expect(await ok(callAs(cadre.openid, 'reports', 'export', { kind: 'referrals' }))).toMatchObject({ rows: 2 });
    expect(await ok(callAs(otherCadre.openid, 'reports', 'export', { kind: 'referrals' }))).toMatchObject({ rows: 0 });
  });
});

describe('scope and bad input change nothing', () => {
  test('out of area, wrong steps, incomplete answers and future dates are refused with codes', async () => {
    const sent = await referPerson('medical');
    const before = await snapshot(['referrals', 'audit', 'messages']);
    const step = (s: Record<string, unknown>, who = officer) => callAs(who.openid, 'referrals', 'step', { referralId: sent._id, version: sent.version, step: s as never });
    expect(await callAs(otherWorker.openid, 'referrals', 'create', { requestId: 'req-ref-out1', kind: 'medical', reason: '越界', from: { kind: 'person', personId } })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await step({ step: 'receive', receivedOn: '2026-09-28' }, worker)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await step({ step: 'close' })).toMatchObject({ ok: false, error: { code: 'REFERRAL.INVALID_TRANSITION' } });
    expect(await step({ step: 'receive', receivedOn: '2026-09-29' })).toMatchObject({ ok: false, error: { code: 'REFERRAL.DATE_INVALID' } });
    expect(await step({ step: 'receive', receivedOn: '2026-09-27' })).toMatchObject({ ok: false, error: { code: 'REFERRAL.DATE_INVALID' } });
    expect(await step({ step: 'decide', decidedOn: '2026-09-28', outcome: 'granted', note: '同意' })).toMatchObject({ ok: false, error: { code: 'REFERRAL.OUTCOME_INCOMPLETE' } });
    expect(await step({ step: 'decide', decidedOn: '2026-09-28', outcome: 'refused', note: '' })).toMatchObject({ ok: false, error: { code: 'REFERRAL.OUTCOME_INCOMPLETE' } });
    expect(await step({ step: 'decide', decidedOn: '2026-9-28', outcome: 'refused', note: '不符合' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await callAs(officer.openid, 'referrals', 'create', { requestId: 'req-ref-bad1', kind: 'medical', reason: '', from: { kind: 'person', personId } })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await callAs(officer.openid, 'referrals', 'create', { requestId: 'req-ref-bad2', kind: 'medical', reason: '原因', office: 'x'.repeat(41), from: { kind: 'person', personId } })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await snapshot(['referrals', 'audit', 'messages'])).toEqual(before);
  });
});

describe('appraisal records (民主评议)', () => {
  test('the cadre records a meeting on cases of their village; the staff see it on each case; other villages are refused', async () => {
    const first = await discoveryCase('req-disc-0001');
    const second = await discoveryCase('req-disc-0002');
    const minutes = await uploadAs(cadre.openid, 'review');
    const input = {
      requestId: 'req-appraisal-1',
      heldOn: '2026-09-27',
      attendees: 23,
      items: [
        { caseId: first, verdict: 'agree' as const, opinion: '情况属实' },
        { caseId: second, verdict: 'recheck' as const },
      ],
      minutesFileIds: [minutes],
    };
    const made = await ok(callAs(cadre.openid, 'cases', 'recordAppraisal', input));
    expect(made).toMatchObject({ attendees: 23, caseIds: [first, second], recordedBy: cadre._id, items: [{ verdict: 'agree', opinion: '情况属实' }, { verdict: 'recheck', opinion: '' }] });
    expect((await ok(callAs(cadre.openid, 'cases', 'recordAppraisal', input)))._id).toBe(made._id);
    expect(await all('audit', { collection: 'appraisals', recordId: made._id })).toHaveLength(1);

    expect((await ok(callAs(officer.openid, 'cases', 'appraisals', { caseId: first }))).items.map((a) => a._id)).toEqual([made._id]);
    expect((await ok(callAs(worker.openid, 'cases', 'appraisals', { caseId: second }))).items.map((a) => a._id)).toEqual([made._id]);
    expect((await ok(callAs(cadre.openid, 'cases', 'appraisals', {}))).items).toHaveLength(1);
    expect((await ok(callAs(otherCadre.openid, 'cases', 'appraisals', {}))).items).toHaveLength(0);
    expect(await callAs(otherCadre.openid, 'cases', 'appraisals', { caseId: first })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await ok(callAs(worker.openid, 'cases', 'appraisalFileUrls', { appraisalId: made._id, fileIds: [minutes] }))).toMatchObject({ items: [{ fileId: minutes }] });
    expect(await callAs(otherWorker.openid, 'cases', 'appraisalFileUrls', { appraisalId: made._id, fileIds: [minutes] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });

    const otherMinutes = await uploadAs(otherCadre.openid, 'review');
    const before = await snapshot(['appraisals', 'audit']);
    expect(await callAs(otherCadre.openid, 'cases', 'recordAppraisal', { ...input, requestId: 'req-appraisal-2', minutesFileIds: [otherMinutes] })).toMatchObject({
      ok: false,
      error: { code: 'APPRAISAL.CASE_OUTSIDE_VILLAGE' },
    });
    expect(await callAs(worker.openid, 'cases', 'recordAppraisal', { ...input, requestId: 'req-appraisal-3' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(cadre.openid, 'cases', 'recordAppraisal', { ...input, requestId: 'req-appraisal-4', heldOn: '2026-09-29' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await callAs(cadre.openid, 'cases', 'recordAppraisal', { ...input, requestId: 'req-appraisal-5', minutesFileIds: [otherMinutes] })).toMatchObject({ ok: false, error: { code: 'FILE.REFERENCE_INVALID' } });
    expect(await callAs(cadre.openid, 'cases', 'recordAppraisal', { ...input, requestId: 'req-appraisal-6', items: [input.items[0]!, input.items[0]!] })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await snapshot(['appraisals', 'audit'])).toEqual(before);
  });
});
