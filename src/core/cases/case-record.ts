// The Case record: one request for help, from a source, of a kind, carrying its workflow state, clocks, materials,
// consents, the resident's confirmation when filed by proxy, the steps taken, the decision and a timeline.
// Parsed by `caseRecordSchema` wherever it is read from the schemaless store.
import { z } from 'zod';
import { isValidDate } from '../calendar';
import { mobilePhoneSchema } from '../contact';
import { recordMeta } from '../records';
import { ROLES } from '../roles';
import { charCount } from '../text';
import { CLOCK_STEPS, clockSchema } from './clock';
import { NOTIFY_MESSAGES, NOTIFY_RECIPIENTS, PENDING_EFFECTS_PER_ENTRY_MAX, PENDING_ENTRIES_MAX, type Effect } from './effects';
import { consentsSchema, materialItemSchema } from './materials';
import { selfCareAssessmentSchema } from './self-care';
import { CASE_STATES } from './states';

// ---------------------------------------------------------------------------------------------------------------
// Kinds and sources

export const APPLICATION_KINDS = ['dibao', 'tekun', 'temporaryEmergency', 'temporaryExpense'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

// RULES §20: medical, education, housing, employment and judicial help are referrals with a tracked outcome.
export const REFERRAL_KINDS = ['medical', 'education', 'housing', 'employment', 'judicial'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const CASE_KINDS = [...APPLICATION_KINDS, ...REFERRAL_KINDS, 'unclassified'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
/** Kinds a report can be triaged into. */
export const TRIAGE_KINDS = [...APPLICATION_KINDS, ...REFERRAL_KINDS] as const;
export type TriageKind = (typeof TRIAGE_KINDS)[number];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  temporaryEmergency: '临时救助（急难型）',
  temporaryExpense: '临时救助（支出型）',
  medical: '医疗救助（转介）',
  education: '教育救助（转介）',
  housing: '住房救助（转介）',
  employment: '就业救助（转介）',
  judicial: '司法救助（转介）',
  unclassified: '求助（待分办）',
};

// RULES §20: where each referral goes by default (the officer may name the exact office).
export const REFERRAL_TARGETS: Record<ReferralKind, string> = {
  medical: '县医疗保障局',
  education: '就读学校',
  housing: '县住房和城乡建设局',
  employment: '公共就业服务机构',
  judicial: '办理案件的司法机关',
};

export function isReferralKind(kind: CaseKind): kind is ReferralKind {
  return (REFERRAL_KINDS as readonly CaseKind[]).includes(kind);
}

export const CASE_SOURCES = ['selfReport', 'discovery', 'proxy', 'referralIn', 'direct'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  selfReport: '居民求助',
  discovery: '主动发现',
  proxy: '帮办代办',
  referralIn: '部门转来',
  direct: '居民申请',
};

export const HELP_CATEGORIES = ['living', 'medical', 'education', 'housing', 'employment', 'emergency', 'legal', 'other'] as const;
export type HelpCategory = (typeof HELP_CATEGORIES)[number];

export const HELP_CATEGORY_LABELS: Record<HelpCategory, string> = {
  living: '基本生活困难',
  medical: '看病就医',
  education: '子女上学',
  housing: '住房安全',
  employment: '就业',
  emergency: '突发意外',
  legal: '法律纠纷',
  other: '其他',
};

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Text limits

// docs/product.md (resident self-report) and issue 3: the text is at most 150 characters; 151 is refused.
export const SELF_REPORT_MAX_CHARS = 150;
// Issue 3: a self-report carries up to 9 photos (WeChat's chooseImage maximum too).
export const REPORT_MAX_PHOTOS = 9;
/** Input-size guard for free text (notes, reasons, opinions); not a statutory rule. */
export const TEXT_MAX_CHARS = 1000;

/** A self-report's description: 1–150 characters after trimming, with the count in the message. */
export const selfReportTextSchema = z
  .string()
  .max(SELF_REPORT_MAX_CHARS * 2) // a code point is at most two UTF-16 units: the count below decides, this bounds the work
  .trim()
  .min(1, '请写下遇到的困难')
  .refine(
    (s) => charCount(s) <= SELF_REPORT_MAX_CHARS,
    (s) => ({ message: `最多${SELF_REPORT_MAX_CHARS}个字，现在是${charCount(s)}个字` }),
  );

export const textSchema = z
  .string()
  .max(TEXT_MAX_CHARS * 2)
  .trim()
  .min(1, '请填写内容')
  .refine((s) => charCount(s) <= TEXT_MAX_CHARS, `最多${TEXT_MAX_CHARS}个字`);

export const dateSchema = z.string().max(10).refine(isValidDate, '日期格式应为 YYYY-MM-DD');
/** Yuan, to the fen. */
export const amountYuanSchema = z.number().nonnegative().max(10_000_000).multipleOf(0.01);

// ---------------------------------------------------------------------------------------------------------------
// Parts of a case

export const locationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  address: z.string().max(200).optional(),
});

