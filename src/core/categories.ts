// Categories a person can carry; several may apply at once.
import { z } from 'zod';

/** 低收入人口 monitoring categories (RULES §21, D39). */
export const LOW_INCOME_CATEGORIES = {
  dibao: '低保对象',
  tekun: '特困人员',
  fanpin: '防止返贫监测对象',
  dibaoEdge: '低保边缘家庭成员',
  rigidSpending: '刚性支出困难家庭成员',
  otherHardship: '其他困难人员',
} as const;

/** Special groups named for visits (RULES §24). 低保/特困 appear in both lists and are one key each. */
export const SPECIAL_GROUPS = {
  aloneElderly: '独居老人',
  emptyNestElderly: '空巢老人',
  childInDifficulty: '困境儿童',
  leftBehindChild: '留守儿童',
  disabledInHardship: '生活困难残疾人',
  vagrant: '流浪乞讨人员',
} as const;

export const CATEGORY_LABELS = { ...LOW_INCOME_CATEGORIES, ...SPECIAL_GROUPS } as const;
export type Category = keyof typeof CATEGORY_LABELS;
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];
export const categorySchema = z.enum(CATEGORIES as [Category, ...Category[]]);

// RULES §25: the special-difficulty elderly (独居, 空巢) — visited monthly, high risk from 80.
export const SPECIAL_DIFFICULTY_ELDERLY: readonly Category[] = ['aloneElderly', 'emptyNestElderly'];

/** Risk tiers that drive visit frequency (RULES §25, local defaults). */
export const RISK_TIERS = { high: '高风险', priority: '重点', general: '一般' } as const;
export type RiskTier = keyof typeof RISK_TIERS;
export const RISK_TIER_KEYS = Object.keys(RISK_TIERS) as RiskTier[];
export const riskTierSchema = z.enum(RISK_TIER_KEYS as [RiskTier, ...RiskTier[]]);
