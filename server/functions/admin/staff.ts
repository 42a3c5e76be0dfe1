// Users, roles and who answers for which area (网格定人、人员定责, issue 4). Reassigning a grid or village moves its
// open work (active follow-up plans, unresolved issues) from the person leaving to the person arriving, and keeps
// the history of who was responsible when.
import { z } from 'zod';
import { assignmentSchema, villagesOfGrids, type Assignment } from '../../../src/core/assignment';
import { AppFailure } from '../../../src/core/errors';
import { maskPhone } from '../../../src/core/masking';
import { gridSchema, userSchema, villageSchema, type User } from '../../../src/core/records';
import { ROLE_LABELS, type Role } from '../../../src/core/roles';
import { mobilePhoneSchema } from '../../../src/core/contact';
import { followUpPlanSchema } from '../../../src/core/visits/follow-up';
import { issueSchema, UNRESOLVED_ISSUE_STATES } from '../../../src/core/visits/issue';
import { requestIdSchema } from '../../../src/core/ids';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { idFor } from '../../platform/create-once';
import { createOnceChecked, insertOnce } from '../../platform/insert-once';
import { isBound, issueInvitation, unboundOpenid } from './invitations';
import type { Doc } from '../../platform/database-port';
import { readAllPages, readRecord, recordsByIds, updateVersioned } from '../../platform/store';

const idSchema = z.string().min(1).max(64);
const STAFF_USER_ROLES = ['gridworker', 'cadre', 'officer', 'admin'] as const;
const PAGE_MAX = 100;

/** Every grid's village, for the villages a gridworker's grids lie in. */
async function villageOfGrid(ctx: ActionContext): Promise<Map<string, string>> {
  return new Map((await readAllPages(ctx.db, COLLECTIONS.grids, gridSchema)).map((g) => [g._id, g.villageId]));
}

function names(ctx: ActionContext, collection: string, ids: readonly string[]): Promise<Map<string, string>> {
  return recordsByIds(ctx.db, collection, ids, (raw) => String((raw as Doc).name));
}

/** The open stretch of `user` on `areaId`, closed now; one is written for a stretch that began before records. */
async function endStretch(ctx: ActionContext, user: User, kind: Assignment['kind'], areaId: string, areaName: string, moved: Assignment['moved']) {
  const open = await ctx.db.collection(COLLECTIONS.assignments).where({ areaId, userId: user._id, to: null }).limit(10).get();
  if (open.data.length === 0) {
    const record: Assignment = { _id: idFor(`assignment:${areaId}:${user._id}`, `before:${ctx.now}`), kind, areaId, areaName, userId: user._id, userName: user.name, role: user.role, from: null, to: ctx.now, assignedBy: null, endedBy: ctx.caller.user._id, moved };
    await insertOnce(ctx.db, COLLECTIONS.assignments, record);
    return;
  }
  for (const raw of open.data) {
    await ctx.db.collection(COLLECTIONS.assignments).doc(String(raw._id)).update({ data: { to: ctx.now, endedBy: ctx.caller.user._id, moved: ctx.db.command.set(moved) } }); // set: an object value would be merged into the stored null
  }
}

async function startStretch(ctx: ActionContext, user: User, kind: Assignment['kind'], areaId: string, areaName: string) {
  const record: Assignment = { _id: idFor(`assignment:${areaId}:${user._id}`, `from:${ctx.now}`), kind, areaId, areaName, userId: user._id, userName: user.name, role: user.role, from: ctx.now, to: null, assignedBy: ctx.caller.user._id, endedBy: null, moved: null };
  await insertOnce(ctx.db, COLLECTIONS.assignments, record);
  await ctx.audit({ collection: COLLECTIONS.assignments, recordId: record._id, kind: 'create', to: { areaId, userId: user._id } });
}