export const applicantSchema = z.object({
  name: z.string().trim().min(1).max(50),
  personId: z.string().optional(),
  householdSize: z.number().int().positive().max(50).optional(),
  // RULES §29: a minor's case is never posted publicly (isPostable).
  minor: z.boolean(),
  /** Makes the disability certificate relevant (platform-held, RULES §2). */
  disabled: z.boolean().optional(),
  /** Makes an illness proof relevant. */
  seriousIllness: z.boolean().optional(),
  // RULES §12: 特困 legal supporters sign the data-check authorisation too.
  hasLegalSupporters: z.boolean().optional(),
});
export type Applicant = z.infer<typeof applicantSchema>;

/** What was reported (self-report, discovery, referral in). Limits are the input schemas'; a stored report only parses. */
export const reportSchema = z.object({
  description: z.string(),
  helpCategory: z.enum(HELP_CATEGORIES),
  urgency: z.enum(URGENCIES),
  photoFileIds: z.array(z.string()),
  location: locationSchema.optional(),
  contactPhone: mobilePhoneSchema.optional(),
});

const actorRefSchema = z.object({ userId: z.string(), role: z.enum(ROLES) });

const proxyConfirmationSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('confirmed'), at: z.number(), userId: z.string() }),
  z.object({ status: z.literal('refused'), at: z.number(), userId: z.string(), reason: z.string() }),
  z.object({ status: z.literal('paperConfirmed'), at: z.number(), byUserId: z.string(), photoFileId: z.string() }),
]);

export const PROXY_CONFIRMATION_LABELS = {
  pending: '待居民确认',
  confirmed: '居民已在线确认',
  refused: '居民不同意',
  paperConfirmed: '已登记纸质确认',
} as const satisfies Record<z.infer<typeof proxyConfirmationSchema>['status'], string>;

// RULES §1, PRODUCT flow 2: a proxy application carries the signed authorisation (委托) and the resident's answer.
export const proxySchema = z.object({
  authorisationPhotoFileId: z.string(),
  confirmation: proxyConfirmationSchema,
});

// RULES §2: one notice listing everything missing.
export const missingMaterialsNoticeSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  items: z.array(z.object({ key: z.string(), label: z.string(), type: z.enum(['document', 'consent']) })),
  note: z.string().optional(),
  suppliedAt: z.number().optional(),
});

export const NEAR_RELATIVE_OF = ['assistanceWorker', 'committeeMember'] as const;
export const NEAR_RELATIVE_OF_LABELS: Record<(typeof NEAR_RELATIVE_OF)[number], string> = {
  assistanceWorker: '社会救助经办人员',
  committeeMember: '村(居)委会成员',
};

// RULES §4: a near relative of a 低保 worker or committee member is registered separately and the home investigation
// is the county's. The presence of this record means the county must investigate.
export const nearRelativeSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  relativeOf: z.enum(NEAR_RELATIVE_OF),
  relation: z.string(),
  note: z.string().optional(),
});

export const investigatorSchema = z.object({ name: z.string().trim().min(1).max(50), userId: z.string().max(64).optional() });

// RULES §4: the town investigates, or the county (a near relative's case).
export const INVESTIGATING_BODIES = ['town', 'county'] as const;
export const INVESTIGATING_BODY_LABELS: Record<(typeof INVESTIGATING_BODIES)[number], string> = { town: '镇里', county: '县级' };

// RULES §5: home visit by two or more investigators, the form signed by them and the family (photo).
export const investigationSchema = z.object({
  round: z.number().int().positive(),
  at: z.number(),
  byUserId: z.string(),
  conductedBy: z.enum(INVESTIGATING_BODIES),
  investigators: z.array(investigatorSchema).min(2),
  formPhotoFileId: z.string(),
  visitedOn: z.string().optional(),
});

