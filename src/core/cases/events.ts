// The events of the case workflows: one zod schema each (handlers validate input with `caseEventSchema`), a
// Chinese label for the timeline, and the roles that may send it. Which state allows which event is in graph.ts.
import { z } from 'zod';
import { fileIdSchema, FILES_PER_ITEM_MAX } from '../ids';
import type { Role } from '../roles';
import {
  amountYuanSchema,
  DATA_CHECK_RESULTS,
  dateSchema,
  EXTENSION_REASONS,
  INVESTIGATING_BODIES,
  investigatorSchema,
  NEAR_RELATIVE_OF,
  OBJECTION_HANDLINGS,
  OPINIONS,
  REFERRAL_RESULTS,
  SPOT_CHECK_RESULTS,
  TERMINATION_OBJECTION_OUTCOMES,
  TERMINATION_TRANSFERS,
  textSchema,
  TRIAGE_KINDS,
} from './case-record';
import { CONSENT_KEYS, MATERIAL_KEYS } from './materials';
import { selfCareAnswersSchema } from './self-care';

// RULES §5: two or more investigators, none named twice.
const investigatorsSchema = z
  .array(investigatorSchema)
  .min(2, '入户调查需要至少两名调查人员')
  .max(10)
  .superRefine((list, ctx) => {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const same = a.userId && b.userId ? a.userId === b.userId : a.name === b.name;
        if (same) ctx.addIssue({ code: z.ZodIssueCode.custom, message: '调查人员不能是同一个人', path: [j] });
      }
    }
  });

// RULES §7, §14: approve with an amount; deny only with reasons.
export const decisionInputSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('approve'),
    amountYuan: amountYuanSchema.positive('批准金额应大于0'),
    // RULES §33: why more than the computed amount (分档 / 特殊情况).
    amountReason: textSchema.optional(),
  }),
  z.object({ outcome: z.literal('deny'), reasons: z.array(textSchema).min(1, '不予批准必须写明理由').max(20) }),
]);
export type DecisionInput = z.infer<typeof decisionInputSchema>;

const note = textSchema.optional();

