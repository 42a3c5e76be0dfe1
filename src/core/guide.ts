// 政策指南: one page per kind of help in plain Chinese — who may get it, what to bring, how long it takes by law,
// where to ask. The town's office edits the text; until it does, these defaults (written from docs/rules.md with the
// core's own limits and the town's settings) are shown. Staff see the same page plus the materials checklist and
// the statutory steps of the workflow.
import { z } from 'zod';
import {
  checklistFor,
  clockLimit,
  consentsRequiredFor,
  CASE_EVENT_LABELS,
  CASE_STATE_LABELS,
  CLOCK_STEP_LABELS,
  CONSENT_LABELS,
  WORKFLOWS,
  DIBAO_COUNTY_DECISION_WORKING_DAYS,
  DIBAO_INVESTIGATION_START_WORKING_DAYS,
  PUBLIC_NOTICE_DAYS,
  TEKUN_COUNTY_REVIEW_WORKING_DAYS,
  TEKUN_INVESTIGATION_WORKING_DAYS,
  DENIAL_WRITTEN_NOTICE_WORKING_DAYS,
  TEKUN_MIN_ELDERLY_AGE,
  TEKUN_MAX_CHILD_AGE_EXCLUSIVE,
  type ApplicationKind,
  type CaseEventType,
  type CaseKind,
  type CaseState,
  type LikelyKind,
  type MaterialItem,
} from './cases';
import { DIBAO_PROCEDURE_EXTENDED_WORKING_DAYS, dibaoProcedureWorkingDays, edgeIncomeLineMonthly, townApprovalCapYuan, type TownSettings } from './settings';
import { formatYuan } from './text';

export const GUIDE_TOPICS = ['dibao', 'dibaoEdge', 'tekun', 'temporaryEmergency', 'temporaryExpense', 'referrals', 'disability'] as const;
export type GuideTopic = (typeof GUIDE_TOPICS)[number];

export const GUIDE_TOPIC_LABELS: Record<GuideTopic, string> = {
  dibao: '最低生活保障（低保）',
  dibaoEdge: '低保边缘家庭',
  tekun: '特困人员救助供养',
  temporaryEmergency: '临时救助（急难型）',
  temporaryExpense: '临时救助（支出型）',
  referrals: '医疗、教育、住房、就业、司法救助',
  disability: '残疾人两项补贴',
};

export const GUIDE_SECTIONS = ['who', 'bring', 'time', 'where'] as const;
export type GuideSection = (typeof GUIDE_SECTIONS)[number];
export const GUIDE_SECTION_LABELS: Record<GuideSection, string> = {
  who: '谁可以申请',
  bring: '要准备什么',
  time: '多长时间办好',
  where: '到哪里问',
};

/** The longest text of one section (characters): a page a resident reads on a phone, in large text too. */
export const GUIDE_SECTION_MAX = 600;

export const guideTextSchema = z
  .object({
    who: z.string().trim().min(1, '请填写这一段').max(GUIDE_SECTION_MAX),
    bring: z.string().trim().min(1, '请填写这一段').max(GUIDE_SECTION_MAX),
    time: z.string().trim().min(1, '请填写这一段').max(GUIDE_SECTION_MAX),
    where: z.string().trim().min(1, '请填写这一段').max(GUIDE_SECTION_MAX),
  })
  .strict();
export type GuideText = z.infer<typeof guideTextSchema>;

/** The button at the end of a page: apply for that kind, or ask for help (the town sorts out where it goes). */
export type GuideNextStep = { type: 'apply'; kind: ApplicationKind } | { type: 'ask' };

// RULES §1, §11, §17, §18: these four are applications; 边缘 (§22), the referral routes (§20) and the disability
// subsidies are not decided through an application here, so the resident asks for help and the town takes it on.
export const GUIDE_NEXT_STEP: Record<GuideTopic, GuideNextStep> = {
  dibao: { type: 'apply', kind: 'dibao' },
  dibaoEdge: { type: 'ask' },
  tekun: { type: 'apply', kind: 'tekun' },
  temporaryEmergency: { type: 'apply', kind: 'temporaryEmergency' },
  temporaryExpense: { type: 'apply', kind: 'temporaryExpense' },
  referrals: { type: 'ask' },
  disability: { type: 'ask' },
};

/** The guide page a self-check result leads to (刚性支出 families start from the 支出型 page, RULES §18, §23). */
export const GUIDE_TOPIC_OF_LIKELY: Record<LikelyKind, GuideTopic> = {
  dibao: 'dibao',
  dibaoEdge: 'dibaoEdge',
  tekun: 'tekun',
  temporaryEmergency: 'temporaryEmergency',
  temporaryExpense: 'temporaryExpense',
  rigidSpending: 'temporaryExpense',
};

