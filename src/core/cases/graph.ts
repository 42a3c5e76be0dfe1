// Each kind's workflow as data: in each state, the events allowed and, per event, the states it may lead to (each
// with its condition when there are several), the clocks it may start and the effects it asks for. `transition`
// refuses an event the table does not list and checks every step against its row; the tests walk the table; the
// diagrams in docs/workflows.md are generated from it (scripts/workflow-docs.ts).
import type { CaseKind, CaseRecord, CaseSource } from './case-record';
import type { ClockStep } from './clock';
import type { NotifyMessage, NotifyRecipient } from './effects';
import type { CaseEventType } from './events';
import { isSupportState, type CaseState } from './states';

/** What a step may ask for besides the default state-change notices (`transition` adds those). */
export type EffectTag = `notify:${NotifyRecipient}:${NotifyMessage}` | 'createExplanationTask' | 'createReferral';

/**
 * A state an event may lead to: `when` (Chinese, shown on the diagram) names the condition where there are several;
 * the step or procedure clocks it may start (restart, for an extension) and the effects it may ask for.
 */
export interface Target {
  state: CaseState;
  when?: string;
  clocks?: readonly ClockStep[];
  effects?: readonly EffectTag[];
}

export interface Edge {
  to: readonly Target[];
}

export type Workflow = Readonly<Partial<Record<CaseState, Readonly<Partial<Record<CaseEventType, Edge>>>>>>;

const to = (state: CaseState, more: Omit<Target, 'state'> = {}): Edge => ({ to: [{ state, ...more }] });

// PRODUCT flow 2: a proxy application waits for the resident's own answer; the town's clock starts at it.
const proxyConfirmation = (intake: ClockStep): Workflow => ({
  awaitingConfirmation: {
    confirmByResident: to('received', { clocks: [intake], effects: ['notify:gridworker:stateChanged'] }),
    refuseByResident: to('closed', { effects: ['notify:gridworker:stateChanged'] }),
    recordPaperConfirmation: to('received', { clocks: [intake] }),
  },
});

// RULES §2: one notice listing everything missing; the completed file goes back to the town within its limit.
const REQUEST_MISSING: Edge = to('materialsRequested', { effects: ['notify:resident:missingMaterials', 'notify:gridworker:missingMaterials'] });
const SUPPLY_REQUESTED: Edge = {
  to: [
    { state: 'received', when: '材料已补齐', clocks: ['acknowledge'] },
    { state: 'materialsRequested', when: '仍有缺项' },
  ],
};

/** RULES §8: the town decides where confirmation is delegated to it; otherwise the county within its limit (§7, §14). */
const DECISION_STAGE: Edge = {
  to: [
    { state: 'awaitingTownDecision', when: '审核确认权委托乡镇', clocks: ['townConfirmation'] },
    { state: 'awaitingCountyDecision', when: '未委托', clocks: ['countyDecision'] },
  ],
};

// RULES §7, §14: approval closes the case; a denial waits for the written notice (where required) and the explanation.
const decision = (writtenNotice: boolean): Edge => ({
  to: [
    { state: 'closed', when: '批准', effects: ['notify:resident:decision', 'notify:gridworker:decision'] },
    { state: 'denied', when: '不予批准', clocks: writtenNotice ? ['writtenNotice'] : [], effects: ['createExplanationTask', 'notify:resident:decision'] },
  ],
});

const denial = (writtenNotice: boolean): Workflow => ({
  denied: writtenNotice
    ? {
        recordWrittenNotice: { to: [{ state: 'closed', when: '解释说明已完成' }, { state: 'denied', when: '解释说明未完成' }] },
        closeExplanation: { to: [{ state: 'closed', when: '书面告知已送达' }, { state: 'denied', when: '书面告知未送达' }] },
      }
    : {
        recordWrittenNotice: { to: [{ state: 'closed', when: '解释说明已完成' }, { state: 'denied', when: '解释说明未完成' }] },
        closeExplanation: to('closed'),
      },
});