export const triageEventSchema = z.object({ type: z.literal('triage'), kind: z.enum(TRIAGE_KINDS), note });
export const closeWithAnswerEventSchema = z.object({ type: z.literal('closeWithAnswer'), answer: textSchema });
export const confirmByResidentEventSchema = z.object({
  type: z.literal('confirmByResident'),
  /** Consents the resident gives online while confirming (truth pledge, data-check authorisation, sensitive info). */
  consents: z.array(z.enum(CONSENT_KEYS)).max(CONSENT_KEYS.length).optional(),
});
export const refuseByResidentEventSchema = z.object({ type: z.literal('refuseByResident'), reason: textSchema });
export const recordPaperConfirmationEventSchema = z.object({ type: z.literal('recordPaperConfirmation'), photoFileId: fileIdSchema });
export const acceptEventSchema = z.object({ type: z.literal('accept'), note });
export const requestMissingMaterialsEventSchema = z.object({
  type: z.literal('requestMissingMaterials'),
  /** Checklist items the officer found insufficient (unreadable, wrong document): they count as missing again. */
  insufficient: z.array(z.enum(MATERIAL_KEYS)).max(MATERIAL_KEYS.length).optional(),
  note,
});
export const materialsSuppliedEventSchema = z.object({
  type: z.literal('materialsSupplied'),
  items: z.array(z.object({ key: z.enum(MATERIAL_KEYS), fileIds: z.array(fileIdSchema).min(1).max(FILES_PER_ITEM_MAX) })).max(MATERIAL_KEYS.length).optional(),
  /** A consent with photos was signed on paper; without, it is given online (the resident only). */
  consents: z.array(z.object({ key: z.enum(CONSENT_KEYS), fileIds: z.array(fileIdSchema).max(FILES_PER_ITEM_MAX).optional() })).max(CONSENT_KEYS.length).optional(),
});
export const flagNearRelativeEventSchema = z.object({
  type: z.literal('flagNearRelative'),
  relativeOf: z.enum(NEAR_RELATIVE_OF),
  relation: textSchema,
  note,
});
export const startInvestigationEventSchema = z.object({
  type: z.literal('startInvestigation'),
  conductedBy: z.enum(INVESTIGATING_BODIES),
  investigators: investigatorsSchema,
  formPhotoFileId: fileIdSchema,
  visitedOn: dateSchema.optional(),
});
export const requestDataCheckEventSchema = z.object({ type: z.literal('requestDataCheck'), note });
export const recordDataCheckEventSchema = z.object({
  type: z.literal('recordDataCheck'),
  result: z.enum(DATA_CHECK_RESULTS),
  /** 核对报告编号 on the county's report (RULES §5); 逢进必核 needs it before an approval. */
  reference: z.string().trim().min(1, '请填写核对报告编号').max(40),
  /** The report's date; the day it is recorded when left out. */
  reportedOn: dateSchema.optional(),
  /** The day the county started the check, when earlier than today: its 3-wd clock (RULES §5) is judged by it. */
  startedOn: dateSchema.optional(),
  note,
  fileIds: z.array(fileIdSchema).max(FILES_PER_ITEM_MAX).optional(),
});
export const assessSelfCareEventSchema = z.object({
  type: z.literal('assessSelfCare'),
  answers: selfCareAnswersSchema,
  /** The day of the assessment, when earlier than today: a re-assessment's 10-wd clock (RULES §15) is judged by it. */
  assessedOn: dateSchema.optional(),
});
export const firstReviewEventSchema = z.object({
  type: z.literal('firstReview'),
  opinion: z.enum(OPINIONS),
  note: textSchema,
  proposedAmountYuan: amountYuanSchema.positive().optional(),
  // RULES §33: what the investigation found, for the computed 低保 amount (差额发放).
  perCapitaIncomeYuan: amountYuanSchema.optional(),
  coveredPersons: z.number().int().positive().max(50).optional(),
});
export const startPublicNoticeEventSchema = z.object({ type: z.literal('startPublicNotice') });
export const recordObjectionEventSchema = z.object({
  type: z.literal('recordObjection'),
  text: textSchema,
  handling: z.enum(OBJECTION_HANDLINGS),
});
export const recordDemocraticReviewEventSchema = z.object({
  type: z.literal('recordDemocraticReview'),
  summary: textSchema,
  photoFileIds: z.array(fileIdSchema).max(FILES_PER_ITEM_MAX).optional(),
});
export const endPublicNoticeEventSchema = z.object({ type: z.literal('endPublicNotice') });
export const skipPublicNoticeEventSchema = z.object({ type: z.literal('skipPublicNotice') });
export const decideEventSchema = z.object({ type: z.literal('decide'), decision: decisionInputSchema });
export const recordCountyDecisionEventSchema = z.object({
  type: z.literal('recordCountyDecision'),
  decision: decisionInputSchema,
  /** The county's decision date when earlier than today: the benefit month and the written-notice clock count from it. */
  decidedOn: dateSchema.optional(),
  documentFileId: fileIdSchema.optional(),
});
export const recordSpotCheckEventSchema = z.object({
  type: z.literal('recordSpotCheck'),
  /** The county staff member who checked the file. */
  checkedBy: z.string().trim().min(1, '请填写抽查人').max(50),
  result: z.enum(SPOT_CHECK_RESULTS),
  note,
  checkedOn: dateSchema.optional(),
});
export const recordWrittenNoticeEventSchema = z.object({
  type: z.literal('recordWrittenNotice'),
  deliveredOn: dateSchema.optional(),
  fileId: fileIdSchema.optional(),
});
export const extendEventSchema = z.object({ type: z.literal('extend'), reason: z.enum(EXTENSION_REASONS), note: textSchema });
export const recordEmergencyHelpEventSchema = z.object({
  type: z.literal('recordEmergencyHelp'),
  what: textSchema,
  amountYuan: amountYuanSchema,
  /** When the help was given (epoch ms), if earlier than now. */
  givenAt: z.number().int().nonnegative().optional(),
});
export const completePaperworkEventSchema = z.object({
  type: z.literal('completePaperwork'),
  reason: textSchema,
  signOffs: z.array(textSchema).min(1, '需要经办人和审批人签字').max(10),
  // RULES §19: help above the town's approval cap needs the county's approval (一事一议).
  countyApprovalFileId: fileIdSchema.optional(),
});
export const referEventSchema = z.object({ type: z.literal('refer'), to: textSchema.optional(), note });
export const recordReferralOutcomeEventSchema = z.object({
  type: z.literal('recordReferralOutcome'),
  result: z.enum(REFERRAL_RESULTS),
  note: textSchema,
});
export const closeExplanationEventSchema = z.object({
  type: z.literal('closeExplanation'),
  conversation: textSchema,
  talkedOn: dateSchema.optional(),
});
export const reportSelfCareChangeEventSchema = z.object({
  type: z.literal('reportSelfCareChange'),
  change: textSchema,
  /** The day the change was reported, when earlier than today: the 10-wd clock (RULES §15) counts from it. */
  reportedOn: dateSchema.optional(),
});
// RULES §9: a 渐退期 of up to 6 months where employment lifted a 低保 household's income over the line.
export const GRADUAL_EXIT_MONTHS_MAX = 6;
export const startTerminationEventSchema = z.object({
  type: z.literal('startTermination'),
  reason: textSchema,
  gradualExitMonths: z.number().int().min(1).max(GRADUAL_EXIT_MONTHS_MAX).optional(),
});
export const objectToTerminationEventSchema = z.object({
  type: z.literal('objectToTermination'),
  text: textSchema,
  /** The day the objection was raised, when earlier than today: the 15-wd clock (RULES §16) counts from it. */
  raisedOn: dateSchema.optional(),
});
export const decideTerminationObjectionEventSchema = z.object({
  type: z.literal('decideTerminationObjection'),
  outcome: z.enum(TERMINATION_OBJECTION_OUTCOMES),
  note: textSchema,
  /** The day the objection was decided, when earlier than today: its clock is judged by it. */
  decidedOn: dateSchema.optional(),
});
export const terminateEventSchema = z.object({
  type: z.literal('terminate'),
  transfer: z.enum(TERMINATION_TRANSFERS),
  note,
});
export const withdrawEventSchema = z.object({ type: z.literal('withdraw'), reason: textSchema });
export const closeEventSchema = z.object({ type: z.literal('close'), reason: textSchema });
export const linkEventSchema = z.object({ type: z.literal('link'), caseId: z.string().min(1).max(64) });