/** Active plans and unresolved issues owned by `from` in the area go to `to`; each move is audited. */
async function moveOpenWork(ctx: ActionContext, from: User, to: User, area: { gridId?: string; villageId?: string }) {
  const _ = ctx.db.command;
  const moved = { plans: 0, issues: 0 };
  const targets = [
    { collection: COLLECTIONS.plans, key: 'plans' as const, where: { ownerId: from._id, state: 'active', ...area }, schema: followUpPlanSchema },
    { collection: COLLECTIONS.issues, key: 'issues' as const, where: { ownerId: from._id, state: _.in([...UNRESOLVED_ISSUE_STATES]), ...area }, schema: issueSchema },
  ];
  for (const t of targets) {
    for (;;) {
      const found = await ctx.db.collection(t.collection).where(t.where).limit(100).get();
      if (found.data.length === 0) break;
      for (const raw of found.data) {
        const record = t.schema.parse(raw);
        await updateVersioned(ctx.db, t.collection, t.schema, record._id, record.version, { ownerId: to._id, ownerName: to.name }, ctx.now);
        await ctx.audit({ collection: t.collection, recordId: record._id, kind: 'update', from: { ownerId: from._id }, to: { ownerId: to._id }, why: '工作调整，随网格/村移交' });
        moved[t.key]++;
      }
    }
  }
  return moved;
}

async function setAreas(ctx: ActionContext, user: User, patch: { gridIds?: string[]; villageIds?: string[] }) {
  const updated = await updateVersioned(ctx.db, COLLECTIONS.users, userSchema, user._id, user.version, patch, ctx.now);
  await ctx.audit({ collection: COLLECTIONS.users, recordId: user._id, kind: 'update', from: { gridIds: user.gridIds, villageIds: user.villageIds }, to: { gridIds: updated.gridIds, villageIds: updated.villageIds } });
  return updated;
}

interface AreaRef {
  kind: Assignment['kind'];
  /** The one role that answers for this kind of area. */
  role: 'gridworker' | 'cadre';
  id: string;
  name: string;
}

/**
 * The area goes to `userId`: everyone of its role who had it loses it and hands over its open work; the history
 * ends their stretches and starts the new one. `areas(user, has)` is the user's area fields with or without it.
 */
async function handOver(ctx: ActionContext, area: AreaRef, userId: string, areas: (user: User, has: boolean) => { gridIds?: string[]; villageIds?: string[] }) {
  const user = await readRecord(ctx.db, COLLECTIONS.users, userId, userSchema);
  if (user.role !== area.role) throw new AppFailure('INPUT.INVALID', area.kind === 'grid' ? '网格只能分配给网格员' : '村(居)只能分配给村(居)干部');
  const field = area.kind === 'grid' ? 'gridIds' : 'villageIds';
  const moved = { plans: 0, issues: 0 };
  if (user[field].includes(area.id)) return { userId: user._id, previous: [], moved };
  const holders = await readAllPages(ctx.db, COLLECTIONS.users, userSchema, { role: area.role, [field]: area.id });
  for (const holder of holders) {
    const work = await moveOpenWork(ctx, holder, user, area.kind === 'grid' ? { gridId: area.id } : { villageId: area.id });
    moved.plans += work.plans;
    moved.issues += work.issues;
    await setAreas(ctx, holder, areas(holder, false));
    await endStretch(ctx, holder, area.kind, area.id, area.name, work);
  }
  await setAreas(ctx, user, areas(user, true));
  await startStretch(ctx, user, area.kind, area.id, area.name);
  return { userId: user._id, previous: holders.map((h) => ({ _id: h._id, name: h.name })), moved };
}

async function assignGrid(ctx: ActionContext, gridId: string, userId: string) {
  const grid = await readRecord(ctx.db, COLLECTIONS.grids, gridId, gridSchema);
  const villages = await villageOfGrid(ctx);
  const result = await handOver(ctx, { kind: 'grid', role: 'gridworker', id: grid._id, name: grid.name }, userId, (user, has) => {
    const gridIds = has ? [...user.gridIds, grid._id] : user.gridIds.filter((g) => g !== grid._id);
    return { gridIds, villageIds: villagesOfGrids(gridIds, villages) };
  });
  return { gridId: grid._id, ...result };
}

