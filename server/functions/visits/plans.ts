// Follow-up plans (跟踪帮扶, issue 4): one active plan per assisted household, with a tier, a frequency no lower than
// the rules (key households visited more often), one named owner (一对一) and items to check. The plan's frequency
// is copied onto the members, so their stored next visit follows it.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { userSchema, type Household, type User } from '../../../src/core/records';
import type { TownSettings } from '../../../src/core/settings';
import { inScope, scopeOf, type Role } from '../../../src/core/roles';
import {
  buildFollowUpPlan,
  checkPlanFrequency,
  defaultPlanFor,
  followUpItemSchema,
  followUpPlanInputSchema,
  followUpPlanSchema,
  FOLLOW_UP_ITEMS_MAX,
  PLAN_OWNER_ROLES,
  type FollowUpPlan,
} from '../../../src/core/visits/follow-up';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { createOnceChecked } from '../../platform/insert-once';
import { cursorSchema, rangePage } from '../../platform/paging';
import { scopeCondition } from '../../platform/scope-query';
import { unwrap } from '../../platform/result';
import { loadSettings } from '../../platform/settings';
import { readAllPages, readRecord, updateVersioned } from '../../platform/store';
import { householdSchema, membersOf, scopedHousehold, withHouseholds, writeMembers } from '../../roster/persons';
import { VISIT_ROLES } from './worklist';

const idSchema = z.string().min(1).max(64);

/** Staff who may own work in a household: its grid's workers, its village's cadres, the town office. */
export async function ownerCandidates(ctx: ActionContext, at: Pick<Household, 'gridId' | 'villageId'>, roles: readonly Role[] = PLAN_OWNER_ROLES): Promise<User[]> {
  // Each role's holders of this place, every page of them, read side by side.
  const where: Partial<Record<Role, object>> = { gridworker: { gridIds: at.gridId }, cadre: { villageIds: at.villageId }, officer: {} };
  const found = await Promise.all(roles.map((role) => readAllPages(ctx.db, COLLECTIONS.users, userSchema, { role, ...where[role] })));
  return found.flat().filter((u) => inScope(scopeOf(u), at));
}

/** The household's one active plan, if it has one. */
export async function activePlanOf(db: Database, householdId: string): Promise<FollowUpPlan | null> {
  const found = await db.collection(COLLECTIONS.plans).where({ householdId, state: 'active' }).limit(1).get();
  return found.data[0] ? followUpPlanSchema.parse(found.data[0]) : null;
}

async function ownerFor(ctx: ActionContext, ownerId: string, household: Household): Promise<User> {
  const owner = await readRecord(ctx.db, COLLECTIONS.users, ownerId, userSchema);
  if (!PLAN_OWNER_ROLES.includes(owner.role)) throw new AppFailure('INPUT.INVALID', '帮扶责任人应为网格员、村干部或民政办工作人员');
  if (!inScope(scopeOf(owner), household)) throw new AppFailure('INPUT.INVALID', '帮扶责任人不负责这一户所在的网格或村');
  return owner;
}

async function scopedPlan(ctx: ActionContext, planId: string): Promise<FollowUpPlan> {
  const plan = await readRecord(ctx.db, COLLECTIONS.plans, planId, followUpPlanSchema);
  if (!inScope(ctx.caller.scope, plan)) throw new AppFailure('SCOPE.FORBIDDEN');
  return plan;
}

async function defaultsFor(ctx: ActionContext, household: Household) {
  const [settings, members] = await Promise.all([loadSettings(ctx.db), membersOf(ctx.db, household._id)]);
  return { settings, members, defaults: defaultPlanFor({ keyHousehold: household.keyHousehold, members }, settings) };
}

/** Members follow the plan's frequency while it is active (RULES §25: a plan may visit more often, never less). */
async function followPlan(ctx: ActionContext, householdId: string, frequencyDays: number | undefined, settings: TownSettings) {
  const writes = await writeMembers(ctx.db, householdId, () => ({ followUpIntervalDays: frequencyDays }), { settings, now: ctx.now });
  for (const w of writes) {
    if (w.before.nextVisitDue === w.after.nextVisitDue && w.before.followUpIntervalDays === w.after.followUpIntervalDays) continue;
    await ctx.audit({
      collection: COLLECTIONS.persons,
      recordId: w.after._id,
      kind: 'update',
      from: { followUpIntervalDays: w.before.followUpIntervalDays ?? null, nextVisitDue: w.before.nextVisitDue ?? null },
      to: { followUpIntervalDays: w.after.followUpIntervalDays ?? null, nextVisitDue: w.after.nextVisitDue ?? null },
    });
  }
}

const ownerView = (u: User) => ({ _id: u._id, name: u.name, role: u.role });

