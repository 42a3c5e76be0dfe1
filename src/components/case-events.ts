// One form per workflow event, as data: the fields each event asks for and how the answers become the event the
// domain core validates (`caseEventSchema`). The event form renders any of them; which ones a user sees is the
// server's `available` list. Every label of a case value comes from the core.
import {
  CASE_EVENT_LABELS,
  CASE_KIND_LABELS,
  CONSENT_LABELS,
  consentsRequiredFor,
  DATA_CHECK_LABELS,
  DATA_CHECK_RESULTS,
  DECISION_OUTCOME_LABELS,
  DECISION_OUTCOMES,
  EXTENSION_REASON_LABELS,
  EXTENSION_REASONS,
  INVESTIGATING_BODIES,
  INVESTIGATING_BODY_LABELS,
  isReferralKind,
  isOfferedEvent,
  type CaseEventType,
  type OfferedEvent,
  NEAR_RELATIVE_OF,
  NEAR_RELATIVE_OF_LABELS,
  OBJECTION_HANDLING_LABELS,
  OBJECTION_HANDLINGS,
  OPINION_LABELS,
  OPINIONS,
  PUBLIC_NOTICE_DAYS,
  REFERRAL_TARGETS,
  SELF_CARE_ITEM_LABELS,
  SELF_CARE_ITEMS,
  SELF_CARE_REASSESSMENT_WORKING_DAYS,
  SPOT_CHECK_RESULT_LABELS,
  SPOT_CHECK_RESULTS,
  TEKUN_SPOT_CHECK_MIN_SHARE,
  TERMINATION_NOTICE_DAYS,
  GRADUAL_EXIT_MONTHS_MAX,
  TERMINATION_OBJECTION_OUTCOME_LABELS,
  TERMINATION_OBJECTION_OUTCOMES,
  TERMINATION_OBJECTION_WORKING_DAYS,
  TERMINATION_TRANSFER_LABELS,
  TERMINATION_TRANSFERS,
  TRIAGE_KINDS,
  type CaseRecord,
  type ConsentKey,
} from '../core/cases';
import {
  amount,
  dateField,
  fileIds,
  firstFile,
  lines,
  noteField,
  optional,
  options,
  reasonField,
  text,
  MAX_PHOTOS_PER_ITEM,
  type EventSpec,
  type FieldSpec,
  type FormValues,
  type SpecContext,
} from './event-fields';

/** What the button of an event says. */
export function eventLabel(type: CaseEventType): string {
  return (isOfferedEvent(type) ? EVENT_SPECS[type].actionLabel : undefined) ?? CASE_EVENT_LABELS[type];
}

const isApprove = (v: FormValues) => v.text.outcome === 'approve';
const isDeny = (v: FormValues) => v.text.outcome === 'deny';

/** Consents still owed on the case. */
function owedConsents(c: CaseRecord): ConsentKey[] {
  return consentsRequiredFor(c.kind).filter((key) => !c.consents[key]);
}

/** Online consent: one tick per document, each read and agreed separately (RULES §28). */
function consentChecks(c: CaseRecord): FieldSpec[] {
  const owed = owedConsents(c);
  if (owed.length === 0) return [];
  return [{ key: 'consents', kind: 'checks', label: '请逐项阅读并同意', options: owed.map((key) => ({ value: key, label: `我同意《${CONSENT_LABELS[key]}》` })) }];
}

function decisionFields({ amountSuggestion }: SpecContext): FieldSpec[] {
  const amountField: FieldSpec = { key: 'amountYuan', kind: 'amount', label: '批准金额（元）', required: true, showIf: isApprove };
  // RULES §33: the computed amount beside the input; more than it needs a written reason (分档/特殊情况).
  if (amountSuggestion) amountField.hint = `测算金额 ${amountSuggestion.amountYuan} 元：${amountSuggestion.basis}`;
  const overSuggestion = (v: FormValues) => isApprove(v) && amountSuggestion != null && Number(text(v, 'amountYuan')) > amountSuggestion.amountYuan;
  return [
    { key: 'outcome', kind: 'choice', label: '决定', required: true, options: options(DECISION_OUTCOMES, DECISION_OUTCOME_LABELS) },
    amountField,
    { key: 'amountReason', kind: 'long', label: '高于测算金额的理由（分档或特殊情况）', required: true, showIf: overSuggestion },
    { key: 'reasons', kind: 'lines', label: '不予批准的理由（每行一条）', required: true, showIf: isDeny },
  ];
}

