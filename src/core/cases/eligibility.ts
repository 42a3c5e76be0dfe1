// The resident's one-minute self-check: which kinds of help are likely, each with its reason. An estimate only —
// eligibility is decided by the town (and county) after investigation.
import { z } from 'zod';
import { err, ok, type Result } from '../errors';
import { disabilityGradeSchema } from '../records';
import { edgeIncomeLineMonthly, type TownSettings } from '../settings';
import { formatYuan } from '../text';
import { CASE_KIND_LABELS, type ApplicationKind } from './case-record';

export const DISABILITY_TYPES = ['intellectual', 'mental', 'physical', 'visual', 'hearing', 'speech', 'multiple'] as const;
export type DisabilityType = (typeof DISABILITY_TYPES)[number];

/** As the disability certificate (残疾人证) writes them. */
export const DISABILITY_LABELS: Readonly<Record<DisabilityType, string>> = {
  intellectual: '智力残疾',
  mental: '精神残疾',
  physical: '肢体残疾',
  visual: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  multiple: '多重残疾',
};

export const eligibilityMemberSchema = z.object({
  age: z.number().int().min(0).max(130),
  disability: z.object({ type: z.enum(DISABILITY_TYPES), grade: disabilityGradeSchema }).optional(),
  seriousIllness: z.boolean().default(false),
  /** Has a legal supporter (赡养/抚养/扶养义务人) who is able to support them. */
  hasAbleLegalSupporter: z.boolean().default(false),
});

export const eligibilityInputSchema = z
  .object({
    householdSize: z.number().int().min(1).max(30),
    /** The household's total income per month, in yuan. */
    monthlyIncomeYuan: z.number().min(0).max(10_000_000),
    /** Savings, vehicles, property etc. above the local limits. */
    assetsOverLimit: z.boolean(),
    members: z.array(eligibilityMemberSchema).max(30).default([]),
    /** In the last 12 months, essential spending (medical, schooling, rehabilitation, basic living) the family could not bear. */
    largeEssentialSpending: z.boolean().default(false),
    /** A sudden accident, serious illness or disaster right now. */
    suddenEmergency: z.boolean().default(false),
  })
  .refine((v) => v.members.length <= v.householdSize, { message: '填写的家庭成员多于家庭人口', path: ['members'] });
export type EligibilityInput = z.input<typeof eligibilityInputSchema>;
type Member = z.infer<typeof eligibilityMemberSchema>;

export const LIKELY_KINDS = ['dibao', 'dibaoEdge', 'tekun', 'temporaryEmergency', 'temporaryExpense', 'rigidSpending'] as const;
export type LikelyKind = (typeof LIKELY_KINDS)[number];

export const LIKELY_KIND_LABELS: Record<LikelyKind, string> = {
  dibao: CASE_KIND_LABELS.dibao,
  dibaoEdge: '低保边缘家庭',
  tekun: CASE_KIND_LABELS.tekun,
  temporaryEmergency: CASE_KIND_LABELS.temporaryEmergency,
  temporaryExpense: CASE_KIND_LABELS.temporaryExpense,
  rigidSpending: '刚性支出困难家庭',
};

export interface LikelyHelp {
  kind: LikelyKind;
  label: string;
  reason: string;
  /** The application it leads to; monitoring categories (边缘, 刚性支出) are registered with the gridworker instead. */
  applyAs?: ApplicationKind;
}

export interface EligibilityReport {
  perCapitaMonthlyIncomeYuan: number;
  likely: LikelyHelp[];
  disclaimer: string;
}

export const ELIGIBILITY_DISCLAIMER =
  '这只是根据您填写的情况做的初步估算，不是审核结果。能否享受救助，以镇民政办入户调查、家庭经济状况核对和审核确认的结果为准。';

// RULES §11: no work ability — aged 60 or over, under 16, or disabled at these grades or worse.
export const TEKUN_MIN_ELDERLY_AGE = 60;
export const TEKUN_MAX_CHILD_AGE_EXCLUSIVE = 16;
export const TEKUN_DISABILITY_GRADE_LIMITS: Readonly<Partial<Record<DisabilityType, number>>> = {
  intellectual: 3,
  mental: 3,
  physical: 2,
  visual: 1,
};

