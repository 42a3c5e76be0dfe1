// Shared fixtures for the visit tests.
import { CHECKLIST_KEYS, type ChecklistAnswers, type MemberAnswers, type VisitInput } from '../../../src/core/visits/visit-record';

/** Epoch ms of a Beijing wall-clock time (the test machine runs in UTC). */
export const bj = (s: string) => Date.parse(`${s}+08:00`);
export const endOf = (date: string) => bj(`${date}T23:59:59.999`);
export const HOUR = 3_600_000;

/** Every answer "all fine": policies delivered, no problems. */
export const fine = (): ChecklistAnswers =>
  Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered'])) as ChecklistAnswers;

export const member = (personId: string, overrides: Partial<MemberAnswers> = {}): MemberAnswers => ({ personId, ...fine(), ...overrides });

export const visitInput = (overrides: Partial<VisitInput> = {}): VisitInput => ({
  requestId: 'req-0001-abcd',
  householdId: 'h000001',
  visitedAt: bj('2026-09-29T10:00:00'),
  members: [member('p000001'), member('p000002')],
  notes: '',
  photos: [],
  ...overrides,
});
