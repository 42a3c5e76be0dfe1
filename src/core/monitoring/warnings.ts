// Low-income dynamic monitoring (低收入人口动态监测): pure rules over a household's facts → warnings for the town
// office, each with a type, a Chinese message, the RULES reference and a due date. A timer sweep computes them;
// `key` is stable per (type, household, person, due date), so running the sweep twice stores nothing new.
import { addDays, addWorkingDaysOrEstimate, beijingDate, endOfBeijingDayMs } from '../calendar';
import type { Category } from '../categories';
import { edgeIncomeLineMonthly, type TownSettings } from '../settings';
import { formatYuan } from '../text';
import { MAJOR_CHANGE_LABELS } from '../visits/major-change';
import type { HouseholdMonitoring } from './facts';
import { addMonths } from './months';

// RULES §9: a member's death → 低保 re-check within 3 months.
export const DEATH_RECHECK_MONTHS = 3;
// RULES §9: a major change not reported for more than 3 months → warning.
export const MAJOR_CHANGE_REPORT_MONTHS = 3;
// RULES §9: 渐退期 of up to 6 months.
export const TAPER_MAX_MONTHS = 6;
// RULES §9: 低保 re-check yearly when stable, every 6 months with irregular income and able-bodied members.
export const DIBAO_RECHECK_MONTHS = Object.freeze({ stable: 12, irregular: 6 });
// RULES §16: 特困 re-checked yearly.
export const TEKUN_RECHECK_MONTHS = 12;
// RULES §23: 刚性支出困难 status is valid for at most 12 months, then the family re-applies.
export const RIGID_SPENDING_VALID_MONTHS = 12;
/** Product default (not statutory): an upcoming deadline is shown this many days ahead. */
export const WARNING_LEAD_DAYS = 30;
/** Product default (not statutory): an income finding is verified within this many working days. */
export const INCOME_CHECK_WORKING_DAYS = 10;

export const WARNING_TYPES = {
  edgeIncomeAboveLine: { label: '边缘家庭收入超线', rule: 'RULES §22' },
  uncoveredIncomeBelowLine: { label: '未纳入保障家庭收入低', rule: 'RULES §22' },
  deathRecheck: { label: '成员去世待复核', rule: 'RULES §9' },
  majorChangeUnreported: { label: '重大变化未按时报告', rule: 'RULES §9' },
  taperEnding: { label: '渐退期即将结束', rule: 'RULES §9' },
  rigidSpendingExpiring: { label: '刚性支出认定到期', rule: 'RULES §23' },
  dibaoRecheck: { label: '低保定期复核', rule: 'RULES §9' },
  tekunRecheck: { label: '特困年度复核', rule: 'RULES §16' },
} as const;
export type WarningType = keyof typeof WARNING_TYPES;
export const WARNING_TYPE_KEYS = Object.keys(WARNING_TYPES) as WarningType[];

/**
 * What the rules read about one household: the monitoring blocks stored on it (times epoch ms; an absent block
 * switches its rules off), where it is, and the union of its members' categories (低保, 特困, 边缘 … decide which
 * income rule applies).
 */
export interface MonitoringFacts extends HouseholdMonitoring {
  householdId: string;
  gridId: string;
  villageId: string;
  categories: readonly Category[];
}

export interface ComputedWarning {
  /** Stable identity: `${type}:${householdId}:${personId or '-'}:${dueDate}`. */
  key: string;
  type: WarningType;
  /** 'RULES §n' */
  rule: string;
  /** Chinese, for the officer. */
  message: string;
  householdId: string;
  personId: string | null;
  gridId: string;
  villageId: string;
  /** Beijing date by which to act, and the end of that day. */
  dueDate: string;
  dueAt: number;
  /** The due date has passed. */
  overdue: boolean;
  /** The due date used Monday–Friday for a year the holiday calendar does not carry yet. */
  dueEstimated: boolean;
}

export interface WarningOptions {
  leadDays?: number;
}

