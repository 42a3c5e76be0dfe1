// The town's local rules (规则设置): the admin changes a value or puts it back to its docs/rules.md default; the town
// office may look. The record holds only the values the admin set, beside its version; every change is audited.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { applySettingsChange, settingsChangeSchema } from '../../../src/core/settings-edit';
import { DEFAULT_SETTINGS, mergeSettingsReport } from '../../../src/core/settings';
import { arrangementFor, holidayArrangementSchema, withArrangement } from '../../../src/core/holidays';
import { continueLater, INTERACTIVE_BUDGET_MS } from '../../platform/jobs';
import { startHolidayRecompute } from '../../cases/holiday-recompute';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
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

/**
 * One change of the stored settings, in a transaction: a version other than the one the admin saw is a conflict that
 * shows the current settings; otherwise `change` turns the stored overrides into the new ones, written with the
 * next version. Returns what `change` reports beside the record written.
 */
async function writeSettings<T>(
  ctx: ActionContext,
  seenVersion: number,
  change: (overrides: Record<string, unknown>) => { overrides: Record<string, unknown>; result: T },
): Promise<{ result: T; record: Doc }> {
  const { db, caller, now } = ctx;
  return db.runTransaction(async (tx) => {
    const ref = tx.collection(COLLECTIONS.settings).doc(TOWN_SETTINGS_ID);
    const stored = await ref.get().then((r) => r.data, () => undefined);
    const version = typeof stored?.version === 'number' ? stored.version : 0;
    if (version !== seenVersion) throw new AppFailure('RECORD.CONFLICT', '设置已被他人修改，请查看最新设置后再改', { current: view(stored) });
    const { overrides, result } = change(overridesOf(stored));
    const createdAt = typeof stored?.createdAt === 'number' ? stored.createdAt : now;
    const record = { ...overrides, createdAt, updatedAt: now, version: version + 1, updatedBy: caller.user._id };
    await ref.set({ data: record });
    return { result, record: { _id: TOWN_SETTINGS_ID, ...record } };
  });
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
      const outcome = await writeSettings(ctx, input.version, (overrides) => {
        const edit = unwrap(applySettingsChange(overrides, input.changes));
        return { overrides: edit.overrides, result: edit };
      });
      const { changed } = outcome.result;
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
      const { db, now } = ctx;
      const outcome = await writeSettings(ctx, input.version, (overrides) => {
        const before = mergeSettingsReport(overrides).settings.holidayArrangements;
        return { overrides: { ...overrides, holidayArrangements: withArrangement(before, input.arrangement) }, result: arrangementFor(before, input.arrangement.year) ?? null };
      });
      const [, recompute] = await Promise.all([
        ctx.audit({
          collection: COLLECTIONS.settings,
          recordId: TOWN_SETTINGS_ID,
          kind: 'update',
          from: [{ path: `holidayArrangements.${input.arrangement.year}`, value: outcome.result }],
          to: [{ path: `holidayArrangements.${input.arrangement.year}`, value: input.arrangement }],
        }),
        startHolidayRecompute(db, now, INTERACTIVE_BUDGET_MS, outcome.record),
      ]);
      if (!recompute.done) await continueLater('cases', 'sweepClocks');
      return { ...view(outcome.record), recompute: { done: recompute.done, moved: recompute.totals.moved ?? 0 } };
    },
  }),
} satisfies ActionTable;