export const caseEventSchema = z.discriminatedUnion('type', [
  triageEventSchema,
  closeWithAnswerEventSchema,
  confirmByResidentEventSchema,
  refuseByResidentEventSchema,
  recordPaperConfirmationEventSchema,
  acceptEventSchema,
  requestMissingMaterialsEventSchema,
  materialsSuppliedEventSchema,
  flagNearRelativeEventSchema,
  startInvestigationEventSchema,
  requestDataCheckEventSchema,
  recordDataCheckEventSchema,
  assessSelfCareEventSchema,
  firstReviewEventSchema,
  startPublicNoticeEventSchema,
  recordObjectionEventSchema,
  recordDemocraticReviewEventSchema,
  endPublicNoticeEventSchema,
  skipPublicNoticeEventSchema,
  decideEventSchema,
  recordCountyDecisionEventSchema,
  recordSpotCheckEventSchema,
  recordWrittenNoticeEventSchema,
  extendEventSchema,
  recordEmergencyHelpEventSchema,
  completePaperworkEventSchema,
  referEventSchema,
  recordReferralOutcomeEventSchema,
  closeExplanationEventSchema,
  reportSelfCareChangeEventSchema,
  startTerminationEventSchema,
  objectToTerminationEventSchema,
  decideTerminationObjectionEventSchema,
  terminateEventSchema,
  withdrawEventSchema,
  closeEventSchema,
  linkEventSchema,
]);
export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
export const CASE_EVENT_TYPES = caseEventSchema.options.map((o) => o.shape.type.value) as CaseEventType[];