/**
 * After approval (RULES §15–16): a reported change in a 特困 person's self-care is re-assessed within 10 wd; a
 * termination is announced for 7 days, an objection decided within 15 wd, and the benefit stops from the next month.
 * The same procedure serves a 低保 exit after a verification finding. Each reopens the closed case and closes it again.
 */
const support = (selfCare: boolean): Workflow => ({
  closed: {
    ...(selfCare ? { reportSelfCareChange: to('awaitingReassessment', { clocks: ['selfCareReassessment'] }) } : {}),
    startTermination: to('terminationNotice'),
  },
  ...(selfCare ? { awaitingReassessment: { assessSelfCare: to('closed') } } : {}),
  terminationNotice: {
    objectToTermination: to('awaitingObjectionDecision', { clocks: ['terminationObjection'] }),
    terminate: to('closed', { effects: ['notify:resident:decision'] }),
  },
  awaitingObjectionDecision: {
    decideTerminationObjection: {
      to: [
        { state: 'closed', when: '异议成立，继续保障' },
        { state: 'terminationNotice', when: '异议不成立' },
      ],
    },
  },
});

/** A self-report, discovery report or referral in, before the town triages it (PRODUCT flow 1). */
export const UNCLASSIFIED_WORKFLOW: Workflow = {
  submitted: {
    // RULES §17, §19: an emergency's help clock counts from the report.
    triage: to('received', { clocks: ['emergencyHelp'] }),
    closeWithAnswer: to('closed'),
  },
};

/** 低保 (RULES §1–10): intake, near-relative flag, investigation + data check, first review, 7-day notice, decision. */
export const DIBAO_WORKFLOW: Workflow = {
  ...proxyConfirmation('acknowledge'),
  received: {
    // RULES §5 the investigation starts within 3 wd; RULES §8 the whole procedure runs from acceptance.
    accept: to('awaitingInvestigation', { clocks: ['investigationStart', 'procedure'] }),
    requestMissingMaterials: REQUEST_MISSING,
    materialsSupplied: to('received'),
    flagNearRelative: to('received'),
  },
  materialsRequested: { materialsSupplied: SUPPLY_REQUESTED, flagNearRelative: to('materialsRequested') },
  awaitingInvestigation: {
    startInvestigation: to('investigating'),
    // RULES §5: the county starts the data check within 3 wd of the request.
    requestDataCheck: to('awaitingInvestigation', { clocks: ['dataCheckStart'] }),
    recordDataCheck: to('awaitingInvestigation'),
    flagNearRelative: to('awaitingInvestigation'),
    extend: to('awaitingInvestigation', { clocks: ['procedure'] }),
  },
  investigating: {
    requestDataCheck: to('investigating', { clocks: ['dataCheckStart'] }),
    recordDataCheck: to('investigating'),
    firstReview: to('reviewed'),
    extend: to('investigating', { clocks: ['procedure'] }),
  },
  // RULES §6: 民主评议 after an objection, then a new first-review opinion.
  awaitingDemocraticReview: {
    recordDemocraticReview: to('investigating'),
    extend: to('awaitingDemocraticReview', { clocks: ['procedure'] }),
  },
  reviewed: {
    startPublicNotice: to('publicNotice'),
    skipPublicNotice: DECISION_STAGE,
    extend: to('reviewed', { clocks: ['procedure'] }),
  },
  publicNotice: {
    recordObjection: {
      to: [
        { state: 'awaitingInvestigation', when: '重新调查核实' },
        { state: 'awaitingDemocraticReview', when: '组织民主评议' },
      ],
    },
    endPublicNotice: DECISION_STAGE,
    extend: to('publicNotice', { clocks: ['procedure'] }),
  },
  // 逢进必核 (RULES §5): a report number missing from the recorded check is completed before the decision.
  awaitingTownDecision: { decide: decision(true), recordDataCheck: to('awaitingTownDecision'), extend: to('awaitingTownDecision', { clocks: ['procedure'] }) },
  awaitingCountyDecision: {
    recordCountyDecision: decision(true),
    recordDataCheck: to('awaitingCountyDecision'),
    extend: to('awaitingCountyDecision', { clocks: ['procedure'] }),
  },
  ...denial(true),
  ...support(false),
};

