// 一拉就响 (PRODUCT flow 7): an officer raises an alert for some villages; every vulnerable person there becomes a
// roll-call entry for their gridworker; each is marked reached-safe, needs-help or unreachable; the unreached
// escalate at the deadline. Records, who is on the roll, the marks allowed, and the board's arithmetic.
import { z } from 'zod';
import { categorySchema, type Category } from '../categories';
import { err, ok, type Result } from '../errors';
import { recordIdSchema, requestIdSchema } from '../ids';
import { recordMeta } from '../records';
import type { TownSettings } from '../settings';
import { charCount } from '../text';

export const ALERT_REASONS = ['coldWave', 'typhoon', 'rainstorm', 'heatwave', 'epidemic', 'other'] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];
export const ALERT_REASON_LABELS: Record<AlertReason, string> = {
  coldWave: '寒潮',
  typhoon: '台风',
  rainstorm: '暴雨',
  heatwave: '高温',
  epidemic: '疫情',
  other: '其他',
};

/** Issue 5: the instructions to gridworkers are at most 150 characters. */
export const ALERT_INSTRUCTIONS_MAX_CHARS = 150;
export const ALERT_DEADLINE_MAX_HOURS = 7 * 24;
export const ALERT_NOTE_MAX_CHARS = 150;

export const raiseAlertInputSchema = z
  .object({
    requestId: requestIdSchema,
    reason: z.enum(ALERT_REASONS),
    villageIds: z
      .array(recordIdSchema)
      .min(1, '请至少选择一个村（社区）')
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, '村（社区）不能重复'),
    deadlineHours: z.number().int().min(1).max(ALERT_DEADLINE_MAX_HOURS),
    instructions: z
      .string()
      .max(ALERT_INSTRUCTIONS_MAX_CHARS * 2)
      .trim()
      .min(1, '请填写点名要求')
      .refine((s) => charCount(s) <= ALERT_INSTRUCTIONS_MAX_CHARS, `最多${ALERT_INSTRUCTIONS_MAX_CHARS}个字`),
  })
  .strict();
export type RaiseAlertInput = z.infer<typeof raiseAlertInputSchema>;