export const planActions = {
  /** Active plans in the caller's area (or only those the caller owns), oldest first. */
  plans: defineAction({
    roles: VISIT_ROLES,
    input: z.object({ mine: z.boolean().default(false), after: cursorSchema.optional(), limit: z.number().int().min(1).max(100).default(50) }).strict(),
    async run({ caller, db }, input) {
      const where: Record<string, unknown> = input.mine ? { ownerId: caller.user._id } : scopeCondition(db.command, caller.scope, {});
      where.state = 'active';
      const page = await rangePage(db, COLLECTIONS.plans, { where, field: 'createdAt', limit: input.limit, after: input.after });
      return { items: await withHouseholds(db, page.docs.map((raw) => followUpPlanSchema.parse(raw))), next: page.next };
    },
  }),

  /** What a new plan for a household would be: defaults from the rules and who may own it. */
  planDraft: defineAction({
    roles: VISIT_ROLES,
    input: z.object({ householdId: idSchema }).strict(),
    async run(ctx, input) {
      const household = await scopedHousehold(ctx.db, ctx.caller.scope, input.householdId);
      const { defaults } = await defaultsFor(ctx, household);
      const active = await activePlanOf(ctx.db, household._id);
      return {
        household: { _id: household._id, headName: household.headName, address: household.address, keyHousehold: household.keyHousehold },
        defaults,
        owners: (await ownerCandidates(ctx, household)).map(ownerView),
        activePlanId: active?._id ?? null,
      };
    },
  }),

  plan: defineAction({
    roles: VISIT_ROLES,
    input: z.object({ planId: idSchema }).strict(),
    async run(ctx, input) {
      const plan = await scopedPlan(ctx, input.planId);
      const household = await readRecord(ctx.db, COLLECTIONS.households, plan.householdId, householdSchema);
      const { defaults } = await defaultsFor(ctx, household);
      return {
        plan,
        household: { _id: household._id, headName: household.headName, address: household.address, keyHousehold: household.keyHousehold },
        defaults,
        owners: (await ownerCandidates(ctx, household)).map(ownerView),
      };
    },
  }),

  createPlan: defineAction({
    roles: VISIT_ROLES,
    input: followUpPlanInputSchema,
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const household = await scopedHousehold(db, caller.scope, input.householdId);
      const owner = await ownerFor(ctx, input.ownerId, household);
      const { settings, members } = await defaultsFor(ctx, household);
      const oneActivePlan = async () => {
        if (await activePlanOf(db, household._id)) throw new AppFailure('INPUT.INVALID', '这一户已有进行中的跟踪帮扶计划，请在原计划上调整');
      };
      const stored = await createOnceChecked(db, COLLECTIONS.plans, { callerId: caller.user._id, requestId: input.requestId }, oneActivePlan, (id) =>
        unwrap(buildFollowUpPlan(input, { id, household: { ...household, members }, owner, createdBy: caller.user._id, settings, now })),
      );
      const plan = followUpPlanSchema.parse(stored.record);
      if (stored.created) {
        await ctx.audit({ collection: COLLECTIONS.plans, recordId: plan._id, kind: 'create', to: { ownerId: plan.ownerId, frequencyDays: plan.frequencyDays } });
        await followPlan(ctx, household._id, plan.frequencyDays, settings);
      }
      return plan;
    },
  }),

  /** Change the owner (一对一), the frequency (never below the rules) or the items, with the version the editor saw. */
  updatePlan: defineAction({
    roles: VISIT_ROLES,
    input: z
      .object({
        planId: idSchema,
        version: z.number().int().nonnegative(),
        ownerId: idSchema.optional(),
        frequencyDays: z.number().int().positive().max(366).optional(),
        items: z.array(followUpItemSchema).min(1, '至少列出一项检查事项').max(FOLLOW_UP_ITEMS_MAX).optional(),
      })
      .strict(),
    async run(ctx, input) {
      const plan = await scopedPlan(ctx, input.planId);
      if (plan.state !== 'active') throw new AppFailure('INPUT.INVALID', '这个跟踪帮扶计划已经结束');
      const household = await readRecord(ctx.db, COLLECTIONS.households, plan.householdId, householdSchema);
      const patch: Partial<FollowUpPlan> = {};
      let settings: TownSettings | undefined;
      if (input.ownerId !== undefined && input.ownerId !== plan.ownerId) {
        const owner = await ownerFor(ctx, input.ownerId, household);
        patch.ownerId = owner._id;
        patch.ownerName = owner.name;
      }
      if (input.frequencyDays !== undefined) {
        const planned = await defaultsFor(ctx, household);
        settings = planned.settings;
        patch.frequencyDays = unwrap(checkPlanFrequency(input.frequencyDays, planned.defaults));
      }
      if (input.items) {
        if (new Set(input.items.map((i) => i.id)).size !== input.items.length) throw new AppFailure('INPUT.INVALID', '检查事项重复');
        patch.items = input.items;
      }
      const updated = await updateVersioned(ctx.db, COLLECTIONS.plans, followUpPlanSchema, plan._id, input.version, patch, ctx.now);
      await ctx.audit({
        collection: COLLECTIONS.plans,
        recordId: plan._id,
        kind: 'update',
        from: { ownerId: plan.ownerId, frequencyDays: plan.frequencyDays },
        to: { ownerId: updated.ownerId, frequencyDays: updated.frequencyDays },
      });
      if (updated.frequencyDays !== plan.frequencyDays) await followPlan(ctx, plan.householdId, updated.frequencyDays, settings ?? (await loadSettings(ctx.db)));
      return updated;
    },
  }),

  closePlan: defineAction({
    roles: VISIT_ROLES,
    input: z.object({ planId: idSchema, version: z.number().int().nonnegative() }).strict(),
    async run(ctx, input) {
      const plan = await scopedPlan(ctx, input.planId);
      if (plan.state !== 'active') throw new AppFailure('INPUT.INVALID', '这个跟踪帮扶计划已经结束');
      const updated = await updateVersioned(ctx.db, COLLECTIONS.plans, followUpPlanSchema, plan._id, input.version, { state: 'closed', closedAt: ctx.now, closedBy: ctx.caller.user._id }, ctx.now);
      await ctx.audit({ collection: COLLECTIONS.plans, recordId: plan._id, kind: 'transition', from: 'active', to: 'closed' });
      await followPlan(ctx, plan.householdId, undefined, await loadSettings(ctx.db));
      return updated;
    },
  }),
} satisfies ActionTable;
