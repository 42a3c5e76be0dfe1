// 临时救助 (RULES §17–19): 急难 helps first and completes the paperwork after; 支出型 is decided within the town's
// limit, up to the town's approval cap.
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { availableEvents, clockMet, type EventOf } from '../../../src/core/cases';
import { applicant, bj, create, DAY, failure, go, gridworker, HOUR, investigators, officer, proxyApplication, receivedApplication, resident, step, supplyAll } from './fixtures';

describe('急难: help first, paperwork after (RULES §17, §19)', () => {
  const reportedAt = bj('2025-09-30T20:00:00');
  const urgentReport = () =>
    create({ source: 'discovery', applicant, description: '房屋失火，一家三口无处安身', helpCategory: 'emergency', urgency: 'urgent' }, gridworker, reportedAt).record;

  test('triaged to 急难, the 48 h help clock counts from the report; help is recorded; 5-wd paperwork clock across 国庆', () => {
    const triaged = go(urgentReport(), { type: 'triage', kind: 'temporaryEmergency', note: '火灾' }, officer, reportedAt + 2 * HOUR);
    expect(triaged.state).toBe('received');
    expect(triaged.clock).toMatchObject({ step: 'emergencyHelp', startedAt: reportedAt, dueAt: reportedAt + 48 * HOUR });
    expect(triaged.materials.map((m) => m.key)).toEqual(['idAndHukou', 'emergencyProof']);
    expect(failure(triaged, { type: 'accept' }, officer, reportedAt + 3 * HOUR)).toBe('CASE.ILLEGAL_TRANSITION');
    expect(failure(triaged, { type: 'recordEmergencyHelp', what: 'x', amountYuan: 1, givenAt: reportedAt + 10 * HOUR }, officer, reportedAt + 5 * HOUR)).toBe('INPUT.INVALID');
    expect(failure(triaged, { type: 'recordEmergencyHelp', what: 'x', amountYuan: 1 }, gridworker, reportedAt + 5 * HOUR)).toBe('ROLE.FORBIDDEN');

    const givenAt = bj('2025-10-01T09:00:00');
    const helped = go(triaged, { type: 'recordEmergencyHelp', what: '临时安置、发放生活物资和救助金', amountYuan: 2000, givenAt }, officer, givenAt + 3 * HOUR);
    expect(helped.state).toBe('paperwork');
    expect(helped.emergency!.help).toEqual({ what: '临时安置、发放生活物资和救助金', amountYuan: 2000, givenAt, recordedAt: givenAt + 3 * HOUR, byUserId: officer.userId });
    const helpClock = helped.clockHistory.at(-1)!;
    expect(helpClock).toMatchObject({ step: 'emergencyHelp', stoppedAt: givenAt });
    expect(clockMet(helpClock)).toBe(true);
    // From 1 Oct (holiday): 9 Oct (1), 10 (2), Sat 11 (3), 13 (4), 14 (5)
    expect(helped.clock).toMatchObject({ step: 'emergencyPaperwork', startedAt: givenAt, amount: 5, dueDate: '2025-10-14' });

    const done: EventOf<'completePaperwork'> = { type: 'completePaperwork', reason: '火灾致基本生活困难', signOffs: ['经办人 李明', '分管领导 赵强'] };
    expect(failure(helped, done, officer, bj('2025-10-09'))).toBe('CASE.MATERIALS_INCOMPLETE');
    const supplied = supplyAll(helped, bj('2025-10-09'));
    expect(supplied.state).toBe('paperwork');
    expect(failure(supplied, { ...done, signOffs: [] }, officer, bj('2025-10-10'))).toBe('INPUT.INVALID');
    const closed = go(supplied, done, officer, bj('2025-10-10'));
    expect(closed.state).toBe('closed');
    expect(closed.closure).toMatchObject({ outcome: 'helped' });
    expect(closed.emergency!.paperwork).toMatchObject({ reason: '火灾致基本生活困难', signOffs: ['经办人 李明', '分管领导 赵强'] });
    expect(clockMet(closed.clockHistory.at(-1)!)).toBe(true);
  });

  test('help above the town cap (4 × the 低保 standard) needs the county approval to complete the file', () => {
    const cap = DEFAULT_SETTINGS.dibaoStandardMonthly * DEFAULT_SETTINGS.townApprovalCapMultiple;
    let c = go(urgentReport(), { type: 'triage', kind: 'temporaryEmergency' }, officer, reportedAt);
    c = go(c, { type: 'recordEmergencyHelp', what: '医疗垫付', amountYuan: cap + 0.01 }, officer, reportedAt + HOUR);
    c = supplyAll(c, reportedAt + 2 * HOUR);
    const done: EventOf<'completePaperwork'> = { type: 'completePaperwork', reason: '重病', signOffs: ['李明'] };
    expect(failure(c, done, officer, reportedAt + 3 * HOUR)).toBe('CASE.OVER_TOWN_APPROVAL_CAP');
    expect(go(c, { ...done, countyApprovalFileId: 'f-county' }, officer, reportedAt + 3 * HOUR).emergency!.paperwork!.countyApprovalFileId).toBe('f-county');
  });

  test('a gridworker filing for a person helps at once, before the resident confirms; the paperwork clock runs (RULES §17)', () => {
    const filedAt = bj('2026-03-02T20:00:00'); // Monday evening
    const filed = proxyApplication('temporaryEmergency', filedAt);
    expect(filed.state).toBe('awaitingConfirmation');
    const help = { type: 'recordEmergencyHelp' as const, what: '送去棉被、食物和500元现金', amountYuan: 500 };
    // Only the worker who filed it (or the office) helps on their word.
    expect(failure(filed, help, { userId: 'u-grid-2', role: 'gridworker' }, filedAt + HOUR)).toBe('ROLE.FORBIDDEN');
    const helped = go(filed, help, gridworker, filedAt + HOUR);
    expect(helped.state).toBe('paperwork');
    expect(helped.proxy!.confirmation.status).toBe('pending');
    expect(helped.emergency!.help).toMatchObject({ amountYuan: 500, byUserId: gridworker.userId });
    // 5 wd from Mon 2 Mar: 3, 4, 5, 6, 9 Mar.
    expect(helped.clock).toMatchObject({ step: 'emergencyPaperwork', amount: 5, dueDate: '2026-03-09' });

    // The file cannot be completed until the resident answers; their answer leaves the paperwork clock running.
    const done: EventOf<'completePaperwork'> = { type: 'completePaperwork', reason: '火灾', signOffs: ['经办人 李明'] };
    expect(failure(supplyAll(helped, filedAt + 2 * HOUR), done, officer, filedAt + 3 * HOUR)).toBe('CASE.NOT_CONFIRMED');
    const confirmed = go(helped, { type: 'confirmByResident' }, resident, bj('2026-03-04T10:00:00'));
    expect(confirmed.state).toBe('paperwork');
    expect(confirmed.clock).toEqual(helped.clock);
    expect(confirmed.proxy!.confirmation.status).toBe('confirmed');
    expect(failure(confirmed, { type: 'confirmByResident' }, resident, bj('2026-03-04T11:00:00'))).toBe('CASE.ILLEGAL_TRANSITION');
    expect(availableEvents(confirmed, resident)).not.toContain('confirmByResident');
    const closed = go(supplyAll(confirmed, bj('2026-03-05')), done, officer, bj('2026-03-06'));
    expect(closed.closure).toMatchObject({ outcome: 'helped' });
    expect(clockMet(closed.clockHistory.at(-1)!)).toBe(true);
  });

  test('the help clock setting is the town\'s', () => {
    const settings = { ...DEFAULT_SETTINGS, emergencyHelpHours: 24 };
    const c = go(urgentReport(), { type: 'triage', kind: 'temporaryEmergency' }, officer, reportedAt, settings);
    expect(c.clock).toMatchObject({ amount: 24, dueAt: reportedAt + 24 * HOUR });
  });
});

