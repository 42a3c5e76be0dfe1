// PRODUCT flow 1 (self-report → acknowledged → triaged or answered), RULES §20 referrals, and closing a case.
import { availableEvents, caseReferralId, REFERRAL_TARGETS, transition, type CaseRecord, type EventOf } from '../../../src/core/cases';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { admin, applicant, bj, cadre, create, failure, go, gridworker, HOUR, officer, otherResident, resident, step } from './fixtures';

const reportedAt = bj('2025-09-26T08:00:00');
const selfReport = (): CaseRecord =>
  create({ source: 'selfReport', applicant, description: '孩子上学费用困难', helpCategory: 'education', sensitiveInfoConsent: true }, resident, reportedAt).record;

describe('triage', () => {
  test('into an application kind: the acknowledgement clock is met and the kind\'s checklist appears', () => {
    const at = reportedAt + 5 * HOUR;
    const { next, effects } = step(selfReport(), { type: 'triage', kind: 'dibao', note: '收入低' }, officer, at);
    expect(next).toMatchObject({ kind: 'dibao', state: 'received' });
    expect(next.clock).toBeUndefined();
    expect(next.clockHistory).toEqual([expect.objectContaining({ step: 'acknowledge', stoppedAt: at })]);
    expect(next.materials.map((m) => m.key)).toEqual(['idAndHukou', 'incomeStatement', 'assetsStatement']);
    expect(next.consents.sensitiveInfo).toBeDefined(); // given with the report, carried over
    expect(next.timeline.at(-1)).toMatchObject({ from: 'submitted', to: 'received', event: 'triage', note: '分办为最低生活保障：收入低' });
    expect(effects).toEqual([expect.objectContaining({ recipient: 'resident', message: 'stateChanged', userId: resident.userId, state: 'received' })]);
    // Then the one missing-materials notice asks for the rest.
    expect(go(next, { type: 'requestMissingMaterials' }, officer, at).missingMaterialsNotice!.items.map((i) => i.key)).toEqual([
      'incomeStatement',
      'assetsStatement',
      'truthPledge',
      'dataCheckAuthorisation',
    ]);
  });

  test('or closed with an answer', () => {
    const { next, effects } = step(selfReport(), { type: 'closeWithAnswer', answer: '已告知可申请教育资助，联系学校' }, officer, reportedAt + HOUR);
    expect(next.state).toBe('closed');
    expect(next.closure).toEqual({ at: reportedAt + HOUR, byUserId: officer.userId, outcome: 'answered', note: '已告知可申请教育资助，联系学校' });
    expect(next.clock).toBeUndefined();
    expect(effects).toEqual([expect.objectContaining({ recipient: 'resident', message: 'stateChanged' })]);
  });

  test('only the office triages; only once; never into "unclassified"', () => {
    const c = selfReport();
    for (const actor of [resident, gridworker, cadre, admin]) {
      expect(failure(c, { type: 'triage', kind: 'dibao' }, actor, reportedAt)).toBe('ROLE.FORBIDDEN');
      expect(failure(c, { type: 'closeWithAnswer', answer: '答复' }, actor, reportedAt)).toBe('ROLE.FORBIDDEN');
    }
    expect(failure(c, { type: 'triage', kind: 'unclassified' } as never, officer, reportedAt)).toBe('INPUT.INVALID');
    const triaged = go(c, { type: 'triage', kind: 'dibao' }, officer, reportedAt);
    expect(failure(triaged, { type: 'triage', kind: 'tekun' }, officer, reportedAt)).toBe('CASE.ILLEGAL_TRANSITION');
    expect(failure(c, { type: 'accept' }, officer, reportedAt)).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('referrals track the outcome only (RULES §20)', () => {
  test('triage → refer (default target per kind) → outcome → closed', () => {
    const triaged = go(selfReport(), { type: 'triage', kind: 'education' }, officer, reportedAt + HOUR);
    expect(triaged.materials).toEqual([]);
    expect(triaged.clock).toBeUndefined();
    expect(failure(triaged, { type: 'accept' }, officer, reportedAt)).toBe('CASE.ILLEGAL_TRANSITION');
    const referred = go(triaged, { type: 'refer', note: '请学校核实' }, officer, reportedAt + 2 * HOUR);
    expect(referred.state).toBe('referred');
    const referralId = caseReferralId(triaged._id);
    expect(referred.referral).toEqual({ to: REFERRAL_TARGETS.education, referralId, at: reportedAt + 2 * HOUR, byUserId: officer.userId, note: '请学校核实' });
    // The case is sent as one referral record, under an id from the case (server/cases/effects.ts stores it once).
    const sent = transition(triaged, { type: 'refer', note: '请学校核实' }, { now: reportedAt + 2 * HOUR, actor: officer, settings: DEFAULT_SETTINGS });
    expect(sent.ok && sent.data.effects.filter((e) => e.type === 'createReferral')).toEqual([
      { type: 'createReferral', caseId: triaged._id, referralId, kind: 'education', office: REFERRAL_TARGETS.education, reason: '请学校核实' },
    ]);
    // Its answer is recorded on that record, not offered on the case page.
    expect(availableEvents(referred, officer)).not.toContain('recordReferralOutcome');
    expect(failure(referred, { type: 'decide', decision: { outcome: 'approve', amountYuan: 1 } }, officer, reportedAt)).toBe('CASE.ILLEGAL_TRANSITION');
    const closed = go(referred, { type: 'recordReferralOutcome', result: 'helped', note: '学校减免学杂费' }, officer, reportedAt + 3 * HOUR);
    expect(closed.state).toBe('closed');
    expect(closed.closure).toMatchObject({ outcome: 'referred', note: '学校减免学杂费' });
    expect(closed.referral!.outcome).toEqual({ result: 'helped', note: '学校减免学杂费', at: reportedAt + 3 * HOUR, byUserId: officer.userId });
  });

  test('the officer may name the exact office; only the officer refers', () => {
    const triaged = go(selfReport(), { type: 'triage', kind: 'judicial' }, officer, reportedAt);
    expect(go(triaged, { type: 'refer', to: '县人民法院' }, officer, reportedAt).referral!.to).toBe('县人民法院');
    expect(failure(triaged, { type: 'refer' }, gridworker, reportedAt)).toBe('ROLE.FORBIDDEN');
  });
});

describe('withdraw, close and link', () => {
  test('staff withdraw on request; the office closes; a resident does neither', () => {
    const c = go(selfReport(), { type: 'triage', kind: 'dibao' }, officer, reportedAt);
    const withdrawn = step(c, { type: 'withdraw', reason: '家属要求撤回' }, cadre, reportedAt + HOUR);
    expect(withdrawn.next.closure).toMatchObject({ outcome: 'withdrawn', byUserId: cadre.userId, note: '家属要求撤回' });
    expect(withdrawn.effects.map((e) => e.type === 'notify' && e.recipient)).toEqual(['resident', 'officer']);
    expect(go(c, { type: 'close', reason: '拒不配合调查（RULES 3）' }, officer, reportedAt).closure).toMatchObject({ outcome: 'closed' });
    expect(failure(c, { type: 'close', reason: 'x' }, gridworker, reportedAt)).toBe('ROLE.FORBIDDEN');
    expect(failure(c, { type: 'withdraw', reason: 'x' }, resident, reportedAt)).toBe('ROLE.FORBIDDEN');
  });

  test('a closed case takes no step, but can still be linked', () => {
    const closed = go(selfReport(), { type: 'close', reason: '重复' }, officer, reportedAt);
    expect(failure(closed, { type: 'withdraw', reason: 'x' }, officer, reportedAt)).toBe('CASE.ILLEGAL_TRANSITION');
    expect(failure(closed, { type: 'close', reason: 'x' }, officer, reportedAt)).toBe('CASE.ILLEGAL_TRANSITION');
    const linked = go(closed, { type: 'link', caseId: 'c-other' }, officer, reportedAt);
    expect(linked.linkedCaseIds).toEqual(['c-other']);
    expect(linked.state).toBe('closed');
    expect(failure(linked, { type: 'link', caseId: 'c-other' }, officer, reportedAt)).toBe('INPUT.INVALID');
    expect(failure(linked, { type: 'link', caseId: linked._id }, officer, reportedAt)).toBe('INPUT.INVALID');
  });

  test('a resident cannot act on someone else\'s case, and an invalid event is refused before anything else', () => {
    const c = selfReport();
    const supply: EventOf<'materialsSupplied'> = { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: ['f'] }] };
    expect(failure(c, supply, otherResident, reportedAt)).toBe('SCOPE.FORBIDDEN');
    expect(failure(c, { ...supply, items: [{ key: 'incomeStatement', fileIds: [] }] }, otherResident, reportedAt)).toBe('INPUT.INVALID');
    const r = transition(c, { type: 'nonsense' } as never, { now: reportedAt, actor: officer, settings: DEFAULT_SETTINGS });
    expect(r.ok || r.error.code).toBe('INPUT.INVALID');
  });
});