export function lacksWorkAbility(m: Pick<Member, 'age' | 'disability'>): boolean {
  if (m.age >= TEKUN_MIN_ELDERLY_AGE || m.age < TEKUN_MAX_CHILD_AGE_EXCLUSIVE) return true;
  const limit = m.disability ? TEKUN_DISABILITY_GRADE_LIMITS[m.disability.type] : undefined;
  return limit !== undefined && m.disability!.grade <= limit;
}

export function checkEligibility(input: EligibilityInput, settings: TownSettings): Result<EligibilityReport> {
  const parsed = eligibilityInputSchema.safeParse(input);
  if (!parsed.success) return err('INPUT.INVALID', parsed.error.issues[0]?.message, parsed.error.flatten());
  const v = parsed.data;
  const perCapita = v.monthlyIncomeYuan / v.householdSize;
  const standard = settings.dibaoStandardMonthly;
  const likely: LikelyHelp[] = [];
  const add = (kind: LikelyKind, reason: string, applyAs?: ApplicationKind) =>
    likely.push(applyAs ? { kind, label: LIKELY_KIND_LABELS[kind], reason, applyAs } : { kind, label: LIKELY_KIND_LABELS[kind], reason });
  const assetsOk = !v.assetsOverLimit;

  // RULES §11: all three — no work ability, no income source (estimated: income below the 低保 standard, assets
  // within limits), no legal supporter able to support.
  const tekunMember = v.members.findIndex((m) => lacksWorkAbility(m) && !m.hasAbleLegalSupporter);
  const tekun = tekunMember >= 0 && assetsOk && perCapita < standard;
  if (tekun) {
    const m = v.members[tekunMember]!;
    add('tekun', `第${tekunMember + 1}位家庭成员（${m.age}岁）没有劳动能力，也没有能履行义务的赡养、抚养、扶养人，家庭收入低于本镇低保标准${formatYuan(standard)}`, 'tekun');
  }

  // RULES §1, §22: per-capita income below the local 低保 standard, assets within the local rules.
  const dibao = assetsOk && perCapita < standard;
  if (dibao) add('dibao', `家庭人均月收入约${formatYuan(perCapita)}，低于本镇低保标准${formatYuan(standard)}，家庭财产没有超过规定`, 'dibao');

  // RULES §22: not 低保, per-capita income below 1.5 × the standard (setting), assets within the local rules.
  const edgeLine = edgeIncomeLineMonthly(settings);
  const edge = !dibao && assetsOk && perCapita < edgeLine;
  if (edge) add('dibaoEdge', `家庭人均月收入约${formatYuan(perCapita)}，高于低保标准但低于低保边缘线${formatYuan(edgeLine)}，可登记为低保边缘家庭，享受相应帮扶`);

  // RULES §17: a sudden accident or serious illness — help first, wherever it happens.
  if (v.suddenEmergency) add('temporaryEmergency', '家里遇到突发意外或急病，基本生活一时难以为继，可以申请急难型临时救助，先救助后补手续', 'temporaryEmergency');

  // RULES §18, §23: income below last year's local average (when the town has entered it).
  const average = settings.averageDisposableIncomeMonthly;
  const belowAverage = average === null || perCapita < average;
  const averageNote = average === null ? '（是否低于当地上年人均可支配收入，由镇民政办核实）' : `，低于当地上年人均可支配收入${formatYuan(average)}`;
  const illness = v.members.some((m) => m.seriousIllness) ? '家中有重病成员，' : '';

  // RULES §18: essential spending beyond what the family can bear.
  if (v.largeEssentialSpending && belowAverage) {
    add('temporaryExpense', `${illness}近一年的刚性支出超出家庭承受能力，家庭人均月收入约${formatYuan(perCapita)}${averageNote}`, 'temporaryExpense');
  }
  // RULES §23: not 低保 / 特困 / 边缘; essential spending in the last 12 months; recognised for up to 12 months.
  if (v.largeEssentialSpending && belowAverage && !dibao && !tekun && !edge) {
    add('rigidSpending', `${illness}近12个月刚性支出较大${averageNote}，可以申请认定为刚性支出困难家庭（认定有效期最长12个月）`);
  }

  return ok({ perCapitaMonthlyIncomeYuan: Math.round(perCapita * 100) / 100, likely, disclaimer: ELIGIBILITY_DISCLAIMER });
}
