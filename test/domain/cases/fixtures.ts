// Shared builders for the case-domain tests: actors, Beijing instants, and cases driven to a given step through the
// real transitions (never by editing fields), so each test starts from a state the workflow can actually reach.
import { DEFAULT_SETTINGS, type TownSettings } from '../../../src/core/settings';
import {
  createCase,
  missingItems,
  transition,
  type Actor,
  type ApplicationKind,
  type CaseEvent,
  type CaseEventType,
  type CaseRecord,
  type EventOf,
  type NewCaseInput,
  type TransitionResult,
} from '../../../src/core/cases';
import type { ErrorCode } from '../../../src/core/errors';

export const officer: Actor = { userId: 'u-officer', role: 'officer' };
export const gridworker: Actor = { userId: 'u-grid', role: 'gridworker' };
export const cadre: Actor = { userId: 'u-cadre', role: 'cadre' };
export const resident: Actor = { userId: 'u-res', role: 'resident' };
export const otherResident: Actor = { userId: 'u-res-2', role: 'resident' };
export const admin: Actor = { userId: 'u-admin', role: 'admin' };

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A Beijing wall-clock instant: '2025-09-26' (10:00) or '2025-09-26T15:30:00'. */
export function bj(s: string): number {
  return Date.parse((s.length === 10 ? `${s}T10:00:00` : s) + '+08:00');
}

export const placement = { gridId: 'g-1', villageId: 'v-1', householdId: 'h-1', residentUserId: resident.userId };

let nextId = 1;
export function create(input: NewCaseInput, actor: Actor, now: number, settings: TownSettings = DEFAULT_SETTINGS, where = placement) {
  // The roster facts of the applicant come from the server's lookup, not from the form (create-case.ts).
  const { personId, householdSize } = input.applicant as { personId?: string; householdSize?: number };
  const rosterApplicant = personId ? { personId, householdSize, name: input.applicant.name, minor: (input.applicant as { minor?: boolean }).minor ?? false } : undefined;
  const r = createCase(input, { id: `c-${nextId++}`, now, actor, settings, placement: where, rosterApplicant });
  if (!r.ok) throw new Error(`create failed: ${r.error.code} ${r.error.message}`);
  return r.data;
}

