// Town settings: the local rules, with defaults from docs/rules.md. Stored overrides are parsed field by field; a
// missing or invalid field falls back to its default, so a bad edit never stops the town's clocks.
import { z } from 'zod';
import { categorySchema, type Category } from './categories';
import { holidayArrangementsSchema } from './holidays';
import { SUBSCRIPTION_MODES } from './notify/consent';

const hours = z.number().int().positive().max(24 * 90);
const workingDays = z.number().int().positive().max(90);
const days = z.number().int().positive().max(366);

export const settingsSchema = z.object({
  // RULES §19, §22 (local): 低保 standard in yuan per person per month; 800 is a plausible 2026 rural figure.
  dibaoStandardMonthly: z.number().positive().max(10_000),
  // RULES §27 (local): the town acknowledges a resident's self-report within this many hours.
  selfReportAckHours: hours,
  // RULES §27 (local): the town acknowledges a worker's discovery report within this many hours.
  discoveryAckHours: hours,
  // RULES §17, §19 (local): 急难型临时救助 — help given within this many hours (先行救助).
  emergencyHelpHours: hours,
  // RULES §17, §19 (local): 急难型 paperwork completed within this many working days after the help.
  emergencyPaperworkWorkingDays: workingDays,
  // RULES §19 (local): ordinary (支出型) temporary-assistance decision within this many working days.
  temporaryAssistanceDecisionWorkingDays: workingDays,
  // RULES §19 (local): the town approves temporary assistance directly up to this multiple of the 低保 standard.
  townApprovalCapMultiple: z.number().positive().max(50),
  // RULES §33 (local): the computed 低保 amount is rounded to this step in yuan (1 = whole yuan, 0.1 = 角).
  dibaoRoundingYuan: z.number().positive().max(100),
  // RULES §33 (local): a household entitled to any gap is paid at least this many yuan a month.
  dibaoMinimumYuan: z.number().nonnegative().max(10_000),
  // RULES §33 (local): 特困 供养标准, yuan per person per month (basic living; care is added by self-care level).
  tekunSupportStandardMonthly: z.number().positive().max(20_000),
  // RULES §33 (local): no decision may approve more than this many yuan, whatever the reason.
  approvedAmountCeilingYuan: z.number().positive().max(1_000_000),
  // RULES §22: 低保边缘 — per-capita income below this multiple of the 低保 standard.
  edgeIncomeMultiple: z.number().positive().max(10),
  // RULES §18, §23 (local): last year's local per-capita disposable income, yuan per month; null until the town
  // enters the published figure (the self-check then leaves that condition to the town office).
  averageDisposableIncomeMonthly: z.number().positive().max(100_000).nullable(),
  // RULES §20 (local): a referral to an office without a statutory limit is followed up after this many working days.
  referralFollowUpWorkingDays: workingDays,
  // RULES §25 (local): visit interval in days per risk tier (high weekly, priority monthly, general quarterly).
  visitIntervalDays: z.object({ high: days, priority: days, general: days }),
  // RULES §25 (local): a major change (hospitalised, death in family, disaster) forces a visit within this many hours.
  majorChangeVisitHours: hours,
  // RULES §8: 低保 confirmation delegated to the town → 20 wd whole procedure instead of 30 wd.
  townDelegatedConfirmation: z.boolean(),
  // RULES §30: subscription templates are one-time (default) or long-term (public-service categories only).
  subscriptionMode: z.enum(SUBSCRIPTION_MODES),
  // RULES §24, §26 (local): who becomes a roll-call entry when an alert (一拉就响) is raised.
  alertVulnerable: z.object({
    categories: z.array(categorySchema).min(1),
    includeKeyHouseholds: z.boolean(),
  }),
  // RULES §9, §16 (local): a person flagged by a verification campaign is re-checked at home within this many days.
  recheckTaskDays: days,
  // RULES §34: the published holiday arrangements of years the calendar package does not carry, entered by the admin.
  holidayArrangements: holidayArrangementsSchema,
});
export type TownSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: TownSettings = Object.freeze({
  dibaoStandardMonthly: 800, // RULES §19, §22 — local
  selfReportAckHours: 24, // RULES §27 — local
  discoveryAckHours: 24, // RULES §27 — local
  emergencyHelpHours: 48, // RULES §19 — local
  emergencyPaperworkWorkingDays: 5, // RULES §19 — local
  temporaryAssistanceDecisionWorkingDays: 10, // RULES §19 — local
  townApprovalCapMultiple: 4, // RULES §19 — local
  dibaoRoundingYuan: 1, // RULES §33 — local
  dibaoMinimumYuan: 10, // RULES §33 — local
  tekunSupportStandardMonthly: 1040, // RULES §33 — local (1.3 × the 低保 standard is the common floor)
  approvedAmountCeilingYuan: 20_000, // RULES §33 — local
  edgeIncomeMultiple: 1.5, // RULES §22
  averageDisposableIncomeMonthly: null, // RULES §18, §23 — local, published yearly
  referralFollowUpWorkingDays: 10, // RULES §20 — local
  visitIntervalDays: Object.freeze({ high: 7, priority: 30, general: 90 }), // RULES §25 — local
  majorChangeVisitHours: 24, // RULES §25 — local
  townDelegatedConfirmation: false, // RULES §8
  subscriptionMode: 'one-time', // RULES §30
  alertVulnerable: Object.freeze({
    // RULES §24 — local: 独居/空巢老人, 特困, 困境/留守儿童, 生活困难残疾人, and key households
    categories: Object.freeze([
      'aloneElderly',
      'emptyNestElderly',
      'tekun',
      'childInDifficulty',
      'leftBehindChild',
      'disabledInHardship',
    ]) as unknown as Category[],
    includeKeyHouseholds: true,
  }),
  recheckTaskDays: 30, // RULES §9, §16 — local
  holidayArrangements: Object.freeze([]) as unknown as TownSettings['holidayArrangements'], // RULES §34 — entered yearly
}) as TownSettings;

