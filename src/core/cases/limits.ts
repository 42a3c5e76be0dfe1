// The time limit of every step that has one, each defined once with its docs/rules.md number. Local limits come from the
// town settings (their defaults are in settings.ts).
import { DIBAO_PROCEDURE_EXTENDED_WORKING_DAYS, dibaoProcedureWorkingDays, type TownSettings } from '../settings';
import type { CaseRecord } from './case-record';
import { startClock, type Clock, type ClockLimit, type ClockStep } from './clock';

// RULES §5: the town starts the 低保 family economic investigation within 3 wd of acceptance.
export const DIBAO_INVESTIGATION_START_WORKING_DAYS = 3;
// RULES §7: the county decides on a 低保 file within 10 wd of receiving it.
export const DIBAO_COUNTY_DECISION_WORKING_DAYS = 10;
// RULES §13: 特困 town investigation within 15 wd of acceptance, and again within 15 wd after an objection.
export const TEKUN_INVESTIGATION_WORKING_DAYS = 15;
// RULES §14: 特困 county review within 15 wd.
export const TEKUN_COUNTY_REVIEW_WORKING_DAYS = 15;
// RULES §7, §14: a denial is notified in writing, with reasons, within 3 wd.
export const DENIAL_WRITTEN_NOTICE_WORKING_DAYS = 3;
// RULES §6, §13: the first-review opinion is posted in the village for 7 days.
export const PUBLIC_NOTICE_DAYS = 7;
// RULES §14: the county spot-checks at least 30 % of the 特困 files it reviews.
export const TEKUN_SPOT_CHECK_MIN_SHARE = 0.3;

/**
 * The share of the town's county-reviewed 特困 files the county spot-checked, and whether it is below RULES §14's 30 %.
 * The town cannot sample for the county, and refusing to record the county's real decision would leave the case
 * wrong and the person unpaid, so a low share is shown and warned about (worklist, decision form), never a refusal.
 */
export function spotCheckShare(sampled: number, reviewed: number): { sampled: number; reviewed: number; share: number | null; below: boolean } {
  const share = reviewed === 0 ? null : sampled / reviewed;
  return { sampled, reviewed, share, below: share !== null && share < TEKUN_SPOT_CHECK_MIN_SHARE };
}

// RULES §5: the county starts the requested family economic data check within 3 wd of the request.
export const DATA_CHECK_START_WORKING_DAYS = 3;
// RULES §15: a reported change in a 特困 person's self-care is re-assessed within 10 wd.
export const SELF_CARE_REASSESSMENT_WORKING_DAYS = 10;
// RULES §16: an intended termination is announced for 7 days before it takes effect.
export const TERMINATION_NOTICE_DAYS = 7;
// RULES §16: an objection to a termination is decided within 15 wd.
export const TERMINATION_OBJECTION_WORKING_DAYS = 15;
// RULES §20: 司法救助 is decided by the agency handling the case within 10 wd of receiving the application.
export const JUDICIAL_DECISION_WORKING_DAYS = 10;

const hours = (amount: number): ClockLimit => ({ unit: 'hours', amount });
const workingDays = (amount: number): ClockLimit => ({ unit: 'workingDays', amount });

/** The limit of `step` for this case under the town's settings. */
export function clockLimit(
  step: ClockStep,
  c: Pick<CaseRecord, 'kind' | 'source' | 'extension'>,
  settings: TownSettings,
): ClockLimit {
  switch (step) {
    case 'acknowledge': // RULES §27 (local): the town acknowledges a report (and, here, any new application) in hours
      return hours(c.source === 'discovery' ? settings.discoveryAckHours : settings.selfReportAckHours);
    case 'emergencyHelp': // RULES §17, §19 (local)
      return hours(settings.emergencyHelpHours);
    case 'emergencyPaperwork': // RULES §19 (local)
      return workingDays(settings.emergencyPaperworkWorkingDays);
    case 'investigationStart':
      return workingDays(DIBAO_INVESTIGATION_START_WORKING_DAYS);
    case 'townInvestigation':
    case 'reinvestigation':
      return workingDays(TEKUN_INVESTIGATION_WORKING_DAYS);
    // RULES §7, §14; and §8: where confirmation is delegated, the town holds the county's power and its limit — 10 wd
    // for 低保, 15 wd for 特困 — while 低保's 20-wd whole procedure runs beside it.
    case 'countyDecision':
    case 'townConfirmation':
      return workingDays(c.kind === 'tekun' ? TEKUN_COUNTY_REVIEW_WORKING_DAYS : DIBAO_COUNTY_DECISION_WORKING_DAYS);
    case 'townDecision': // RULES §19 (local): ordinary temporary assistance
      return workingDays(settings.temporaryAssistanceDecisionWorkingDays);
    case 'writtenNotice':
      return workingDays(DENIAL_WRITTEN_NOTICE_WORKING_DAYS);
    case 'procedure': // RULES §8: 30 wd (20 wd delegated), 45 wd once extended
      return workingDays(c.extension ? DIBAO_PROCEDURE_EXTENDED_WORKING_DAYS : dibaoProcedureWorkingDays(settings));
    case 'dataCheckStart':
      return workingDays(DATA_CHECK_START_WORKING_DAYS);
    case 'selfCareReassessment':
      return workingDays(SELF_CARE_REASSESSMENT_WORKING_DAYS);
    case 'terminationObjection':
      return workingDays(TERMINATION_OBJECTION_WORKING_DAYS);
    // Referral clocks (src/core/referrals/referral.ts) run on referrals, not cases.
    case 'referralFollowUp': // RULES §20 (local)
      return workingDays(settings.referralFollowUpWorkingDays);
    case 'judicialDecision': // RULES §20
      return workingDays(JUDICIAL_DECISION_WORKING_DAYS);
  }
}

/** Starts the clock of `step` for this case at `at`. */
export function startStepClock(
  step: ClockStep,
  c: Pick<CaseRecord, 'kind' | 'source' | 'extension'>,
  settings: TownSettings,
  at: number,
): Clock {
  return startClock(step, clockLimit(step, c, settings), at, settings.holidayArrangements);
}