export function step(c: CaseRecord, event: CaseEvent, actor: Actor, now: number, settings: TownSettings = DEFAULT_SETTINGS): TransitionResult {
  const r = transition(c, event, { now, actor, settings });
  if (!r.ok) throw new Error(`${event.type} failed: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/** Runs the event and returns only the next record. */
export function go(c: CaseRecord, event: CaseEvent, actor: Actor, now: number, settings: TownSettings = DEFAULT_SETTINGS): CaseRecord {
  return step(c, event, actor, now, settings).next;
}

export function failure(c: CaseRecord, event: CaseEvent, actor: Actor, now: number, settings: TownSettings = DEFAULT_SETTINGS): ErrorCode {
  const r = transition(c, event, { now, actor, settings });
  if (r.ok) throw new Error(`${event.type} unexpectedly succeeded in ${c.state}`);
  return r.error.code;
}

export const applicant = { name: '张桂兰', personId: 'p-1', householdSize: 2, minor: false };

/** A proxy application filed by the gridworker, with nothing attached. */
export function proxyApplication(kind: ApplicationKind, now: number, extra: Partial<Extract<NewCaseInput, { source: 'proxy' }>> = {}) {
  return create({ source: 'proxy', kind, applicant, authorisationPhotoFileId: 'f-auth', ...extra }, gridworker, now).record;
}

/** Supplies every missing document and consent on paper (as the gridworker would). */
export function supplyAll(c: CaseRecord, now: number, actor: Actor = gridworker): CaseRecord {
  const missing = missingItems(c);
  const items = missing.filter((m) => m.type === 'document').map((m) => ({ key: m.key, fileIds: [`f-${m.key}`] }));
  const consents = missing.filter((m) => m.type === 'consent').map((m) => ({ key: m.key, fileIds: [`f-${m.key}`] }));
  return go(c, { type: 'materialsSupplied', items, consents } as CaseEvent, actor, now);
}

/** A proxy application confirmed by the resident with complete materials, at the town (state `received`). */
export function receivedApplication(kind: ApplicationKind, now: number, extra: Partial<Extract<NewCaseInput, { source: 'proxy' }>> = {}) {
  const filed = proxyApplication(kind, now, extra);
  const confirmed = go(filed, { type: 'confirmByResident' }, resident, now);
  return supplyAll(confirmed, now);
}

export const investigators = [
  { name: '李明', userId: 'u-officer' },
  { name: '王芳', userId: 'u-officer-2' },
];

/** One valid example of every event type: each step succeeds with it on a case that reached its state. */
export const EVENT_EXAMPLES: { [T in CaseEventType]: EventOf<T> } = {
  triage: { type: 'triage', kind: 'tekun' },
  closeWithAnswer: { type: 'closeWithAnswer', answer: '已答复' },
  confirmByResident: { type: 'confirmByResident', consents: ['sensitiveInfo'] },
  refuseByResident: { type: 'refuseByResident', reason: '不需要' },
  recordPaperConfirmation: { type: 'recordPaperConfirmation', photoFileId: 'f' },
  accept: { type: 'accept' },
  requestMissingMaterials: { type: 'requestMissingMaterials' },
  materialsSupplied: { type: 'materialsSupplied', consents: [{ key: 'truthPledge', fileIds: ['f'] }] },
  flagNearRelative: { type: 'flagNearRelative', relativeOf: 'committeeMember', relation: '兄' },
  startInvestigation: { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f' },
  requestDataCheck: { type: 'requestDataCheck' },
  recordDataCheck: { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' },
  assessSelfCare: {
    type: 'assessSelfCare',
    answers: { eating: true, dressing: true, bedTransfer: true, toileting: true, walkingIndoors: true, bathing: true },
  },
  firstReview: { type: 'firstReview', opinion: 'approve', note: '符合', proposedAmountYuan: 500 },
  startPublicNotice: { type: 'startPublicNotice' },
  recordObjection: { type: 'recordObjection', text: '有异议', handling: 'reinvestigate' },
  recordDemocraticReview: { type: 'recordDemocraticReview', summary: '评议' },
  endPublicNotice: { type: 'endPublicNotice' },
  skipPublicNotice: { type: 'skipPublicNotice' },
  decide: { type: 'decide', decision: { outcome: 'approve', amountYuan: 500 } },
  recordCountyDecision: { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 500 } },
  recordWrittenNotice: { type: 'recordWrittenNotice' },
  recordSpotCheck: { type: 'recordSpotCheck', checkedBy: '县民政局 周洁', result: 'passed' },
  extend: { type: 'extend', reason: 'objection', note: '有异议' },
  recordEmergencyHelp: { type: 'recordEmergencyHelp', what: '生活物资', amountYuan: 300 },
  completePaperwork: { type: 'completePaperwork', reason: '火灾', signOffs: ['李明'] },
  refer: { type: 'refer' },
  recordReferralOutcome: { type: 'recordReferralOutcome', result: 'helped', note: '已帮助' },
  closeExplanation: { type: 'closeExplanation', conversation: '已解释' },
  reportSelfCareChange: { type: 'reportSelfCareChange', change: '中风后不能自己洗澡' },
  startTermination: { type: 'startTermination', reason: '核查发现有稳定收入' },
  objectToTermination: { type: 'objectToTermination', text: '收入已中断' },
  decideTerminationObjection: { type: 'decideTerminationObjection', outcome: 'upheld', note: '收入确已中断' },
  terminate: { type: 'terminate', transfer: 'temporaryAssistance' },
  withdraw: { type: 'withdraw', reason: '撤回' },
  close: { type: 'close', reason: '终止' },
  link: { type: 'link', caseId: 'c-other' },
};

/** 低保 or 特困 accepted, investigated, data-checked (and for 特困 self-care assessed) and first-reviewed 'approve'. */
export function reviewedApplication(
  kind: 'dibao' | 'tekun',
  acceptedAt: number,
  extra: Partial<Extract<NewCaseInput, { source: 'proxy' }>> = {},
  settings = DEFAULT_SETTINGS,
  found: { perCapitaIncomeYuan?: number; coveredPersons?: number } = {},
) {
  let c = receivedApplication(kind, acceptedAt, extra);
  c = go(c, { type: 'accept' }, officer, acceptedAt, settings);
  c = go(c, { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f-form' }, officer, acceptedAt + HOUR, settings);
  c = go(c, { type: 'requestDataCheck' }, officer, acceptedAt + HOUR, settings);
  c = go(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }, officer, acceptedAt + 2 * HOUR, settings);
  if (kind === 'tekun') {
    const answers = { eating: true, dressing: true, bedTransfer: true, toileting: true, walkingIndoors: false, bathing: false };
    c = go(c, { type: 'assessSelfCare', answers }, officer, acceptedAt + 2 * HOUR, settings);
  }
  return go(c, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600, ...found }, officer, acceptedAt + 3 * HOUR, settings);
}