export const ROLL_CALL_STATUSES = ['pending', 'safe', 'needsHelp', 'unreachable'] as const;
export type RollCallStatus = (typeof ROLL_CALL_STATUSES)[number];
export const ROLL_CALL_STATUS_LABELS: Record<RollCallStatus, string> = {
  pending: '待联系',
  safe: '已联系，平安',
  needsHelp: '需要帮助',
  unreachable: '联系不上',
};
/** The short form, for the mark buttons and the count lines. */
export const ROLL_CALL_STATUS_SHORT_LABELS: Record<RollCallStatus, string> = { pending: '待联系', safe: '平安', needsHelp: '需要帮助', unreachable: '联系不上' };
export const MARK_STATUSES = ['safe', 'needsHelp', 'unreachable'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

/**
 * PRODUCT flow 7: a person is reached once someone spoke to them (safe, or needing help); the rest of the roll —
 * not called yet or not answering — is unreached, and that is what escalates at the deadline.
 */
export const REACHED_STATUSES = ['safe', 'needsHelp'] as const satisfies readonly RollCallStatus[];
export const UNREACHED_STATUSES = ['pending', 'unreachable'] as const satisfies readonly RollCallStatus[];

export function isUnreached(status: RollCallStatus): boolean {
  return (UNREACHED_STATUSES as readonly RollCallStatus[]).includes(status);
}

/** The entry lists' filters: everything, one of the two groups, or one status. */
export const ROLL_CALL_FILTERS = ['all', 'unreached', 'reached', ...ROLL_CALL_STATUSES] as const;
export type RollCallFilter = (typeof ROLL_CALL_FILTERS)[number];
export const ROLL_CALL_FILTER_LABELS: Record<RollCallFilter, string> = {
  all: '全部',
  unreached: '待联系',
  reached: '已联系',
  ...ROLL_CALL_STATUS_LABELS,
};

/** The statuses a filter selects; null for all of them. */
export function statusesOf(filter: RollCallFilter): readonly RollCallStatus[] | null {
  if (filter === 'all') return null;
  if (filter === 'unreached') return UNREACHED_STATUSES;
  if (filter === 'reached') return REACHED_STATUSES;
  return [filter];
}

export const ALERT_STATES = ['raising', 'open', 'closed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const ALERT_STATE_LABELS: Record<AlertState, string> = { raising: '正在发起', open: '点名中', closed: '已结束' };

const tallyCounts = {
  total: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  safe: z.number().int().nonnegative(),
  needsHelp: z.number().int().nonnegative(),
  unreachable: z.number().int().nonnegative(),
};
export const tallyCountsSchema = z.object(tallyCounts);
export type TallyCounts = z.infer<typeof tallyCountsSchema>;

export const alertSchema = z.object({
  ...recordMeta,
  requestId: z.string(),
  reason: z.enum(ALERT_REASONS),
  villageIds: z.array(z.string()),
  deadlineHours: z.number(),
  deadlineAt: z.number(),
  instructions: z.string(),
  state: z.enum(ALERT_STATES),
  raisedBy: z.object({ userId: z.string(), name: z.string() }),
  /** Who was put on the roll (RULES §24, settings at the time of raising). */
  criteria: z.object({ categories: z.array(categorySchema), includeKeyHouseholds: z.boolean() }),
  total: z.number().int().nonnegative(),
  /** When the escalation sweep should look at it: the deadline while open and not escalated, else far future. */
  escalateAt: z.number(),
  escalation: z
    .object({ at: z.number(), unreached: z.number().int(), byVillage: z.array(z.object({ villageId: z.string(), unreached: z.number().int() })) })
    .nullable(),
  closedAt: z.number().nullable(),
  closedBy: z.string().nullable(),
  /** Kept when the alert is closed: the final counts, overall and per village. */
  summary: z
    .object({ ...tallyCounts, reachedPercent: z.number(), byVillage: z.array(z.object({ villageId: z.string(), ...tallyCounts, reachedPercent: z.number() })) })
    .nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const rollCallEntrySchema = z.object({
  ...recordMeta,
  alertId: z.string(),
  personId: z.string(),
  householdId: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  name: z.string(),
  status: z.enum(ROLL_CALL_STATUSES),
  note: z.string().optional(),
  markedBy: z.string().optional(),
  markedAt: z.number().optional(),
  /** The urgent case opened when the person needs help. */
  caseId: z.string().optional(),
});
export type RollCallEntry = z.infer<typeof rollCallEntrySchema>;

/**
 * One grid of an alert (`alert:grid`): how many of its people are on the roll. Written once, when the raise has put
 * all of that grid's entries in, so it also marks the grid done for a raise that resumes; marks never write it
 * (the counts by status come from the entries themselves), so concurrent marks in one grid never collide.
 */
export const gridRollSchema = z.object({
  ...recordMeta,
  alertId: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  total: z.number().int().nonnegative(),
});
export type GridRoll = z.infer<typeof gridRollSchema>;

/** The statuses counted on the board; pending is the rest of the roll. */
export const COUNTED_STATUSES = ['safe', 'needsHelp', 'unreachable'] as const satisfies readonly RollCallStatus[];

/** A grid's counts from its roll total and the entries counted by status (pending: the rest). */
export function countsOf(total: number, counted: Record<(typeof COUNTED_STATUSES)[number], number>): TallyCounts {
  const { safe, needsHelp, unreachable } = counted;
  return { total, pending: Math.max(0, total - safe - needsHelp - unreachable), safe, needsHelp, unreachable };
}

/** Alerts far in the future: no deadline to watch. */
export const NO_ESCALATION = Date.UTC(2999, 0, 1);

export interface RollCallCriteria {
  categories: readonly Category[];
  includeKeyHouseholds: boolean;
}

/** RULES §24, §26 (local setting): who is called — the set categories, and key households when set. */
export function rollCallCriteria(settings: Pick<TownSettings, 'alertVulnerable'>): RollCallCriteria {
  return { categories: [...settings.alertVulnerable.categories], includeKeyHouseholds: settings.alertVulnerable.includeKeyHouseholds };
}

export function isOnRollCall(person: { categories: readonly Category[]; keyHousehold: boolean }, criteria: RollCallCriteria): boolean {
  return (criteria.includeKeyHouseholds && person.keyHousehold) || person.categories.some((c) => criteria.categories.includes(c));
}

/**
 * A new mark on an entry: pending and unreachable may become anything; safe may turn into needs-help or
 * unreachable (the situation changed); needs-help has opened an urgent case and stays (ALERT.ALREADY_NEEDS_HELP).
 */
export function checkMark(from: RollCallStatus, to: MarkStatus): Result<true> {
  if (from === 'needsHelp' && to !== 'needsHelp') return err('ALERT.ALREADY_NEEDS_HELP', undefined, { from, to });
  return ok(true);
}

export function emptyCounts(): TallyCounts {
  return { total: 0, pending: 0, safe: 0, needsHelp: 0, unreachable: 0 };
}

export function addCounts(a: TallyCounts, b: TallyCounts): TallyCounts {
  return {
    total: a.total + b.total,
    pending: a.pending + b.pending,
    safe: a.safe + b.safe,
    needsHelp: a.needsHelp + b.needsHelp,
    unreachable: a.unreachable + b.unreachable,
  };
}

export function reachedCount(c: Pick<TallyCounts, (typeof REACHED_STATUSES)[number]>): number {
  return c.safe + c.needsHelp;
}

export function unreachedCount(c: Pick<TallyCounts, (typeof UNREACHED_STATUSES)[number]>): number {
  return c.pending + c.unreachable;
}

/** Reached share in whole percent (one decimal); 100 when nobody is on the roll. */
export function reachedPercent(c: TallyCounts): number {
  if (c.total === 0) return 100;
  return Math.round((reachedCount(c) / c.total) * 1000) / 10;
}

/** Counts with what follows from them: reached, unreached and the reached share, as boards and lists show them. */
export function progressOf(counts: TallyCounts) {
  return { ...counts, reached: reachedCount(counts), unreached: unreachedCount(counts), reachedPercent: reachedPercent(counts) };
}

/** The board's rows per village (with its grids), overall counts, and the closing summary, from grid counts. */
export function summarize(tallies: readonly ({ villageId: string; gridId: string } & TallyCounts)[]) {
  const byVillage = new Map<string, { villageId: string; counts: TallyCounts; grids: { gridId: string; counts: TallyCounts }[] }>();
  let overall = emptyCounts();
  for (const t of tallies) {
    const counts: TallyCounts = { total: t.total, pending: t.pending, safe: t.safe, needsHelp: t.needsHelp, unreachable: t.unreachable };
    overall = addCounts(overall, counts);
    const row = byVillage.get(t.villageId) ?? { villageId: t.villageId, counts: emptyCounts(), grids: [] };
    row.counts = addCounts(row.counts, counts);
    row.grids.push({ gridId: t.gridId, counts });
    byVillage.set(t.villageId, row);
  }
  const villages = [...byVillage.values()].sort((a, b) => a.villageId.localeCompare(b.villageId));
  for (const v of villages) v.grids.sort((a, b) => a.gridId.localeCompare(b.gridId));
  return { overall, villages };
}

/** Kept on an alert when it closes: the final counts and the reached share, overall and per village. */
export function closingSummary({ overall, villages }: ReturnType<typeof summarize>): NonNullable<Alert['summary']> {
  return {
    ...overall,
    reachedPercent: reachedPercent(overall),
    byVillage: villages.map((v) => ({ villageId: v.villageId, ...v.counts, reachedPercent: reachedPercent(v.counts) })),
  };
}
