// What the village notice board (and the public view of it) may show about a case.
import type { CaseRecord } from './case-record';

export interface PublicNoticeView {
  applicantName: string;
  householdSize: number | null;
  /** The decided amount once approved, else the amount proposed in the first review; null when there is none. */
  amountYuan: number | null;
}

// RULES §29: a minor's 特困 case is never posted publicly; the notice board (issue 13) posts no minor at all, so a
// minor's 低保 case skips the notice too rather than being posted from the case page.
export function isPostable(c: Pick<CaseRecord, 'applicant'>): boolean {
  return !c.applicant.minor;
}

// RULES §6, §10, §29: only the applicant's name, the household size and the amount — nothing else. Null when the
// case may not be posted, or was denied (nothing of a denied application is published).
export function publicNoticeView(c: Pick<CaseRecord, 'kind' | 'applicant' | 'firstReview' | 'decision'>): PublicNoticeView | null {
  if (!isPostable(c) || c.decision?.outcome === 'deny') return null;
  const decided = c.decision?.outcome === 'approve' ? c.decision.amountYuan : undefined;
  return {
    applicantName: c.applicant.name,
    householdSize: c.applicant.householdSize ?? null,
    amountYuan: decided ?? c.firstReview?.proposedAmountYuan ?? null,
  };
}
