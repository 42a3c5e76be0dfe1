// What the town records about a household for low-income dynamic monitoring (RULES §9, §22, §23), as stored on the
// household, and the `MonitoringFacts` the warning rules read from it and the members' categories.
import { z } from 'zod';
import type { Category } from '../categories';
import { recordIdSchema } from '../ids';
import { majorChangeKindSchema } from '../visits/major-change';
import type { MonitoringFacts } from './warnings';

const time = z.number().int().nonnegative();

/** Each block is optional; a block that is absent switches its rules off. */
export const householdMonitoringSchema = z
  .object({
    // RULES §22: latest recorded per-capita monthly income (yuan).
    income: z.object({ perCapitaMonthly: z.number().nonnegative().max(1_000_000), recordedAt: time }).strict().nullable().optional(),
    // RULES §9: on 低保 — approval, last re-check, irregular income with able-bodied members.
    dibao: z
      .object({ approvedAt: time, lastReviewAt: time.nullable().optional(), irregularIncome: z.boolean(), ableBodiedMember: z.boolean() })
      .strict()
      .nullable()
      .optional(),
    // RULES §16: 特困 members, approval and last re-check.
    tekun: z.array(z.object({ personId: recordIdSchema, approvedAt: time, lastReviewAt: time.nullable().optional() }).strict()).max(30).optional(),
    // RULES §23: 刚性支出困难 recognised at.
    rigidSpending: z.object({ recognisedAt: time }).strict().nullable().optional(),
    // RULES §9: 渐退期 start and the end the office set.
    taper: z.object({ startedAt: time, endsAt: time.nullable().optional() }).strict().nullable().optional(),
    // RULES §9: deaths of members.
    deaths: z.array(z.object({ personId: recordIdSchema, diedAt: time }).strict()).max(30).optional(),
    // RULES §9: major changes, when they happened and when they were reported to the town.
    majorChanges: z
      .array(z.object({ kind: majorChangeKindSchema, occurredAt: time, reportedAt: time.nullable().optional() }).strict())
      .max(50)
      .optional(),
  })
  .strict();
export type HouseholdMonitoring = z.infer<typeof householdMonitoringSchema>;

/** The facts the warning rules read: the household's stored block, its place, and the union of its members' categories. */
export function monitoringFactsOf(
  household: { _id: string; gridId: string; villageId: string; monitoring?: HouseholdMonitoring | undefined },
  members: ReadonlyArray<{ categories: readonly Category[] }>,
): MonitoringFacts {
  const m = household.monitoring ?? {};
  const categories = [...new Set(members.flatMap((p) => p.categories))];
  const facts: MonitoringFacts = { householdId: household._id, gridId: household.gridId, villageId: household.villageId, categories };
  if (m.income) facts.income = m.income;
  if (m.dibao) facts.dibao = m.dibao;
  if (m.tekun) facts.tekun = m.tekun;
  if (m.rigidSpending) facts.rigidSpending = m.rigidSpending;
  if (m.taper) facts.taper = m.taper;
  if (m.deaths) facts.deaths = m.deaths;
  if (m.majorChanges) facts.majorChanges = m.majorChanges;
  return facts;
}