function decision(v: FormValues) {
  return isApprove(v)
    ? { outcome: 'approve', amountYuan: amount(v, 'amountYuan'), amountReason: optional(v, 'amountReason') }
    : { outcome: 'deny', reasons: lines(v, 'reasons') };
}

function confirmDecision(v: FormValues): string {
  return isApprove(v) ? `确定批准，金额 ${text(v, 'amountYuan')} 元？提交后不能撤回。` : '确定不予批准？理由将书面告知申请人，提交后不能撤回。';
}

export const EVENT_SPECS: Readonly<Record<OfferedEvent, EventSpec>> = {
  triage: {
    intro: () => '看过求助内容后，分到一类救助去办理；不属于救助的，用“答复并办结”。',
    fields: () => [
      { key: 'kind', kind: 'choice', label: '分办为', required: true, options: options(TRIAGE_KINDS, CASE_KIND_LABELS) },
      noteField(),
    ],
    build: (v) => ({ type: 'triage', kind: text(v, 'kind'), note: optional(v, 'note') }),
  },
  closeWithAnswer: {
    fields: () => [{ key: 'answer', kind: 'long', label: '答复内容', required: true }],
    build: (v) => ({ type: 'closeWithAnswer', answer: text(v, 'answer') }),
    confirm: () => '答复后这件求助就办结了，确定吗？',
  },
  confirmByResident: {
    actionLabel: '确认代办申请',
    intro: () => '网格员替您提交了这件申请。确认后镇里开始办理并计算办理期限。',
    fields: ({ c }) => consentChecks(c),
    build: (v) => ({ type: 'confirmByResident', consents: v.picks.consents ?? [] }),
  },
  refuseByResident: {
    actionLabel: '不同意代办',
    fields: () => [reasonField('不同意的理由')],
    build: (v) => ({ type: 'refuseByResident', reason: text(v, 'reason') }),
    confirm: () => '不同意后，这件代办申请就终止了，确定吗？',
    danger: true,
  },
  recordPaperConfirmation: {
    intro: () => '居民不便在手机上确认时，拍下本人签字的确认书。',
    fields: () => [{ key: 'photo', kind: 'photos', purpose: 'confirmation', label: '签字确认书照片', max: 1, required: true }],
    build: (v) => ({ type: 'recordPaperConfirmation', photoFileId: firstFile(v, 'photo') }),
  },
  accept: {
    intro: ({ missing }) =>
      missing.length ? `材料还不齐全：${missing.map((m) => m.label).join('、')}。请先“一次性告知补齐材料”。` : '材料齐全，可以受理。',
    fields: () => [noteField()],
    build: (v) => ({ type: 'accept', note: optional(v, 'note') }),
  },
  requestMissingMaterials: {
    intro: ({ missing }) =>
      `一次性告知申请人需要补齐的全部材料，只能告知一次。${missing.length ? `目前缺：${missing.map((m) => m.label).join('、')}。` : ''}`,
    fields: ({ c }) => {
      const provided = c.materials.filter((item) => item.provided);
      const insufficient: FieldSpec[] = provided.length
        ? [{ key: 'insufficient', kind: 'checks', label: '已交但不合格、需要重交的材料', options: provided.map((item) => ({ value: item.key, label: item.label })) }]
        : [];
      return [...insufficient, noteField('告知说明（可不填）')];
    },
    build: (v) => ({ type: 'requestMissingMaterials', insufficient: v.picks.insufficient ?? [], note: optional(v, 'note') }),
    confirm: () => '补齐材料只能告知一次，确认已经列全了吗？',
  },
  materialsSupplied: {
    intro: ({ role }) => (role === 'resident' ? '拍照上传需要补交的材料。' : '拍照上传材料；代交的同意书请上传本人签字的照片。'),
    fields: ({ c, role }) => {
      const documents: FieldSpec[] = c.materials
        .filter((item) => !item.platformHeld)
        .map((item) => ({
          key: `material:${item.key}`,
          kind: 'photos',
          purpose: 'material',
          label: item.label,
          hint: item.provided ? `已提供 ${item.fileIds.length} 张，可再补充` : '待提供',
          max: MAX_PHOTOS_PER_ITEM,
        }));
      const consents: FieldSpec[] =
        role === 'resident'
          ? consentChecks(c)
          : owedConsents(c).map((key) => ({ key: `consent:${key}`, kind: 'photos', purpose: 'consent', label: `${CONSENT_LABELS[key]}（本人签字的照片）`, max: MAX_PHOTOS_PER_ITEM }));
      return [...documents, ...consents];
    },
    build: (v, { c, role }) => {
      const items = c.materials
        .map((item) => ({ key: item.key, fileIds: fileIds(v, `material:${item.key}`) }))
        .filter((item) => item.fileIds.length > 0);
      const consents =
        role === 'resident'
          ? (v.picks.consents ?? []).map((key) => ({ key }))
          : owedConsents(c)
              .map((key) => ({ key, fileIds: fileIds(v, `consent:${key}`) }))
              .filter((item) => item.fileIds.length > 0);
      return { type: 'materialsSupplied', items, consents };
    },
  },
  flagNearRelative: {
    intro: () => '申请人是经办人员或村(居)委会成员的近亲属的，单独登记备案，入户调查由县级民政部门进行。',
    fields: () => [
      { key: 'relativeOf', kind: 'choice', label: '是谁的近亲属', required: true, options: options(NEAR_RELATIVE_OF, NEAR_RELATIVE_OF_LABELS) },
      { key: 'relation', kind: 'text', label: '亲属关系', required: true },
      noteField(),
    ],
    build: (v) => ({ type: 'flagNearRelative', relativeOf: text(v, 'relativeOf'), relation: text(v, 'relation'), note: optional(v, 'note') }),
  },
  startInvestigation: {
    intro: ({ c }) => (c.nearRelative ? '已登记近亲属备案：入户调查须由县级民政部门进行。' : '入户调查至少两名调查人员，调查表由调查人员和在场家庭成员签字。'),
    fields: ({ c }) => [
      {
        key: 'conductedBy',
        kind: 'choice',
        label: '调查单位',
        required: true,
        options: options(INVESTIGATING_BODIES, INVESTIGATING_BODY_LABELS),
        initial: c.nearRelative ? 'county' : 'town',
      },
      { key: 'investigator1', kind: 'text', label: '调查人员一', required: true },
      { key: 'investigator2', kind: 'text', label: '调查人员二', required: true },
      { key: 'moreInvestigators', kind: 'lines', label: '其他调查人员（每行一人，可不填）' },
      { key: 'form', kind: 'photos', purpose: 'investigation', label: '签字的入户调查表照片', max: 1, required: true },
      dateField('visitedOn', '入户日期'),
    ],
    build: (v) => ({
      type: 'startInvestigation',
      conductedBy: text(v, 'conductedBy'),
      investigators: [text(v, 'investigator1'), text(v, 'investigator2'), ...lines(v, 'moreInvestigators')].filter(Boolean).map((name) => ({ name })),
      formPhotoFileId: firstFile(v, 'form'),
      visitedOn: optional(v, 'visitedOn'),
    }),
  },
  requestDataCheck: {
    intro: () => '向县级核对机构申请家庭经济状况核对。',
    fields: () => [noteField()],
    build: (v) => ({ type: 'requestDataCheck', note: optional(v, 'note') }),
  },
  recordDataCheck: {
    fields: () => [
      { key: 'result', kind: 'choice', label: '核对结果', required: true, options: options(DATA_CHECK_RESULTS, DATA_CHECK_LABELS) },
      { key: 'reference', kind: 'text', label: '核对报告编号', required: true },
      dateField('reportedOn', '核对报告日期（不填为今天）'),
      dateField('startedOn', '县级开始核对日期'),
      noteField(),
      { key: 'files', kind: 'photos', purpose: 'dataCheck', label: '核对报告照片（可不传）', max: MAX_PHOTOS_PER_ITEM },
    ],
    build: (v) => {
      const files = fileIds(v, 'files');
      return { type: 'recordDataCheck', result: text(v, 'result'), reference: text(v, 'reference'), reportedOn: optional(v, 'reportedOn'), startedOn: optional(v, 'startedOn'), note: optional(v, 'note'), ...(files.length ? { fileIds: files } : {}) };
    },
  },
  assessSelfCare: {
    intro: ({ c }) =>
      c.state === 'awaitingReassessment' && c.selfCareChange
        ? `${c.selfCareChange.reportedOn} 报告自理能力变化：${c.selfCareChange.change}。须在${SELF_CARE_REASSESSMENT_WORKING_DAYS}个工作日内重新评估，勾选本人能独立完成的项目。`
        : '逐项评估，勾选本人能独立完成的项目。',
    fields: () => [
      { key: 'able', kind: 'checks', label: '能独立完成的项目', options: options(SELF_CARE_ITEMS, SELF_CARE_ITEM_LABELS) },
      dateField('assessedOn', '评估日期'),
    ],
    build: (v) => {
      const able = v.picks.able ?? [];
      return { type: 'assessSelfCare', answers: Object.fromEntries(SELF_CARE_ITEMS.map((item) => [item, able.includes(item)])), assessedOn: optional(v, 'assessedOn') };
    },
  },
  firstReview: {
    fields: ({ c }) => [
      { key: 'opinion', kind: 'choice', label: '初审意见', required: true, options: options(OPINIONS, OPINION_LABELS) },
      { key: 'note', kind: 'long', label: '意见说明', required: true },
      { key: 'proposedAmountYuan', kind: 'amount', label: '拟保障金额（元/月）', required: true, showIf: (v) => v.text.opinion === 'approve' },
      // RULES §33: what the investigation found, from which the decision's 低保 amount is computed.
      ...(c.kind === 'dibao'
        ? ([
            { key: 'perCapitaIncomeYuan', kind: 'amount', label: '核实的家庭人均月收入（元，可不填）' },
            { key: 'coveredPersons', kind: 'amount', label: '保障人数（可不填，默认家庭人口数）' },
          ] satisfies FieldSpec[])
        : []),
    ],
    build: (v) => ({
      type: 'firstReview',
      opinion: text(v, 'opinion'),
      note: text(v, 'note'),
      ...(v.text.opinion === 'approve' ? { proposedAmountYuan: amount(v, 'proposedAmountYuan') } : {}),
      perCapitaIncomeYuan: amount(v, 'perCapitaIncomeYuan'),
      coveredPersons: amount(v, 'coveredPersons'),
    }),
  },
  startPublicNotice: {
    intro: () => `在村(居)务公开栏张榜公示${PUBLIC_NOTICE_DAYS}天，只公示申请人姓名、家庭人口和金额。`,
    fields: () => [],
    build: () => ({ type: 'startPublicNotice' }),
  },
  recordObjection: {
    fields: () => [
      { key: 'text', kind: 'long', label: '异议内容', required: true },
      { key: 'handling', kind: 'choice', label: '处理方式', required: true, options: options(OBJECTION_HANDLINGS, OBJECTION_HANDLING_LABELS) },
    ],
    build: (v) => ({ type: 'recordObjection', text: text(v, 'text'), handling: text(v, 'handling') }),
  },
  recordDemocraticReview: {
    fields: () => [
      { key: 'summary', kind: 'long', label: '评议情况', required: true },
      { key: 'photos', kind: 'photos', purpose: 'review', label: '评议记录照片（可不传）', max: MAX_PHOTOS_PER_ITEM },
    ],
    build: (v) => ({ type: 'recordDemocraticReview', summary: text(v, 'summary'), photoFileIds: fileIds(v, 'photos') }),
  },
  endPublicNotice: {
    intro: ({ c }) => {
      const notice = c.publicNotices[c.publicNotices.length - 1];
      return notice ? `本轮公示从 ${notice.startDate} 开始，${notice.endsOn} 起可以结束。` : null;
    },
    fields: () => [],
    build: () => ({ type: 'endPublicNotice' }),
  },
  skipPublicNotice: {
    intro: () => '申请人是未成年人的、初审不予批准的申请不张榜公示。',
    fields: () => [],
    build: () => ({ type: 'skipPublicNotice' }),
    confirm: () => '确定这件申请不公示吗？',
  },
  decide: {
    fields: decisionFields,
    build: (v) => ({ type: 'decide', decision: decision(v) }),
    confirm: confirmDecision,
  },
  recordCountyDecision: {
    intro: ({ c }) =>
      c.kind === 'tekun' && !c.spotCheck
        ? `本镇没有审核确认权限：登记县级民政部门的决定。县级应抽查不少于${TEKUN_SPOT_CHECK_MIN_SHARE * 100}%的特困档案，抽查了这份的，请先“登记县级抽查”。`
        : '本镇没有审核确认权限：登记县级民政部门的决定。期限按县级决定日期计算。',
    fields: (ctx) => [
      ...decisionFields(ctx),
      dateField('decidedOn', '县级决定日期'),
      { key: 'document', kind: 'photos', purpose: 'decision', label: '决定书照片（可不传）', max: 1 },
    ],
    build: (v) => ({ type: 'recordCountyDecision', decision: decision(v), decidedOn: optional(v, 'decidedOn'), documentFileId: firstFile(v, 'document') }),
    confirm: confirmDecision,
  },
  recordSpotCheck: {
    intro: () => `县级审核特困档案时抽查不少于${TEKUN_SPOT_CHECK_MIN_SHARE * 100}%：登记这份档案被谁抽查、结果如何。`,
    fields: () => [
      { key: 'checkedBy', kind: 'text', label: '抽查人（县级）', required: true },
      { key: 'result', kind: 'choice', label: '抽查结果', required: true, options: options(SPOT_CHECK_RESULTS, SPOT_CHECK_RESULT_LABELS) },
      noteField(),
      dateField('checkedOn', '抽查日期'),
    ],
    build: (v) => ({ type: 'recordSpotCheck', checkedBy: text(v, 'checkedBy'), result: text(v, 'result'), note: optional(v, 'note'), checkedOn: optional(v, 'checkedOn') }),
  },
  recordWrittenNotice: {
    fields: () => [dateField('deliveredOn', '送达日期'), { key: 'file', kind: 'photos', purpose: 'decision', label: '告知书照片（可不传）', max: 1 }],
    build: (v) => ({ type: 'recordWrittenNotice', deliveredOn: optional(v, 'deliveredOn'), fileId: firstFile(v, 'file') }),
  },
  extend: {
    fields: () => [
      { key: 'reason', kind: 'choice', label: '延期原因', required: true, options: options(EXTENSION_REASONS, EXTENSION_REASON_LABELS) },
      { key: 'note', kind: 'long', label: '具体说明', required: true },
    ],
    build: (v) => ({ type: 'extend', reason: text(v, 'reason'), note: text(v, 'note') }),
    confirm: () => '办理期限只能延长一次，确定延长吗？',
  },
  recordEmergencyHelp: {
    intro: () => '急难情况先行救助：先帮，手续后补。',
    fields: () => [
      { key: 'what', kind: 'long', label: '给予了什么帮助', required: true },
      { key: 'amountYuan', kind: 'amount', label: '金额（元，实物折算）', required: true },
    ],
    build: (v) => ({ type: 'recordEmergencyHelp', what: text(v, 'what'), amountYuan: amount(v, 'amountYuan') }),
  },
  completePaperwork: {
    intro: ({ missing }) => (missing.length ? null : '材料已齐，可以补齐手续。'),
    blocked: ({ missing }) => (missing.length ? `还缺：${missing.map((m) => m.label).join('、')}。请先用“补交材料”补齐，再补齐手续。` : null),
    fields: () => [
      { key: 'reason', kind: 'long', label: '救助事由', required: true },
      { key: 'signOffs', kind: 'lines', label: '经办人和审批人（每行一人）', required: true },
      { key: 'countyApproval', kind: 'photos', purpose: 'decision', label: '县级审批材料（超过乡镇审批权限时上传）', max: 1 },
    ],
    build: (v) => ({ type: 'completePaperwork', reason: text(v, 'reason'), signOffs: lines(v, 'signOffs'), countyApprovalFileId: firstFile(v, 'countyApproval') }),
    confirm: () => '补齐手续后这件救助就办结了，确定吗？',
  },
  refer: {
    fields: ({ c }) => [
      { key: 'to', kind: 'text', label: '转介给', required: true, initial: isReferralKind(c.kind) ? REFERRAL_TARGETS[c.kind] : '' },
      noteField(),
    ],
    build: (v) => ({ type: 'refer', to: optional(v, 'to'), note: optional(v, 'note') }),
  },
  closeExplanation: {
    intro: ({ c }) => (c.decision?.reasons?.length ? `不予批准的理由：${c.decision.reasons.join('；')}` : null),
    fields: () => [{ key: 'conversation', kind: 'long', label: '沟通情况', required: true }, dateField('talkedOn', '沟通日期')],
    build: (v) => ({ type: 'closeExplanation', conversation: text(v, 'conversation'), talkedOn: optional(v, 'talkedOn') }),
  },
  reportSelfCareChange: {
    intro: () => `特困人员生活自理能力发生变化的，镇里须在${SELF_CARE_REASSESSMENT_WORKING_DAYS}个工作日内重新评估。`,
    fields: () => [{ key: 'change', kind: 'long', label: '发生了什么变化', required: true }, dateField('reportedOn', '报告日期')],
    build: (v) => ({ type: 'reportSelfCareChange', change: text(v, 'change'), reportedOn: optional(v, 'reportedOn') }),
  },
  startTermination: {
    intro: () => `拟终止救助的，先告知${TERMINATION_NOTICE_DAYS}天；有异议的在${TERMINATION_OBJECTION_WORKING_DAYS}个工作日内复核；终止后从下月起停发。`,
    fields: ({ c }) => [
      { key: 'reason', kind: 'long', label: '终止理由（如核查发现的情况）', required: true },
      // RULES §9: a 低保 household lifted over the line by work may keep support for up to 6 months (渐退期).
      ...(c.kind === 'dibao' ? [{ key: 'gradualExitMonths', kind: 'amount' as const, label: `渐退期（月，可不填，最多${GRADUAL_EXIT_MONTHS_MAX}个月）` }] : []),
    ],
    build: (v) => ({ type: 'startTermination', reason: text(v, 'reason'), gradualExitMonths: amount(v, 'gradualExitMonths') || undefined }),
    confirm: () => `确定开始${TERMINATION_NOTICE_DAYS}天终止告知吗？`,
    danger: true,
  },
  objectToTermination: {
    fields: () => [{ key: 'text', kind: 'long', label: '异议内容', required: true }, dateField('raisedOn', '提出异议日期')],
    build: (v) => ({ type: 'objectToTermination', text: text(v, 'text'), raisedOn: optional(v, 'raisedOn') }),
  },
  decideTerminationObjection: {
    intro: ({ c }) => {
      const last = c.termination?.objections[c.termination.objections.length - 1];
      return last ? `${last.raisedOn} 提出的异议：${last.text}` : null;
    },
    fields: () => [
      { key: 'outcome', kind: 'choice', label: '复核结论', required: true, options: options(TERMINATION_OBJECTION_OUTCOMES, TERMINATION_OBJECTION_OUTCOME_LABELS) },
      { key: 'note', kind: 'long', label: '复核说明', required: true },
      dateField('decidedOn', '复核决定日期'),
    ],
    build: (v) => ({ type: 'decideTerminationObjection', outcome: text(v, 'outcome'), note: text(v, 'note'), decidedOn: optional(v, 'decidedOn') }),
  },
  terminate: {
    intro: ({ c }) => (c.termination ? `告知期从 ${c.termination.noticeStartDate} 开始，${c.termination.noticeEndsOn} 起可以终止；终止后从下月起停发。` : null),
    fields: ({ c }) => [
      {
        key: 'transfer',
        kind: 'choice',
        label: '符合条件的转入',
        required: true,
        options: options(
          TERMINATION_TRANSFERS.filter((t) => !(c.kind === 'dibao' && t === 'dibao')),
          TERMINATION_TRANSFER_LABELS,
        ),
      },
      noteField(),
    ],
    build: (v) => ({ type: 'terminate', transfer: text(v, 'transfer'), note: optional(v, 'note') }),
    confirm: () => '终止后从下月起停发，确定终止吗？',
    danger: true,
  },
  withdraw: {
    fields: () => [reasonField('撤回原因')],
    build: (v) => ({ type: 'withdraw', reason: text(v, 'reason') }),
    confirm: () => '撤回后这件事就不再办理了，确定吗？',
    danger: true,
  },
  close: {
    fields: () => [reasonField('终止原因')],
    build: (v) => ({ type: 'close', reason: text(v, 'reason') }),
    confirm: () => '终止后这件事就不再办理了，确定吗？',
    danger: true,
  },
  link: {
    fields: () => [{ key: 'caseId', kind: 'text', label: '关联的案件编号', required: true }],
    build: (v) => ({ type: 'link', caseId: text(v, 'caseId') }),
  },
};

