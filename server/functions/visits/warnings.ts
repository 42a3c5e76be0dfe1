// Low-income monitoring warnings (issue 4; RULES §9, §16, §22, §23): computed by the core's rules from what the
// town recorded on each monitored household, stored once per (rule, household, person, due date), and seen,
// acknowledged and resolved by the town office. A daily timer sweeps the households whose check is due.
import { z } from 'zod';
import type { Result } from '../../../src/core/errors';
import {
  acknowledgeWarning,
  isWarningOverdue,
  resolveWarning,
  UNRESOLVED_WARNING_STATES,
  warningSchema,
  WARNING_FILTERS,
  type Warning,
  type WarningTransition,
} from '../../../src/core/monitoring/warning-record';
import { defineAction, type ActionContext, type ActionTable, type TimerJob } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { cursorSchema, rangePage } from '../../platform/paging';
import { unwrap } from '../../platform/result';
import { readRecord, updateVersioned } from '../../platform/store';
import { continueLater, INTERACTIVE_BUDGET_MS, jobBudgetMs } from '../../platform/jobs';
import { sweepWarnings } from '../../roster/monitoring';
import { withHouseholds } from '../../roster/persons';

const idSchema = z.string().min(1).max(200);

export const warningTimers: Record<string, TimerJob> = {
  /** 06:00 daily (config.json); what the budget leaves continues in a follow-up. */
  sweepWarnings: async ({ fn, db, now }) => {
    const r = await sweepWarnings(db, now, jobBudgetMs(fn));
    if (!r.done) await continueLater(fn, 'sweepWarnings');
    return r;
  },
};

async function commit(ctx: ActionContext, warningId: string, version: number, step: (w: Warning) => Result<WarningTransition>) {
  const warning = await readRecord(ctx.db, COLLECTIONS.warnings, warningId, warningSchema);
  const t = unwrap(step(warning));
  const updated = await updateVersioned(ctx.db, COLLECTIONS.warnings, warningSchema, warning._id, version, t.patch, ctx.now);
  await ctx.audit({ collection: COLLECTIONS.warnings, recordId: warning._id, kind: 'transition', from: t.from, to: t.to, ...(t.why ? { why: t.why } : {}) });
  return updated;
}

export const warningActions = {
  /** The town office's monitoring warnings, earliest due first. */
  warnings: defineAction({
    roles: ['officer'],
    input: z
      .object({
        state: z.enum(WARNING_FILTERS).default('unresolved'),
        after: cursorSchema.optional(),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    async run({ db, now }, input) {
      const _ = db.command;
      const where: Record<string, unknown> = {};
      if (input.state === 'unresolved') where.state = _.in([...UNRESOLVED_WARNING_STATES]);
      else if (input.state !== 'all') where.state = input.state;
      const page = await rangePage(db, COLLECTIONS.warnings, { where, field: 'dueAt', limit: input.limit, after: input.after });
      const warnings = page.docs.map((raw) => warningSchema.parse(raw)).map((w) => ({ ...w, overdue: isWarningOverdue(w, now) }));
      return { items: await withHouseholds(db, warnings), next: page.next };
    },
  }),

  acknowledgeWarning: defineAction({
    roles: ['officer'],
    input: z.object({ warningId: idSchema, version: z.number().int().nonnegative() }).strict(),
    run: (ctx, input) => commit(ctx, input.warningId, input.version, (w) => acknowledgeWarning(w, ctx.caller.user, ctx.now)),
  }),

  resolveWarning: defineAction({
    roles: ['officer'],
    input: z.object({ warningId: idSchema, version: z.number().int().nonnegative(), resolution: z.string().max(2_000) }).strict(),
    run: (ctx, input) => commit(ctx, input.warningId, input.version, (w) => resolveWarning(w, ctx.caller.user, input.resolution, ctx.now)),
  }),

  /** Runs the daily sweep now (the timer does it every morning). */
  sweepWarnings: defineAction({
    roles: ['officer'],
    input: z.object({}).strict(),
    async run(ctx) {
      const r = await sweepWarnings(ctx.db, ctx.now, INTERACTIVE_BUDGET_MS, (w) =>
        ctx.audit({ collection: COLLECTIONS.warnings, recordId: w._id, kind: 'create', to: { type: w.type, dueDate: w.dueDate } }),
      );
      // The officer gets an answer within seconds; a large town's rest continues in a follow-up.
      if (!r.done) await continueLater(ctx.fn, 'sweepWarnings');
      return r;
    },
  }),
} satisfies ActionTable;
