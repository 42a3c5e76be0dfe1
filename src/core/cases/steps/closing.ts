// The remaining steps: 急难 help first and paperwork after (RULES §17, §19), referral (RULES §20), withdrawal,
// closure and linking.
import { err } from '../../errors';
import { townApprovalCapYuan } from '../../settings';
import { isReferralKind, REFERRAL_TARGETS, type CaseRecord } from '../case-record';
import { withStepClock } from '../case-clocks';
import { caseReferralId, filingWorkerId, type CreateReferralEffect } from '../effects';
import { startStepClock } from '../limits';
import { closeCase, missingMessage, type Handlers } from './shared';

type ClosingEvent =
  | 'recordEmergencyHelp'
  | 'completePaperwork'
  | 'refer'
  | 'recordReferralOutcome'
  | 'withdraw'
  | 'close'
  | 'link';

export const CLOSING_STEPS: Handlers<ClosingEvent> = {
  recordEmergencyHelp(c, e, ctx) {
    // RULES §17: a gridworker helps first on the applications they filed; any other help is the office's.
    if (ctx.actor.role === 'gridworker' && (c.proxy === undefined || filingWorkerId(c) !== ctx.actor.userId)) return err('ROLE.FORBIDDEN', '网格员只能为自己代办的急难申请登记先行救助');
    const givenAt = e.givenAt ?? ctx.now;
    if (givenAt > ctx.now) return err('INPUT.INVALID', '救助时间不能晚于现在');
    const helped: CaseRecord = {
      ...c,
      state: 'paperwork',
      emergency: { help: { what: e.what, amountYuan: e.amountYuan, givenAt, recordedAt: ctx.now, byUserId: ctx.actor.userId } },
    };
    // RULES §17, §19: the help clock stops when help was given (entered later: who entered it and when are kept);
    // the paperwork clock runs from then.
    const stop = givenAt < ctx.now ? { at: givenAt, recorded: { at: ctx.now, by: ctx.actor.userId } } : ctx.now;
    return {
      next: withStepClock(helped, startStepClock('emergencyPaperwork', helped, ctx.settings, givenAt), stop),
      note: `${e.what}，${e.amountYuan}元`,
    };
  },

  completePaperwork(c, e, ctx) {
    // RULES §17: help may come first, but the file is completed only with the resident's own answer (PRODUCT flow 2).
    if (c.proxy && c.proxy.confirmation.status === 'pending') return err('CASE.NOT_CONFIRMED', '居民本人还没有确认这件代办申请，确认后才能补齐手续');
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
    const referralId = caseReferralId(c._id);
    const referral: NonNullable<CaseRecord['referral']> = { to: e.to ?? REFERRAL_TARGETS[c.kind], referralId, at: ctx.now, byUserId: ctx.actor.userId };
    if (e.note !== undefined) referral.note = e.note;
    // RULES §20: the case goes to the office as a referral record; its answer, recorded there, closes the case.
    const send: CreateReferralEffect = { type: 'createReferral', caseId: c._id, referralId, kind: c.kind, office: referral.to, reason: e.note ?? '由办件转介' };
    return { next: { ...c, state: 'referred', referral }, note: `转介至${referral.to}`, effects: [send] };
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