async function assignVillage(ctx: ActionContext, villageId: string, userId: string) {
  const village = await readRecord(ctx.db, COLLECTIONS.villages, villageId, villageSchema);
  const result = await handOver(ctx, { kind: 'village', role: 'cadre', id: village._id, name: village.name }, userId, (user, has) => ({
    villageIds: has ? [...user.villageIds, village._id] : user.villageIds.filter((v) => v !== village._id),
  }));
  return { villageId: village._id, ...result };
}

const userView = (u: User, areaNames: Map<string, string>) => ({
  _id: u._id,
  version: u.version,
  name: u.name,
  role: u.role,
  roleLabel: ROLE_LABELS[u.role],
  phone: u.phone ? maskPhone(u.phone) : '',
  gridIds: u.gridIds,
  villageIds: u.villageIds,
  areas: (u.role === 'gridworker' ? u.gridIds : u.villageIds).map((id) => areaNames.get(id) ?? id),
  /** Whether a WeChat is bound to the record (never which one). */
  bound: isBound(u),
});

export const staffActions = {
  /** Staff by role, with the areas they answer for (phones masked). */
  users: defineAction({
    roles: ['officer', 'admin'],
    input: z.object({ role: z.enum(STAFF_USER_ROLES).optional(), after: idSchema.optional(), limit: z.number().int().min(1).max(PAGE_MAX).default(50) }).strict(),
    async run(ctx, input) {
      const _ = ctx.db.command;
      const where: Record<string, unknown> = { role: input.role ?? _.in([...STAFF_USER_ROLES]) };
      if (input.after) where._id = _.gt(input.after);
      const found = await ctx.db.collection(COLLECTIONS.users).where(where).orderBy('_id', 'asc').limit(input.limit).get();
      const users = found.data.map((raw) => userSchema.parse(raw));
      const gridNames = await names(ctx, COLLECTIONS.grids, users.flatMap((u) => (u.role === 'gridworker' ? u.gridIds : [])));
      const villageNames = await names(ctx, COLLECTIONS.villages, users.flatMap((u) => (u.role === 'gridworker' ? [] : u.villageIds)));
      const areaNames = new Map([...gridNames, ...villageNames]);
      const items = users.map((u) => userView(u, areaNames));
      const last = items[items.length - 1];
      return { items, next: items.length === input.limit && last ? last._id : null };
    },
  }),

  /**
   * A staff member, with their grid (gridworker) or village (cadre) if given, and an invitation to bind their WeChat
   * (issue 9): nobody types an OPENID. A retry of the same request returns the record without a second invitation
   * (the code was shown once; 重新邀请 issues a new one).
   */
  createUser: defineAction({
    roles: ['admin'],
    input: z
      .object({
        requestId: requestIdSchema,
        name: z.string().trim().min(1, '请填写姓名').max(30),
        role: z.enum(STAFF_USER_ROLES),
        phone: mobilePhoneSchema.optional(),
        /** A grid for a gridworker, a village for a cadre. */
        areaId: idSchema.optional(),
      })
      .strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      if (input.areaId && input.role !== 'gridworker' && input.role !== 'cadre') throw new AppFailure('INPUT.INVALID', '只有网格员和村(居)干部分配网格或村(居)');
      // The area must exist before the user is made: a wrong one leaves no half-made, unassigned record behind.
      if (input.areaId) await (input.role === 'gridworker' ? readRecord(db, COLLECTIONS.grids, input.areaId, gridSchema) : readRecord(db, COLLECTIONS.villages, input.areaId, villageSchema));
      const stored = await createOnceChecked(db, COLLECTIONS.users, { callerId: caller.user._id, requestId: input.requestId }, async () => undefined, (id) => ({
        _id: id,
        createdAt: now,
        updatedAt: now,
        version: 0,
        openid: unboundOpenid(id),
        name: input.name,
        role: input.role,
        ...(input.phone ? { phone: input.phone } : {}),
        gridIds: [],
        villageIds: [],
      }));
      let user = userSchema.parse(stored.record);
      if (!stored.created) return { user: userView(user, new Map()), invitation: null };
      await ctx.audit({ collection: COLLECTIONS.users, recordId: user._id, kind: 'create', to: { name: user.name, role: user.role } });
      if (input.areaId) {
        if (input.role === 'gridworker') await assignGrid(ctx, input.areaId, user._id);
        else await assignVillage(ctx, input.areaId, user._id);
        user = await readRecord(db, COLLECTIONS.users, user._id, userSchema);
      }
      return { user: userView(user, new Map()), invitation: await issueInvitation(ctx, user) };
    },
  }),

  /** Name, phone, role. A role changes only once the person answers for no grid or village (hand them over first). */
  updateUser: defineAction({
    roles: ['admin'],
    input: z
      .object({
        userId: idSchema,
        version: z.number().int().nonnegative(),
        name: z.string().trim().min(1).max(30).optional(),
        phone: mobilePhoneSchema.optional(),
        role: z.enum(STAFF_USER_ROLES).optional(),
      })
      .strict(),
    async run(ctx, input) {
      const user = await readRecord(ctx.db, COLLECTIONS.users, input.userId, userSchema);
      if (user.role === 'resident') throw new AppFailure('INPUT.INVALID', '居民的身份不能在这里修改');
      if (input.role && input.role !== user.role) {
        if (user._id === ctx.caller.user._id) throw new AppFailure('INPUT.INVALID', '不能修改自己的角色');
        if (user.gridIds.length > 0 || user.villageIds.length > 0) throw new AppFailure('INPUT.INVALID', `${user.name}还负责网格或村(居)，请先把这些工作交给其他人`);
      }
      const patch = { ...(input.name ? { name: input.name } : {}), ...(input.phone ? { phone: input.phone } : {}), ...(input.role ? { role: input.role } : {}) };
      const updated = await updateVersioned(ctx.db, COLLECTIONS.users, userSchema, user._id, input.version, patch, ctx.now);
      await ctx.audit({ collection: COLLECTIONS.users, recordId: user._id, kind: 'update', from: { name: user.name, role: user.role }, to: { name: updated.name, role: updated.role } });
      return userView(updated, new Map());
    },
  }),

  /** Makes `userId` the gridworker of a grid (网格定人): whoever had it hands it over, with its open work. */
  assignGrid: defineAction({
    roles: ['admin'],
    input: z.object({ gridId: idSchema, userId: idSchema }).strict(),
    run: (ctx, input) => assignGrid(ctx, input.gridId, input.userId),
  }),

  /** Makes `userId` the cadre of a village (包村): whoever had it hands it over, with its open work. */
  assignVillage: defineAction({
    roles: ['admin'],
    input: z.object({ villageId: idSchema, userId: idSchema }).strict(),
    run: (ctx, input) => assignVillage(ctx, input.villageId, input.userId),
  }),

  /** Who answered for an area (or what a person answered for), newest first. */
  history: defineAction({
    roles: ['officer', 'admin'],
    input: z.object({ areaId: idSchema.optional(), userId: idSchema.optional() }).strict(),
    async run(ctx, input) {
      if (!input.areaId === !input.userId) throw new AppFailure('INPUT.INVALID', '请指定一个网格/村，或一位工作人员');
      const where = input.areaId ? { areaId: input.areaId } : { userId: input.userId };
      // Every stretch, however long the history (a get stops at 100), newest first; a stretch from before records last.
      const stretches = await readAllPages(ctx.db, COLLECTIONS.assignments, assignmentSchema, where);
      stretches.sort((a, b) => (b.from ?? -Infinity) - (a.from ?? -Infinity));
      return { items: stretches.map((a) => ({ ...a, roleLabel: ROLE_LABELS[a.role as Role] })) };
    },
  }),
} satisfies ActionTable;
