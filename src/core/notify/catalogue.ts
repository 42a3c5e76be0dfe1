// The words of every in-app message (issue 14, "words in three layers"): one catalogue, per message a function from
// typed values to its title and body. Functions decide who gets a message and when; what it says is written here.
import { ALERT_REASON_LABELS, type AlertReason } from '../alerts/roll-call';
import { beijingDate } from '../calendar';
import { CASE_KIND_LABELS, type CaseKind, type Decision } from '../cases/case-record';
import { CLOCK_STEP_LABELS, type ClockStep } from '../cases/clock';
import type { NotifyEffect, NotifyMessage } from '../cases/effects';
import { CASE_STATE_LABELS, RESIDENT_STATE_LABELS, type CaseState } from '../cases/states';
import {
  REFERRAL_KIND_LABELS,
  REFERRAL_OUTCOME_LABELS,
  REFERRAL_STATE_LABELS,
  type ReferralKind,
  type ReferralMark,
  type ReferralRecord,
  type ReferralState,
} from '../referrals/referral';
import { formatYuan } from '../text';
import { ISSUE_STATE_LABELS, type IssueState } from '../visits/issue';

export interface MessageText {
  title: string;
  body: string;
}

const CASE_NOTICE_TITLES: Record<NotifyMessage, string> = {
  stateChanged: '办理进度更新',
  missingMaterials: '请补齐申请材料',
  decision: '审批结果',
  confirmProxy: '请确认代办申请',
  urgentReport: '紧急求助线索',
  clockDueSoon: '办理时限将到',
  clockBreached: '已超过办理时限',
  clockMovedEarlier: '办理时限提前（节假日安排）',
};

/**
 * A decision as the applicant needs it: approved or not; if approved, how much and from which month; if not, why,
 * and that they may object and where (RULES §7, §14: a denial with its reasons).
 */
function decisionText(applicantName: string, kind: CaseKind, d: Pick<Decision, 'outcome' | 'amountYuan' | 'benefitStartMonth' | 'reasons'>): MessageText {
  const what = `${applicantName}的${CASE_KIND_LABELS[kind]}`;
  if (d.outcome === 'approve') {
    // A start month means a monthly benefit (低保, 特困); otherwise the amount is paid once (临时救助).
    const amount = d.amountYuan === undefined ? '' : d.benefitStartMonth ? `，每月${formatYuan(d.amountYuan)}` : `，救助金${formatYuan(d.amountYuan)}`;
    const [year, month] = (d.benefitStartMonth ?? '').split('-');
    const start = year && month ? `，从${year}年${Number(month)}月起发放` : '';
    return { title: '申请已批准', body: `${what}已批准${amount}${start}。有疑问可以咨询镇民政办。` };
  }
  const reasons = d.reasons && d.reasons.length > 0 ? d.reasons.join('；') : '见书面通知';
  return {
    title: '申请未获批准',
    body: `${what}未获批准。理由：${reasons}。网格员会当面向您说明；如有异议，可以向镇民政办反映，也可以依法申请行政复议或者提起行政诉讼。`,
  };
}

