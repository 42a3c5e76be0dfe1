// Editing the town's settings (docs/product.md: the admin keeps the local rules, with defaults from docs/rules.md). Only the
// values the admin set are stored (overrides); a value put back to its default is removed, so it follows docs/rules.md
// again. Each editable value is described once here: label, unit, rule, how it is edited.
import { z } from 'zod';
import { CATEGORY_LABELS, type Category } from './categories';
import { err, ok, type Result } from './errors';
import { DEFAULT_SETTINGS, dibaoProcedureWorkingDays, mergeSettingsReport, type TownSettings } from './settings';

export type SettingKind = 'number' | 'boolean' | 'subscriptionMode' | 'categories';

export interface SettingField {
  /** Dotted path into TownSettings. */
  path: string;
  label: string;
  /** The docs/rules.md section the default comes from. */
  rule: string;
  unit?: string;
  kind: SettingKind;
  group: string;
}

export const SETTING_GROUPS = ['救助标准', '办理时限', '走访', '消息与预警'] as const;

export const SETTING_FIELDS: readonly SettingField[] = [
  { path: 'dibaoStandardMonthly', label: '低保标准', unit: '元/人·月', rule: '§19 §22', kind: 'number', group: '救助标准' },
  { path: 'edgeIncomeMultiple', label: '低保边缘收入线（低保标准的倍数）', unit: '倍', rule: '§22', kind: 'number', group: '救助标准' },
  { path: 'averageDisposableIncomeMonthly', label: '当地上年人均可支配收入', unit: '元/人·月', rule: '§18 §23', kind: 'number', group: '救助标准' },
  { path: 'dibaoRoundingYuan', label: '低保金额取整单位', unit: '元', rule: '§33', kind: 'number', group: '救助标准' },
  { path: 'dibaoMinimumYuan', label: '低保最低发放金额', unit: '元/月', rule: '§33', kind: 'number', group: '救助标准' },
  { path: 'tekunSupportStandardMonthly', label: '特困供养标准', unit: '元/人·月', rule: '§33', kind: 'number', group: '救助标准' },
  { path: 'approvedAmountCeilingYuan', label: '批准金额上限（超过一律不予受理）', unit: '元', rule: '§33', kind: 'number', group: '救助标准' },
  { path: 'townApprovalCapMultiple', label: '乡镇直接审批临时救助上限（低保标准的倍数）', unit: '倍', rule: '§19', kind: 'number', group: '救助标准' },
  {
    path: 'townDelegatedConfirmation',
    label: `低保审核确认权下放到乡镇（全程${dibaoProcedureWorkingDays({ townDelegatedConfirmation: true })}个工作日）`,
    rule: '§8',
    kind: 'boolean',
    group: '救助标准',
  },
  { path: 'selfReportAckHours', label: '居民求助受理时限', unit: '小时', rule: '§27', kind: 'number', group: '办理时限' },
  { path: 'discoveryAckHours', label: '网格员发现线索受理时限', unit: '小时', rule: '§27', kind: 'number', group: '办理时限' },
  { path: 'emergencyHelpHours', label: '急难型临时救助先行救助时限', unit: '小时', rule: '§19', kind: 'number', group: '办理时限' },
  { path: 'emergencyPaperworkWorkingDays', label: '急难型救助补办手续时限', unit: '个工作日', rule: '§19', kind: 'number', group: '办理时限' },
  { path: 'temporaryAssistanceDecisionWorkingDays', label: '支出型临时救助审批时限', unit: '个工作日', rule: '§19', kind: 'number', group: '办理时限' },
  { path: 'referralFollowUpWorkingDays', label: '转介跟进间隔（司法救助以外）', unit: '个工作日', rule: '§20', kind: 'number', group: '办理时限' },
  { path: 'visitIntervalDays.high', label: '高风险对象走访间隔', unit: '天', rule: '§25', kind: 'number', group: '走访' },
  { path: 'visitIntervalDays.priority', label: '重点对象走访间隔', unit: '天', rule: '§25', kind: 'number', group: '走访' },
  { path: 'visitIntervalDays.general', label: '一般对象走访间隔', unit: '天', rule: '§25', kind: 'number', group: '走访' },
  { path: 'majorChangeVisitHours', label: '重大变故后上门走访时限', unit: '小时', rule: '§25', kind: 'number', group: '走访' },
  { path: 'recheckTaskDays', label: '核查比对疑点入户复核时限', unit: '天', rule: '§9 §16', kind: 'number', group: '办理时限' },
  { path: 'subscriptionMode', label: '订阅消息方式', rule: '§30', kind: 'subscriptionMode', group: '消息与预警' },
  { path: 'alertVulnerable.categories', label: '一拉就响点名对象', rule: '§24 §26', kind: 'categories', group: '消息与预警' },
  { path: 'alertVulnerable.includeKeyHouseholds', label: '一拉就响包含重点户', rule: '§24 §26', kind: 'boolean', group: '消息与预警' },
];