/** Every warning the household's facts raise at `now`. */
export function computeWarnings(
  facts: MonitoringFacts,
  settings: Pick<TownSettings, 'dibaoStandardMonthly' | 'edgeIncomeMultiple' | 'holidayArrangements'>,
  now: number,
  options: WarningOptions = {},
): ComputedWarning[] {
  const today = beijingDate(now);
  const lead = options.leadDays ?? WARNING_LEAD_DAYS;
  const out: ComputedWarning[] = [];
  const has = (c: Category) => facts.categories.includes(c);

  // The key names what raised the warning; a date counted in working days is keyed by where the count starts, so an
  // estimated due date firmed later by an entered holiday arrangement (RULES §34) is the same warning.
  const push = (type: WarningType, personId: string | null, dueDate: string, message: string, estimate?: { from: string; estimated: boolean }) => {
    out.push({
      key: `${type}:${facts.householdId}:${personId ?? '-'}:${estimate ? `from-${estimate.from}` : dueDate}`,
      type,
      rule: WARNING_TYPES[type].rule,
      message,
      householdId: facts.householdId,
      personId,
      gridId: facts.gridId,
      villageId: facts.villageId,
      dueDate,
      dueAt: endOfBeijingDayMs(dueDate),
      overdue: today > dueDate,
      dueEstimated: estimate?.estimated ?? false,
    });
  };
  /** An upcoming deadline shows from `lead` days before it. */
  const upcoming = (dueDate: string) => today >= addDays(dueDate, -lead);

  // RULES §22: income against the 低保 standard and the 边缘 line (1.5 × the standard by default).
  if (facts.income) {
    const income = facts.income.perCapitaMonthly;
    const line = edgeIncomeLineMonthly(settings);
    const from = beijingDate(facts.income.recordedAt);
    const check = addWorkingDaysOrEstimate(from, INCOME_CHECK_WORKING_DAYS, settings.holidayArrangements);
    const estimate = { from, estimated: check.estimated };
    const covered = has('dibao') || has('tekun');
    if (has('dibaoEdge') && !covered && income >= line) {
      push('edgeIncomeAboveLine', null, check.date, `低保边缘家庭人均月收入${formatYuan(income)}，已达到低保标准的${settings.edgeIncomeMultiple}倍（${formatYuan(line)}），请核实是否仍属边缘家庭`, estimate);
    }
    if (!covered && !has('dibaoEdge') && income < line) {
      const message =
        income < settings.dibaoStandardMonthly
          ? `未纳入保障的家庭人均月收入${formatYuan(income)}，低于低保标准（${formatYuan(settings.dibaoStandardMonthly)}），可能符合低保条件，请核实`
          : `未纳入保障的家庭人均月收入${formatYuan(income)}，低于低保标准的${settings.edgeIncomeMultiple}倍（${formatYuan(line)}），可能符合低保边缘家庭条件，请核实`;
      push('uncoveredIncomeBelowLine', null, check.date, message, estimate);
    }
  }

  // RULES §9: a member's death → re-check within 3 months, unless re-checked since.
  if (has('dibao')) {
    const lastReview = facts.dibao?.lastReviewAt ?? null;
    for (const d of facts.deaths ?? []) {
      if (lastReview !== null && lastReview >= d.diedAt) continue;
      const due = addMonths(beijingDate(d.diedAt), DEATH_RECHECK_MONTHS);
      push('deathRecheck', d.personId, due, `家庭成员于${beijingDate(d.diedAt)}去世，须在${DEATH_RECHECK_MONTHS}个月内（${due}前）复核低保`);
    }
  }

  // RULES §9: a major change unreported for more than 3 months (still unreported, or reported too late).
  for (const c of facts.majorChanges ?? []) {
    const occurred = beijingDate(c.occurredAt);
    const limit = addMonths(occurred, MAJOR_CHANGE_REPORT_MONTHS);
    const reported = c.reportedAt != null ? beijingDate(c.reportedAt) : null;
    const late = reported !== null ? reported > limit : today > limit;
    if (!late) continue;
    const what = MAJOR_CHANGE_LABELS[c.kind];
    push(
      'majorChangeUnreported',
      null,
      limit,
      reported
        ? `${occurred}发生的重大变化（${what}）于${reported}才报告，超过${MAJOR_CHANGE_REPORT_MONTHS}个月，请核实待遇是否应调整`
        : `${occurred}发生的重大变化（${what}）超过${MAJOR_CHANGE_REPORT_MONTHS}个月未报告，请核实待遇是否应调整`,
    );
  }

  // RULES §9: 渐退期 of up to 6 months — warn before it ends.
  if (facts.taper) {
    const start = beijingDate(facts.taper.startedAt);
    const longest = addMonths(start, TAPER_MAX_MONTHS);
    const set = facts.taper.endsAt != null ? beijingDate(facts.taper.endsAt) : longest;
    const end = set < longest ? set : longest;
    if (upcoming(end)) {
      const capped = set > longest ? `（渐退期最长${TAPER_MAX_MONTHS}个月，已按${longest}计算）` : '';
      push('taperEnding', null, end, `渐退期将于${end}结束${capped}，请办理退出或转入其他救助`);
    }
  }

  // RULES §23: 刚性支出困难 status valid at most 12 months.
  if (facts.rigidSpending) {
    const expires = addMonths(beijingDate(facts.rigidSpending.recognisedAt), RIGID_SPENDING_VALID_MONTHS);
    if (upcoming(expires)) {
      push(
        'rigidSpendingExpiring',
        null,
        expires,
        today > expires
          ? `刚性支出困难家庭认定已超过${RIGID_SPENDING_VALID_MONTHS}个月有效期（${expires}到期），须重新申请认定`
          : `刚性支出困难家庭认定将于${expires}到期（有效期${RIGID_SPENDING_VALID_MONTHS}个月），请提醒家庭重新申请`,
      );
    }
  }

  // RULES §9: 低保 re-check yearly, or every 6 months with irregular income and able-bodied members.
  if (facts.dibao && has('dibao')) {
    const irregular = facts.dibao.irregularIncome && facts.dibao.ableBodiedMember;
    const months = irregular ? DIBAO_RECHECK_MONTHS.irregular : DIBAO_RECHECK_MONTHS.stable;
    const base = facts.dibao.lastReviewAt ?? facts.dibao.approvedAt;
    const due = addMonths(beijingDate(base), months);
    if (upcoming(due)) {
      const why = irregular ? `收入不固定且有劳动能力成员，每${months}个月复核一次` : `收入稳定，每${months}个月复核一次`;
      push('dibaoRecheck', null, due, `低保家庭应于${due}前完成复核（${why}）`);
    }
  }

  // RULES §16: 特困 re-checked yearly.
  if (has('tekun')) {
    for (const t of facts.tekun ?? []) {
      const due = addMonths(beijingDate(t.lastReviewAt ?? t.approvedAt), TEKUN_RECHECK_MONTHS);
      if (upcoming(due)) push('tekunRecheck', t.personId, due, `特困人员应于${due}前完成年度复核`);
    }
  }

  return out;
}