export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  triage: '分办',
  closeWithAnswer: '答复并办结',
  confirmByResident: '居民确认代办申请',
  refuseByResident: '居民不同意代办申请',
  recordPaperConfirmation: '登记纸质确认',
  accept: '受理',
  requestMissingMaterials: '一次性告知补齐材料',
  materialsSupplied: '补交材料',
  flagNearRelative: '登记近亲属备案',
  startInvestigation: '入户调查',
  requestDataCheck: '申请经济状况核对',
  recordDataCheck: '登记核对结果',
  assessSelfCare: '生活自理能力评估',
  firstReview: '提出初审意见',
  startPublicNotice: '张榜公示',
  recordObjection: '登记公示异议',
  recordDemocraticReview: '登记民主评议',
  endPublicNotice: '公示结束',
  skipPublicNotice: '不公示',
  decide: '审批决定',
  recordCountyDecision: '登记县级决定',
  recordSpotCheck: '登记县级抽查',
  recordWrittenNotice: '登记书面告知',
  extend: '延长办理期限',
  recordEmergencyHelp: '先行救助',
  completePaperwork: '补齐手续',
  refer: '转介',
  recordReferralOutcome: '登记转介结果',
  closeExplanation: '完成解释说明',
  reportSelfCareChange: '登记自理能力变化',
  startTermination: '拟终止救助，开始告知',
  objectToTermination: '登记终止异议',
  decideTerminationObjection: '复核终止异议',
  terminate: '终止救助',
  withdraw: '撤回',
  close: '终止办理',
  link: '关联案件',
};

const OFFICER: readonly Role[] = ['officer'];
const WORKERS: readonly Role[] = ['gridworker', 'cadre'];
const VILLAGE_AND_TOWN: readonly Role[] = ['cadre', 'officer'];
const STAFF: readonly Role[] = ['gridworker', 'cadre', 'officer'];

/**
 * Who may send each event (the handler checks grid / village scope on top). A resident only confirms or refuses a
 * proxy application in their own name and answers missing materials; gridworkers and cadres file, record paper
 * confirmations and close explanation tasks; cadres also post notices and record objections and 民主评议; the town
 * office does every town step. The admin manages the system, not cases.
 */
export const EVENT_ROLES: Readonly<Record<CaseEventType, readonly Role[]>> = {
  triage: OFFICER,
  closeWithAnswer: OFFICER,
  confirmByResident: ['resident'],
  refuseByResident: ['resident'],
  recordPaperConfirmation: WORKERS,
  accept: OFFICER,
  requestMissingMaterials: OFFICER,
  materialsSupplied: ['resident', 'gridworker', 'cadre', 'officer'],
  flagNearRelative: OFFICER,
  startInvestigation: OFFICER,
  requestDataCheck: OFFICER,
  recordDataCheck: OFFICER,
  assessSelfCare: OFFICER,
  firstReview: OFFICER,
  startPublicNotice: VILLAGE_AND_TOWN,
  recordObjection: VILLAGE_AND_TOWN,
  recordDemocraticReview: VILLAGE_AND_TOWN,
  endPublicNotice: VILLAGE_AND_TOWN,
  skipPublicNotice: OFFICER,
  decide: OFFICER,
  recordCountyDecision: OFFICER,
  recordSpotCheck: OFFICER,
  recordWrittenNotice: OFFICER,
  extend: OFFICER,
  recordEmergencyHelp: ['gridworker', 'officer'], // RULES §17: on the gridworker's word, before confirmation
  completePaperwork: OFFICER,
  refer: OFFICER,
  recordReferralOutcome: OFFICER,
  closeExplanation: WORKERS,
  reportSelfCareChange: STAFF,
  startTermination: OFFICER,
  objectToTermination: VILLAGE_AND_TOWN,
  decideTerminationObjection: OFFICER,
  terminate: OFFICER,
  withdraw: STAFF,
  close: OFFICER,
  link: STAFF,
};