/** The guide page of a case's kind (staff open it from the case page); none for a report not yet sorted. */
export function guideTopicOfCase(kind: CaseKind): GuideTopic | null {
  if (kind === 'unclassified') return null;
  return (GUIDE_TOPICS as readonly string[]).includes(kind) ? (kind as GuideTopic) : 'referrals';
}

/** What a resident brings for an application kind: the checklist's own items and consents (materials.ts). */
function bringList(kind: ApplicationKind): string {
  const items = checklistFor(kind, { disabled: true, seriousIllness: true, hasLegalSupporters: true });
  // RULES §2: what a government platform holds is never asked for; the town looks it up.
  const asked = items.filter((i) => !i.platformHeld).map((i) => i.label);
  const held = items.filter((i) => i.platformHeld).map((i) => i.label);
  const consents = consentsRequiredFor(kind).map((k) => CONSENT_LABELS[k]);
  const parts = [`需要准备：${asked.join('、')}（残疾、重病、赡养人等材料有这种情况才需要）。`, `需要签字：${consents.join('、')}。`];
  if (held.length > 0) parts.push(`${held.join('、')}等政府部门已有的信息，镇里自己查，不用您再交。`);
  parts.push('材料不齐的，镇里会一次性告诉您还缺什么。');
  return parts.join('');
}

const WHERE_TOWN = '可以找本村(社区)的网格员或村(居)委会，也可以直接到镇民政办；在小程序里也能申请或求助。';

/** The project's default text of each page (RULES §-cited), with this town's settings. */
export function defaultGuide(settings: TownSettings): Record<GuideTopic, GuideText> {
  const standard = formatYuan(settings.dibaoStandardMonthly);
  const procedure = dibaoProcedureWorkingDays(settings);
  return {
    // RULES §1–10
    dibao: {
      who: `共同生活的家庭成员人均月收入低于本镇低保标准（每人每月${standard}），家庭财产符合规定的，可以申请。由一名家庭成员向户籍所在镇提出；自己申请有困难的，可以委托村(居)委会或他人代办。`,
      bring: bringList('dibao'),
      time: `受理后${DIBAO_INVESTIGATION_START_WORKING_DAYS}个工作日内开始入户调查；初审意见在村里公示${PUBLIC_NOTICE_DAYS}天；县级民政部门收到材料后${DIBAO_COUNTY_DECISION_WORKING_DAYS}个工作日内作出决定。全程一般不超过${procedure}个工作日，情况复杂的最长${DIBAO_PROCEDURE_EXTENDED_WORKING_DAYS}个工作日。批准的从决定的次月起发放；不批准的，${DENIAL_WRITTEN_NOTICE_WORKING_DAYS}个工作日内书面告知理由。`,
      where: WHERE_TOWN,
    },
    // RULES §22
    dibaoEdge: {
      who: `不在低保范围内，家庭人均月收入低于低保边缘线（每人每月${formatYuan(edgeIncomeLineMonthly(settings))}，即低保标准的${settings.edgeIncomeMultiple}倍），家庭财产符合规定的，可以认定为低保边缘家庭，按规定享受医疗、教育、住房等帮扶；家中有重病、重度残疾成员的，可以为这位成员单独申请低保。`,
      bring: '身份证、户口簿（镇里可以自己查的不用交）、家庭收入和财产情况说明，签字的家庭经济状况核对授权书。',
      time: '由镇民政办调查核实后认定，认定后纳入低收入人口动态监测，定期核查。',
      where: WHERE_TOWN,
    },
    // RULES §11–16
    tekun: {
      who: `同时符合三条的：没有劳动能力（${TEKUN_MIN_ELDERLY_AGE}岁以上、未满${TEKUN_MAX_CHILD_AGE_EXCLUSIVE}岁，或重度残疾）；没有生活来源；没有法定赡养、抚养、扶养义务人，或者义务人没有能力履行。本人申请有困难的，村(居)委会和镇里会主动帮助申请。`,
      bring: bringList('tekun'),
      time: `受理后${TEKUN_INVESTIGATION_WORKING_DAYS}个工作日内完成调查；在村里公示${PUBLIC_NOTICE_DAYS}天；县级民政部门${TEKUN_COUNTY_REVIEW_WORKING_DAYS}个工作日内审核确认。批准的从次月起供养；不批准的，${DENIAL_WRITTEN_NOTICE_WORKING_DAYS}个工作日内书面告知理由。未成年人的申请不公示。`,
      where: WHERE_TOWN,
    },
    // RULES §17, §19
    temporaryEmergency: {
      who: '遇到意外事故、突发重病、火灾等，基本生活一时难以为继的，可以申请。先救助、后补手续；在哪里遇到困难就在哪里求助，不受户籍限制。',
      bring: bringList('temporaryEmergency'),
      time: `本镇规定：${settings.emergencyHelpHours}小时内先行救助，${settings.emergencyPaperworkWorkingDays}个工作日内补齐手续。`,
      where: `${WHERE_TOWN}情况紧急的，请马上联系网格员或镇民政办。`,
    },
    // RULES §18–19
    temporaryExpense: {
      who: '看病、上学、康复等必需的开支突然超出家庭承受能力，家庭人均收入低于当地上年人均可支配收入的，可以申请。近12个月刚性支出较大的家庭，也可以申请认定为刚性支出困难家庭（有效期最长12个月）。',
      bring: bringList('temporaryExpense'),
      time: `本镇规定：${settings.temporaryAssistanceDecisionWorkingDays}个工作日内作出决定；镇里可以直接批准的金额最高${formatYuan(townApprovalCapYuan(settings))}，超过的报县级民政部门一事一议。`,
      where: WHERE_TOWN,
    },
    // RULES §20
    referrals: {
      who: '看病负担重的，找县医保局（医疗救助）；孩子上学困难的，找学校（教育资助）；住房困难的，找住房部门（住房救助，民政核对收入）；找工作难的，找公共就业服务机构（就业救助）；打官司、遭受侵害生活困难的，找办案机关（司法救助）。',
      bring: '身份证、户口簿，以及和困难有关的票据、证明。具体以受理部门的要求为准，镇民政办会告诉您。',
      time: '由受理部门按各自规定办理；司法救助由办案机关在10个工作日内作出决定。镇民政办负责转介并跟踪结果，结果出来会告诉您。',
      where: `${WHERE_TOWN}镇民政办会帮您转给负责的部门。`,
    },
    // Not in RULES.md: the national 残疾人两项补贴 (困难残疾人生活补贴, 重度残疾人护理补贴); the county 残联 and 民政 decide.
    disability: {
      who: '困难残疾人生活补贴：低保家庭等困难家庭中的残疾人。重度残疾人护理补贴：残疾等级为一级、二级并需要长期照护的残疾人。具体条件以本县规定为准。',
      bring: '第二代残疾人证（镇里可以自己查的不用交）、身份证、户口簿。',
      time: '由县残联和民政部门按本县规定审核，审核通过后按月发放。',
      where: `${WHERE_TOWN}也可以到县残疾人联合会咨询。`,
    },
  };
}

