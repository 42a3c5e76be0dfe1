// The case workflows as one pure transition: (case, event, context) → the next case and the effects to perform.
// A handler loads the case, calls `transition`, persists `next` with its version check (see `casePatch`), appends the
// audit entry and performs the effects. An event not allowed for the case's kind and state, or sent by a role that may
// not send it, is a coded error and no new record.
import { addDays, beijingDate, startOfBeijingDayMs } from '../calendar';
import { err, ok, type Err, type Result } from '../errors';
import { townApprovalCapYuan } from '../settings';
import {
  CASE_KIND_LABELS,
  countyInvestigationRequired,
  REFERRAL_TARGETS,
  isReferralKind,
  type CaseOutcome,
  type CaseRecord,
  type TimelineEntry,
} from './case-record';
import type { Clock } from './clock';
import type { TransitionContext } from './context';
import { filingWorkerId, notify, type Effect } from './effects';
import { CASE_EVENT_LABELS, caseEventSchema, EVENT_ROLES, type CaseEvent, type CaseEventType, type DecisionInput, type EventOf } from './events';
import { PUBLIC_NOTICE_DAYS, startStepClock } from './limits';
import { checklistFor, CONSENT_LABELS, MATERIALS, missingItems, type Consent } from './materials';
import { isPostable } from './public-notice';
import { classifySelfCare } from './self-care';
import { CASE_STATE_LABELS } from './states';
import { allowedEvents } from './step-tables';

export type { Actor, TransitionContext } from './context';

export interface TransitionResult {
  next: CaseRecord;
  effects: Effect[];
}

/** What one event handler produces; the wrapper adds the timeline entry, `updatedAt` and default notifications. */
interface Step {
  next: CaseRecord;
  effects?: Effect[];
  note?: string;
}
type Outcome = Step | Err;
type Handler<T extends CaseEventType> = (c: CaseRecord, e: EventOf<T>, ctx: TransitionContext) => Outcome;

const isErr = (r: Outcome): r is Err => (r as Err).ok === false;

// ---------------------------------------------------------------------------------------------------------------
// Helpers shared by the handlers

/** Replaces one of the case's clocks; the old one, stopped at `at`, goes to the history. */
function replaceClock(c: CaseRecord, key: 'clock' | 'procedureClock', clock: Clock | undefined, at: number): CaseRecord {
  const old = c[key];
  const next: CaseRecord = { ...c, clockHistory: old ? [...c.clockHistory, { ...old, stoppedAt: at }] : c.clockHistory };
  if (clock) next[key] = clock;
  else delete next[key];
  return next;
}

const withStepClock = (c: CaseRecord, clock: Clock | undefined, at: number) => replaceClock(c, 'clock', clock, at);
// RULES §8: the whole 低保 procedure.
const withProcedureClock = (c: CaseRecord, clock: Clock | undefined, at: number) => replaceClock(c, 'procedureClock', clock, at);

/**
 * The town's clock for a case that has just reached it (PRODUCT flows 1–2): 急难 starts the help clock
 * (RULES §17, §19); any other application starts the acknowledgement clock (RULES §27, local).
 */
export function intakeClock(c: CaseRecord, ctx: TransitionContext, at: number): Clock {
  return startStepClock(c.kind === 'temporaryEmergency' ? 'emergencyHelp' : 'acknowledge', c, ctx.settings, at);
}

function closeCase(c: CaseRecord, outcome: CaseOutcome, ctx: TransitionContext, note?: string): CaseRecord {
  const stopped = withProcedureClock(withStepClock(c, undefined, ctx.now), undefined, ctx.now);
  const closure: CaseRecord['closure'] = { at: ctx.now, byUserId: ctx.actor.userId, outcome };
  if (note !== undefined) closure.note = note;
  return { ...stopped, state: 'closed', closure };
}

