// Worklists (issues 4, 15): a gridworker's visit plan by bucket — overdue / today / the next 7 days / later, which
// together hold every due date — grouped by household; the cadre's counts by grid; the officer's by village. The due
// date is stored on the person, so every list and count is an index range.
import { z } from 'zod';
import { gridSchema, villageSchema, type Household } from '../../../src/core/records';
import type { Role } from '../../../src/core/roles';
import { groupDueByHousehold } from '../../../src/core/visits/person-schedule';
import { VISIT_BUCKETS, visitBucketRange, type VisitBucket } from '../../../src/core/visits/schedule';
import { defineAction, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { cursorSchema, rangeCondition, rangePage } from '../../platform/paging';
import { scopeCondition } from '../../platform/scope-query';
import { readAllPages, recordsByIds } from '../../platform/store';
import { householdSchema, personSchema } from '../../roster/persons';

/** Who visits households: the grid's workers, the village's cadres, the town office. */
export const VISIT_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer'];

const idSchema = z.string().min(1).max(64);

type BucketCounts = Record<VisitBucket, number>;

/** Persons due in each bucket under `condition` (a scope condition): four counts over the due-date index. */
async function bucketCounts(db: Database, condition: Record<string, unknown>, now: number): Promise<BucketCounts> {
  const counts = await Promise.all(
    VISIT_BUCKETS.map(async (bucket) => (await db.collection(COLLECTIONS.persons).where({ ...condition, nextVisitDue: rangeCondition(db.command, visitBucketRange(bucket, now)) }).count()).total),
  );
  return Object.fromEntries(VISIT_BUCKETS.map((bucket, i) => [bucket, counts[i]!])) as BucketCounts;
}

export const worklistActions = {
  /** One bucket of the caller's area, earliest due first, grouped by household; counts on the first page. */
  worklist: defineAction({
    roles: VISIT_ROLES,
    input: z
      .object({
        bucket: z.enum(VISIT_BUCKETS).default('overdue'),
        gridId: idSchema.optional(),
        villageId: idSchema.optional(),
        after: cursorSchema.optional(),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    async run({ caller, db, now }, input) {
      const condition = scopeCondition(db.command, caller.scope, input);
      const page = await rangePage(db, COLLECTIONS.persons, {
        where: condition,
        field: 'nextVisitDue',
        range: visitBucketRange(input.bucket, now),
        limit: input.limit,
        after: input.after,
      });
      const persons = page.docs.map((raw) => personSchema.parse(raw));
      const households = await recordsByIds(db, COLLECTIONS.households, persons.map((p) => p.householdId), (raw) => householdSchema.parse(raw));
      const due = persons.map((p) => ({
        _id: p._id,
        householdId: p.householdId,
        nextVisitDue: p.nextVisitDue ?? now,
        name: p.name,
        relation: p.relation,
        riskTier: p.riskTier,
        categories: p.categories,
        lastVisitAt: p.lastVisitAt ?? null,
      }));
      const groups = groupDueByHousehold(due, now).map((g) => {
        const h: Household | undefined = households.get(g.householdId);
        return {
          ...g,
          headName: h?.headName ?? '',
          address: h?.address ?? '',
          keyHousehold: h?.keyHousehold ?? false,
          gridId: h?.gridId ?? '',
        };
      });
      const counts = input.after ? null : await bucketCounts(db, condition, now);
      return { bucket: input.bucket, counts, households: groups, next: page.next };
    },
  }),

  /** Counts per grid (a cadre's village, or one village for the office) or per village (the office, whole town). */
  summary: defineAction({
    roles: VISIT_ROLES,
    input: z.object({ villageId: idSchema.optional() }).strict(),
    async run({ caller, db, now }, input) {
      const _ = db.command;
      const scope = caller.scope;
      // Fail early on a village outside the caller's area.
      scopeCondition(_, scope, input);
      const byVillage = scope.kind === 'town' && !input.villageId;
      if (byVillage) {
        const villages = await readAllPages(db, COLLECTIONS.villages, villageSchema);
        const rows = [];
        for (const v of villages) rows.push({ id: v._id, name: v.name, kind: 'village' as const, ...(await bucketCounts(db, { villageId: v._id }, now)) });
        return { rows };
      }
      let gridCondition: object | undefined;
      if (input.villageId) gridCondition = { villageId: input.villageId };
      else if (scope.kind === 'villages') gridCondition = { villageId: _.in(scope.villageIds) };
      else if (scope.kind === 'grids') gridCondition = { _id: _.in(scope.gridIds) };
      // A gridworker's rows are their own grids, whichever village was asked for.
      const grids = (await readAllPages(db, COLLECTIONS.grids, gridSchema, gridCondition)).filter((g) => scope.kind !== 'grids' || scope.gridIds.includes(g._id));
      const rows = [];
      for (const g of grids) rows.push({ id: g._id, name: g.name, kind: 'grid' as const, ...(await bucketCounts(db, { gridId: g._id }, now)) });
      return { rows };
    },
  }),
} satisfies ActionTable;
