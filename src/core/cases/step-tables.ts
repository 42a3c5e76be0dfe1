// Which events each kind of case allows in each state. The effect of an event (next state, clocks) is in workflow.ts.
import type { CaseKind } from './case-record';
import type { CaseEventType } from './events';
import type { CaseState } from './states';

export type StepTable = Readonly<Partial<Record<CaseState, readonly CaseEventType[]>>>;

// PRODUCT flow 2: a proxy application waits for the resident's own answer before the town's clock starts.
const PROXY_CONFIRMATION: StepTable = {
  awaitingConfirmation: ['confirmByResident', 'refuseByResident', 'recordPaperConfirmation'],
};

// RULES §2: accept when complete, otherwise one notice listing everything missing.
const INTAKE: StepTable = {
  ...PROXY_CONFIRMATION,
  received: ['accept', 'requestMissingMaterials', 'materialsSupplied'],
  materialsRequested: ['materialsSupplied'],
};

/** A self-report, discovery report or referral in, before the town triages it (PRODUCT flow 1). */
export const UNCLASSIFIED_STEPS: StepTable = {
  submitted: ['triage', 'closeWithAnswer'],
};

/** 低保 (RULES §1–10): intake, near-relative flag, investigation + data check, first review, 7-day notice, decision. */
export const DIBAO_STEPS: StepTable = {
  ...PROXY_CONFIRMATION,
  received: ['accept', 'requestMissingMaterials', 'materialsSupplied', 'flagNearRelative'],
  materialsRequested: ['materialsSupplied', 'flagNearRelative'],
  awaitingInvestigation: ['startInvestigation', 'requestDataCheck', 'recordDataCheck', 'flagNearRelative', 'extend'],
  investigating: ['requestDataCheck', 'recordDataCheck', 'firstReview', 'extend'],
  awaitingDemocraticReview: ['recordDemocraticReview', 'extend'],
  reviewed: ['startPublicNotice', 'skipPublicNotice', 'extend'],
  publicNotice: ['recordObjection', 'endPublicNotice', 'extend'],
  awaitingTownDecision: ['decide', 'extend'],
  awaitingCountyDecision: ['recordCountyDecision', 'extend'],
  denied: ['recordWrittenNotice', 'closeExplanation'],
};

/** 特困 (RULES §11–15): as 低保 with its own limits, the self-care assessment, and no 民主评议 or extension. */
export const TEKUN_STEPS: StepTable = {
  ...INTAKE,
  awaitingInvestigation: ['startInvestigation', 'requestDataCheck', 'recordDataCheck', 'assessSelfCare'],
  investigating: ['requestDataCheck', 'recordDataCheck', 'assessSelfCare', 'firstReview'],
  reviewed: ['startPublicNotice', 'skipPublicNotice'],
  publicNotice: ['recordObjection', 'endPublicNotice'],
  awaitingTownDecision: ['decide'],
  awaitingCountyDecision: ['recordCountyDecision'],
  denied: ['recordWrittenNotice', 'closeExplanation'],
};

/**
 * 支出型临时救助 (RULES §18–19): intake, then the town decides within its limit; checks are recorded on the way.
 * Above the town's approval cap the county decides (一事一议) and the officer records it.
 */
export const TEMPORARY_EXPENSE_STEPS: StepTable = {
  ...INTAKE,
  awaitingTownDecision: ['startInvestigation', 'requestDataCheck', 'recordDataCheck', 'decide', 'recordCountyDecision'],
  denied: ['recordWrittenNotice', 'closeExplanation'],
};

/** 急难型临时救助 (RULES §17, §19): help first, paperwork after. */
export const TEMPORARY_EMERGENCY_STEPS: StepTable = {
  ...PROXY_CONFIRMATION,
  received: ['recordEmergencyHelp', 'materialsSupplied'],
  paperwork: ['materialsSupplied', 'completePaperwork'],
};

/** RULES §20: the town refers and tracks the outcome; it does not decide. */
export const REFERRAL_STEPS: StepTable = {
  received: ['refer'],
  referred: ['recordReferralOutcome'],
};

export const STEP_TABLES: Readonly<Record<CaseKind, StepTable>> = {
  unclassified: UNCLASSIFIED_STEPS,
  dibao: DIBAO_STEPS,
  tekun: TEKUN_STEPS,
  temporaryExpense: TEMPORARY_EXPENSE_STEPS,
  temporaryEmergency: TEMPORARY_EMERGENCY_STEPS,
  medical: REFERRAL_STEPS,
  education: REFERRAL_STEPS,
  housing: REFERRAL_STEPS,
  employment: REFERRAL_STEPS,
  judicial: REFERRAL_STEPS,
};

/**
 * The events allowed for a kind in a state. Besides the kind's table: `close` (the office ends a case, e.g. RULES §3
 * refusal to cooperate) in every open state, `withdraw` in every open state before a denial, `link` always.
 */
export function allowedEvents(kind: CaseKind, state: CaseState): CaseEventType[] {
  if (state === 'closed') return ['link'];
  const own = STEP_TABLES[kind][state] ?? [];
  return [...own, ...(state === 'denied' ? [] : (['withdraw'] as const)), 'close', 'link'];
}
