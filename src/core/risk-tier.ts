// The risk tier a person's facts suggest (RULES §25, local tiering). The officer may still set another tier;
// capture, import and the demo generator start from this suggestion.
import { SPECIAL_DIFFICULTY_ELDERLY, type Category, type RiskTier } from './categories';

export interface RiskFacts {
  age: number;
  categories: readonly Category[];
  lifeThreateningIllness?: boolean;
  disabled?: boolean;
  dementia?: boolean;
  orphan?: boolean;
  /** 特困 cared for in an institution (集中供养) rather than at home. */
  centralisedCare?: boolean;
}

// RULES §25: 特困 supported at home (分散供养), not in an institution — priority tier, visited at least monthly.
export function isDispersedTekun(p: { categories: readonly Category[]; centralisedCare?: boolean | undefined }): boolean {
  return p.categories.includes('tekun') && !p.centralisedCare;
}

// RULES §25 (local tiering): high = 80+ living alone / empty-nest, or life-threatening illness; priority = disabled
// or demented elderly, dispersed 特困, orphans, 困境儿童; everyone else general.
export function suggestedRiskTier(f: RiskFacts): RiskTier {
  const has = (c: Category) => f.categories.includes(c);
  if (f.lifeThreateningIllness) return 'high';
  if (f.age >= 80 && SPECIAL_DIFFICULTY_ELDERLY.some(has)) return 'high';
  if (f.age >= 60 && (f.disabled || f.dementia)) return 'priority';
  if (isDispersedTekun(f)) return 'priority';
  if (f.orphan || has('childInDifficulty')) return 'priority';
  return 'general';
}

/** Risk tiers from highest to lowest. */
export const RISK_TIER_ORDER: readonly RiskTier[] = ['high', 'priority', 'general'];

/** The higher of two tiers (a household takes its most at-risk member's tier). */
export function higherRiskTier(a: RiskTier, b: RiskTier): RiskTier {
  return RISK_TIER_ORDER.indexOf(a) <= RISK_TIER_ORDER.indexOf(b) ? a : b;
}