/** After the notice (or its skipping): the town decides when delegated, otherwise the county within its limit. */
function enterDecisionStage(c: CaseRecord, ctx: TransitionContext): CaseRecord {
  // RULES §8: where confirmation is delegated to the town, the town decides.
  if (ctx.settings.townDelegatedConfirmation) return withStepClock({ ...c, state: 'awaitingTownDecision' }, undefined, ctx.now);
  // RULES §7, §14: the county decides within its limit of receiving the file.
  const next: CaseRecord = { ...c, state: 'awaitingCountyDecision' };
  return withStepClock(next, startStepClock('countyDecision', next, ctx.settings, ctx.now), ctx.now);
}

// RULES §7, §14: a denial of 低保 or 特困 is notified in writing within 3 wd (临时救助 has no such national rule).
export function writtenNoticeRequired(kind: CaseRecord['kind']): boolean {
  return kind === 'dibao' || kind === 'tekun';
}

// RULES §7, §14: benefits are paid from the month after the decision.
export function benefitStartMonth(decidedOn: string): string {
  const [y, m] = decidedOn.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const today = (ctx: TransitionContext) => beijingDate(ctx.now);

function notInFuture(date: string, ctx: TransitionContext): Err | null {
  return date > today(ctx) ? err('INPUT.INVALID', `日期不能晚于今天：${date}`) : null;
}

/** A denial is finished when the written notice is delivered (where required) and the explanation recorded. */
function finishDenialIfDone(c: CaseRecord, ctx: TransitionContext): CaseRecord {
  const noticeDone = !writtenNoticeRequired(c.kind) || c.decision?.writtenNotice !== undefined;
  return noticeDone && c.explanation?.closedAt !== undefined ? closeCase(c, 'denied', ctx) : c;
}

function missingMessage(c: CaseRecord): Err | null {
  const missing = missingItems(c);
  if (missing.length === 0) return null;
  return err('CASE.MATERIALS_INCOMPLETE', `材料还不齐全：${missing.map((m) => m.label).join('、')}`, { missing });
}

function applyDecision(
  c: CaseRecord,
  input: DecisionInput,
  by: 'town' | 'county',
  decidedOn: string,
  ctx: TransitionContext,
  documentFileId?: string,
): Outcome {
  const decision: NonNullable<CaseRecord['decision']> = {
    by,
    outcome: input.outcome,
    decidedOn,
    recordedAt: ctx.now,
    recordedBy: ctx.actor.userId,
  };
  if (documentFileId !== undefined) decision.documentFileId = documentFileId;
  const recurring = c.kind === 'dibao' || c.kind === 'tekun';
  if (input.outcome === 'approve') {
    decision.amountYuan = input.amountYuan;
    if (recurring) decision.benefitStartMonth = benefitStartMonth(decidedOn);
    const next = closeCase({ ...c, decision }, 'approved', ctx);
    return { next, effects: [notify(next, 'resident', 'decision'), notify(next, 'gridworker', 'decision')], note: `批准，金额${input.amountYuan}元` };
  }
  decision.reasons = input.reasons;
  const stopped = withProcedureClock({ ...c, decision, state: 'denied', explanation: { taskCreatedAt: ctx.now } }, undefined, ctx.now);
  // The written-notice clock counts from the decision day (a county decision may be recorded a day or two later).
  const start = decidedOn < today(ctx) ? startOfBeijingDayMs(decidedOn) : ctx.now;
  const next = withStepClock(stopped, writtenNoticeRequired(c.kind) ? startStepClock('writtenNotice', c, ctx.settings, start) : undefined, ctx.now);
  const task: Effect = {
    type: 'createExplanationTask',
    caseId: c._id,
    gridId: c.gridId,
    villageId: c.villageId,
    applicantName: c.applicant.name,
    reasons: input.reasons,
  };
  if (c.householdId !== undefined) task.householdId = c.householdId;
  const assignee = filingWorkerId(c);
  if (assignee !== undefined) task.assigneeUserId = assignee;
  return { next, effects: [task, notify(next, 'resident', 'decision')], note: `不予批准：${input.reasons.join('；')}` };
}

// ---------------------------------------------------------------------------------------------------------------
// One handler per event

const HANDLERS: { [T in CaseEventType]: Handler<T> } = {
  triage(c, e, ctx) {
    const triaged: CaseRecord = { ...c, kind: e.kind, state: 'received', materials: checklistFor(e.kind, c.applicant) };
    // RULES §17, §19: the emergency was known when it was reported, so the help clock counts from the report.
    const clock = e.kind === 'temporaryEmergency' ? startStepClock('emergencyHelp', triaged, ctx.settings, c.createdAt) : undefined;
    return { next: withStepClock(triaged, clock, ctx.now), note: `分办为${CASE_KIND_LABELS[e.kind]}${e.note ? `：${e.note}` : ''}` };
  },

  closeWithAnswer(c, e, ctx) {
    return { next: closeCase(c, 'answered', ctx, e.answer), note: e.answer };
  },

  confirmByResident(c, e, ctx) {
    const consents = { ...c.consents };
    for (const key of e.consents ?? []) consents[key] = { at: ctx.now, byUserId: ctx.actor.userId, method: 'online', fileIds: [] };
    const confirmed: CaseRecord = {
      ...c,
      state: 'received',
      consents,
      proxy: { ...c.proxy!, confirmation: { status: 'confirmed', at: ctx.now, userId: ctx.actor.userId } },
    };
    // PRODUCT flow 2: the town's clock starts at the resident's confirmation, not at the worker's submission.
    const next = withStepClock(confirmed, intakeClock(confirmed, ctx, ctx.now), ctx.now);
    return { next, effects: [notify(next, 'gridworker', 'stateChanged')] };
  },

  refuseByResident(c, e, ctx) {
    const refused: CaseRecord = {
      ...c,
      proxy: { ...c.proxy!, confirmation: { status: 'refused', at: ctx.now, userId: ctx.actor.userId, reason: e.reason } },
    };
    const next = closeCase(refused, 'refusedByResident', ctx, e.reason);
    return { next, effects: [notify(next, 'gridworker', 'stateChanged')], note: e.reason };
  },

  recordPaperConfirmation(c, e, ctx) {
    const confirmed: CaseRecord = {
      ...c,
      state: 'received',
      proxy: {
        ...c.proxy!,
        confirmation: { status: 'paperConfirmed', at: ctx.now, byUserId: ctx.actor.userId, photoFileId: e.photoFileId },
      },
    };
    // PRODUCT flow 2: a paper confirmation starts the town's clock like an online one.
    return { next: withStepClock(confirmed, intakeClock(confirmed, ctx, ctx.now), ctx.now) };
  },

  accept(c, e, ctx) {
    const incomplete = missingMessage(c);
    if (incomplete) return incomplete;
    if (c.kind === 'temporaryExpense') {
      const next: CaseRecord = { ...c, state: 'awaitingTownDecision' };
      return { next: withStepClock(next, startStepClock('townDecision', next, ctx.settings, ctx.now), ctx.now), note: e.note };
    }
    const accepted: CaseRecord = { ...c, state: 'awaitingInvestigation' };
    if (c.kind === 'tekun') {
      return { next: withStepClock(accepted, startStepClock('townInvestigation', accepted, ctx.settings, ctx.now), ctx.now), note: e.note };
    }
    // 低保: RULES §5 investigation starts within 3 wd; RULES §8 the whole procedure runs from acceptance.
    const withStep = withStepClock(accepted, startStepClock('investigationStart', accepted, ctx.settings, ctx.now), ctx.now);
    return { next: withProcedureClock(withStep, startStepClock('procedure', accepted, ctx.settings, ctx.now), ctx.now), note: e.note };
  },

  requestMissingMaterials(c, e, ctx) {
    // RULES §2: one notice listing everything missing — never a second one.
    if (c.missingMaterialsNotice) return err('CASE.MATERIALS_ALREADY_REQUESTED');
    const insufficient = e.insufficient ?? [];
    const unknown = insufficient.filter((key) => !c.materials.some((item) => item.key === key));
    if (unknown.length > 0) return err('INPUT.INVALID', '这些材料不在本申请的清单中', { unknown });
    const materials = c.materials.map((item) => (insufficient.includes(item.key) ? { ...item, provided: false } : item));
    const missing = missingItems({ ...c, materials });
    if (missing.length === 0) return err('CASE.NOTHING_MISSING');
    const notice: NonNullable<CaseRecord['missingMaterialsNotice']> = {
      at: ctx.now,
      byUserId: ctx.actor.userId,
      items: missing.map(({ key, label, type }) => ({ key, label, type })),
    };
    if (e.note !== undefined) notice.note = e.note;
    const next = withStepClock({ ...c, materials, state: 'materialsRequested', missingMaterialsNotice: notice }, undefined, ctx.now);
    return {
      next,
      effects: [notify(next, 'resident', 'missingMaterials'), notify(next, 'gridworker', 'missingMaterials')],
      note: `需补齐：${missing.map((m) => m.label).join('、')}`,
    };
  },

  materialsSupplied(c, e, ctx) {
    const items = e.items ?? [];
    const consentsIn = e.consents ?? [];
    if (items.length === 0 && consentsIn.length === 0) return err('INPUT.INVALID', '请至少补交一项材料');
    const materials = c.materials.slice();
    for (const supplied of items) {
      const at = materials.findIndex((item) => item.key === supplied.key);
      if (at < 0) return err('INPUT.INVALID', '这项材料不在本申请的清单中', { key: supplied.key });
      const item = materials[at]!;
      materials[at] = { ...item, provided: true, fileIds: [...new Set([...item.fileIds, ...supplied.fileIds])] };
    }
    const consents = { ...c.consents };
    for (const given of consentsIn) {
      const fileIds = given.fileIds ?? [];
      // RULES §28: online consent is the person's own act; anyone else brings the signed paper.
      if (fileIds.length === 0 && ctx.actor.role !== 'resident') {
        return err('INPUT.INVALID', '代为提交的同意书需要上传本人签字的照片', { key: given.key });
      }
      const consent: Consent = { at: ctx.now, byUserId: ctx.actor.userId, method: fileIds.length ? 'paper' : 'online', fileIds };
      consents[given.key] = consent;
    }
    const supplied: CaseRecord = { ...c, materials, consents };
    const labels = [...items.map((i) => MATERIALS[i.key].label), ...consentsIn.map((i) => CONSENT_LABELS[i.key])].join('、');
    if (c.state === 'materialsRequested' && missingItems(supplied).length === 0) {
      const back: CaseRecord = { ...supplied, state: 'received', missingMaterialsNotice: { ...c.missingMaterialsNotice!, suppliedAt: ctx.now } };
      // The town looks at the completed file within its acknowledgement limit again.
      return { next: withStepClock(back, intakeClock(back, ctx, ctx.now), ctx.now), note: labels };
    }
    return { next: supplied, note: labels };
  },

  flagNearRelative(c, e, ctx) {
    if (c.nearRelative) return err('CASE.ILLEGAL_TRANSITION', '已经登记过近亲属备案');
    const nearRelative: NonNullable<CaseRecord['nearRelative']> = {
      at: ctx.now,
      byUserId: ctx.actor.userId,
      relativeOf: e.relativeOf,
      relation: e.relation,
    };
    if (e.note !== undefined) nearRelative.note = e.note;
    return { next: { ...c, nearRelative }, note: e.relation };
  },

  startInvestigation(c, e, ctx) {
    // RULES §4: a near relative's home investigation is the county's.
    if (e.conductedBy === 'town' && countyInvestigationRequired(c)) return err('CASE.COUNTY_INVESTIGATION_REQUIRED');
    const investigation: CaseRecord['investigations'][number] = {
      round: c.investigations.length + 1,
      at: ctx.now,
      byUserId: ctx.actor.userId,
      conductedBy: e.conductedBy,
      investigators: e.investigators,
      formPhotoFileId: e.formPhotoFileId,
    };
    if (e.visitedOn !== undefined) investigation.visitedOn = e.visitedOn;
    const note = `调查人员：${e.investigators.map((i) => i.name).join('、')}`;
    const recorded: CaseRecord = { ...c, investigations: [...c.investigations, investigation] };
    // 临时救助 records its checks while the decision clock runs.
    if (c.kind === 'temporaryExpense') return { next: recorded, note };
    const next: CaseRecord = { ...recorded, state: 'investigating' };
    // 低保: the 3-wd start clock (RULES §5) is met; 特困: the 15-wd investigation clock (RULES §13) runs on to the first review.
    return { next: c.kind === 'dibao' ? withStepClock(next, undefined, ctx.now) : next, note };
  },

  requestDataCheck(c, e, ctx) {
    if (c.dataCheck && c.dataCheck.result === undefined) return err('CASE.ILLEGAL_TRANSITION', '已经申请核对，正在等待结果');
    return { next: { ...c, dataCheck: { requestedAt: ctx.now, requestedBy: ctx.actor.userId } }, note: e.note };
  },

  recordDataCheck(c, e, ctx) {
    if (!c.dataCheck) return err('CASE.ILLEGAL_TRANSITION', '还没有申请家庭经济状况核对');
    if (c.dataCheck.result !== undefined) return err('CASE.ILLEGAL_TRANSITION', '核对结果已经登记过了');
    const dataCheck: NonNullable<CaseRecord['dataCheck']> = { ...c.dataCheck, result: e.result, recordedAt: ctx.now };
    if (e.note !== undefined) dataCheck.resultNote = e.note;
    if (e.fileIds !== undefined) dataCheck.resultFileIds = e.fileIds;
    return { next: { ...c, dataCheck }, note: e.note };
  },

  assessSelfCare(c, e, ctx) {
    const { failed, classification } = classifySelfCare(e.answers);
    return { next: { ...c, selfCare: { at: ctx.now, byUserId: ctx.actor.userId, answers: e.answers, failed, classification } } };
  },

  firstReview(c, e, ctx) {
    if (!c.dataCheck?.result) return err('CASE.DATA_CHECK_PENDING');
    // RULES §15: 特困 support depends on the self-care class, so it is assessed before the opinion.
    if (c.kind === 'tekun' && !c.selfCare) return err('CASE.SELF_CARE_NOT_ASSESSED');
    if (e.opinion === 'approve' && e.proposedAmountYuan === undefined) return err('INPUT.INVALID', '拟批准的请填写拟保障金额');
    const firstReview: NonNullable<CaseRecord['firstReview']> = { at: ctx.now, byUserId: ctx.actor.userId, opinion: e.opinion, note: e.note };
    if (e.opinion === 'approve') firstReview.proposedAmountYuan = e.proposedAmountYuan;
    return { next: withStepClock({ ...c, firstReview, state: 'reviewed' }, undefined, ctx.now), note: e.note };
  },

  startPublicNotice(c, _e, ctx) {
    if (!isPostable(c)) return err('CASE.NOTICE_NOT_POSTABLE', '未成年人的特困供养申请不张榜公示，请选择“不公示”');
    if (c.firstReview?.opinion !== 'approve') return err('CASE.NOTICE_NOT_POSTABLE', '初审意见为不予批准，没有可公示的内容，请选择“不公示”');
    const startDate = today(ctx);
    const notice: CaseRecord['publicNotices'][number] = {
      round: c.publicNotices.length + 1,
      startedAt: ctx.now,
      byUserId: ctx.actor.userId,
      startDate,
      endsOn: addDays(startDate, PUBLIC_NOTICE_DAYS),
      objections: [],
    };
    return { next: { ...c, state: 'publicNotice', publicNotices: [...c.publicNotices, notice] }, note: `公示至${notice.endsOn}` };
  },

  recordObjection(c, e, ctx) {
    // RULES §13: an objection to a 特困 notice is re-investigated.
    if (c.kind === 'tekun' && e.handling !== 'reinvestigate') return err('INPUT.INVALID', '特困人员公示有异议的，应当重新调查核实');
    const notices = c.publicNotices.slice();
    const current = notices[notices.length - 1]!;
    notices[notices.length - 1] = {
      ...current,
      endedAt: ctx.now,
      objections: [...current.objections, { at: ctx.now, byUserId: ctx.actor.userId, text: e.text, handling: e.handling }],
    };
    const objected: CaseRecord = { ...c, publicNotices: notices };
    // RULES §6: re-investigate or 民主评议, then post again.
    if (e.handling === 'democraticReview') return { next: { ...objected, state: 'awaitingDemocraticReview' }, note: e.text };
    const next: CaseRecord = { ...objected, state: 'awaitingInvestigation' };
    // RULES §13: 特困 re-investigation within 15 wd.
    const clock = c.kind === 'tekun' ? startStepClock('reinvestigation', next, ctx.settings, ctx.now) : undefined;
    return { next: withStepClock(next, clock, ctx.now), note: e.text };
  },

  recordDemocraticReview(c, e, ctx) {
    const notices = c.publicNotices.slice();
    const current = notices[notices.length - 1]!;
    const objections = current.objections.slice();
    const last = objections[objections.length - 1]!;
    objections[objections.length - 1] = {
      ...last,
      democraticReview: { at: ctx.now, byUserId: ctx.actor.userId, summary: e.summary, photoFileIds: e.photoFileIds ?? [] },
    };
    notices[notices.length - 1] = { ...current, objections };
    // The office gives a new first-review opinion in the light of the review, then posts again.
    return { next: { ...c, publicNotices: notices, state: 'investigating' }, note: e.summary };
  },

  endPublicNotice(c, _e, ctx) {
    const notices = c.publicNotices.slice();
    const current = notices[notices.length - 1]!;
    if (today(ctx) < current.endsOn) return err('CASE.NOTICE_NOT_ENDED', `${PUBLIC_NOTICE_DAYS}天公示期到${current.endsOn}才结束`, { endsOn: current.endsOn });
    notices[notices.length - 1] = { ...current, endedAt: ctx.now };
    return { next: enterDecisionStage({ ...c, publicNotices: notices }, ctx) };
  },

  skipPublicNotice(c, _e, ctx) {
    // RULES §29: a minor's 特困 case is not posted; a negative opinion has no benefit to post.
    const reason = !isPostable(c) ? 'minorTekun' : c.firstReview?.opinion === 'deny' ? 'negativeOpinion' : null;
    if (!reason) return err('CASE.NOTICE_REQUIRED');
    const skipped: CaseRecord = { ...c, noticeSkipped: { at: ctx.now, byUserId: ctx.actor.userId, reason } };
    return { next: enterDecisionStage(skipped, ctx), note: reason === 'minorTekun' ? '未成年人特困供养，不公示' : '初审不予批准，不公示' };
  },

  decide(c, e, ctx) {
    // RULES §19: the town approves temporary assistance up to its cap; above it the county decides (一事一议).
    if (c.kind === 'temporaryExpense' && e.decision.outcome === 'approve' && e.decision.amountYuan > townApprovalCapYuan(ctx.settings)) {
      return err('CASE.OVER_TOWN_APPROVAL_CAP', `金额超过乡镇审批权限（${townApprovalCapYuan(ctx.settings)}元），需要报县级民政部门一事一议`);
    }
    return applyDecision(c, e.decision, 'town', today(ctx), ctx);
  },

  recordCountyDecision(c, e, ctx) {
    const decidedOn = e.decidedOn ?? today(ctx);
    const future = notInFuture(decidedOn, ctx);
    if (future) return future;
    return applyDecision(c, e.decision, 'county', decidedOn, ctx, e.documentFileId);
  },

  recordWrittenNotice(c, e, ctx) {
    if (c.decision?.writtenNotice) return err('CASE.ILLEGAL_TRANSITION', '书面告知已经登记过了');
    const deliveredOn = e.deliveredOn ?? today(ctx);
    const future = notInFuture(deliveredOn, ctx);
    if (future) return future;
    const writtenNotice: NonNullable<NonNullable<CaseRecord['decision']>['writtenNotice']> = { deliveredAt: ctx.now, deliveredOn };
    if (e.fileId !== undefined) writtenNotice.fileId = e.fileId;
    const delivered = withStepClock({ ...c, decision: { ...c.decision!, writtenNotice } }, undefined, ctx.now);
    return { next: finishDenialIfDone(delivered, ctx), note: `书面告知送达于${deliveredOn}` };
  },

  closeExplanation(c, e, ctx) {
    if (c.explanation?.closedAt !== undefined) return err('CASE.ILLEGAL_TRANSITION', '解释说明已经完成');
    const explanation: NonNullable<CaseRecord['explanation']> = {
      ...c.explanation!,
      closedAt: ctx.now,
      closedBy: ctx.actor.userId,
      conversation: e.conversation,
    };
    if (e.talkedOn !== undefined) explanation.talkedOn = e.talkedOn;
    return { next: finishDenialIfDone({ ...c, explanation }, ctx), note: e.conversation };
  },

  extend(c, e, ctx) {
    // RULES §8: once, to 45 wd, for the listed reasons.
    if (c.extension) return err('CASE.ALREADY_EXTENDED');
    if (!c.procedureClock) return err('CASE.ILLEGAL_TRANSITION', '没有正在计时的办理期限');
    const extended: CaseRecord = { ...c, extension: { at: ctx.now, byUserId: ctx.actor.userId, reason: e.reason, note: e.note } };
    const clock = startStepClock('procedure', extended, ctx.settings, c.procedureClock.startedAt);
    return { next: withProcedureClock(extended, clock, ctx.now), note: e.note };
  },

  recordEmergencyHelp(c, e, ctx) {
    const givenAt = e.givenAt ?? ctx.now;
    if (givenAt > ctx.now) return err('INPUT.INVALID', '救助时间不能晚于现在');
    const helped: CaseRecord = {
      ...c,
      state: 'paperwork',
      emergency: { help: { what: e.what, amountYuan: e.amountYuan, givenAt, recordedAt: ctx.now, byUserId: ctx.actor.userId } },
    };
    // RULES §17, §19: the help clock stops when help was given; the paperwork clock runs from then.
    return {
      next: withStepClock(helped, startStepClock('emergencyPaperwork', helped, ctx.settings, givenAt), givenAt),
      note: `${e.what}，${e.amountYuan}元`,
    };
  },

  completePaperwork(c, e, ctx) {
    const incomplete = missingMessage(c);
    if (incomplete) return incomplete;
    const help = c.emergency!.help;
    // RULES §19: above the town's cap the county's approval completes the file.
    if (help.amountYuan > townApprovalCapYuan(ctx.settings) && e.countyApprovalFileId === undefined) {
      return err('CASE.OVER_TOWN_APPROVAL_CAP', `救助金额超过乡镇审批权限（${townApprovalCapYuan(ctx.settings)}元），请上传县级审批材料`);
    }
    const paperwork: NonNullable<NonNullable<CaseRecord['emergency']>['paperwork']> = {
      completedAt: ctx.now,
      byUserId: ctx.actor.userId,
      reason: e.reason,
      signOffs: e.signOffs,
    };
    if (e.countyApprovalFileId !== undefined) paperwork.countyApprovalFileId = e.countyApprovalFileId;
    return { next: closeCase({ ...c, emergency: { help, paperwork } }, 'helped', ctx), note: e.reason };
  },

  refer(c, e, ctx) {
    if (!isReferralKind(c.kind)) return err('CASE.ILLEGAL_TRANSITION');
    const referral: NonNullable<CaseRecord['referral']> = { to: e.to ?? REFERRAL_TARGETS[c.kind], at: ctx.now, byUserId: ctx.actor.userId };
    if (e.note !== undefined) referral.note = e.note;
    return { next: { ...c, state: 'referred', referral }, note: `转介至${referral.to}` };
  },

  recordReferralOutcome(c, e, ctx) {
    const referral = { ...c.referral!, outcome: { result: e.result, note: e.note, at: ctx.now, byUserId: ctx.actor.userId } };
    return { next: closeCase({ ...c, referral }, 'referred', ctx, e.note), note: e.note };
  },

  withdraw(c, e, ctx) {
    return { next: closeCase(c, 'withdrawn', ctx, e.reason), note: e.reason };
  },

  close(c, e, ctx) {
    return { next: closeCase(c, 'closed', ctx, e.reason), note: e.reason };
  },

  link(c, e) {
    if (e.caseId === c._id) return err('INPUT.INVALID', '不能关联自己');
    if (c.linkedCaseIds.includes(e.caseId)) return err('INPUT.INVALID', '已经关联过了');
    return { next: { ...c, linkedCaseIds: [...c.linkedCaseIds, e.caseId] }, note: e.caseId };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The transition

/** Messages to a resident go only where the case names the resident's own user (a proxy case may have none). */
export function reachable(effects: Effect[]): Effect[] {
  return effects.filter((x) => !(x.type === 'notify' && x.recipient === 'resident' && x.userId === undefined));
}

/**
 * Applies `event` to case `c` on behalf of `ctx.actor` at `ctx.now`.
 * Errors (no new record): INPUT.INVALID (the event fails its schema or a data check), ROLE.FORBIDDEN (the role may not
 * send it), SCOPE.FORBIDDEN (a resident acting on a case not in their name), CASE.NOT_CONFIRMED (a town step before the
 * resident confirmed a proxy application), CASE.ILLEGAL_TRANSITION (not allowed for this kind in this state), and the
 * step's own CASE.* codes. Grid / village scope is the caller's check.
 * On success the next record has the timeline entry appended and `updatedAt = now`; `version` is the store's.
 * Besides the step's own effects, a change of state notifies the resident (unless they acted themselves) and the town
 * office (unless it acted itself). Resident messages are dropped when the case names no resident user.
 */
export function transition(c: CaseRecord, event: CaseEvent, ctx: TransitionContext): Result<TransitionResult> {
  const parsed = caseEventSchema.safeParse(event);
  if (!parsed.success) return err('INPUT.INVALID', parsed.error.issues[0]?.message, parsed.error.flatten());
  const e = parsed.data;
  const { actor } = ctx;
  if (!EVENT_ROLES[e.type].includes(actor.role)) return err('ROLE.FORBIDDEN', undefined, { event: e.type, role: actor.role });
  if (actor.role === 'resident' && c.residentUserId !== actor.userId) return err('SCOPE.FORBIDDEN');
  if (!allowedEvents(c.kind, c.state).includes(e.type)) {
    const details = { kind: c.kind, state: c.state, event: e.type };
    if (c.state === 'awaitingConfirmation' && actor.role === 'officer') return err('CASE.NOT_CONFIRMED', undefined, details);
    return err('CASE.ILLEGAL_TRANSITION', `当前环节（${CASE_STATE_LABELS[c.state]}）不能${CASE_EVENT_LABELS[e.type]}`, details);
  }
  const handler = HANDLERS[e.type] as Handler<CaseEventType>;
  const step = handler(c, e as EventOf<CaseEventType>, ctx);
  if (isErr(step)) return step;

  const entry: TimelineEntry = { at: ctx.now, actorId: actor.userId, actorRole: actor.role, from: c.state, to: step.next.state, event: e.type };
  if (step.note) entry.note = step.note;
  const next: CaseRecord = { ...step.next, updatedAt: ctx.now, timeline: [...c.timeline, entry] };
  const effects = step.effects ?? [];
  if (next.state !== c.state) {
    const told = (recipient: string) => effects.some((x) => x.type === 'notify' && x.recipient === recipient);
    if (actor.role !== 'resident' && !told('resident')) effects.push(notify(next, 'resident', 'stateChanged'));
    if (actor.role !== 'officer' && !told('officer')) effects.push(notify(next, 'officer', 'stateChanged'));
  }
  return ok({ next, effects: reachable(effects) });
}

/** The events this actor may send on this case now (for the case page's action buttons). */
export function availableEvents(
  c: Pick<CaseRecord, 'kind' | 'state' | 'residentUserId'> & Partial<Pick<CaseRecord, 'decision' | 'explanation'>>,
  actor: TransitionContext['actor'],
): CaseEventType[] {
  if (actor.role === 'resident' && c.residentUserId !== actor.userId) return [];
  // A denied case waits for two things; the one already done is no longer on offer.
  const done = (type: CaseEventType) =>
    (type === 'recordWrittenNotice' && c.decision?.writtenNotice !== undefined) ||
    (type === 'closeExplanation' && c.explanation?.closedAt !== undefined);
  return allowedEvents(c.kind, c.state).filter((type) => EVENT_ROLES[type].includes(actor.role) && !done(type));
}
