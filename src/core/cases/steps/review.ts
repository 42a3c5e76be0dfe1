// The review steps (RULES §4–6, §13, §15, §29): investigation, data check, self-care, first review, the public
// notice with its objections and 民主评议, and the way into the decision stage.
import { beijingDate, startOfBeijingDayMs } from '../../calendar';
import { err } from '../../errors';
import { countyInvestigationRequired, type CaseRecord } from '../case-record';
import { happenedOn, replaceClock, withStepClock } from '../case-clocks';
import type { TransitionContext } from '../context';
import { PUBLIC_NOTICE_DAYS, startStepClock } from '../limits';
import { noticePeriod } from '../notice-board';
import { isPostable } from '../public-notice';
import { classifySelfCare, SELF_CARE_CLASS_LABELS } from '../self-care';
import { notInFuture, today, type Handlers } from './shared';

/** After the notice (or its skipping): the town decides when delegated, otherwise the county within its limit. */
function enterDecisionStage(c: CaseRecord, ctx: TransitionContext): CaseRecord {
  // RULES §8: where confirmation is delegated to the town, the town decides within the county's limit (limits.ts).
  if (ctx.settings.townDelegatedConfirmation) {
    const next: CaseRecord = { ...c, state: 'awaitingTownDecision' };
    return withStepClock(next, startStepClock('townConfirmation', next, ctx.settings, ctx.now), ctx.now);
  }
  // RULES §7, §14: the county decides within its limit of receiving the file.
  const next: CaseRecord = { ...c, state: 'awaitingCountyDecision' };
  return withStepClock(next, startStepClock('countyDecision', next, ctx.settings, ctx.now), ctx.now);
}

type ReviewEvent =
  | 'startInvestigation'
  | 'requestDataCheck'
  | 'recordDataCheck'
  | 'assessSelfCare'
  | 'firstReview'
  | 'startPublicNotice'
  | 'recordObjection'
  | 'recordDemocraticReview'
  | 'endPublicNotice'
  | 'skipPublicNotice';

