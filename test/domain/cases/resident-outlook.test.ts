// Issue 15: what a resident is told about their own case — their task, or when to expect an answer; no office clock.
import { residentOutlook, RESIDENT_ASK_LABELS, type CaseRecord, type Clock } from '../../../src/core/cases';

const clock = (step: Clock['step'], extra: Partial<Clock> = {}): Clock => ({
  step,
  unit: 'workingDays',
  amount: 3,
  startedAt: 0,
  dueAt: Date.parse('2026-12-10T23:59:59+08:00'),
  dueDate: '2026-12-10',
  dueSoonAt: 0,
  estimated: false,
  ...extra,
});
const c = (state: CaseRecord['state'], k?: Clock, procedure?: Clock): Pick<CaseRecord, 'state' | 'clock' | 'procedureClock'> => ({ state, clock: k, procedureClock: procedure });

test('the resident’s task comes first', () => {
  expect(residentOutlook(c('materialsRequested', clock('procedure')), 'supplyMaterials')).toBe(RESIDENT_ASK_LABELS.supplyMaterials);
});

test('a step that answers the resident is promised by its own limit', () => {
  expect(residentOutlook(c('submitted', clock('acknowledge', { unit: 'hours', dueDate: undefined, dueAt: Date.parse('2026-12-08T11:32:00+08:00') })), null)).toBe('镇里会在2026-12-08 11:32前联系您');
  expect(residentOutlook(c('awaitingCountyDecision', clock('countyDecision'), clock('procedure', { dueDate: '2026-12-30' })), null)).toBe('预计2026-12-10前有审批结果');
});

test('an office step (notice, data-check start, written notice) shows only the whole procedure’s limit, or nothing', () => {
  expect(residentOutlook(c('investigating', clock('investigationStart'), clock('procedure', { dueDate: '2026-12-30' })), null)).toBe('预计2026-12-30前有办理结果');
  expect(residentOutlook(c('denied', clock('writtenNotice')), null)).toBeNull();
  expect(residentOutlook(c('closed'), null)).toBeNull();
});