export const DATA_CHECK_RESULTS = ['consistent', 'discrepancy'] as const;
export const DATA_CHECK_LABELS: Record<(typeof DATA_CHECK_RESULTS)[number], string> = { consistent: '与申报一致', discrepancy: '与申报不一致' };

// RULES §5: the family economic data check (核对) is requested from the county.
export const dataCheckSchema = z.object({
  requestedAt: z.number(),
  requestedBy: z.string(),
  result: z.enum(DATA_CHECK_RESULTS).optional(),
  resultNote: z.string().optional(),
  resultFileIds: z.array(z.string()).optional(),
  recordedAt: z.number().optional(),
  /** The day the county started the check, when entered later (RULES §5: judged by it). */
  startedOn: z.string().optional(),
  /** The county's report number (核对报告编号) and the report's date: with the result, what 逢进必核 requires (RULES §3, §5). */
  reference: z.string().optional(),
  reportedOn: z.string().optional(),
});

export const OPINIONS = ['approve', 'deny'] as const;
export const OPINION_LABELS: Record<(typeof OPINIONS)[number], string> = { approve: '拟批准', deny: '拟不予批准' };

export const firstReviewSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  opinion: z.enum(OPINIONS),
  note: z.string(),
  /** Monthly benefit proposed (低保 / 特困): the amount the public notice shows (RULES §10). */
  proposedAmountYuan: z.number().optional(),
  /** RULES §33: the household's monthly per-capita income and the covered persons found by the investigation. */
  perCapitaIncomeYuan: z.number().optional(),
  coveredPersons: z.number().optional(),
});

export const OBJECTION_HANDLINGS = ['reinvestigate', 'democraticReview'] as const;
export const OBJECTION_HANDLING_LABELS: Record<(typeof OBJECTION_HANDLINGS)[number], string> = { reinvestigate: '重新调查核实', democraticReview: '组织民主评议' };

// RULES §6, §13: an objection during the notice → re-investigation or 民主评议, then a new notice.
export const objectionSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  text: z.string(),
  handling: z.enum(OBJECTION_HANDLINGS),
  democraticReview: z.object({ at: z.number(), byUserId: z.string(), summary: z.string(), photoFileIds: z.array(z.string()) }).optional(),
});

// RULES §6, §13: posted in the village for 7 days; `endsOn` is the posting day + 7, the first day it may be taken down.
export const publicNoticeSchema = z.object({
  round: z.number().int().positive(),
  startedAt: z.number(),
  byUserId: z.string(),
  startDate: z.string(),
  endsOn: z.string(),
  endedAt: z.number().optional(),
  objections: z.array(objectionSchema),
});

export const NOTICE_SKIP_REASONS = ['minor', 'negativeOpinion'] as const;

export const DECISION_OUTCOMES = ['approve', 'deny'] as const;
export const DECISION_OUTCOME_LABELS: Record<(typeof DECISION_OUTCOMES)[number], string> = { approve: '批准', deny: '不予批准' };
// RULES §7–8: the town decides where confirmation is delegated to it, otherwise the county.
export const DECIDING_BODIES = ['town', 'county'] as const;
export const DECIDING_BODY_LABELS: Record<(typeof DECIDING_BODIES)[number], string> = { town: '镇里', county: '县级民政部门' };

// RULES §7, §14: approve → amount, paid from the month after; deny → reasons, written notice within 3 wd.
export const decisionSchema = z.object({
  by: z.enum(DECIDING_BODIES),
  outcome: z.enum(DECISION_OUTCOMES),
  decidedOn: z.string(),
  recordedAt: z.number(),
  recordedBy: z.string(),
  /** Monthly for 低保 / 特困; one-off for 临时救助. */
  amountYuan: z.number().optional(),
  /** RULES §33: the amount the local rules suggested when approved, and the reason for approving more. */
  suggestedAmountYuan: z.number().optional(),
  amountReason: z.string().optional(),
  /** 'YYYY-MM', the month after the decision (低保 / 特困). */
  benefitStartMonth: z.string().optional(),
  reasons: z.array(z.string()).optional(),
  documentFileId: z.string().optional(),
  writtenNotice: z.object({ deliveredAt: z.number(), deliveredOn: z.string(), fileId: z.string().optional() }).optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

// RULES §8: the reasons a 低保 procedure may be extended to 45 wd.
export const EXTENSION_REASONS = ['objection', 'separatedHousehold', 'crossRegion', 'hardInvestigation'] as const;
export const EXTENSION_REASON_LABELS: Record<(typeof EXTENSION_REASONS)[number], string> = {
  objection: '公示期间有异议',
  separatedHousehold: '人户分离',
  crossRegion: '跨地区',
  hardInvestigation: '调查核实难度大',
};

export const extensionSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  reason: z.enum(EXTENSION_REASONS),
  note: z.string(),
});