/** The page shown: the town's own text where it wrote one, the default otherwise. */
export function guideFor(topic: GuideTopic, stored: GuideText | undefined, settings: TownSettings): GuideText {
  return stored ?? defaultGuide(settings)[topic];
}

/** The materials checklist of an application kind, every "where relevant" item included (for staff). */
export function guideChecklist(kind: ApplicationKind): { items: MaterialItem[]; consents: string[] } {
  return { items: checklistFor(kind, { disabled: true, seriousIllness: true, hasLegalSupporters: true }), consents: consentsRequiredFor(kind).map((k) => CONSENT_LABELS[k]) };
}

export interface StatutoryStep {
  state: CaseState;
  label: string;
  /** Each step out of the state: what is done, where it leads, and the time limit it starts. */
  steps: { event: CaseEventType; label: string; to: string; limits: string[] }[];
}

function limitText(step: Parameters<typeof clockLimit>[0], kind: ApplicationKind, settings: TownSettings): string {
  const limit = clockLimit(step, { kind, source: 'direct', extension: undefined }, settings);
  return `${CLOCK_STEP_LABELS[step]}：${limit.amount}${limit.unit === 'hours' ? '小时' : '个工作日'}`;
}

/** The statutory steps of a kind, read from its workflow table (graph.ts) with the limits under the town's settings. */
export function statutorySteps(kind: ApplicationKind, settings: TownSettings): StatutoryStep[] {
  return Object.entries(WORKFLOWS[kind]).map(([state, events]) => ({
    state: state as CaseState,
    label: CASE_STATE_LABELS[state as CaseState],
    steps: Object.entries(events ?? {}).map(([event, edge]) => ({
      event: event as CaseEventType,
      label: CASE_EVENT_LABELS[event as CaseEventType],
      to: [...new Set(edge!.to.map((t) => (t.when ? `${CASE_STATE_LABELS[t.state]}（${t.when}）` : CASE_STATE_LABELS[t.state])))].join('或'),
      limits: [...new Set(edge!.to.flatMap((t) => t.clocks ?? []))].map((c) => limitText(c, kind, settings)),
    })),
  }));
}