export interface MergedSettings {
  settings: TownSettings;
  /** Dotted paths of stored values that were present but invalid and replaced by the default. */
  rejected: string[];
}

function mergeObject(shape: z.ZodRawShape, defaults: Record<string, unknown>, stored: unknown, path: string, rejected: string[]) {
  const source = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  if (stored !== undefined && stored !== null && source !== stored) rejected.push(path || '(root)');
  const out: Record<string, unknown> = {};
  for (const [key, fieldSchema] of Object.entries(shape)) {
    const here = path ? `${path}.${key}` : key;
    const value = source[key];
    if (fieldSchema instanceof z.ZodObject) {
      out[key] = mergeObject(fieldSchema.shape, defaults[key] as Record<string, unknown>, value, here, rejected);
      continue;
    }
    if (value === undefined) {
      out[key] = structuredCloneLite(defaults[key]);
      continue;
    }
    const parsed = fieldSchema.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else {
      rejected.push(here);
      out[key] = structuredCloneLite(defaults[key]);
    }
  }
  return out;
}

function structuredCloneLite<T>(v: T): T {
  return Array.isArray(v) ? (v.slice() as T) : v;
}

/** Stored overrides merged over the defaults, field by field (nested objects too), with the rejected paths. */
export function mergeSettingsReport(stored: unknown): MergedSettings {
  const rejected: string[] = [];
  const merged = mergeObject(settingsSchema.shape, DEFAULT_SETTINGS as unknown as Record<string, unknown>, stored, '', rejected);
  return { settings: settingsSchema.parse(merged), rejected };
}

/** Stored overrides merged over the defaults; anything missing or invalid takes its default. */
export function mergeSettings(stored: unknown): TownSettings {
  return mergeSettingsReport(stored).settings;
}

// RULES §8: whole 低保 procedure 30 wd from acceptance (20 wd where confirmation is delegated to the town).
export function dibaoProcedureWorkingDays(settings: Pick<TownSettings, 'townDelegatedConfirmation'>): number {
  return settings.townDelegatedConfirmation ? 20 : 30;
}

// RULES §8: extendable to 45 wd (objections, 人户分离, cross-region, hard investigations).
export const DIBAO_PROCEDURE_EXTENDED_WORKING_DAYS = 45;

// RULES §19: above this amount (yuan) temporary assistance goes to the county (一事一议).
export function townApprovalCapYuan(settings: Pick<TownSettings, 'dibaoStandardMonthly' | 'townApprovalCapMultiple'>): number {
  return settings.dibaoStandardMonthly * settings.townApprovalCapMultiple;
}

// RULES §22: monthly per-capita income below which a non-低保 family is 低保边缘.
export function edgeIncomeLineMonthly(settings: Pick<TownSettings, 'dibaoStandardMonthly' | 'edgeIncomeMultiple'>): number {
  return settings.dibaoStandardMonthly * settings.edgeIncomeMultiple;
}
