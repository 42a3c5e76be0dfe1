// Dashboards and exports (issue 12): the figures a dashboard shows, the months its trends cover, what can be
// exported and the columns of each export. Pure: the reports function counts and writes, the pages draw.
import { z } from 'zod';
import { BEIJING_OFFSET_MS } from './calendar';
import { CATEGORIES, type Category } from './categories';
import type { CaseState } from './cases/states';

/** Months a dashboard's trends cover, the current one last. */
export const TREND_MONTHS = 12;

/** `YYYY-MM` of each of the last `n` months in Beijing time, oldest first, with the instants that bound each month. */
export function trendMonths(now: number, n = TREND_MONTHS): Array<{ month: string; from: number; to: number }> {
  const local = new Date(now + BEIJING_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const start = (offset: number) => Date.UTC(year, month + offset, 1) - BEIJING_OFFSET_MS;
  return Array.from({ length: n }, (_, i) => {
    const offset = i - (n - 1);
    const from = start(offset);
    const at = new Date(from + BEIJING_OFFSET_MS);
    return { month: `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`, from, to: start(offset + 1) };
  });
}

export type DashboardLevel = 'town' | 'village' | 'grid';

export const DASHBOARD_LEVEL_LABELS: Record<DashboardLevel, string> = { town: '全镇', village: '本村', grid: '本网格' };

export interface Dashboard {
  level: DashboardLevel;
  now: number;
  /** Persons per category in scope (from the grids' stored tallies). */
  persons: { byCategory: Record<Category, number>; total: number };
  /** Help found by staff (cases from 主动发现) this month. */
  newDiscoveries: number;
  openCases: { total: number; byState: Array<{ state: CaseState; count: number }> };
  clocks: { dueSoon: number; breached: number };
  /** Persons whose visit was overdue when the tallies were taken. */
  overdueVisits: number;
  issues: { unresolved: number; overdue: number };
  openAlerts: number;
  /** Verification campaigns' home re-checks (issue 12): flagged and not yet re-checked, of those past due, re-checked. */
  rechecks: { open: number; overdue: number; done: number };
  /** New cases, discoveries and visits per month (from the tallies), oldest month first. */
  trends: { months: string[]; cases: number[]; discoveries: number[]; visits: number[] };
  /** When the tallied figures (persons, overdue visits, trends) were taken; null before the first tally. */
  countedAt: number | null;
}

const monthCountsSchema = z.object({ cases: z.number().int().nonnegative(), discoveries: z.number().int().nonnegative(), visits: z.number().int().nonnegative() });

/**
 * One grid's tally, stored by the reports function's hourly timer (`gridTallies`, id = the grid's id): what no index
 * range answers cheaply per view — persons by category (an array element), persons overdue for a visit, and the
 * months' new cases, discoveries and visits — counted once for every viewer.
 */
export const gridTallySchema = z.object({
  _id: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  total: z.number().int().nonnegative(),
  byCategory: z.record(z.number().int().nonnegative()),
  overdueVisits: z.number().int().nonnegative(),
  /** By `YYYY-MM`: the last TREND_MONTHS months at the time of the tally. */
  months: z.record(monthCountsSchema),
  /** The tally run that wrote this record: at the end of a run, records of an older one (a removed grid) go. */
  runAt: z.number(),
  countedAt: z.number(),
});
export type GridTally = z.infer<typeof gridTallySchema>;

/** Sums grid tallies into the dashboard's tallied figures over `months`. */
export function sumTallies(tallies: readonly GridTally[], months: readonly string[]): Pick<Dashboard, 'persons' | 'overdueVisits' | 'trends' | 'countedAt'> {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const series = () => months.map(() => 0);
  const trends = { months: [...months], cases: series(), discoveries: series(), visits: series() };
  let total = 0;
  let overdueVisits = 0;
  for (const t of tallies) {
    total += t.total;
    overdueVisits += t.overdueVisits;
    for (const c of CATEGORIES) byCategory[c] += t.byCategory[c] ?? 0;
    months.forEach((m, i) => {
      const counted = t.months[m];
      if (!counted) return;
      trends.cases[i]! += counted.cases;
      trends.discoveries[i]! += counted.discoveries;
      trends.visits[i]! += counted.visits;
    });
  }
  return { persons: { byCategory, total }, overdueVisits, trends, countedAt: tallies.length ? Math.max(...tallies.map((t) => t.countedAt)) : null };
}

// ---------------------------------------------------------------------------------------------------------------
// Exports (RULES §29: what a row shows is masked by the same list projections a screen uses)

export const EXPORT_KINDS = ['roster', 'cases', 'visits', 'issues', 'referrals', 'rechecks'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = { roster: '花名册', cases: '办件', visits: '走访记录', issues: '问题督办', referrals: '转介', rechecks: '核查结果' };

export interface ExportColumn {
  header: string;
  key: string;
  width?: number;
}

export const EXPORT_COLUMNS: Record<ExportKind, ExportColumn[]> = {
  roster: [
    { header: '姓名', key: 'name', width: 10 },
    { header: '性别', key: 'gender', width: 6 },
    { header: '年龄', key: 'age', width: 6 },
    { header: '身份证号', key: 'idNumber', width: 22 },
    { header: '电话', key: 'phone', width: 14 },
    { header: '与户主关系', key: 'relation', width: 10 },
    { header: '村', key: 'village', width: 12 },
    { header: '网格', key: 'grid', width: 12 },
    { header: '人员类别', key: 'categories', width: 28 },
    { header: '风险等级', key: 'riskTier', width: 8 },
    { header: '重点户', key: 'keyHousehold', width: 8 },
  ],
  cases: [
    { header: '编号', key: 'id', width: 24 },
    { header: '类型', key: 'kind', width: 18 },
    { header: '来源', key: 'source', width: 10 },
    { header: '状态', key: 'state', width: 16 },
    { header: '申请人', key: 'applicant', width: 10 },
    { header: '村', key: 'village', width: 12 },
    { header: '网格', key: 'grid', width: 12 },
    { header: '登记时间', key: 'createdAt', width: 18 },
  ],
  visits: [
    { header: '走访时间', key: 'visitedAt', width: 18 },
    { header: '村', key: 'village', width: 12 },
    { header: '网格', key: 'grid', width: 12 },
    { header: '户编号', key: 'householdId', width: 24 },
    { header: '走访人', key: 'visitor', width: 10 },
  ],
  issues: [
    { header: '问题', key: 'title', width: 30 },
    { header: '状态', key: 'state', width: 8 },
    { header: '村', key: 'village', width: 12 },
    { header: '网格', key: 'grid', width: 12 },
    { header: '责任人', key: 'owner', width: 10 },
    { header: '办结期限', key: 'deadlineAt', width: 18 },
    { header: '登记时间', key: 'createdAt', width: 18 },
  ],
  // Issue 12: each verification campaign's flagged persons, what the comparison found and what the home re-check found.
  rechecks: [
    { header: '核查批次', key: 'campaign', width: 20 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '身份证号', key: 'idNumber', width: 22 },
    { header: '村', key: 'village', width: 12 },
    { header: '网格', key: 'grid', width: 12 },
    { header: '疑点', key: 'finding', width: 16 },
    { header: '疑点说明', key: 'detail', width: 28 },
    { header: '复核期限', key: 'dueAt', width: 18 },
    { header: '复核结果', key: 'outcome', width: 18 },
    { header: '调整后金额（元）', key: 'newAmountYuan', width: 12 },
    { header: '复核说明', key: 'note', width: 28 },
    { header: '复核时间', key: 'recordedAt', width: 18 },
  ],
  // RULES §20: where each referral went and what came of it.
  referrals: [
    { header: '编号', key: 'id', width: 24 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '转介类别', key: 'kind', width: 12 },
    { header: '接收部门', key: 'office', width: 20 },
    { header: '村', key: 'village', width: 12 },
    { header: '网格', key: 'grid', width: 12 },
    { header: '状态', key: 'state', width: 10 },
    { header: '转出日期', key: 'sentOn', width: 12 },
    { header: '期限', key: 'dueDate', width: 12 },
    { header: '已超期', key: 'overdue', width: 8 },
    { header: '结果', key: 'outcome', width: 12 },
    { header: '金额（元）', key: 'amountYuan', width: 10 },
    { header: '服务', key: 'service', width: 20 },
  ],
};

export const exportInputSchema = z.object({ kind: z.enum(EXPORT_KINDS), villageId: z.string().min(1).max(64).optional() }).strict();

/** The file's name: what it holds and when (Beijing time), so two exports never share a name. */
export function exportFileName(kind: ExportKind, now: number): string {
  const at = new Date(now + BEIJING_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${EXPORT_KIND_LABELS[kind]}-${at}.xlsx`;
}
