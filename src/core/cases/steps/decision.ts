// The decision steps (RULES §7–8, §14, §19): the town's or the county's decision, the written notice and the
// explanation after a denial, the one extension.
import { beijingDate } from '../../calendar';
import { err } from '../../errors';
import { townApprovalCapYuan } from '../../settings';
import { checkApprovedAmount, suggestedAmount } from '../amounts';
import type { CaseRecord } from '../case-record';
import { happenedOn, withProcedureClock, withStepClock } from '../case-clocks';
import type { TransitionContext } from '../context';
import { filingWorkerId, notify, type Effect } from '../effects';
import type { DecisionInput } from '../events';
import { startStepClock } from '../limits';
import { closeCase, notInFuture, today, type Handlers, type Outcome } from './shared';

// RULES §7, §14: a denial of 低保 or 特困 is notified in writing within 3 wd (临时救助 has no such national rule).
export function writtenNoticeRequired(kind: CaseRecord['kind']): boolean {
  return kind === 'dibao' || kind === 'tekun';
}

// RULES §7, §14: benefits are paid from the month after the decision.
export function benefitStartMonth(decidedOn: string): string {
  const [y, m] = decidedOn.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** A denial is finished when the written notice is delivered (where required) and the explanation recorded. */
function finishDenialIfDone(c: CaseRecord, ctx: TransitionContext): CaseRecord {
  const noticeDone = !writtenNoticeRequired(c.kind) || c.decision?.writtenNotice !== undefined;
  return noticeDone && c.explanation?.closedAt !== undefined ? closeCase(c, 'denied', ctx) : c;
}

function applyDecision(
  c: CaseRecord,
  input: DecisionInput,
  by: 'town' | 'county',
  decidedOn: string,
  ctx: TransitionContext,
  documentFileId?: string,
): Outcome {
  // Issue 11 item 3: the decision clock is judged by the day the decision was taken, not the day it was typed in.
  const stop = happenedOn(decidedOn, ctx);
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
    const suggestion = suggestedAmount(c, ctx.settings);
    const refused = checkApprovedAmount(input.amountYuan, input.amountReason, suggestion, ctx.settings);
    if (refused) return refused;
    decision.amountYuan = input.amountYuan;
    if (suggestion) decision.suggestedAmountYuan = suggestion.amountYuan;
    if (input.amountReason !== undefined) decision.amountReason = input.amountReason;
    if (recurring) decision.benefitStartMonth = benefitStartMonth(decidedOn);
    const next = closeCase({ ...c, decision }, 'approved', ctx, undefined, stop);
    return { next, effects: [notify(next, 'resident', 'decision'), notify(next, 'gridworker', 'decision')], note: `批准，金额${input.amountYuan}元` };
  }
  decision.reasons = input.reasons;
  const stopped = withProcedureClock({ ...c, decision, state: 'denied', explanation: { taskCreatedAt: ctx.now } }, undefined, stop);
  // The written-notice clock counts from the decision day (a county decision may be recorded a day or two later).
  const next = withStepClock(stopped, writtenNoticeRequired(c.kind) ? startStepClock('writtenNotice', c, ctx.settings, stop.at) : undefined, stop);
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

type DecisionEvent =
  | 'decide'
  | 'recordCountyDecision'
  | 'recordSpotCheck'
  | 'recordWrittenNotice'
  | 'closeExplanation'
  | 'extend';

export const DECISION_STEPS: Handlers<DecisionEvent> = {
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
    if (c.clock && decidedOn < beijingDate(c.clock.startedAt)) return err('INPUT.INVALID', `决定日期不能早于报送县级的日期：${beijingDate(c.clock.startedAt)}`);
    return applyDecision(c, e.decision, 'county', decidedOn, ctx, e.documentFileId);
  },

  recordSpotCheck(c, e, ctx) {
    if (c.spotCheck) return err('CASE.ILLEGAL_TRANSITION', '这份档案的县级抽查已经登记过了');
    const checkedOn = e.checkedOn ?? today(ctx);
    const future = notInFuture(checkedOn, ctx);
    if (future) return future;
    const spotCheck: NonNullable<CaseRecord['spotCheck']> = { checkedOn, checkedBy: e.checkedBy, result: e.result, recordedAt: ctx.now, recordedBy: ctx.actor.userId };
    if (e.note !== undefined) spotCheck.note = e.note;
    return { next: { ...c, spotCheck }, note: `${e.checkedBy}，${checkedOn}${e.note ? `：${e.note}` : ''}` };
  },

  recordWrittenNotice(c, e, ctx) {
    if (c.decision?.writtenNotice) return err('CASE.ILLEGAL_TRANSITION', '书面告知已经登记过了');
    const deliveredOn = e.deliveredOn ?? today(ctx);
    const future = notInFuture(deliveredOn, ctx);
    if (future) return future;
    const writtenNotice: NonNullable<NonNullable<CaseRecord['decision']>['writtenNotice']> = { deliveredAt: ctx.now, deliveredOn };
    if (e.fileId !== undefined) writtenNotice.fileId = e.fileId;
    // Judged by the delivery day, however late it is entered.
    const delivered = withStepClock({ ...c, decision: { ...c.decision!, writtenNotice } }, undefined, happenedOn(deliveredOn, ctx));
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
};
