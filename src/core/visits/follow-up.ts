// Follow-up plans (跟踪帮扶): one per assisted household, with a tier, a visit frequency, one named owner (一对一)
// and the items to check; and what on a follow-up visit counts as an anomaly the officer must see at once.
import { z } from 'zod';
import { riskTierSchema, type Category, type RiskTier } from '../categories';
import { err, ok, type Result } from '../errors';
import { recordIdSchema, requestIdSchema } from '../ids';
import { recordMeta } from '../records';
import { higherRiskTier } from '../risk-tier';
import type { Role } from '../roles';
import type { TownSettings } from '../settings';
import { MAJOR_CHANGE_LABELS, type MajorChangeKind } from './major-change';
import { frequencyLabel, visitIntervalFor, type VisitInterval } from './schedule';
import { CHECKLIST_KEYS, VISIT_CHECKLIST, problemKeys, type ChecklistKey, type VisitInput } from './visit-record';

/** Items one plan may list. */
export const FOLLOW_UP_ITEMS_MAX = 20;
export const FOLLOW_UP_ITEM_LABEL_MAX = 50;

export const followUpItemSchema = z
  .object({
    id: recordIdSchema,
    label: z.string().trim().min(1).max(FOLLOW_UP_ITEM_LABEL_MAX, `检查事项不能超过${FOLLOW_UP_ITEM_LABEL_MAX}字`),
    /** The checklist item it follows, when it is one. */
    checklistKey: z.enum(CHECKLIST_KEYS as [ChecklistKey, ...ChecklistKey[]]).optional(),
  })
  .strict();
export type FollowUpItem = z.infer<typeof followUpItemSchema>;
/** How a plan item's check on a visit reads: in order, or not (a finding). */
export const FOLLOW_UP_CHECK_LABELS = { ok: '正常', bad: '有异常' } as const;

const itemsSchema = z
  .array(followUpItemSchema)
  .min(1, '至少列出一项检查事项')
  .max(FOLLOW_UP_ITEMS_MAX, `检查事项最多${FOLLOW_UP_ITEMS_MAX}项`)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, '检查事项重复');

export const followUpPlanSchema = z.object({
  ...recordMeta,
  requestId: z.string(),
  householdId: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  tier: riskTierSchema,
  frequencyDays: z.number().int().positive(),
  /** One named owner (一对一). */
  ownerId: z.string(),
  ownerName: z.string(),
  items: itemsSchema,
  state: z.enum(['active', 'closed']),
  createdBy: z.string(),
  closedAt: z.number().optional(),
  closedBy: z.string().optional(),
});
export type FollowUpPlan = z.infer<typeof followUpPlanSchema>;

/** What the client submits to create a plan; frequency and items default from the household (`defaultPlanFor`). */
export const followUpPlanInputSchema = z
  .object({
    requestId: requestIdSchema,
    householdId: recordIdSchema,
    ownerId: recordIdSchema,
    frequencyDays: z.number().int().positive().max(366).optional(),
    items: itemsSchema.optional(),
  })
  .strict();
export type FollowUpPlanInput = z.output<typeof followUpPlanInputSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Defaults

export interface PlanMemberFacts {
  riskTier: RiskTier;
  categories: readonly Category[];
  centralisedCare?: boolean;
}

export interface PlanHouseholdFacts {
  keyHousehold: boolean;
  members: readonly PlanMemberFacts[];
}

export interface DefaultPlan {
  tier: RiskTier;
  frequencyDays: number;
  /** Chinese: which rule sets the frequency. */
  frequencyReason: string;
  items: FollowUpItem[];
}

/** Always checked on a follow-up visit. */
const BASE_ITEMS: readonly ChecklistKey[] = ['policyDelivered', 'stillInHardship'];
/** Checked when a member is in the category (RULES §24 groups; §26 children). */
const ITEMS_BY_CATEGORY: Readonly<Partial<Record<Category, readonly ChecklistKey[]>>> = {
  aloneElderly: ['noCarer', 'noVisits', 'noHomeCheck', 'noBasicService'],
  emptyNestElderly: ['noCarer', 'noVisits', 'noHomeCheck'],
  tekun: ['noCarer', 'noHomeCheck', 'noBasicService'],
  childInDifficulty: ['noGuardian', 'childAtRisk'],
  leftBehindChild: ['noGuardian', 'childAtRisk'],
  disabledInHardship: ['noCarer', 'noBasicService'],
  vagrant: ['noBasicService', 'doesNotKnowHowToApply'],
  fanpin: ['uncoveredAtRisk'],
  dibaoEdge: ['uncoveredAtRisk', 'doesNotKnowHowToApply'],
  rigidSpending: ['uncoveredAtRisk', 'doesNotKnowHowToApply'],
  otherHardship: ['uncoveredAtRisk', 'doesNotKnowHowToApply'],
};

/** A checklist item as a plan item (its id is the checklist key). */
export function checklistPlanItem(key: ChecklistKey): FollowUpItem {
  return { id: key, label: VISIT_CHECKLIST[key].question, checklistKey: key };
}

/**
 * The plan a household gets by default: the tier of its most at-risk member, the shortest visit interval of any
 * member under the schedule rules (so a key household gets the higher frequency), and checklist items that fit
 * its members' categories.
 */
