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
  persons: {
    /** Persons per category in scope, from the stored tallies (null until the first tally ran). */
    byCategory: Record<Category, number>;
    total: number;
    /** When the tallies were last taken (they are refreshed by the reports function's timer). */
    countedAt: number | null;
  };
  /** Help found by staff (cases from 主动发现) this month. */
  newDiscoveries: number;
  openCases: { total: number; byState: Array<{ state: CaseState; count: number }> };
  clocks: { dueSoon: number; breached: number };
  overdueVisits: number;
  issues: { unresolved: number; overdue: number };
  openAlerts: number;
  trends: { months: string[]; cases: number[]; discoveries: number[]; visits: number[] };
}

/** Tallies of one grid's persons, stored by the reports function (`personTallies`, id = the grid's id). */
export const personTallySchema = z.object({
  _id: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  total: z.number().int().nonnegative(),
  byCategory: z.record(z.number().int().nonnegative()),
  /** The tally run that wrote this record: at the end of a run, records of an older one (a removed grid) go. */
  runAt: z.number(),
  countedAt: z.number(),
});
export type PersonTally = z.infer<typeof personTallySchema>;

/** Sums grid tallies into the dashboard's persons figures. */
export function sumTallies(tallies: readonly PersonTally[]): Dashboard['persons'] {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let total = 0;
  for (const t of tallies) {
    total += t.total;
    for (const c of CATEGORIES) byCategory[c] += t.byCategory[c] ?? 0;
  }
  return { byCategory, total, countedAt: tallies.length ? Math.max(...tallies.map((t) => t.countedAt)) : null };
}

// ---------------------------------------------------------------------------------------------------------------
// Exports (RULES §29: what a row shows is masked by the same list projections a screen uses)

export const EXPORT_KINDS = ['roster', 'cases', 'visits', 'issues'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = { roster: '花名册', cases: '办件', visits: '走访记录', issues: '问题督办' };

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
};

export const exportInputSchema = z.object({ kind: z.enum(EXPORT_KINDS), villageId: z.string().min(1).max(64).optional() }).strict();

/** The file's name: what it holds and when (Beijing time), so two exports never share a name. */
export function exportFileName(kind: ExportKind, now: number): string {
  const at = new Date(now + BEIJING_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${EXPORT_KIND_LABELS[kind]}-${at}.xlsx`;
}
