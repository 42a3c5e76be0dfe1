// 特困 (RULES §11–15, §29): its own limits, the self-care assessment, supporters' authorisation, no notice for minors.
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { availableEvents, missingItems } from '../../../src/core/cases';
import { applicant, bj, failure, go, investigators, officer, proxyApplication, receivedApplication, reviewedApplication, step } from './fixtures';

const acceptedAt = bj('2026-02-02T10:00:00'); // Monday; 春节 15–23 Feb off, Sat 14 and Sat 28 Feb worked

describe('特困 clocks', () => {
  test('acceptance starts the 15-wd town investigation clock, running across 春节 until the first review', () => {
    let c = go(receivedApplication('tekun', acceptedAt), { type: 'accept' }, officer, acceptedAt);
    expect(c.state).toBe('awaitingInvestigation');
    // 3–6 Feb (4), 9–13 (9), Sat 14 (10), 24–27 Feb (14), Sat 28 Feb (15)
    expect(c.clock).toMatchObject({ step: 'townInvestigation', amount: 15, dueDate: '2026-02-28' });
    expect(c.procedureClock).toBeUndefined(); // the 30/45-wd procedure clock is 低保's (RULES §8)
    const clock = c.clock;
    c = go(c, { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f' }, officer, acceptedAt + 86_400_000);
    expect(c.state).toBe('investigating');
    expect(c.clock).toEqual(clock);
    c = go(c, { type: 'requestDataCheck' }, officer, acceptedAt);
    c = go(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }, officer, acceptedAt);
    expect(failure(c, { type: 'firstReview', opinion: 'approve', note: '符合', proposedAmountYuan: 900 }, officer, acceptedAt)).toBe('CASE.SELF_CARE_NOT_ASSESSED');
    const answers = { eating: false, dressing: false, bedTransfer: false, toileting: false, walkingIndoors: true, bathing: true };
    c = go(c, { type: 'assessSelfCare', answers }, officer, acceptedAt);
    expect(c.selfCare).toMatchObject({ classification: 'fullLoss', failed: ['eating', 'dressing', 'bedTransfer', 'toileting'] });
    c = go(c, { type: 'firstReview', opinion: 'approve', note: '符合', proposedAmountYuan: 900 }, officer, acceptedAt);
    expect(c.state).toBe('reviewed');
    expect(c.clock).toBeUndefined();
    expect(c.clockHistory.at(-1)).toMatchObject({ step: 'townInvestigation' });
  });

  test('after the notice the county reviews within 15 wd; an objection is re-investigated within 15 wd', () => {
    let c = go(reviewedApplication('tekun', acceptedAt), { type: 'startPublicNotice' }, officer, bj('2026-02-03'));
    expect(failure(c, { type: 'recordObjection', text: '有异议', handling: 'democraticReview' }, officer, bj('2026-02-05'))).toBe('INPUT.INVALID');
    const objected = go(c, { type: 'recordObjection', text: '其侄子愿意赡养', handling: 'reinvestigate' }, officer, bj('2026-02-05'));
    expect(objected.state).toBe('awaitingInvestigation');
    // 6 Feb (1), 9–13 (6), Sat 14 (7), 24–27 (11), Sat 28 (12), 2–4 Mar (15)
    expect(objected.clock).toMatchObject({ step: 'reinvestigation', amount: 15, dueDate: '2026-03-04' });

    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-02-10'));
    expect(c.state).toBe('awaitingCountyDecision');
    // 11–13 Feb (3), Sat 14 (4), 24–27 (8), Sat 28 (9), 2–6 Mar (14), 9 Mar (15)
    expect(c.clock).toMatchObject({ step: 'countyDecision', amount: 15, dueDate: '2026-03-09' });
    c = go(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 900 } }, officer, bj('2026-03-02'));
    expect(c.decision).toMatchObject({ benefitStartMonth: '2026-04', amountYuan: 900 });
  });

  test('a 特困 denial is notified in writing within 3 wd (RULES §14); no extension, no near-relative flag', () => {
    let c = go(reviewedApplication('tekun', acceptedAt), { type: 'startPublicNotice' }, officer, bj('2026-02-03'));
    expect(failure(c, { type: 'extend', reason: 'objection', note: '延' }, officer, bj('2026-02-04'))).toBe('CASE.ILLEGAL_TRANSITION');
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-02-10'));
    const { next, effects } = step(c, { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['有赡养能力的义务人'] } }, officer, bj('2026-02-13'));
    expect(next.clock).toMatchObject({ step: 'writtenNotice', dueDate: '2026-02-25' }); // Sat 14 (1), 24 (2), 25 (3)
    expect(effects.some((e) => e.type === 'createExplanationTask')).toBe(true);
    const received = receivedApplication('tekun', acceptedAt);
    expect(failure(received, { type: 'flagNearRelative', relativeOf: 'committeeMember', relation: '兄' }, officer, acceptedAt)).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('特困 materials and notice', () => {
  test('legal supporters sign the data-check authorisation too (RULES §12)', () => {
    const keys = (hasLegalSupporters: boolean) =>
      missingItems(proxyApplication('tekun', acceptedAt, { applicant: { ...applicant, hasLegalSupporters } })).map((m) => m.key);
    expect(keys(true)).toContain('supporterDataCheckAuthorisation');
    expect(keys(false)).not.toContain('supporterDataCheckAuthorisation');
    const c = go(receivedApplication('tekun', acceptedAt, { applicant: { ...applicant, hasLegalSupporters: true } }), { type: 'accept' }, officer, acceptedAt);
    expect(c.materials.find((m) => m.key === 'supporterDataCheckAuthorisation')).toMatchObject({ provided: true, required: true });
  });

  test("a minor's 特困 case is not posted (RULES §29): the notice is skipped and recorded", () => {
    const minor = { applicant: { ...applicant, name: '小明', minor: true } };
    const c = reviewedApplication('tekun', acceptedAt, minor);
    expect(failure(c, { type: 'startPublicNotice' }, officer, acceptedAt)).toBe('CASE.NOTICE_NOT_POSTABLE');
    const next = go(c, { type: 'skipPublicNotice' }, officer, bj('2026-02-03'));
    expect(next.noticeSkipped).toEqual({ at: bj('2026-02-03'), byUserId: officer.userId, reason: 'minor' });
    expect(next.publicNotices).toEqual([]);
    expect(next.state).toBe('awaitingCountyDecision');
    const delegated = go(c, { type: 'skipPublicNotice' }, officer, bj('2026-02-03'), { ...DEFAULT_SETTINGS, townDelegatedConfirmation: true });
    expect(delegated.state).toBe('awaitingTownDecision');
  });

  test('a negative first-review opinion has nothing to post and goes straight to the decision', () => {
    let c = go(receivedApplication('dibao', acceptedAt), { type: 'accept' }, officer, acceptedAt);
    c = go(c, { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f' }, officer, acceptedAt);
    c = go(c, { type: 'requestDataCheck' }, officer, acceptedAt);
    c = go(c, { type: 'recordDataCheck', result: 'discrepancy', reference: 'HD-2026-01' }, officer, acceptedAt);
    c = go(c, { type: 'firstReview', opinion: 'deny', note: '有两套住房', proposedAmountYuan: 500 }, officer, acceptedAt);
    expect(c.firstReview!.proposedAmountYuan).toBeUndefined();
    expect(failure(c, { type: 'startPublicNotice' }, officer, acceptedAt)).toBe('CASE.NOTICE_NOT_POSTABLE');
    const next = go(c, { type: 'skipPublicNotice' }, officer, acceptedAt);
    expect(next.noticeSkipped!.reason).toBe('negativeOpinion');
    expect(next.state).toBe('awaitingCountyDecision');
  });

  test('a complete 特困 file has nothing missing', () => {
    expect(missingItems(receivedApplication('tekun', acceptedAt, { applicant: { ...applicant, hasLegalSupporters: true, disabled: true } }))).toEqual([]);
  });
});

describe('逢进必核 (RULES §3, §5, §12)', () => {
  test('a town-delegated 特困 confirmation waits for the check report; once completed, approval goes through', () => {
    const settings = { ...DEFAULT_SETTINGS, townDelegatedConfirmation: true };
    let c = go(reviewedApplication('tekun', acceptedAt, {}, settings), { type: 'startPublicNotice' }, officer, bj('2026-02-03'), settings);
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-02-10'), settings);
    expect(c.state).toBe('awaitingTownDecision');
    // A check recorded without its report number (as before report numbers were kept).
    c = { ...c, dataCheck: { ...c.dataCheck!, reference: undefined, reportedOn: undefined } };
    const approve = { type: 'decide' as const, decision: { outcome: 'approve' as const, amountYuan: 900 } };
    expect(failure(c, approve, officer, bj('2026-02-11'), settings)).toBe('CASE.DATA_CHECK_REQUIRED');
    expect(availableEvents(c, officer)).not.toContain('decide');
    expect(availableEvents(c, officer)).toContain('recordDataCheck');
    c = go(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-77', reportedOn: '2026-02-03' }, officer, bj('2026-02-11'), settings);
    expect(c.dataCheck).toMatchObject({ reference: 'HD-2026-77', reportedOn: '2026-02-03', result: 'consistent' });
    expect(availableEvents(c, officer)).toContain('decide');
    expect(availableEvents(c, officer)).not.toContain('recordDataCheck');
    expect(go(c, approve, officer, bj('2026-02-11'), settings).state).toBe('closed');
  });
});
