// The reports function (issue 12): dashboards of the caller's town, village or grid, and spreadsheet exports.
import { z } from 'zod';
import { exportInputSchema } from '../../../src/core/reports';
import { CASEWORK_ROLES } from '../../../src/core/roles';
import { defineAction, type ActionTable } from '../../platform/action';
import { dashboard } from './dashboard';
import { exportKind } from './exports';

const idSchema = z.string().min(1).max(64);

export const reportActions = {
  /** The figures of the caller's area, or of one village or grid within it. */
  dashboard: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ villageId: idSchema.optional(), gridId: idSchema.optional() }).strict(),
    run: (ctx, input) => dashboard(ctx.db, ctx.caller.scope, input, ctx.now),
  }),

  /** An .xlsx of the caller's area (or one village of it), masked for the caller's role; a link to open it. */
  export: defineAction({
    roles: CASEWORK_ROLES,
    input: exportInputSchema,
    run: (ctx, input) => exportKind(ctx, input.kind, input),
  }),
} satisfies ActionTable;