/** 特困 (RULES §11–15): as 低保 with its own limits, the self-care assessment, and no 民主评议 or extension. */
export const TEKUN_WORKFLOW: Workflow = {
  ...proxyConfirmation('acknowledge'),
  received: {
    // RULES §13: the town investigates within 15 wd of acceptance.
    accept: to('awaitingInvestigation', { clocks: ['townInvestigation'] }),
    requestMissingMaterials: REQUEST_MISSING,
    materialsSupplied: to('received'),
  },
  materialsRequested: { materialsSupplied: SUPPLY_REQUESTED },
  awaitingInvestigation: {
    startInvestigation: to('investigating'),
    requestDataCheck: to('awaitingInvestigation'),
    recordDataCheck: to('awaitingInvestigation'),
    assessSelfCare: to('awaitingInvestigation'),
  },
  investigating: {
    requestDataCheck: to('investigating'),
    recordDataCheck: to('investigating'),
    assessSelfCare: to('investigating'),
    firstReview: to('reviewed'),
  },
  reviewed: { startPublicNotice: to('publicNotice'), skipPublicNotice: DECISION_STAGE },
  publicNotice: {
    // RULES §13: an objection is re-investigated within 15 wd.
    recordObjection: to('awaitingInvestigation', { clocks: ['reinvestigation'] }),
    endPublicNotice: DECISION_STAGE,
  },
  awaitingTownDecision: { decide: decision(true), recordDataCheck: to('awaitingTownDecision') },
  // RULES §14: the county samples ≥ 30 % of the files it reviews; the town records which were sampled.
  awaitingCountyDecision: {
    recordCountyDecision: decision(true),
    recordDataCheck: to('awaitingCountyDecision'),
    recordSpotCheck: to('awaitingCountyDecision'),
  },
  ...denial(true),
  ...support(true),
};

/**
 * 支出型临时救助 (RULES §18–19): intake, then the town decides within its limit; checks are recorded on the way.
 * Above the town's approval cap the county decides (一事一议) and the officer records it.
 */
export const TEMPORARY_EXPENSE_WORKFLOW: Workflow = {
  ...proxyConfirmation('acknowledge'),
  received: {
    accept: to('awaitingTownDecision', { clocks: ['townDecision'] }),
    requestMissingMaterials: REQUEST_MISSING,
    materialsSupplied: to('received'),
  },
  materialsRequested: { materialsSupplied: SUPPLY_REQUESTED },
  awaitingTownDecision: {
    startInvestigation: to('awaitingTownDecision'),
    requestDataCheck: to('awaitingTownDecision'),
    recordDataCheck: to('awaitingTownDecision'),
    decide: decision(false),
    recordCountyDecision: decision(false),
  },
  ...denial(false),
};

/** 急难型临时救助 (RULES §17, §19): help first, paperwork after. */
export const TEMPORARY_EMERGENCY_WORKFLOW: Workflow = {
  awaitingConfirmation: {
    ...proxyConfirmation('emergencyHelp').awaitingConfirmation,
    // RULES §17 先行救助: the filing gridworker or the office helps at once, before the resident confirms.
    recordEmergencyHelp: to('paperwork', { clocks: ['emergencyPaperwork'] }),
  },
  received: {
    recordEmergencyHelp: to('paperwork', { clocks: ['emergencyPaperwork'] }),
    materialsSupplied: to('received'),
  },
  paperwork: {
    materialsSupplied: to('paperwork'),
    // The resident's answer follows the help; the paperwork clock keeps running (RULES §17, §19).
    confirmByResident: to('paperwork', { effects: ['notify:gridworker:stateChanged'] }),
    recordPaperConfirmation: to('paperwork'),
    refuseByResident: to('closed', { effects: ['notify:gridworker:stateChanged'] }),
    completePaperwork: to('closed'),
  },
};