export function defaultPlanFor(household: PlanHouseholdFacts, settings: Pick<TownSettings, 'visitIntervalDays'>): DefaultPlan {
  const members: readonly PlanMemberFacts[] = household.members.length > 0 ? household.members : [{ riskTier: 'general', categories: [] }];
  let tier: RiskTier = 'general';
  let interval: VisitInterval | undefined;
  const wanted = new Set<ChecklistKey>(BASE_ITEMS);
  for (const m of members) {
    tier = higherRiskTier(tier, m.riskTier);
    // RULES §25: the same interval rules as the visit schedule, key-household floor included.
    const own = visitIntervalFor({ ...m, keyHousehold: household.keyHousehold }, settings);
    if (!interval || own.days < interval.days) interval = own;
    for (const c of m.categories) for (const k of ITEMS_BY_CATEGORY[c] ?? []) wanted.add(k);
  }
  const chosen = interval!;
  return {
    tier,
    frequencyDays: chosen.days,
    frequencyReason: chosen.reason,
    items: CHECKLIST_KEYS.filter((k) => wanted.has(k)).map(checklistPlanItem),
  };
}

// RULES §25: a plan may visit more often than the rules require, never less often.
export function checkPlanFrequency(frequencyDays: number, defaults: Pick<DefaultPlan, 'frequencyDays' | 'frequencyReason'>): Result<number> {
  if (frequencyDays > defaults.frequencyDays) {
    return err(
      'PLAN.FREQUENCY_TOO_LOW',
      `跟踪帮扶频次不能低于规定频次：${defaults.frequencyReason}（${frequencyLabel(defaults.frequencyDays)}）`,
      { maxDays: defaults.frequencyDays },
    );
  }
  return ok(frequencyDays);
}

/** Roles that can own a plan: people who visit households. */
export const PLAN_OWNER_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer'];

export interface PlanBuildContext {
  id: string;
  household: PlanHouseholdFacts & { _id: string; gridId: string; villageId: string };
  owner: { _id: string; name: string; role: Role };
  createdBy: string;
  settings: Pick<TownSettings, 'visitIntervalDays'>;
  now: number;
}

/** The plan record to insert: defaults filled in, the frequency checked against the rules, one owner. */
export function buildFollowUpPlan(input: FollowUpPlanInput, ctx: PlanBuildContext): Result<FollowUpPlan> {
  if (input.householdId !== ctx.household._id) return err('INPUT.INVALID', '帮扶计划与所选家庭不一致');
  if (input.ownerId !== ctx.owner._id) return err('INPUT.INVALID', '帮扶责任人与所选人员不一致');
  if (!PLAN_OWNER_ROLES.includes(ctx.owner.role)) return err('INPUT.INVALID', '帮扶责任人应为网格员、村干部或民政办工作人员');
  const defaults = defaultPlanFor(ctx.household, ctx.settings);
  const frequency = checkPlanFrequency(input.frequencyDays ?? defaults.frequencyDays, defaults);
  if (!frequency.ok) return frequency;
  return ok({
    _id: ctx.id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 0,
    requestId: input.requestId,
    householdId: ctx.household._id,
    gridId: ctx.household.gridId,
    villageId: ctx.household.villageId,
    tier: defaults.tier,
    frequencyDays: frequency.data,
    ownerId: ctx.owner._id,
    ownerName: ctx.owner.name,
    items: input.items ?? defaults.items,
    state: 'active',
    createdBy: ctx.createdBy,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Anomalies on a follow-up visit

export type FollowUpFinding =
  | { kind: 'checklist'; personId: string; key: ChecklistKey; label: string }
  | { kind: 'majorChange'; personId: string; change: MajorChangeKind; label: string }
  | { kind: 'planItem'; itemId: string; label: string; note?: string };

/**
 * What a follow-up visit found wrong: any checklist answer that is a problem (for any member, whether or not the
 * plan lists it), any major change, and any plan item checked as not in order. Items not checked are not findings.
 */
export function followUpFindings(visit: Pick<VisitInput, 'members' | 'followUp'>, plan: Pick<FollowUpPlan, 'items'>): FollowUpFinding[] {
  const findings: FollowUpFinding[] = [];
  for (const m of visit.members) {
    for (const key of problemKeys(m)) findings.push({ kind: 'checklist', personId: m.personId, key, label: VISIT_CHECKLIST[key].problemTitle });
    if (m.majorChange) findings.push({ kind: 'majorChange', personId: m.personId, change: m.majorChange, label: `重大变故：${MAJOR_CHANGE_LABELS[m.majorChange]}` });
  }
  const items = new Map(plan.items.map((i) => [i.id, i]));
  for (const check of visit.followUp?.items ?? []) {
    const item = items.get(check.itemId);
    if (!item || check.ok) continue;
    // A checklist-backed item is already a finding through the member answers; report it once.
    if (item.checklistKey && findings.some((f) => f.kind === 'checklist' && f.key === item.checklistKey)) continue;
    const label = item.checklistKey ? VISIT_CHECKLIST[item.checklistKey].problemTitle : `跟踪事项异常：${item.label}`;
    const finding: FollowUpFinding = { kind: 'planItem', itemId: item.id, label };
    if (check.note) finding.note = check.note;
    findings.push(finding);
  }
  return findings;
}

/** A follow-up visit with any finding is an anomaly: it reaches the officer at once (issue 4). */
export function isFollowUpAnomaly(visit: Pick<VisitInput, 'members' | 'followUp'>, plan: Pick<FollowUpPlan, 'items'>): boolean {
  return followUpFindings(visit, plan).length > 0;
}