// RULES §17, §19: 急难 — help first (what, how much, when), then the paperwork (who, why, sign-offs).
export const emergencySchema = z.object({
  help: z.object({ what: z.string(), amountYuan: z.number(), givenAt: z.number(), recordedAt: z.number(), byUserId: z.string() }),
  paperwork: z
    .object({
      completedAt: z.number(),
      byUserId: z.string(),
      reason: z.string(),
      signOffs: z.array(z.string()).min(1),
      countyApprovalFileId: z.string().optional(),
    })
    .optional(),
});

export const REFERRAL_RESULTS = ['helped', 'notEligible', 'noResponse', 'other'] as const;
export const REFERRAL_RESULT_LABELS: Record<(typeof REFERRAL_RESULTS)[number], string> = {
  helped: '已获得帮助',
  notEligible: '不符合条件',
  noResponse: '对方未答复',
  other: '其他',
};

// RULES §20
export const referralSchema = z.object({
  to: z.string(),
  /** The referral record the case was sent as (its answer closes the case). */
  referralId: z.string().optional(),
  at: z.number(),
  byUserId: z.string(),
  note: z.string().optional(),
  outcome: z.object({ result: z.enum(REFERRAL_RESULTS), note: z.string(), at: z.number(), byUserId: z.string() }).optional(),
});

/** 解释说明: after a denial the case's gridworker explains it to the family and records the conversation. */
export const explanationSchema = z.object({
  taskCreatedAt: z.number(),
  closedAt: z.number().optional(),
  closedBy: z.string().optional(),
  conversation: z.string().optional(),
  talkedOn: z.string().optional(),
});

export const CASE_OUTCOMES = ['approved', 'denied', 'helped', 'referred', 'answered', 'refusedByResident', 'withdrawn', 'closed', 'terminated'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  approved: '已批准',
  denied: '不予批准',
  helped: '已救助',
  referred: '已转介办结',
  answered: '已答复',
  refusedByResident: '居民不同意代办',
  withdrawn: '已撤回',
  closed: '已终止',
  terminated: '已终止救助',
};

export const closureSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  outcome: z.enum(CASE_OUTCOMES),
  note: z.string().optional(),
});

// RULES §14: the county's spot check of a 特困 file under its review: which file (this case), by whom, the result.
export const SPOT_CHECK_RESULTS = ['passed', 'issuesFound'] as const;
export const SPOT_CHECK_RESULT_LABELS: Record<(typeof SPOT_CHECK_RESULTS)[number], string> = { passed: '抽查无问题', issuesFound: '抽查发现问题' };
export const spotCheckSchema = z.object({
  checkedOn: z.string(),
  checkedBy: z.string(),
  result: z.enum(SPOT_CHECK_RESULTS),
  note: z.string().optional(),
  recordedAt: z.number(),
  recordedBy: z.string(),
});

// RULES §15: a reported change in a 特困 person's self-care, re-assessed within 10 wd of the report.
export const selfCareChangeSchema = z.object({
  reportedOn: z.string(),
  recordedAt: z.number(),
  byUserId: z.string(),
  change: z.string(),
  reassessedAt: z.number().optional(),
});
// RULES §16: where a person leaving 特困 (or 低保) goes, if eligible.
export const TERMINATION_TRANSFERS = ['dibao', 'temporaryAssistance', 'none'] as const;
export type TerminationTransfer = (typeof TERMINATION_TRANSFERS)[number];
export const TERMINATION_TRANSFER_LABELS: Record<TerminationTransfer, string> = {
  dibao: '转入最低生活保障',
  temporaryAssistance: '给予临时救助',
  none: '不符合其他救助条件',
};
export const TERMINATION_OBJECTION_OUTCOMES = ['upheld', 'rejected'] as const;
export const TERMINATION_OBJECTION_OUTCOME_LABELS: Record<(typeof TERMINATION_OBJECTION_OUTCOMES)[number], string> = {
  upheld: '异议成立，继续保障',
  rejected: '异议不成立，继续终止程序',
};
/**
 * RULES §16 (and a 低保 exit after a verification finding): the 7-day notice, an objection decided within 15 wd,
 * the stop from the month after, the move to 低保 or 临时救助 where eligible.
 */
