// Exhaustive guards: every event refused to every role not allowed to send it, and every event not in a kind's step
// table refused in every state — with no new record. The legal steps are exercised by the per-kind flow tests.
import { ROLES, type Role } from '../../../src/core/roles';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import {
  allowedEvents,
  isSupportState,
  availableEvents,
  CASE_EVENT_TYPES,
  CASE_KINDS,
  CASE_STATES,
  EVENT_ROLES,
  TRIAGE_KINDS,
  WORKFLOWS,
  transition,
  type CaseEventType,
  type CaseRecord,
  type CaseState,
  type Edge,
} from '../../../src/core/cases';
import { bj, EVENT_EXAMPLES as EXAMPLES, proxyApplication, resident } from './fixtures';

const now = bj('2025-09-26');
const base = proxyApplication('dibao', now);
const actorFor = (role: Role) => (role === 'resident' ? resident : { userId: `u-${role}`, role });
const attempt = (c: CaseRecord, type: CaseEventType, role: Role) =>
  transition(c, EXAMPLES[type], { now, actor: actorFor(role), settings: DEFAULT_SETTINGS });

test('the examples cover every event type and every event has roles', () => {
  expect(Object.keys(EXAMPLES).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  for (const type of CASE_EVENT_TYPES) expect(EVENT_ROLES[type].length).toBeGreaterThan(0);
  expect(CASE_EVENT_TYPES.filter((t) => EVENT_ROLES[t].includes('admin'))).toEqual([]);
  expect(CASE_EVENT_TYPES.filter((t) => EVENT_ROLES[t].includes('resident')).sort()).toEqual(['confirmByResident', 'materialsSupplied', 'refuseByResident']);
});

test.each(CASE_EVENT_TYPES)('%s is refused to every role not allowed to send it (ROLE.FORBIDDEN)', (type) => {
  for (const role of ROLES.filter((r) => !EVENT_ROLES[type].includes(r))) {
    // In a state where the event would be legal, so only the role stands in the way.
    const kind = CASE_KINDS.find((k) => Object.values(WORKFLOWS[k]).some((row) => row?.[type] !== undefined)) ?? 'dibao';
    const state = CASE_STATES.find((s) => allowedEvents(kind, s).includes(type))!;
    const r = attempt({ ...base, kind, state }, type, role);
    expect([role, r.ok || r.error.code]).toEqual([role, 'ROLE.FORBIDDEN']);
  }
});

describe.each(CASE_KINDS)('%s: every event outside the step table is illegal in every state', (kind) => {
  test.each(CASE_STATES)('in %s', (state) => {
    const c: CaseRecord = { ...base, kind, state };
    for (const type of CASE_EVENT_TYPES.filter((t) => !allowedEvents(kind, state).includes(t))) {
      const role = EVENT_ROLES[type][EVENT_ROLES[type].length - 1]!; // officer when allowed
      const r = attempt(c, type, role);
      const expected = state === 'awaitingConfirmation' && role === 'officer' ? 'CASE.NOT_CONFIRMED' : 'CASE.ILLEGAL_TRANSITION';
      expect([type, r.ok || r.error.code]).toEqual([type, expected]);
      if (!r.ok) expect(r.error.details).toEqual({ kind, state, event: type });
    }
  });
});

test('every kind can end every open application state (close); a closed case takes link and, for 低保 / 特困, the after-approval steps', () => {
  for (const kind of CASE_KINDS) {
    for (const state of CASE_STATES) {
      expect(allowedEvents(kind, state).includes('close')).toBe(state !== 'closed' && !isSupportState(state));
    }
  }
  expect(allowedEvents('temporaryExpense', 'closed')).toEqual(['link']);
  expect(allowedEvents('dibao', 'closed')).toEqual(['startTermination', 'link']);
  expect(allowedEvents('tekun', 'closed')).toEqual(['reportSelfCareChange', 'startTermination', 'link']);
});

test('availableEvents: what the case page may offer to each actor', () => {
  const c: CaseRecord = { ...base, state: 'received' };
  expect(availableEvents(c, { userId: 'u-officer', role: 'officer' })).toEqual(['accept', 'requestMissingMaterials', 'materialsSupplied', 'flagNearRelative', 'withdraw', 'close', 'link']);
  expect(availableEvents(c, resident)).toEqual(['materialsSupplied']);
  expect(availableEvents(c, { userId: 'u-res-2', role: 'resident' })).toEqual([]);
  expect(availableEvents(c, { userId: 'u-grid', role: 'gridworker' })).toEqual(['materialsSupplied', 'withdraw', 'link']);
  expect(availableEvents({ ...base, state: 'awaitingConfirmation' }, resident)).toEqual(['confirmByResident', 'refuseByResident']);
  expect(availableEvents(c, { userId: 'u-admin', role: 'admin' })).toEqual([]);
});

describe('availableEvents after a denial', () => {
  it('drops the written notice and the explanation once each is done', () => {
    const denied = {
      kind: 'dibao' as const,
      state: 'denied' as const,
      decision: { outcome: 'deny', reasons: ['x'], decidedOn: '2026-11-02', by: 'county', writtenNotice: { deliveredAt: 1, deliveredOn: '2026-11-03' } } as never,
      explanation: { taskCreatedAt: 1 },
    };
    expect(availableEvents(denied, { userId: 'u-officer', role: 'officer' })).not.toContain('recordWrittenNotice');
    expect(availableEvents(denied, { userId: 'u-grid', role: 'gridworker' })).toContain('closeExplanation');
    expect(availableEvents({ ...denied, explanation: { taskCreatedAt: 1, closedAt: 2 } }, { userId: 'u-grid', role: 'gridworker' })).not.toContain('closeExplanation');
  });
});

describe.each(CASE_KINDS)('%s: the workflow table is one connected graph', (kind) => {
  const rows = Object.entries(WORKFLOWS[kind]) as [CaseState, Record<string, Edge>][];
  const targets = rows.flatMap(([, events]) => Object.values(events).flatMap((edge) => edge.to.map((t) => t.state)));

  // Triage moves a report into its kind's table, so it goes on there.
  const goesOn = (state: CaseState) =>
    state === 'closed' || (kind === 'unclassified' ? TRIAGE_KINDS.every((k) => WORKFLOWS[k][state] !== undefined) : WORKFLOWS[kind][state] !== undefined);

  test('every state an event leads to has steps of its own, or is closed (no dead ends)', () => {
    for (const state of targets) expect([state, goesOn(state)]).toEqual([state, true]);
  });

  test('every state with steps is where a case starts or where an event leads', () => {
    const starts = kind === 'unclassified' ? ['submitted'] : ['received', 'awaitingConfirmation'];
    for (const [state] of rows) expect([state, starts.includes(state) || targets.includes(state)]).toEqual([state, true]);
  });

  test('a choice between several states names the condition of each', () => {
    for (const [, events] of rows) for (const edge of Object.values(events)) if (edge.to.length > 1) for (const t of edge.to) expect(t.when).toBeTruthy();
  });
});
