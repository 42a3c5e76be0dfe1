// Every (kind, state, event) of the workflow tables, applied to a case brought to that state by real transitions: the
// guards let it through to its step, which either succeeds (one timeline entry from that state) or refuses on the
// case's data with its own code — never a role or table refusal, never a crash.
import { DEFAULT_SETTINGS, type TownSettings } from '../../../src/core/settings';
import {
  CASE_KINDS,
  CASE_STATES,
  EVENT_ROLES,
  WORKFLOWS,
  edgeOf,
  transition,
  type CaseEvent,
  type CaseEventType,
  type CaseKind,
  type CaseRecord,
  type CaseState,
} from '../../../src/core/cases';
import { applicant, bj, create, DAY, EVENT_EXAMPLES, go, gridworker, investigators, officer, proxyApplication, resident, supplyAll } from './fixtures';

const t0 = bj('2025-09-15');
const delegated: TownSettings = { ...DEFAULT_SETTINGS, townDelegatedConfirmation: true };

/** A case of `kind` in `state` (and the settings that got it there), or null when the kind never reaches it. */
function reach(kind: CaseKind, state: CaseState): { c: CaseRecord; settings: TownSettings } | null {
  const settings = state === 'awaitingTownDecision' && (kind === 'dibao' || kind === 'tekun') ? delegated : DEFAULT_SETTINGS;
  const run = (c: CaseRecord, e: CaseEvent, at = t0) => go(c, e, EVENT_ROLES[e.type].includes('officer') ? officer : gridworker, at, settings);
  if (kind === 'unclassified' || ['medical', 'education', 'housing', 'employment', 'judicial'].includes(kind)) {
    const report = create({ source: 'selfReport', applicant, description: '求助', helpCategory: 'other', sensitiveInfoConsent: true }, resident, t0).record;
    if (kind === 'unclassified') return state === 'submitted' ? { c: report, settings } : null;
    const received = run(report, { type: 'triage', kind: kind as 'medical' });
    if (state === 'received') return { c: received, settings };
    return state === 'referred' ? { c: run(received, { type: 'refer' }), settings } : null;
  }
  const filed = proxyApplication(kind as 'dibao', t0);
  if (state === 'awaitingConfirmation') return { c: filed, settings };
  const received = go(filed, { type: 'confirmByResident' }, resident, t0);
  if (state === 'received') return { c: received, settings };
  if (state === 'materialsRequested') return kind === 'temporaryEmergency' ? null : { c: run(received, { type: 'requestMissingMaterials' }), settings };
  const complete = supplyAll(received, t0);
  if (kind === 'temporaryEmergency') {
    if (state !== 'paperwork') return null;
    return { c: run(complete, { type: 'recordEmergencyHelp', what: '物资', amountYuan: 100 }), settings };
  }
  const accepted = run(complete, { type: 'accept' });
  if (kind === 'temporaryExpense') {
    if (state === 'awaitingTownDecision') return { c: accepted, settings };
    if (state === 'denied') return { c: run(accepted, { type: 'decide', decision: { outcome: 'deny', reasons: ['不符合'] } }), settings };
    return null;
  }
  if (state === 'awaitingInvestigation') return { c: accepted, settings };
  const investigating = run(accepted, { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f' });
  if (state === 'investigating') return { c: investigating, settings };
  let checked = run(run(investigating, { type: 'requestDataCheck' }), { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' });
  if (kind === 'tekun') checked = run(checked, EVENT_EXAMPLES.assessSelfCare);
  const reviewed = run(checked, { type: 'firstReview', opinion: 'approve', note: '符合', proposedAmountYuan: 500 });
  if (state === 'reviewed') return { c: reviewed, settings };
  const posted = run(reviewed, { type: 'startPublicNotice' });
  if (state === 'publicNotice') return { c: posted, settings };
  if (state === 'awaitingDemocraticReview') {
    return kind === 'dibao' ? { c: run(posted, { type: 'recordObjection', text: '异议', handling: 'democraticReview' }), settings } : null;
  }
  const ended = run(posted, { type: 'endPublicNotice' }, t0 + 8 * DAY);
  if (state === 'awaitingTownDecision' || state === 'awaitingCountyDecision') return { c: ended, settings };
  if (state === 'denied') return { c: run(ended, { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['不符合'] } }, t0 + 9 * DAY), settings };
  // After approval (RULES §15–16): the closed case of a person in support.
  const approved = run(ended, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 500 } }, t0 + 9 * DAY);
  if (state === 'closed') return { c: approved, settings };
  if (state === 'awaitingReassessment') return kind === 'tekun' ? { c: run(approved, EVENT_EXAMPLES.reportSelfCareChange, t0 + 10 * DAY), settings } : null;
  const noticed = run(approved, EVENT_EXAMPLES.startTermination, t0 + 10 * DAY);
  if (state === 'terminationNotice') return { c: noticed, settings };
  if (state === 'awaitingObjectionDecision') return { c: run(noticed, EVENT_EXAMPLES.objectToTermination, t0 + 11 * DAY), settings };
  return null;
}


const GUARD_CODES = ['ROLE.FORBIDDEN', 'SCOPE.FORBIDDEN', 'CASE.NOT_CONFIRMED'];

const triples = CASE_KINDS.flatMap((kind) =>
  CASE_STATES.flatMap((state) => (Object.keys(WORKFLOWS[kind][state] ?? {}) as CaseEventType[]).map((type) => [kind, state, type] as const)),
);

test('every state of every step table is reachable', () => {
  for (const kind of CASE_KINDS) {
    for (const state of Object.keys(WORKFLOWS[kind]) as CaseState[]) expect([kind, state, reach(kind, state) !== null]).toEqual([kind, state, true]);
  }
});

test.each(triples)('%s / %s / %s', (kind, state, type) => {
  const { c, settings } = reach(kind, state)!;
  expect(c.state).toBe(state);
  const role = EVENT_ROLES[type].includes('officer') ? 'officer' : EVENT_ROLES[type][0]!;
  const actor = role === 'resident' ? resident : role === 'officer' ? officer : { userId: `u-${role}`, role };
  const r = transition(c, EVENT_EXAMPLES[type], { now: t0 + 20 * DAY, actor, settings });
  if (r.ok) {
    expect(r.data.next.timeline).toHaveLength(c.timeline.length + 1);
    expect(r.data.next.timeline.at(-1)).toMatchObject({ from: state, event: type, actorId: actor.userId });
    // The step lands on a state its row of the table names.
    expect(edgeOf(kind, state, type)!.to.map((t) => t.state)).toContain(r.data.next.state);
  } else {
    expect(GUARD_CODES).not.toContain(r.error.code);
    // A table refusal carries {kind, state, event}; a step's own refusal on the case's data does not.
    expect(r.error.details).not.toEqual({ kind, state, event: type });
  }
});