export const MESSAGE_TEXTS = {
  /** A case's notice (a transition's `notify` effect): where the case stands and the deadline running. */
  caseNotice(v: {
    message: NotifyMessage;
    applicantName: string;
    kind: CaseKind;
    state: CaseState;
    due?: NotifyEffect['due'];
    /** Residents read where their case is in their own words, and no office deadline. */
    audience: 'resident' | 'staff';
    decision?: Pick<Decision, 'outcome' | 'amountYuan' | 'benefitStartMonth' | 'reasons'>;
  }): MessageText {
    if (v.message === 'decision' && v.decision) return decisionText(v.applicantName, v.kind, v.decision);
    if (v.audience === 'resident') return { title: CASE_NOTICE_TITLES[v.message], body: `${v.applicantName}的${CASE_KIND_LABELS[v.kind]}：${RESIDENT_STATE_LABELS[v.state]}` };
    const base = `${v.applicantName}的${CASE_KIND_LABELS[v.kind]}：${CASE_STATE_LABELS[v.state]}`;
    const due = v.due ? `。${CLOCK_STEP_LABELS[v.due.step]}期限 ${v.due.dueDate ?? beijingDate(v.due.dueAt)}${v.due.estimated ? '（按工作日估算）' : ''}` : '';
    return { title: CASE_NOTICE_TITLES[v.message], body: base + due };
  },

  /** A denied application's explanation task for the gridworker. */
  explanationTask(v: { applicantName: string; reasons: readonly string[] }): MessageText {
    return { title: '请向申请人解释说明', body: `${v.applicantName}的申请未获批准，理由：${v.reasons.join('；')}。请当面解释并记录沟通情况。` };
  },

  /** Issue 15: a rostered resident said, when applying, that the roster's household size is out of date (RULES §9). */
  householdChange(v: { name: string; rosterSize: number | undefined; size: number; why: string }): MessageText {
    const roster = v.rosterSize !== undefined ? `花名册登记${v.rosterSize}人，` : '';
    return { title: '居民报告家庭人口有变化', body: `${v.name}申请救助时说家庭人口有变化：${roster}本人说现在${v.size}人（${v.why}）。请核实并更新花名册。` };
  },

  /** A gridworker's daily digest: tomorrow's visits and the overdue ones (one title, one day). */
  visitDigest(v: { dueTomorrow: number; overdue: number }): MessageText {
    return { title: '明日走访提醒', body: `明天应走访${v.dueTomorrow}人，已逾期${v.overdue}人，请安排走访` };
  },

  /** A visit that must reach the town office at once (RULES §26). */
  visitAlert(v: { childAtRisk: boolean; headName: string; address: string; reasons: readonly string[] }): MessageText {
    return { title: v.childAtRisk ? '紧急：走访发现儿童处于危险' : '跟踪帮扶走访发现异常', body: `${v.headName}户（${v.address}）：${v.reasons.join('；')}` };
  },

  issueAssigned(v: { ownerName: string; issueTitle: string; state: IssueState }): MessageText {
    return { title: `问题已分派给${v.ownerName}`, body: `${v.issueTitle}（${ISSUE_STATE_LABELS[v.state]}）` };
  },

  issueResolved(v: { issueTitle: string; resolution: string }): MessageText {
    return { title: `问题已办结：${v.issueTitle}`, body: `处理结果：${v.resolution}` };
  },

  issueReopened(v: { issueTitle: string; reason: string }): MessageText {
    return { title: `问题重新打开：${v.issueTitle}`, body: `原因：${v.reason}` };
  },

  /** A gridworker's roll call when an alert is raised. */
  alertRollCall(v: { reason: AlertReason; count: number; instructions: string }): MessageText {
    return { title: `${ALERT_REASON_LABELS[v.reason]}预警：请立即点名`, body: `您负责的${v.count}人需逐一联系确认平安。要求：${v.instructions}` };
  },

  /** People still unreached at an alert's deadline, for the cadres and the town office. */
  alertEscalated(v: { reason: AlertReason; count: number; where: string }): MessageText {
    return { title: `${ALERT_REASON_LABELS[v.reason]}预警：${v.count}人未联系上`, body: `已到截止时间，${v.where}仍有${v.count}人未联系上，请协助核实` };
  },

  /** A resident asks the gridworkers to confirm them as a registered person. */
  linkRequest(v: { personName: string }): MessageText {
    return { title: '居民申请关联本人信息', body: `${v.personName}申请把微信账号关联到本人的登记信息，请确认是否本人。` };
  },

  linked(v: { personName: string }): MessageText {
    return { title: '已关联本人信息', body: `你的微信已关联到${v.personName}的登记信息。` };
  },

  linkRefused(): MessageText {
    return { title: '关联申请未通过', body: '网格员未能确认你是登记的本人，可以在网格员上门时当面关联。' };
  },

  /** A resident's objection to a village notice entry: a task for the town office (RULES §6). */
  noticeObjection(v: { applicantName: string; text: string }): MessageText {
    return { title: '村务公示收到异议', body: `对${v.applicantName}的公示有异议：${v.text}` };
  },

  /** The office's answer, to a named filer. */
  objectionAnswered(v: { applicantName: string; answer: string }): MessageText {
    return { title: '公示异议已答复', body: `你对${v.applicantName}的公示提出的异议，镇民政办答复：${v.answer}` };
  },

  /** A referral's step, for the grid's staff (who follow the family up) and the linked resident (their own words). */
  referralStep(v: { name: string; kind: ReferralKind; office: string; state: ReferralState; decision: ReferralRecord['decision']; audience: 'resident' | 'staff' }): MessageText {
    const what = `${v.name}的${REFERRAL_KIND_LABELS[v.kind]}`;
    if (v.state === 'decided' && v.decision) {
      const given = [v.decision.amountYuan !== null ? formatYuan(v.decision.amountYuan) : '', v.decision.service ?? ''].filter(Boolean).join('，');
      const outcome = `${REFERRAL_OUTCOME_LABELS[v.decision.outcome]}${given ? `：${given}` : ''}`;
      return { title: '转介有结果了', body: `${what}，${v.office}答复：${outcome}。${v.decision.note}` };
    }
    if (v.audience === 'resident') return { title: '转介进度更新', body: `${what}已转给${v.office}，${REFERRAL_STATE_LABELS[v.state]}。` };
    return { title: `转介${REFERRAL_STATE_LABELS[v.state]}`, body: `${what}：${v.office}，${REFERRAL_STATE_LABELS[v.state]}` };
  },

  /** The sweep's reminder to the town office: a referral's clock due soon or past. */
  referralClock(v: { name: string; kind: ReferralKind; office: string; mark: ReferralMark; step: ClockStep; dueDate: string }): MessageText {
    const title = v.mark === 'breached' ? '转介已超过跟进期限' : '转介跟进期限将到';
    return { title, body: `${v.name}的${REFERRAL_KIND_LABELS[v.kind]}（${v.office}）：${CLOCK_STEP_LABELS[v.step]}期限 ${v.dueDate}` };
  },

  /** A newly linked resident's proxy applications waiting for them (the case's own notice is `caseNotice`). */
  proxyWaitingAfterLink(): MessageText {
    return { title: '有代办申请等你确认', body: '网格员为你代办的申请等你确认后，镇里才开始办理。' };
  },

  /** A campaign's comparison flagged persons of the worker's grids (issue 12): home re-checks due by a day. */
  recheckTasks(v: { campaign: string; count: number; dueOn: string }): MessageText {
    return { title: '有入户复核任务', body: `${v.campaign}核查比对发现你负责网格内${v.count}人有疑点，请在${v.dueOn}前上门核实并拍照留证。` };
  },
};