export const terminationSchema = z.object({
  startedAt: z.number(),
  byUserId: z.string(),
  reason: z.string(),
  noticeStartDate: z.string(),
  /** The first day the termination may take effect (the notice start + 7 days). */
  noticeEndsOn: z.string(),
  objections: z.array(
    z.object({
      raisedOn: z.string(),
      recordedAt: z.number(),
      byUserId: z.string(),
      text: z.string(),
      decision: z
        .object({
          outcome: z.enum(TERMINATION_OBJECTION_OUTCOMES),
          note: z.string(),
          decidedOn: z.string(),
          recordedAt: z.number(),
          recordedBy: z.string(),
        })
        .optional(),
    }),
  ),
  terminatedAt: z.number().optional(),
  /** 'YYYY-MM': benefits stop from the month after the termination took effect (after the 渐退 months, RULES §9). */
  stopsFromMonth: z.string().optional(),
  /** RULES §9: 低保 paid on for up to 6 months when work lifted the income over the line (渐退期). */
  gradualExitMonths: z.number().int().min(1).max(6).optional(),
  transfer: z.enum(TERMINATION_TRANSFERS).optional(),
  transferNote: z.string().optional(),
});

export const timelineEntrySchema = z.object({
  at: z.number(),
  actorId: z.string(),
  actorRole: z.enum(ROLES),
  from: z.enum(CASE_STATES).nullable(),
  to: z.enum(CASE_STATES),
  /** The event type, or 'create'. */
  event: z.string(),
  note: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Effects still to carry out

const storedIdSchema = z.string().max(64);

/** An effect as stored on the case until it is carried out (the shape of effects.ts, bounded). */
const effectSchema: z.ZodType<Effect> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('notify'),
    recipient: z.enum(NOTIFY_RECIPIENTS),
    userId: storedIdSchema.optional(),
    message: z.enum(NOTIFY_MESSAGES),
    caseId: storedIdSchema,
    kind: z.enum(CASE_KINDS),
    state: z.enum(CASE_STATES),
    gridId: storedIdSchema,
    villageId: storedIdSchema,
    due: z.object({ step: z.enum(CLOCK_STEPS), dueAt: z.number(), dueDate: z.string().max(10).optional(), estimated: z.boolean() }).optional(),
  }),
  z.object({
    type: z.literal('createExplanationTask'),
    caseId: storedIdSchema,
    gridId: storedIdSchema,
    villageId: storedIdSchema,
    householdId: storedIdSchema.optional(),
    applicantName: z.string().max(50),
    reasons: z.array(z.string().max(TEXT_MAX_CHARS * 2)).max(20),
    assigneeUserId: storedIdSchema.optional(),
  }),
  z.object({
    type: z.literal('createReferral'),
    caseId: storedIdSchema,
    referralId: storedIdSchema,
    kind: z.enum(REFERRAL_KINDS),
    office: z.string().max(TEXT_MAX_CHARS),
    reason: z.string().max(TEXT_MAX_CHARS),
  }),
]);

/** Bounds a stored audit `why` (a step's note with every reason of a denial). */
const AUDIT_WHY_MAX = 50_000;

/** The audit entry of the write, kept like its effects: written by the action, else by the sweep (same id). */
export const pendingAuditSchema = z.object({
  actorId: storedIdSchema,
  actorRole: z.enum(ROLES),
  fn: z.string().max(32),
  action: z.string().max(32),
  kind: z.enum(['create', 'transition']),
  from: z.enum(CASE_STATES).optional(),
  to: z.enum(CASE_STATES),
  why: z.string().max(AUDIT_WHY_MAX).optional(),
});
export type PendingAudit = z.infer<typeof pendingAuditSchema>;

/**
 * The effects and audit entry of one case write, stored in that same write so a stop before they are carried out
 * loses nothing: `key` names the write (`caseId:version`), and every message and the audit entry it makes have ids
 * derived from it, so the action that wrote it and the sweep that finds it still there store each once between them.
 */