/** RULES §20: the town refers and tracks the outcome; it does not decide. */
export const REFERRAL_WORKFLOW: Workflow = {
  received: { refer: to('referred', { effects: ['createReferral'] }) },
  // The answer is recorded on the referral record, which closes the case (server/functions/referrals).
  referred: { recordReferralOutcome: to('closed') },
};

export const WORKFLOWS: Readonly<Record<CaseKind, Workflow>> = {
  unclassified: UNCLASSIFIED_WORKFLOW,
  dibao: DIBAO_WORKFLOW,
  tekun: TEKUN_WORKFLOW,
  temporaryExpense: TEMPORARY_EXPENSE_WORKFLOW,
  temporaryEmergency: TEMPORARY_EMERGENCY_WORKFLOW,
  medical: REFERRAL_WORKFLOW,
  education: REFERRAL_WORKFLOW,
  housing: REFERRAL_WORKFLOW,
  employment: REFERRAL_WORKFLOW,
  judicial: REFERRAL_WORKFLOW,
};

// RULES §3, §5, §12 (PRODUCT flow 8, 逢进必核): nobody enters 低保 or 特困 before the county's data check is on the
// file — its report number, date and result; the decision events wait for it (a refusal to cooperate is `close`).
export const DATA_CHECK_GATED_EVENTS: readonly CaseEventType[] = ['decide', 'recordCountyDecision'];

/** Whether the case may be approved as far as 逢进必核 goes. */
export function dataCheckOnFile(c: Pick<CaseRecord, 'kind'> & Partial<Pick<CaseRecord, 'dataCheck'>>): boolean {
  if (c.kind !== 'dibao' && c.kind !== 'tekun') return true;
  const check = c.dataCheck;
  return check?.result !== undefined && check.reference !== undefined && check.reportedOn !== undefined;
}

/** Where a new case first stands, by how it came in (PRODUCT flows 1–2); a triaged report goes on in `received`. */
export const ENTRY_STATES: Readonly<Record<CaseSource, CaseState>> = {
  proxy: 'awaitingConfirmation',
  direct: 'received',
  selfReport: 'submitted',
  discovery: 'submitted',
  referralIn: 'submitted',
};

/**
 * Events every kind allows besides its own table: `close` (the office ends a case, e.g. RULES §3 refusal to
 * cooperate) in every open state, `withdraw` in every open state before a denial, `link` always (the state stays).
 */
export const COMMON_EVENTS = ['withdraw', 'close', 'link'] as const;

/**
 * The row of (kind, state, event): the kind's own edge, or the common one; undefined when not allowed. A closed case
 * and the states after approval (SUPPORT_STATES) have only their kind's own rows (and `link`).
 */
export function edgeOf(kind: CaseKind, state: CaseState, event: CaseEventType): Edge | undefined {
  if (event === 'link') return to(state);
  const own = WORKFLOWS[kind][state]?.[event];
  if (state === 'closed' || isSupportState(state)) return own;
  if (event === 'close' || (event === 'withdraw' && state !== 'denied')) return to('closed');
  return own;
}

/** The events allowed for a kind in a state: the kind's own, then the common ones. */
export function allowedEvents(kind: CaseKind, state: CaseState): CaseEventType[] {
  const own = Object.keys(WORKFLOWS[kind][state] ?? {}) as CaseEventType[];
  return [...own, ...COMMON_EVENTS.filter((e) => !(e in (WORKFLOWS[kind][state] ?? {})) && edgeOf(kind, state, e) !== undefined)];
}

/**
 * What a case waits on in each open state it can reach, and the clocks that time that wait (issue 11: every state
 * that waits on someone by law has a clock). `clocks`: on entering the state (by a change of state) at least one of
 * them runs — `transition` throws otherwise. `none`: why the state legitimately has no clock.
 */
export type Waiting = { clocks: readonly ClockStep[] } | { none: string };

