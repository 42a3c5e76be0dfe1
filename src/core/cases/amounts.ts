// The benefit amount (RULES §33): what the town's rules suggest, and what an approval may not exceed.
import { err, type Err } from '../errors';
import { townApprovalCapYuan, type TownSettings } from '../settings';
import type { CaseRecord } from './case-record';

export type AmountSettings = Pick<
  TownSettings,
  'dibaoStandardMonthly' | 'dibaoRoundingYuan' | 'dibaoMinimumYuan' | 'tekunSupportStandardMonthly' | 'townApprovalCapMultiple'
>;

export interface AmountSuggestion {
  amountYuan: number;
  /** How it was computed, for the form beside the amount input. */
  basis: string;
}

/** Rounded to the step (half up), to the fen so that 0.1-yuan steps do not drift. */
function roundTo(value: number, step: number): number {
  return Math.round(Math.round(value / step) * step * 100) / 100;
}

// RULES §33: 差额发放 — (standard − monthly per-capita income) × covered persons, rounded, at least the local minimum;
// nothing when income reaches the standard.
export function dibaoGapAmount(perCapitaIncomeYuan: number, coveredPersons: number, settings: AmountSettings): number {
  const gap = (settings.dibaoStandardMonthly - perCapitaIncomeYuan) * coveredPersons;
  if (gap <= 0) return 0;
  return Math.max(roundTo(gap, settings.dibaoRoundingYuan), settings.dibaoMinimumYuan);
}

/** The amount the local rules give for this case, or null where the case lacks the facts (RULES §19, §33). */
export function suggestedAmount(c: Pick<CaseRecord, 'kind' | 'applicant' | 'firstReview'>, settings: AmountSettings): AmountSuggestion | null {
  switch (c.kind) {
    case 'dibao': {
      const income = c.firstReview?.perCapitaIncomeYuan;
      const covered = c.firstReview?.coveredPersons ?? c.applicant.householdSize;
      if (income === undefined || covered === undefined) return null;
      const amountYuan = dibaoGapAmount(income, covered, settings);
      return { amountYuan, basis: `（低保标准${settings.dibaoStandardMonthly}元 − 人均月收入${income}元）× ${covered}人` };
    }
    case 'tekun':
      return { amountYuan: settings.tekunSupportStandardMonthly, basis: '当地特困供养标准' };
    case 'temporaryExpense':
      return { amountYuan: townApprovalCapYuan(settings), basis: '乡镇直接审批上限' };
    default:
      return null;
  }
}

// RULES §33: above the hard ceiling refused; above the suggestion only with a written reason (分档/特殊情况).
export function checkApprovedAmount(
  amountYuan: number,
  reason: string | undefined,
  suggestion: AmountSuggestion | null,
  settings: Pick<TownSettings, 'approvedAmountCeilingYuan'>,
): Err | null {
  if (amountYuan > settings.approvedAmountCeilingYuan) {
    return err('CASE.AMOUNT_OVER_CEILING', `批准金额超过本地规定的上限（${settings.approvedAmountCeilingYuan}元）`);
  }
  if (suggestion && amountYuan > suggestion.amountYuan && reason === undefined) {
    return err('CASE.AMOUNT_REASON_REQUIRED', `批准金额高于测算金额（${suggestion.amountYuan}元），需要写明理由（分档或特殊情况）`);
  }
  return null;
}