export const pendingEffectsSchema = z.object({
  key: z.string().max(100),
  at: z.number(),
  effects: z.array(effectSchema).max(PENDING_EFFECTS_PER_ENTRY_MAX),
  audit: pendingAuditSchema,
});
export type PendingEffects = z.infer<typeof pendingEffectsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The record

export const caseRecordSchema = z.object({
  ...recordMeta,
  /** The client's request id of the create (a retry returns the first record). */
  requestId: z.string().optional(),
  kind: z.enum(CASE_KINDS),
  source: z.enum(CASE_SOURCES),
  state: z.enum(CASE_STATES),
  gridId: z.string(),
  villageId: z.string(),
  householdId: z.string().optional(),
  applicant: applicantSchema,
  /** The resident's own user: confirms a proxy application, answers missing materials, gets status messages. */
  residentUserId: z.string().optional(),
  createdBy: actorRefSchema,
  report: reportSchema.optional(),
  /** Referral in: the agency that sent it. */
  referredFrom: z.string().optional(),

  /** The clock of the current step, when the step has a limit. */
  clock: clockSchema.optional(),
  // RULES §8: the whole 低保 procedure (30 wd, 20 wd delegated, 45 wd extended) from acceptance.
  procedureClock: clockSchema.optional(),
  // RULES §5: the county starts the requested data check within 3 wd; runs beside the step clock.
  dataCheckClock: clockSchema.optional(),
  /** Stopped clocks, for oversight (was each limit met?). */
  clockHistory: z.array(clockSchema),

  materials: z.array(materialItemSchema),
  consents: consentsSchema,
  proxy: proxySchema.optional(),
  missingMaterialsNotice: missingMaterialsNoticeSchema.optional(),
  nearRelative: nearRelativeSchema.optional(),
  investigations: z.array(investigationSchema),
  dataCheck: dataCheckSchema.optional(),
  // RULES §15
  selfCare: selfCareAssessmentSchema.optional(),
  firstReview: firstReviewSchema.optional(),
  publicNotices: z.array(publicNoticeSchema),
  // RULES §29 (a minor) or a negative first-review opinion: nothing posted.
  noticeSkipped: z.object({ at: z.number(), byUserId: z.string(), reason: z.enum(NOTICE_SKIP_REASONS) }).optional(),
  decision: decisionSchema.optional(),
  extension: extensionSchema.optional(),
  emergency: emergencySchema.optional(),
  referral: referralSchema.optional(),
  explanation: explanationSchema.optional(),
  closure: closureSchema.optional(),
  spotCheck: spotCheckSchema.optional(),
  selfCareChange: selfCareChangeSchema.optional(),
  termination: terminationSchema.optional(),
  linkedCaseIds: z.array(z.string()),
  timeline: z.array(timelineEntrySchema),
  /** Effects of recent writes not yet known to be carried out (oldest first); the clock sweep finishes and clears them. */
  pendingEffects: z.array(pendingEffectsSchema).max(PENDING_ENTRIES_MAX).optional(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

// RULES §4: a flagged near relative's home investigation is the county's.
export function countyInvestigationRequired(c: Pick<CaseRecord, 'nearRelative'>): boolean {
  return c.nearRelative !== undefined;
}

/**
 * The update for a versioned write of `next` over `prev`: the top-level fields that changed (to be written whole,
 * e.g. with `_.set`, because the cloud database merges plain nested objects) and those that were removed (`_.remove()`).
 * `_id`, `version` and `updatedAt` are left to the store.
 */
export function casePatch(prev: CaseRecord, next: CaseRecord): { set: Partial<CaseRecord>; remove: Array<keyof CaseRecord> } {
  const set: Record<string, unknown> = {};
  const remove: Array<keyof CaseRecord> = [];
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)] as Array<keyof CaseRecord>);
  for (const key of keys) {
    if (key === '_id' || key === 'version' || key === 'updatedAt') continue;
    const before = prev[key];
    const after = next[key];
    if (after === undefined) {
      if (before !== undefined) remove.push(key);
    } else if (before !== after && JSON.stringify(before) !== JSON.stringify(after)) {
      set[key] = after;
    }
  }
  return { set: set as Partial<CaseRecord>, remove };
}
