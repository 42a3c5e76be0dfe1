// Villages and grids (区域定格, issue 4): the admin creates, renames and removes them. A code is unique; a grid
// or village is removed only while nothing sits in it.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { gridSchema, villageSchema } from '../../../src/core/records';
import { requestIdSchema } from '../../../src/core/ids';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { createOnceChecked } from '../../platform/insert-once';
import { readAllPages, readRecord, updateVersioned } from '../../platform/store';

const idSchema = z.string().min(1).max(64);
const versionSchema = z.number().int().nonnegative();
const nameSchema = z.string().trim().min(1, '请填写名称').max(30, '名称不能超过30个字');
const codeSchema = z.string().trim().regex(/^[0-9A-Za-z-]{1,32}$/, '编号只能包含数字、字母和“-”，不超过32位');

function codeFree(ctx: ActionContext, collection: string, code: string | undefined, ownId?: string) {
  return async () => {
    if (code === undefined) return;
    const found = await ctx.db.collection(collection).where({ code }).limit(2).get();
    if (found.data.some((r) => r._id !== ownId)) throw new AppFailure('INPUT.INVALID', `编号“${code}”已被使用`);
  };
}

async function assertEmpty(ctx: ActionContext, collection: string, where: Record<string, unknown>, message: string): Promise<void> {
  const { total } = await ctx.db.collection(collection).where(where).count();
  if (total > 0) throw new AppFailure('INPUT.INVALID', message);
}

const renameInput = { version: versionSchema, name: nameSchema.optional(), code: codeSchema.optional() };

/** A new village or grid under the caller's request id, its code checked once. */
async function createArea<S extends typeof villageSchema | typeof gridSchema>(
  ctx: ActionContext,
  collection: string,
  schema: S,
  input: { requestId: string; name: string; code: string },
  extra: Record<string, string> = {},
): Promise<z.output<S>> {
  const { db, caller, now } = ctx;
  const key = { callerId: caller.user._id, requestId: input.requestId };
  const stored = await createOnceChecked(db, collection, key, codeFree(ctx, collection, input.code), (id) => ({
    _id: id,
    createdAt: now,
    updatedAt: now,
    version: 0,
    name: input.name,
    code: input.code,
    ...extra,
  }));
  const area = schema.parse(stored.record) as z.output<S>;
  if (stored.created) await ctx.audit({ collection, recordId: area._id, kind: 'create', to: { name: area.name, code: area.code, ...extra } });
  return area;
}

/** A new name or code for a village or grid, with the version the admin saw. */
async function renameArea<S extends typeof villageSchema | typeof gridSchema>(
  ctx: ActionContext,
  collection: string,
  schema: S,
  id: string,
  input: { version: number; name?: string | undefined; code?: string | undefined },
): Promise<z.output<S>> {
  const area = (await readRecord(ctx.db, collection, id, schema)) as z.output<S>;
  await codeFree(ctx, collection, input.code, area._id)();
  const patch = { ...(input.name ? { name: input.name } : {}), ...(input.code ? { code: input.code } : {}) };
  const updated = (await updateVersioned(ctx.db, collection, schema, area._id, input.version, patch, ctx.now)) as z.output<S>;
  await ctx.audit({ collection, recordId: area._id, kind: 'update', from: { name: area.name, code: area.code }, to: { name: updated.name, code: updated.code } });
  return updated;
}

/** Removes a village or grid at the version the admin saw, only while nothing sits in it (`checks`, in order). */
async function removeArea<S extends typeof villageSchema | typeof gridSchema>(
  ctx: ActionContext,
  collection: string,
  schema: S,
  input: { id: string; version: number },
  checks: readonly (readonly [collection: string, where: Record<string, unknown>, message: string])[],
): Promise<{ removed: string }> {
  const area = (await readRecord(ctx.db, collection, input.id, schema)) as z.output<S>;
  if (area.version !== input.version) throw new AppFailure('RECORD.CONFLICT', undefined, { current: area });
  for (const [inside, where, message] of checks) await assertEmpty(ctx, inside, where, message);
  await ctx.db.collection(collection).doc(area._id).remove();
  await ctx.audit({ collection, recordId: area._id, kind: 'delete', from: { name: area.name, code: area.code } });
  return { removed: area._id };
}

export const areaActions = {
  areas: defineAction({
    roles: ['officer', 'admin'],
    input: z.object({}).strict(),
    async run(ctx) {
      const [villages, grids] = await Promise.all([
        readAllPages(ctx.db, COLLECTIONS.villages, villageSchema),
        readAllPages(ctx.db, COLLECTIONS.grids, gridSchema),
      ]);
      return { villages, grids };
    },
  }),

  createVillage: defineAction({
    roles: ['admin'],
    input: z.object({ requestId: requestIdSchema, name: nameSchema, code: codeSchema }).strict(),
    run: (ctx, input) => createArea(ctx, COLLECTIONS.villages, villageSchema, input),
  }),

  updateVillage: defineAction({
    roles: ['admin'],
    input: z.object({ villageId: idSchema, ...renameInput }).strict(),
    run: (ctx, { villageId, ...input }) => renameArea(ctx, COLLECTIONS.villages, villageSchema, villageId, input),
  }),

  removeVillage: defineAction({
    roles: ['admin'],
    input: z.object({ villageId: idSchema, version: versionSchema }).strict(),
    run: (ctx, { villageId: id, version }) =>
      removeArea(ctx, COLLECTIONS.villages, villageSchema, { id, version }, [
        [COLLECTIONS.grids, { villageId: id }, '这个村(居)下还有网格，不能删除'],
        [COLLECTIONS.users, { villageIds: id }, '这个村(居)还有负责的工作人员，请先调整分工'],
      ]),
  }),

  createGrid: defineAction({
    roles: ['admin'],
    input: z.object({ requestId: requestIdSchema, villageId: idSchema, name: nameSchema, code: codeSchema }).strict(),
    async run(ctx, { villageId, ...input }) {
      const village = await readRecord(ctx.db, COLLECTIONS.villages, villageId, villageSchema);
      return createArea(ctx, COLLECTIONS.grids, gridSchema, input, { villageId: village._id });
    },
  }),

  /** Rename or re-code a grid; it stays in its village (its households and persons carry the village). */
  updateGrid: defineAction({
    roles: ['admin'],
    input: z.object({ gridId: idSchema, ...renameInput }).strict(),
    run: (ctx, { gridId, ...input }) => renameArea(ctx, COLLECTIONS.grids, gridSchema, gridId, input),
  }),

  removeGrid: defineAction({
    roles: ['admin'],
    input: z.object({ gridId: idSchema, version: versionSchema }).strict(),
    run: (ctx, { gridId: id, version }) =>
      removeArea(ctx, COLLECTIONS.grids, gridSchema, { id, version }, [
        [COLLECTIONS.households, { gridId: id }, '这个网格里还有登记的家庭，不能删除'],
        [COLLECTIONS.users, { gridIds: id }, '这个网格还有负责的网格员，请先调整分工'],
      ]),
  }),
} satisfies ActionTable;
