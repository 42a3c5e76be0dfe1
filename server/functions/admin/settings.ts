// The town's local rules (规则设置): the admin changes a value or puts it back to its docs/rules.md default; the town
// office may look. The record holds only the values the admin set, beside its version; every change is audited.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { applySettingsChange, settingsChangeSchema } from '../../../src/core/settings-edit';
import { DEFAULT_SETTINGS, mergeSettingsReport } from '../../../src/core/settings';
import { arrangementFor, holidayArrangementSchema, withArrangement } from '../../../src/core/holidays';
import { continueLater, INTERACTIVE_BUDGET_MS } from '../../platform/jobs';
import { startHolidayRecompute } from '../../cases/holiday-recompute';
import { defineAction, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Doc } from '../../platform/database-port';
import { unwrap } from '../../platform/result';
import { readStoredSettings, TOWN_SETTINGS_ID } from '../../platform/settings';

const META_KEYS = new Set(['_id', 'createdAt', 'updatedAt', 'version', 'updatedBy']);

function overridesOf(stored: Doc | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stored ?? {}).filter(([key]) => !META_KEYS.has(key)));
}

function view(stored: Doc | undefined) {
  const { settings, rejected } = mergeSettingsReport(overridesOf(stored));
  return {
    settings,
    defaults: DEFAULT_SETTINGS,
    /** Stored values that were invalid and fell back to the default (shown so the admin can fix them). */
    rejected,
    version: typeof stored?.version === 'number' ? stored.version : 0,
    updatedAt: typeof stored?.updatedAt === 'number' ? stored.updatedAt : null,
  };
}

export const settingsActions = {
  settings: defineAction({
    roles: ['admin', 'officer'],
    input: z.object({}).strict(),
    run: async ({ db }) => view(await readStoredSettings(db)),
  }),

  /** Changes values by path (`null`: back to the default), against the version the admin saw. */
  updateSettings: defineAction({
    roles: ['admin'],
    input: z.object({ version: z.number().int().nonnegative(), changes: settingsChangeSchema }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const outcome = await db.runTransaction(async (tx) => {
        const ref = tx.collection(COLLECTIONS.settings).doc(TOWN_SETTINGS_ID);
        const stored = await ref.get().then((r) => r.data, () => undefined);
        const version = typeof stored?.version === 'number' ? stored.version : 0;
        if (version !== input.version) throw new AppFailure('RECORD.CONFLICT', '设置已被他人修改，请查看最新设置后再改', { current: view(stored) });
        const edit = unwrap(applySettingsChange(overridesOf(stored), input.changes));
        const createdAt = typeof stored?.createdAt === 'number' ? stored.createdAt : now;
        const record = { ...edit.overrides, createdAt, updatedAt: now, version: version + 1, updatedBy: caller.user._id };
        await ref.set({ data: record });
        return { edit, record: { _id: TOWN_SETTINGS_ID, ...record } };
      });
      const { changed } = outcome.edit;
      if (changed.length) {
        await ctx.audit({
          collection: COLLECTIONS.settings,
          recordId: TOWN_SETTINGS_ID,
          kind: 'update',
          // Lists, not objects keyed by path: a database field name may not hold a dot.
          from: changed.map((c) => ({ path: c.path, value: c.from })),
          to: changed.map((c) => ({ path: c.path, value: c.to })),
        });
      }
      return { ...view(outcome.record), changed: changed.map((c) => c.path) };
    },
  }),

  /**
   * RULES §34: enters (or corrects) one year's published holiday arrangement, against the version the admin saw, then
   * recomputes the open cases' clocks on it — within this call as far as time allows, the clock sweep doing the rest.
   */
  saveHolidayArrangement: defineAction({
    roles: ['admin'],
    input: z.object({ version: z.number().int().nonnegative(), arrangement: holidayArrangementSchema }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const outcome = await db.runTransaction(async (tx) => {
        const ref = tx.collection(COLLECTIONS.settings).doc(TOWN_SETTINGS_ID);
        const stored = await ref.get().then((r) => r.data, () => undefined);
        const version = typeof stored?.version === 'number' ? stored.version : 0;
        if (version !== input.version) throw new AppFailure('RECORD.CONFLICT', '设置已被他人修改，请查看最新设置后再改', { current: view(stored) });
        const overrides = overridesOf(stored);
        const before = mergeSettingsReport(overrides).settings.holidayArrangements;
        const holidayArrangements = withArrangement(before, input.arrangement);
        const createdAt = typeof stored?.createdAt === 'number' ? stored.createdAt : now;
        const record = { ...overrides, holidayArrangements, createdAt, updatedAt: now, version: version + 1, updatedBy: caller.user._id };
        await ref.set({ data: record });
        return { previous: arrangementFor(before, input.arrangement.year) ?? null, record: { _id: TOWN_SETTINGS_ID, ...record } };
      });
      await ctx.audit({
        collection: COLLECTIONS.settings,
        recordId: TOWN_SETTINGS_ID,
        kind: 'update',
        from: [{ path: `holidayArrangements.${input.arrangement.year}`, value: outcome.previous }],
        to: [{ path: `holidayArrangements.${input.arrangement.year}`, value: input.arrangement }],
      });
      const recompute = await startHolidayRecompute(db, now, INTERACTIVE_BUDGET_MS);
      if (!recompute.done) await continueLater('cases', 'sweepClocks');
      return { ...view(outcome.record), recompute: { done: recompute.done, moved: recompute.totals.moved ?? 0 } };
    },
  }),
} satisfies ActionTable;
