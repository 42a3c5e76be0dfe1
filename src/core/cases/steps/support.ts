// The steps after an approval (RULES §15–16): a reported change in a 特困 person's self-care and its re-assessment
// (the assessment itself is `assessSelfCare`, review.ts), and the termination procedure — 7-day notice, objection
// decided within 15 wd, stop from the next month, the move to 低保 or 临时救助 where eligible. A 低保 exit after a
// verification finding takes the same path.
import { addDays, startOfBeijingDayMs } from '../../calendar';
import { addMonths } from '../../verification';
import { err } from '../../errors';
import { TERMINATION_OBJECTION_OUTCOME_LABELS, TERMINATION_TRANSFER_LABELS, type CaseRecord } from '../case-record';
import { happenedOn, withStepClock } from '../case-clocks';
import { notify } from '../effects';
import { startStepClock, TERMINATION_NOTICE_DAYS } from '../limits';
import { benefitStartMonth } from './decision';
import { closeCase, notInFuture, today, type Handlers } from './shared';

type SupportEvent = 'reportSelfCareChange' | 'startTermination' | 'objectToTermination' | 'decideTerminationObjection' | 'terminate';

/** Only a case whose application was approved (and not since terminated) is a person in support. */
const notSupported = (c: CaseRecord) =>
  c.closure?.outcome !== 'approved' ? err('CASE.ILLEGAL_TRANSITION', '只有已批准、仍在保障中的对象才能办理这一步') : null;

export const SUPPORT_STEPS: Handlers<SupportEvent> = {
  reportSelfCareChange(c, e, ctx) {
    const refused = notSupported(c);
    if (refused) return refused;
    const reportedOn = e.reportedOn ?? today(ctx);
    const future = notInFuture(reportedOn, ctx);
    if (future) return future;
    const next: CaseRecord = {
      ...c,
      state: 'awaitingReassessment',
      selfCareChange: { reportedOn, recordedAt: ctx.now, byUserId: ctx.actor.userId, change: e.change },
    };
    // RULES §15: re-assessed within 10 wd of the report (an earlier report day counts from that day).
    const start = reportedOn < today(ctx) ? startOfBeijingDayMs(reportedOn) : ctx.now;
    return { next: withStepClock(next, startStepClock('selfCareReassessment', next, ctx.settings, start), ctx.now), note: e.change };
  },

  startTermination(c, e, ctx) {
    const refused = notSupported(c);
    if (refused) return refused;
    // RULES §9: 渐退 is a 低保 rule; 特困 support ends without it (RULES §16).
    if (e.gradualExitMonths !== undefined && c.kind !== 'dibao') return err('INPUT.INVALID', '只有低保对象可以设渐退期');
    const noticeStartDate = today(ctx);
    const termination: NonNullable<CaseRecord['termination']> = {
      startedAt: ctx.now,
      byUserId: ctx.actor.userId,
      reason: e.reason,
      noticeStartDate,
      noticeEndsOn: addDays(noticeStartDate, TERMINATION_NOTICE_DAYS),
      objections: [],
    };
    if (e.gradualExitMonths !== undefined) termination.gradualExitMonths = e.gradualExitMonths;
    const gradual = e.gradualExitMonths ? `，渐退期${e.gradualExitMonths}个月` : '';
    return { next: { ...c, state: 'terminationNotice', termination }, note: `${e.reason}（告知至${termination.noticeEndsOn}${gradual}）` };
  },

  objectToTermination(c, e, ctx) {
    const raisedOn = e.raisedOn ?? today(ctx);
    const future = notInFuture(raisedOn, ctx);
    if (future) return future;
    const t = c.termination!;
    if (raisedOn < t.noticeStartDate) return err('INPUT.INVALID', `异议日期不能早于告知开始的日期：${t.noticeStartDate}`);
    const termination = { ...t, objections: [...t.objections, { raisedOn, recordedAt: ctx.now, byUserId: ctx.actor.userId, text: e.text }] };
    const next: CaseRecord = { ...c, state: 'awaitingObjectionDecision', termination };
    // RULES §16: the objection is decided within 15 wd of being raised.
    const start = raisedOn < today(ctx) ? startOfBeijingDayMs(raisedOn) : ctx.now;
    return { next: withStepClock(next, startStepClock('terminationObjection', next, ctx.settings, start), ctx.now), note: e.text };
  },

  decideTerminationObjection(c, e, ctx) {
    const decidedOn = e.decidedOn ?? today(ctx);
    const future = notInFuture(decidedOn, ctx);
    if (future) return future;
    const t = c.termination!;
    const objections = t.objections.slice();
    const last = objections[objections.length - 1]!;
    if (decidedOn < last.raisedOn) return err('INPUT.INVALID', `复核日期不能早于提出异议的日期：${last.raisedOn}`);
    objections[objections.length - 1] = { ...last, decision: { outcome: e.outcome, note: e.note, decidedOn, recordedAt: ctx.now, recordedBy: ctx.actor.userId } };
    const stop = happenedOn(decidedOn, ctx);
    const decided: CaseRecord = { ...c, termination: { ...t, objections } };
    const note = `${TERMINATION_OBJECTION_OUTCOME_LABELS[e.outcome]}：${e.note}`;
    // Upheld: support goes on and the case closes again as approved; rejected: the termination goes on.
    const state = e.outcome === 'upheld' ? 'closed' : 'terminationNotice';
    return { next: withStepClock({ ...decided, state }, undefined, stop), note };
  },

  terminate(c, e, ctx) {
    const t = c.termination!;
    // RULES §16: not before the 7-day notice has run; not while an objection waits (that state does not offer this).
    if (today(ctx) < t.noticeEndsOn) return err('CASE.NOTICE_NOT_ENDED', `${TERMINATION_NOTICE_DAYS}天告知期到${t.noticeEndsOn}才结束`, { endsOn: t.noticeEndsOn });
    // RULES §16: a person leaving 低保 cannot be moved to 低保.
    if (c.kind === 'dibao' && e.transfer === 'dibao') return err('INPUT.INVALID', '退出低保的对象不能转入低保，请选择临时救助或不符合条件');
    const termination: NonNullable<CaseRecord['termination']> = {
      ...t,
      terminatedAt: ctx.now,
      // RULES §16: benefits stop from the month after the termination takes effect; RULES §9: after the 渐退 months.
      stopsFromMonth: addMonths(benefitStartMonth(today(ctx)), t.gradualExitMonths ?? 0),
      transfer: e.transfer,
    };
    if (e.note !== undefined) termination.transferNote = e.note;
    const note = `自${termination.stopsFromMonth}起停发；${TERMINATION_TRANSFER_LABELS[e.transfer]}${e.note ? `：${e.note}` : ''}`;
    const next = closeCase({ ...c, termination }, 'terminated', ctx, note);
    return { next, effects: [notify(next, 'resident', 'decision')], note };
  },
};
