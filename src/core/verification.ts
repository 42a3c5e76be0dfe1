// Verification (核查, issue 12): the half-yearly full comparison (RULES §1(3,5,9), §2(16), PRODUCT flow 8), the
// scheduled re-checks that fold into it, the comparison results' row checks, and the home re-check's outcomes.
import { z } from 'zod';
import { categorySchema, type Category } from './categories';
import { isValidIdNumber, normalizeIdNumber } from './id-number';
import { fileIdSchema } from './ids';
import { personSchema, type Person } from './records';

// RULES §1–2 and the 残疾人两项补贴 (生活困难残疾人 on the roster): whom a campaign lists.
export const VERIFIED_CATEGORIES: readonly Category[] = ['dibao', 'tekun', 'disabledInHardship'];

/** A half-year: '2026H2' is 2026年下半年. */
export const halfYearSchema = z.string().regex(/^20\d\dH[12]$/, '核查期间应为“2026H2”这样的半年');
export type HalfYear = z.infer<typeof halfYearSchema>;

export function halfYearLabel(half: string): string {
  return `${half.slice(0, 4)}年${half.endsWith('1') ? '上' : '下'}半年`;
}

/** The half-year a Beijing date ('YYYY-MM-DD') falls in. */
export function halfYearOf(date: string): HalfYear {
  return `${date.slice(0, 4)}H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/** 'YYYY-MM' plus some months. */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// Re-check intervals in months (RULES §9, §16): stable 低保 yearly; irregular income with able-bodied members every
// 6 months; 特困 yearly; a death in the household within 3 months.
export const RECHECK_MONTHS = { stable: 12, irregularIncome: 6, tekun: 12, afterDeath: 3 } as const;
export type RecheckReason = keyof typeof RECHECK_MONTHS;
export const RECHECK_REASON_LABELS: Record<RecheckReason, string> = {
  stable: '低保年度复核',
  irregularIncome: '收入不固定家庭半年复核',
  tekun: '特困年度复核',
  afterDeath: '家庭成员去世后复核',
};

const MONTH_MS = 30.44 * 86_400_000;
const plusMonths = (at: number, months: number) => Math.round(at + months * MONTH_MS);

/**
 * When this person's next re-check is due and why (the earliest rule that applies), counted from their last
 * re-check (or their entry on the roster); null for someone no re-check rule covers.
 */
export function recheckDue(p: Pick<Person, 'categories' | 'createdAt' | 'majorChanges' | 'irregularIncome' | 'lastRecheckAt'>): { dueAt: number; reason: RecheckReason } | null {
  const since = p.lastRecheckAt ?? p.createdAt;
  const due: Array<{ dueAt: number; reason: RecheckReason }> = [];
  if (p.categories.includes('dibao')) {
    const reason = p.irregularIncome ? 'irregularIncome' : 'stable';
    due.push({ dueAt: plusMonths(since, RECHECK_MONTHS[reason]), reason });
    // RULES §9 (N83): a death in the household since the last re-check → re-checked within 3 months of it.
    for (const change of p.majorChanges ?? []) {
      if (change.kind === 'deathInFamily' && change.at > since) due.push({ dueAt: plusMonths(change.at, RECHECK_MONTHS.afterDeath), reason: 'afterDeath' });
    }
  }
  if (p.categories.includes('tekun')) due.push({ dueAt: plusMonths(since, RECHECK_MONTHS.tekun), reason: 'tekun' });
  return due.sort((a, b) => a.dueAt - b.dueAt)[0] ?? null;
}

// The comparison results (比对结果) as the county's system returns them: a code per finding (docs/verification.md).
export const FINDING_LABELS = {
  '00': '未发现异常',
  '01': '收入超过标准',
  '02': '有机动车辆',
  '03': '有商品房或多套住房',
  '04': '有工商登记或企业任职',
  '05': '存款或理财超过规定',
  '06': '死亡或户籍注销',
  '07': '享受其他不应同时享受的待遇',
  '99': '其他疑点',
} as const;
export type FindingCode = keyof typeof FINDING_LABELS;
export const FINDING_CODES = Object.keys(FINDING_LABELS) as FindingCode[];
/** '00' is a clean result; every other code flags the person for a home re-check. */
export const isFlagging = (code: FindingCode) => code !== '00';

export const RESULT_COLUMNS = { idNumber: '身份证号', finding: '比对结论代码', detail: '疑点说明', name: '姓名' } as const;
export const RESULT_ROWS_MAX = 5_000;
export const DETAIL_MAX = 200;

export interface ResultRowError {
  row: number;
  message: string;
}
export interface ResultRow {
  row: number;
  idNumber: string;
  finding: FindingCode;
  detail: string;
}

/**
 * Checks comparison results against the campaign's list, all rows or none: a missing column, an invalid or unknown
 * ID number, a name that does not match the list, an unknown code, a detail too long and a duplicate row are named by
 * their row number. `listed` maps each listed ID number to the listed name.
 */
export function checkResultRows(
  header: readonly string[],
  rows: ReadonlyArray<{ row: number; cells: readonly string[] }>,
  listed: ReadonlyMap<string, string>,
  today: string,
): { rows: ResultRow[]; errors: ResultRowError[] } {
  const errors: ResultRowError[] = [];
  const col = (name: string) => header.findIndex((h) => h.replace(/\s/g, '') === name);
  const at = { idNumber: col(RESULT_COLUMNS.idNumber), finding: col(RESULT_COLUMNS.finding), detail: col(RESULT_COLUMNS.detail), name: col(RESULT_COLUMNS.name) };
  const missing = (['idNumber', 'finding'] as const).filter((k) => at[k] < 0).map((k) => RESULT_COLUMNS[k]);
  if (missing.length) return { rows: [], errors: [{ row: 1, message: `缺少“${missing.join('”“')}”列，请按说明的格式整理` }] };
  if (rows.length > RESULT_ROWS_MAX) return { rows: [], errors: [{ row: 1, message: `一次最多导入${RESULT_ROWS_MAX}行` }] };
  const firstRowOf = new Map<string, number>();
  const good: ResultRow[] = [];
  for (const r of rows) {
    const cell = (k: number) => (k >= 0 ? (r.cells[k] ?? '').trim() : '');
    const idNumber = normalizeIdNumber(cell(at.idNumber));
    const fail = (message: string) => errors.push({ row: r.row, message });
    if (!isValidIdNumber(idNumber, today)) {
      fail(`身份证号“${cell(at.idNumber)}”不正确`);
      continue;
    }
    const earlier = firstRowOf.get(idNumber);
    if (earlier !== undefined) {
      fail(`与第${earlier}行是同一个人，重复了`);
      continue;
    }
    firstRowOf.set(idNumber, r.row);
    const name = listed.get(idNumber);
    if (name === undefined) {
      fail('这个身份证号不在本次核查名单中');
      continue;
    }
    if (at.name >= 0 && cell(at.name) !== '' && cell(at.name) !== name) {
      fail(`姓名“${cell(at.name)}”与名单中的不一致`);
      continue;
    }
    const code = cell(at.finding).padStart(2, '0');
    if (!(FINDING_CODES as string[]).includes(code)) {
      fail(`比对结论代码“${cell(at.finding)}”不在说明列出的代码中`);
      continue;
    }
    const detail = cell(at.detail);
    if (detail.length > DETAIL_MAX) {
      fail(`疑点说明超过${DETAIL_MAX}字`);
      continue;
    }
    good.push({ row: r.row, idNumber, finding: code as FindingCode, detail });
  }
  return { rows: errors.length ? [] : good, errors };
}

// The home re-check's outcome (RULES §9, §16): no change, changed (a new amount by the §33 rules), exit (through the
// termination procedure, with 渐退 where §9 allows), or the household objects to the finding.
export const RECHECK_OUTCOMES = ['noChange', 'changed', 'exit', 'objection'] as const;
export type RecheckOutcome = (typeof RECHECK_OUTCOMES)[number];
export const RECHECK_OUTCOME_LABELS: Record<RecheckOutcome, string> = { noChange: '核实无变化', changed: '情况有变化，调整金额', exit: '不再符合条件，退出', objection: '对疑点有异议' };

export const recheckOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('noChange'), note: z.string().trim().min(1).max(300) }),
  z.object({
    outcome: z.literal('changed'),
    note: z.string().trim().min(1).max(300),
    /** RULES §33: the household's monthly per-capita income and covered persons as found at home. */
    perCapitaIncomeYuan: z.number().nonnegative().max(100_000),
    coveredPersons: z.number().int().min(1).max(20),
  }),
  z.object({ outcome: z.literal('exit'), note: z.string().trim().min(1).max(300), gradualExitMonths: z.number().int().min(0).max(6) }),
  z.object({ outcome: z.literal('objection'), note: z.string().trim().min(1).max(300) }),
]);
export type RecheckOutcomeInput = z.infer<typeof recheckOutcomeSchema>;
export const RECHECK_PHOTOS_MAX = 9;
export const recheckPhotosSchema = z.array(fileIdSchema).min(1, '请上传入户复核的照片').max(RECHECK_PHOTOS_MAX);

/** One person a campaign lists (stored in `campaignSubjects`): who, what the comparison found, and the home re-check. */
export const subjectSchema = z.object({
  _id: z.string(),
  campaignId: z.string(),
  personId: z.string(),
  householdId: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  categories: z.array(categorySchema),
  relation: z.string(),
  supporters: personSchema.shape.supporters,
  /** Why this person is listed besides the periodic comparison: a scheduled re-check that came due (RULES §9, §16). */
  dueReason: z.string().optional(),
  finding: z.enum(FINDING_CODES as [string, ...string[]]).optional(),
  detail: z.string().optional(),
  flagged: z.boolean(),
  /** The home re-check task: none (not flagged), open, done. */
  task: z.enum(['none', 'open', 'done']),
  dueAt: z.number().optional(),
  outcome: z
    .object({
      outcome: z.enum(RECHECK_OUTCOMES),
      note: z.string(),
      perCapitaIncomeYuan: z.number().optional(),
      coveredPersons: z.number().optional(),
      newAmountYuan: z.number().optional(),
      gradualExitMonths: z.number().optional(),
      photoFileIds: z.array(z.string()),
      recordedAt: z.number(),
      recordedBy: z.string(),
      /** The approved case whose termination an exit goes through, when the system holds it. */
      caseId: z.string().optional(),
      exitStartedAt: z.number().optional(),
    })
    .optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});
export type Subject = z.infer<typeof subjectSchema>;