describe('支出型: decided within the town limit (RULES §18–19)', () => {
  const t = bj('2026-09-28T10:00:00'); // Monday before 2026 国庆 (1–7 Oct off, Sat 10 Oct worked)

  test('accepted → town decision clock of 10 wd (setting); checks recorded on the way; approval up to the cap', () => {
    let c = create({ source: 'direct', kind: 'temporaryExpense', applicant, consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] }, resident, t).record;
    expect(c.materials.map((m) => m.key)).toEqual(['idAndHukou', 'incomeStatement', 'expenseProof']);
    c = supplyAll(c, t, resident);
    c = go(c, { type: 'accept' }, officer, t + HOUR);
    expect(c.state).toBe('awaitingTownDecision');
    // 29, 30 Sep (2), 8, 9 Oct (4), Sat 10 (5), 12–16 (10)
    expect(c.clock).toMatchObject({ step: 'townDecision', amount: 10, dueDate: '2026-10-16' });
    const clock = c.clock;
    c = go(c, { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f' }, officer, t + 2 * HOUR);
    c = go(c, { type: 'requestDataCheck' }, officer, t + 2 * HOUR);
    c = go(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }, officer, t + 3 * HOUR);
    expect(c.state).toBe('awaitingTownDecision');
    expect(c.clock).toEqual(clock);
    expect(failure(c, { type: 'firstReview', opinion: 'approve', note: '符合' }, officer, t)).toBe('CASE.ILLEGAL_TRANSITION');

    expect(failure(c, { type: 'decide', decision: { outcome: 'approve', amountYuan: 3200.01 } }, officer, t + 4 * HOUR)).toBe('CASE.OVER_TOWN_APPROVAL_CAP');
    const approved = go(c, { type: 'decide', decision: { outcome: 'approve', amountYuan: 3200 } }, officer, t + 4 * HOUR);
    expect(approved.decision).toMatchObject({ by: 'town', amountYuan: 3200 });
    expect(approved.decision!.benefitStartMonth).toBeUndefined(); // a one-off payment
    // Above the cap the county decides (一事一议) and the office records it.
    // RULES §33: more than the town's limit is recorded with the county's reason.
    expect(failure(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 8000 } }, officer, t + DAY)).toBe('CASE.AMOUNT_REASON_REQUIRED');
    const county = go(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 8000, amountReason: '一事一议：重病住院' } }, officer, t + DAY);
    expect(county.decision).toMatchObject({ by: 'county', amountYuan: 8000, suggestedAmountYuan: 3200, amountReason: '一事一议：重病住院' });
  });

  test('a 支出型 denial needs the explanation but no 3-wd written notice', () => {
    let c = receivedApplication('temporaryExpense', t);
    c = go(c, { type: 'accept' }, officer, t);
    const { next, effects } = step(c, { type: 'decide', decision: { outcome: 'deny', reasons: ['人均收入高于当地平均水平'] } }, officer, t + HOUR);
    expect(next.state).toBe('denied');
    expect(next.clock).toBeUndefined();
    expect(effects[0]).toMatchObject({ type: 'createExplanationTask', reasons: ['人均收入高于当地平均水平'] });
    expect(go(next, { type: 'closeExplanation', conversation: '已解释' }, gridworker, t + 2 * HOUR).state).toBe('closed');
  });

  test('the decision limit is the town setting', () => {
    const settings = { ...DEFAULT_SETTINGS, temporaryAssistanceDecisionWorkingDays: 5 };
    const c = go(receivedApplication('temporaryExpense', t), { type: 'accept' }, officer, t, settings);
    expect(c.clock).toMatchObject({ amount: 5, dueDate: '2026-10-10' });
  });
});
