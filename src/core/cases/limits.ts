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
    case 'countyDecision':
      return workingDays(c.kind === 'tekun' ? TEKUN_COUNTY_REVIEW_WORKING_DAYS : DIBAO_COUNTY_DECISION_WORKING_DAYS);
    case 'townDecision': // RULES §19 (local): ordinary temporary assistance
      return workingDays(settings.temporaryAssistanceDecisionWorkingDays);
    case 'writtenNotice':
      return workingDays(DENIAL_WRITTEN_NOTICE_WORKING_DAYS);
    case 'procedure': // RULES §8: 30 wd (20 wd delegated), 45 wd once extended
      return workingDays(c.extension ? DIBAO_PROCEDURE_EXTENDED_WORKING_DAYS : dibaoProcedureWorkingDays(settings));
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
