// The benefit amount (RULES §33): 低保 as the gap times the covered persons, with the local rounding and minimum;
// 特困 at the local 供养标准; 临时救助 up to the town's limit (§19). More than computed needs a reason; the ceiling never.
import { DEFAULT_SETTINGS, townApprovalCapYuan } from '../../../src/core/settings';
import { dibaoGapAmount, suggestedAmount } from '../../../src/core/cases';
import { applicant, bj, failure, go, officer, reviewedApplication } from './fixtures';

const s = DEFAULT_SETTINGS; // standard 800, whole yuan, minimum 10

describe('the computed 低保 amount (差额发放)', () => {
  test('income below the standard: the gap times the household, one person and five', () => {
    expect(dibaoGapAmount(520, 1, s)).toBe(280);
    expect(dibaoGapAmount(520, 5, s)).toBe(1400);
    // 800 − 633.33 = 166.67 a person × 3 = 500.01 → whole yuan
    expect(dibaoGapAmount(633.33, 3, s)).toBe(500);
  });

  test('income exactly at or above the standard: nothing to pay', () => {
    expect(dibaoGapAmount(800, 1, s)).toBe(0);
    expect(dibaoGapAmount(800, 5, s)).toBe(0);
    expect(dibaoGapAmount(950, 5, s)).toBe(0);
  });

  test('a small gap is paid at least the local minimum; the rounding step is a setting', () => {
    expect(dibaoGapAmount(797, 1, s)).toBe(10);
    expect(dibaoGapAmount(797, 1, { ...s, dibaoMinimumYuan: 0 })).toBe(3);
    expect(dibaoGapAmount(633.33, 3, { ...s, dibaoRoundingYuan: 0.1 })).toBe(500);
    expect(dibaoGapAmount(633.37, 3, { ...s, dibaoRoundingYuan: 0.1 })).toBe(499.9);
  });

  test('the suggestion uses the recorded income and the covered persons, defaulting to the household size', () => {
    const c = { kind: 'dibao' as const, applicant: { ...applicant, householdSize: 5 } };
    expect(suggestedAmount({ ...c, firstReview: undefined }, s)).toBeNull();
    expect(suggestedAmount({ ...c, firstReview: { at: 0, byUserId: 'u', opinion: 'approve', note: '', perCapitaIncomeYuan: 500 } }, s)!.amountYuan).toBe(1500);
    expect(suggestedAmount({ ...c, firstReview: { at: 0, byUserId: 'u', opinion: 'approve', note: '', perCapitaIncomeYuan: 500, coveredPersons: 1 } }, s)!.amountYuan).toBe(300);
    expect(suggestedAmount({ kind: 'tekun', applicant }, s)!.amountYuan).toBe(s.tekunSupportStandardMonthly);
    expect(suggestedAmount({ kind: 'temporaryExpense', applicant }, s)!.amountYuan).toBe(townApprovalCapYuan(s));
  });
});

describe('approving an amount', () => {
  const atCounty = () => {
    let c = reviewedApplication('dibao', bj('2025-10-09'), {}, s, { perCapitaIncomeYuan: 500 }); // household of 2 → 600
    c = go(c, { type: 'startPublicNotice' }, officer, bj('2025-10-09T11:00:00'));
    return go(c, { type: 'endPublicNotice' }, officer, bj('2025-10-16T08:00:00'));
  };
  const approve = (amountYuan: number, amountReason?: string) => ({
    type: 'recordCountyDecision' as const,
    decision: { outcome: 'approve' as const, amountYuan, ...(amountReason ? { amountReason } : {}) },
  });
  const day = bj('2025-10-20');

  test('the first review records what the investigation found', () => {
    expect(atCounty().firstReview).toMatchObject({ perCapitaIncomeYuan: 500 });
  });

  test('the computed amount or less passes and is kept beside the approved one', () => {
    expect(go(atCounty(), approve(600), officer, day).decision).toMatchObject({ amountYuan: 600, suggestedAmountYuan: 600 });
    expect(go(atCounty(), approve(550), officer, day).decision).toMatchObject({ amountYuan: 550 });
  });

  test('more than computed needs a written reason (分档/特殊情况)', () => {
    expect(failure(atCounty(), approve(600.01), officer, day)).toBe('CASE.AMOUNT_REASON_REQUIRED');
    const c = go(atCounty(), approve(800, '重度残疾，按分档上浮'), officer, day);
    expect(c.decision).toMatchObject({ amountYuan: 800, suggestedAmountYuan: 600, amountReason: '重度残疾，按分档上浮' });
  });

  test('above the hard ceiling: refused, whatever the reason', () => {
    expect(failure(atCounty(), approve(80_000, '特殊情况'), officer, day)).toBe('CASE.AMOUNT_OVER_CEILING');
    expect(failure(atCounty(), approve(500, undefined), officer, day, { ...s, approvedAmountCeilingYuan: 400 })).toBe('CASE.AMOUNT_OVER_CEILING');
  });

  test('特困 above the 供养标准 needs a reason too', () => {
    let c = go(reviewedApplication('tekun', bj('2026-02-02')), { type: 'startPublicNotice' }, officer, bj('2026-02-03'));
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-02-10'));
    expect(failure(c, approve(s.tekunSupportStandardMonthly + 1), officer, bj('2026-03-02'))).toBe('CASE.AMOUNT_REASON_REQUIRED');
    expect(go(c, approve(s.tekunSupportStandardMonthly), officer, bj('2026-03-02')).decision).toMatchObject({ suggestedAmountYuan: 1040 });
  });
});