export const SUBSCRIPTION_MODE_LABELS = { 'one-time': '一次性订阅（每次授权发送一条）', 'long-term': '长期订阅（需具备政务民生类目）' } as const;

export type SettingValue = number | boolean | string | readonly Category[] | null;

export function valueAt(settings: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), settings);
}

export function defaultOf(path: string): SettingValue {
  return valueAt(DEFAULT_SETTINGS, path) as SettingValue;
}

/** A value as the page shows it: 800 元/人·月, 是/否, the categories' names. */
export function describeSetting(field: SettingField, value: unknown): string {
  if (field.kind === 'boolean') return value ? '是' : '否';
  if (field.kind === 'subscriptionMode') return SUBSCRIPTION_MODE_LABELS[value as keyof typeof SUBSCRIPTION_MODE_LABELS] ?? String(value);
  if (field.kind === 'categories') return (value as Category[]).map((c) => CATEGORY_LABELS[c]).join('、');
  if (value === null) return '未填写';
  return `${String(value)}${field.unit ?? ''}`;
}

/** Whether two setting values are the same (a category list compares as a set). */
export function sameSettingValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);
}

/** The edit a page sends: new values by path; `null` puts a value back to its default. */
export const settingsChangeSchema = z
  .record(z.string().max(64), z.union([z.number(), z.boolean(), z.string().max(200), z.array(z.string().max(64)).max(50), z.null()]))
  .refine((changes) => Object.keys(changes).length > 0 && Object.keys(changes).length <= SETTING_FIELDS.length, '没有要保存的修改')
  .refine((changes) => Object.keys(changes).every((path) => SETTING_FIELDS.some((f) => f.path === path)), '有不能修改的设置项');
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

export interface SettingsEdit {
  overrides: Record<string, unknown>;
  settings: TownSettings;
  changed: { path: string; from: unknown; to: unknown }[];
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = node[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
  }
  if (value === undefined) delete node[keys[keys.length - 1]!];
  else node[keys[keys.length - 1]!] = value;
}

/** Applies a change to the stored overrides: each value is checked by the settings schema; a default is not stored. */
export function applySettingsChange(storedOverrides: unknown, change: SettingsChange): Result<SettingsEdit> {
  const before = mergeSettingsReport(storedOverrides).settings;
  const overrides = JSON.parse(JSON.stringify(storedOverrides ?? {})) as Record<string, unknown>; // plain JSON; no structuredClone on older cloud Node
  const problems: Record<string, string> = {};
  for (const [path, value] of Object.entries(change)) {
    const field = SETTING_FIELDS.find((f) => f.path === path)!;
    const keep = value !== null && !sameSettingValue(value, defaultOf(path));
    setAt(overrides, path, keep ? value : undefined);
    const probe = mergeSettingsReport(overrides);
    if (keep && probe.rejected.includes(path)) problems[path] = `${field.label}的值不合规定`;
  }
  const settings = mergeSettingsReport(overrides).settings;
  // RULES §25: a riskier person is visited at least as often.
  const v = settings.visitIntervalDays;
  if (!(v.high <= v.priority && v.priority <= v.general)) problems['visitIntervalDays.high'] = '走访间隔应为：高风险 ≤ 重点 ≤ 一般';
  const details = Object.entries(problems).map(([path, message]) => ({ path, message }));
  if (details.length) return err('INPUT.INVALID', details[0]!.message, details);
  const changed = SETTING_FIELDS.filter((f) => !sameSettingValue(valueAt(before, f.path), valueAt(settings, f.path))).map((f) => ({
    path: f.path,
    from: valueAt(before, f.path),
    to: valueAt(settings, f.path),
  }));
  return ok({ overrides: pruneEmpty(overrides), settings, changed });
}

function pruneEmpty(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const inner = pruneEmpty(value as Record<string, unknown>);
      if (Object.keys(inner).length) out[key] = inner;
    } else out[key] = value;
  }
  return out;
}
