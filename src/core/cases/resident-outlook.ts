// What a resident is told about their own case (issue 15): what they must do now, or when they can expect an answer,
// in their words. The office's own clocks (notice, data-check start, written-notice deadlines) stay on staff pages.
import { beijingDate, formatInBeijing } from '../calendar';
import type { CaseRecord } from './case-record';
import type { Clock, ClockStep } from './clock';
import { RESIDENT_ASK_LABELS, type ResidentAsk } from './worklist';

const dayOf = (k: Clock) => k.dueDate ?? beijingDate(k.dueAt);
const momentOf = (k: Clock) => formatInBeijing(k.dueAt, 'YYYY-MM-DD HH:mm');

/** The step clocks whose end is an answer to the resident, and how that answer is promised. */
const PROMISES: Partial<Record<ClockStep, (k: Clock) => string>> = {
  // RULES §27 (local): a report is acknowledged within 24 h.
  acknowledge: (k) => `镇里会在${momentOf(k)}前联系您`,
  // RULES §19 (local): emergency help within 48 h.
  emergencyHelp: (k) => `镇里会在${momentOf(k)}前先给予救助`,
  // RULES §7, §14, §19: the decision of the body that decides.
  townDecision: (k) => `预计${dayOf(k)}前有审批结果`,
  townConfirmation: (k) => `预计${dayOf(k)}前有审批结果`,
  countyDecision: (k) => `预计${dayOf(k)}前有审批结果`,
  // RULES §15: re-assessment within 10 wd of a reported change.
  selfCareReassessment: (k) => `预计${dayOf(k)}前重新评估生活自理能力`,
  // RULES §16: an objection to a termination is decided within 15 wd.
  terminationObjection: (k) => `您的异议预计${dayOf(k)}前有复核结果`,
};

/**
 * One line for the resident: what waits for them (residentAsk), else when an answer is due — the current step's
 * limit when that step answers them, else the whole procedure's (RULES §8); null when nothing is promised.
 */
export function residentOutlook(c: Pick<CaseRecord, 'state' | 'clock' | 'procedureClock'>, ask: ResidentAsk | null): string | null {
  if (ask) return RESIDENT_ASK_LABELS[ask];
  if (c.state === 'closed' || c.state === 'denied') return null;
  const promise = c.clock ? PROMISES[c.clock.step] : undefined;
  if (c.clock && promise) return promise(c.clock);
  return c.procedureClock ? `预计${dayOf(c.procedureClock)}前有办理结果` : null;
}