export const REVIEW_STEPS: Handlers<ReviewEvent> = {
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
    // 低保: the 3-wd start clock (RULES §5) is met — judged by the visit day; 特困: the 15-wd investigation clock
    // (RULES §13) runs on to the first review.
    return { next: c.kind === 'dibao' ? withStepClock(next, undefined, happenedOn(e.visitedOn, ctx)) : next, note };
  },

  requestDataCheck(c, e, ctx) {
    if (c.dataCheck && c.dataCheck.result === undefined) return err('CASE.ILLEGAL_TRANSITION', '已经申请核对，正在等待结果');
    const next: CaseRecord = { ...c, dataCheck: { requestedAt: ctx.now, requestedBy: ctx.actor.userId } };
    // RULES §5: the county starts a 低保 data check within 3 wd of the request.
    const clock = c.kind === 'dibao' ? startStepClock('dataCheckStart', next, ctx.settings, ctx.now) : undefined;
    return { next: clock ? replaceClock(next, 'dataCheckClock', clock, ctx.now) : next, note: e.note };
  },

  recordDataCheck(c, e, ctx) {
    if (!c.dataCheck) return err('CASE.ILLEGAL_TRANSITION', '还没有申请家庭经济状况核对');
    // A check recorded before report numbers were kept may be completed once (逢进必核, RULES §5).
    if (c.dataCheck.result !== undefined && c.dataCheck.reference !== undefined) return err('CASE.ILLEGAL_TRANSITION', '核对结果已经登记过了');
    const future = (e.startedOn !== undefined ? notInFuture(e.startedOn, ctx) : null) ?? (e.reportedOn !== undefined ? notInFuture(e.reportedOn, ctx) : null);
    if (future) return future;
    if (e.startedOn !== undefined && startOfBeijingDayMs(e.startedOn) < startOfBeijingDayMs(beijingDate(c.dataCheck.requestedAt))) {
      return err('INPUT.INVALID', '核对开始日期不能早于申请核对的日期');
    }
    const dataCheck: NonNullable<CaseRecord['dataCheck']> = { ...c.dataCheck, result: e.result, reference: e.reference, reportedOn: e.reportedOn ?? today(ctx), recordedAt: ctx.now };
    if (e.startedOn !== undefined) dataCheck.startedOn = e.startedOn;
    if (e.note !== undefined) dataCheck.resultNote = e.note;
    if (e.fileIds !== undefined) dataCheck.resultFileIds = e.fileIds;
    // RULES §5: the county's 3-wd start clock stops on the day it started the check (entered now, judged by that day).
    const next: CaseRecord = c.dataCheckClock ? replaceClock({ ...c, dataCheck }, 'dataCheckClock', undefined, happenedOn(e.startedOn, ctx)) : { ...c, dataCheck };
    return { next, note: e.note };
  },

  assessSelfCare(c, e, ctx) {
    const future = e.assessedOn !== undefined ? notInFuture(e.assessedOn, ctx) : null;
    if (future) return future;
    const { failed, classification } = classifySelfCare(e.answers);
    const assessed: CaseRecord = { ...c, selfCare: { at: ctx.now, byUserId: ctx.actor.userId, answers: e.answers, failed, classification } };
    if (c.state !== 'awaitingReassessment') return { next: assessed };
    // RULES §15: the re-assessment after a reported change meets its 10-wd clock on the day it was done; the
    // approved case closes again with the new class (the benefit follows the class).
    const change = { ...c.selfCareChange!, reassessedAt: ctx.now };
    const next = withStepClock({ ...assessed, state: 'closed', selfCareChange: change }, undefined, happenedOn(e.assessedOn, ctx));
    return { next, note: SELF_CARE_CLASS_LABELS[classification] };
  },

  firstReview(c, e, ctx) {
    if (!c.dataCheck?.result) return err('CASE.DATA_CHECK_PENDING');
    // RULES §15: 特困 support depends on the self-care class, so it is assessed before the opinion.
    if (c.kind === 'tekun' && !c.selfCare) return err('CASE.SELF_CARE_NOT_ASSESSED');
    if (e.opinion === 'approve' && e.proposedAmountYuan === undefined) return err('INPUT.INVALID', '拟批准的请填写拟保障金额');
    const firstReview: NonNullable<CaseRecord['firstReview']> = { at: ctx.now, byUserId: ctx.actor.userId, opinion: e.opinion, note: e.note };
    if (e.opinion === 'approve') firstReview.proposedAmountYuan = e.proposedAmountYuan;
    if (e.perCapitaIncomeYuan !== undefined) firstReview.perCapitaIncomeYuan = e.perCapitaIncomeYuan;
    if (e.coveredPersons !== undefined) firstReview.coveredPersons = e.coveredPersons;
    return { next: withStepClock({ ...c, firstReview, state: 'reviewed' }, undefined, ctx.now), note: e.note };
  },

  startPublicNotice(c, _e, ctx) {
    if (!isPostable(c)) return err('CASE.NOTICE_NOT_POSTABLE', '申请人是未成年人，不张榜公示，请选择“不公示”');
    if (c.firstReview?.opinion !== 'approve') return err('CASE.NOTICE_NOT_POSTABLE', '初审意见为不予批准，没有可公示的内容，请选择“不公示”');
    // The village board posts with the same period (notice-board.ts), so its dates are the case clock's.
    const notice: CaseRecord['publicNotices'][number] = {
      round: c.publicNotices.length + 1,
      startedAt: ctx.now,
      byUserId: ctx.actor.userId,
      ...noticePeriod(ctx.now),
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
    // RULES §29: a minor's case is not posted (issue 13: minors never on the notice board); a negative opinion has no benefit to post.
    const reason = !isPostable(c) ? 'minor' : c.firstReview?.opinion === 'deny' ? 'negativeOpinion' : null;
    if (!reason) return err('CASE.NOTICE_REQUIRED');
    const skipped: CaseRecord = { ...c, noticeSkipped: { at: ctx.now, byUserId: ctx.actor.userId, reason } };
    return { next: enterDecisionStage(skipped, ctx), note: reason === 'minor' ? '申请人是未成年人，不公示' : '初审不予批准，不公示' };
  },
};