const AWAITING_RESIDENT = '等居民本人确认代办申请：法规对居民答复没有时限，镇里的时限从确认起算（PRODUCT 流程2）';
const AWAITING_MATERIALS = '等申请人补齐材料：一次性告知后由申请人补交，法规没有时限；补齐后受理时限重新起算（RULES §2）';
const applicationWaits = (rest: Partial<Record<CaseState, Waiting>>): Partial<Record<CaseState, Waiting>> => ({
  awaitingConfirmation: { none: AWAITING_RESIDENT },
  received: { clocks: ['acknowledge'] },
  materialsRequested: { none: AWAITING_MATERIALS },
  ...rest,
});
const TERMINATION_WAITS: Partial<Record<CaseState, Waiting>> = {
  terminationNotice: { none: '7天告知期是固定期间（告知期满日期记在案件上），不是等谁办理；有异议即转入15个工作日的复核（RULES §16）' },
  awaitingObjectionDecision: { clocks: ['terminationObjection'] }, // RULES §16
};
// 低保: the whole-procedure clock (RULES §8) runs from acceptance to the decision; steps with their own limit add theirs.
const DIBAO_PROCEDURE: Waiting = { clocks: ['procedure'] };

const REFERRAL_WAITS: Partial<Record<CaseState, Waiting>> = {
  received: { clocks: ['acknowledge'] },
  referred: { none: '已转介给有权办理的部门，按该部门自己的程序和时限办理，镇里只跟踪结果（RULES §20）' },
};

export const WAITING: Readonly<Record<CaseKind, Partial<Record<CaseState, Waiting>>>> = {
  unclassified: { submitted: { clocks: ['acknowledge'] } }, // RULES §27 (local)
  dibao: applicationWaits({
    awaitingInvestigation: DIBAO_PROCEDURE, // RULES §5: first entry also starts the 3-wd investigation start
    investigating: DIBAO_PROCEDURE,
    awaitingDemocraticReview: DIBAO_PROCEDURE,
    reviewed: DIBAO_PROCEDURE,
    publicNotice: DIBAO_PROCEDURE,
    awaitingTownDecision: { clocks: ['townConfirmation'] }, // RULES §7–8
    awaitingCountyDecision: { clocks: ['countyDecision'] }, // RULES §7
    denied: { clocks: ['writtenNotice'] }, // RULES §7
    ...TERMINATION_WAITS,
  }),
  tekun: applicationWaits({
    awaitingInvestigation: { clocks: ['townInvestigation', 'reinvestigation'] }, // RULES §13
    investigating: { clocks: ['townInvestigation', 'reinvestigation'] }, // RULES §13
    reviewed: { none: '初审后由镇里张榜或不公示，是镇里自己的下一步，特困办法对此没有单独时限（RULES §13）' },
    publicNotice: { none: '7天公示期是固定期间（公示期满日期记在案件上），不是等谁办理（RULES §13）' },
    awaitingTownDecision: { clocks: ['townConfirmation'] }, // RULES §8, §14
    awaitingCountyDecision: { clocks: ['countyDecision'] }, // RULES §14
    denied: { clocks: ['writtenNotice'] }, // RULES §14
    awaitingReassessment: { clocks: ['selfCareReassessment'] }, // RULES §15
    ...TERMINATION_WAITS,
  }),
  temporaryExpense: applicationWaits({
    awaitingTownDecision: { clocks: ['townDecision'] }, // RULES §19 (local)
    denied: { none: '临时救助不予批准没有书面告知时限（RULES §19 无国家时限），等网格员解释说明' },
  }),
  temporaryEmergency: applicationWaits({
    awaitingConfirmation: { clocks: ['emergencyHelp'] }, // RULES §17: help first, whatever the resident's answer
    received: { clocks: ['emergencyHelp'] }, // RULES §17, §19 (local)
    paperwork: { clocks: ['emergencyPaperwork'] }, // RULES §19 (local)
  }),
  medical: REFERRAL_WAITS,
  education: REFERRAL_WAITS,
  housing: REFERRAL_WAITS,
  employment: REFERRAL_WAITS,
  judicial: REFERRAL_WAITS,
};
