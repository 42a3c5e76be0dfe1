// PRODUCT flow 2: the resident confirms or refuses a proxy application; the town's clock starts only then.
import { residentAsk } from '../../../src/core/cases';
import { bj, DAY, failure, go, gridworker, cadre, HOUR, officer, otherResident, proxyApplication, resident, step } from './fixtures';

const filedAt = bj('2025-09-22T09:00:00');
const confirmedAt = filedAt + 3 * DAY;

describe('resident confirmation', () => {
  test('the town clock starts at confirmation, not at submission', () => {
    const filed = proxyApplication('dibao', filedAt);
    expect(filed.clock).toBeUndefined();
    const { next, effects } = step(filed, { type: 'confirmByResident', consents: ['sensitiveInfo', 'dataCheckAuthorisation'] }, resident, confirmedAt);
    expect(next.state).toBe('received');
    expect(next.clock).toMatchObject({ step: 'acknowledge', startedAt: confirmedAt, dueAt: confirmedAt + 24 * HOUR });
    expect(next.proxy!.confirmation).toEqual({ status: 'confirmed', at: confirmedAt, userId: resident.userId });
    expect(next.consents.sensitiveInfo).toMatchObject({ method: 'online', byUserId: resident.userId, at: confirmedAt });
    expect(next.timeline.at(-1)).toMatchObject({ from: 'awaitingConfirmation', to: 'received', event: 'confirmByResident', actorRole: 'resident' });
    // The filing gridworker and the office hear of it; the resident, who acted, is not messaged.
    expect(effects.map((e) => e.type === 'notify' && [e.recipient, e.message, e.userId])).toEqual([
      ['gridworker', 'stateChanged', gridworker.userId],
      ['officer', 'stateChanged', undefined],
    ]);
  });

  test('a 急难 proxy runs the 48 h help clock from filing (RULES §17 先行救助); the confirmation leaves it running', () => {
    const filed = proxyApplication('temporaryEmergency', filedAt);
    expect(filed.clock).toMatchObject({ step: 'emergencyHelp', startedAt: filedAt, dueAt: filedAt + 48 * HOUR });
    const next = go(filed, { type: 'confirmByResident' }, resident, confirmedAt);
    expect(next.clock).toEqual(filed.clock);
  });

  test('a paper confirmation recorded by the worker starts the clock when recorded', () => {
    const filed = proxyApplication('tekun', filedAt);
    const recordedAt = filedAt + DAY;
    for (const actor of [gridworker, cadre]) {
      const { next, effects } = step(filed, { type: 'recordPaperConfirmation', photoFileId: 'f-paper' }, actor, recordedAt);
      expect(next.state).toBe('received');
      expect(next.clock).toMatchObject({ step: 'acknowledge', startedAt: recordedAt });
      expect(next.proxy!.confirmation).toEqual({ status: 'paperConfirmed', at: recordedAt, byUserId: actor.userId, photoFileId: 'f-paper' });
      expect(effects).toEqual(expect.arrayContaining([expect.objectContaining({ recipient: 'resident', message: 'stateChanged' })]));
    }
    expect(failure(filed, { type: 'recordPaperConfirmation', photoFileId: 'f' }, officer, recordedAt)).toBe('ROLE.FORBIDDEN');
    expect(failure(filed, { type: 'recordPaperConfirmation', photoFileId: 'f' }, resident, recordedAt)).toBe('ROLE.FORBIDDEN');
  });

  test('refusal closes the case with the reason and tells the gridworker', () => {
    const filed = proxyApplication('dibao', filedAt);
    expect(failure(filed, { type: 'refuseByResident', reason: '' }, resident, confirmedAt)).toBe('INPUT.INVALID');
    const { next, effects } = step(filed, { type: 'refuseByResident', reason: '我家不需要' }, resident, confirmedAt);
    expect(next.state).toBe('closed');
    expect(next.closure).toEqual({ at: confirmedAt, byUserId: resident.userId, outcome: 'refusedByResident', note: '我家不需要' });
    expect(next.proxy!.confirmation).toMatchObject({ status: 'refused', reason: '我家不需要' });
    expect(effects).toEqual(expect.arrayContaining([expect.objectContaining({ recipient: 'gridworker', userId: gridworker.userId })]));
  });

  test('only the resident named on the case confirms or refuses; nobody else does it for them', () => {
    const filed = proxyApplication('dibao', filedAt);
    expect(failure(filed, { type: 'confirmByResident' }, otherResident, confirmedAt)).toBe('SCOPE.FORBIDDEN');
    expect(failure(filed, { type: 'refuseByResident', reason: '不' }, otherResident, confirmedAt)).toBe('SCOPE.FORBIDDEN');
    for (const actor of [gridworker, cadre, officer]) {
      expect(failure(filed, { type: 'confirmByResident' }, actor, confirmedAt)).toBe('ROLE.FORBIDDEN');
      expect(failure(filed, { type: 'refuseByResident', reason: '不' }, actor, confirmedAt)).toBe('ROLE.FORBIDDEN');
    }
  });

  test('the town cannot act before the confirmation; a second confirmation is illegal', () => {
    const filed = proxyApplication('dibao', filedAt);
    expect(failure(filed, { type: 'accept' }, officer, confirmedAt)).toBe('CASE.NOT_CONFIRMED');
    expect(failure(filed, { type: 'requestMissingMaterials' }, officer, confirmedAt)).toBe('CASE.NOT_CONFIRMED');
    const confirmed = go(filed, { type: 'confirmByResident' }, resident, confirmedAt);
    expect(failure(confirmed, { type: 'confirmByResident' }, resident, confirmedAt)).toBe('CASE.ILLEGAL_TRANSITION');
    expect(failure(confirmed, { type: 'recordPaperConfirmation', photoFileId: 'f' }, gridworker, confirmedAt)).toBe('CASE.ILLEGAL_TRANSITION');
  });

  test('the worker may withdraw a filing the resident has not answered', () => {
    const filed = proxyApplication('dibao', filedAt);
    const next = go(filed, { type: 'withdraw', reason: '填错了人' }, gridworker, confirmedAt);
    expect(next.closure).toMatchObject({ outcome: 'withdrawn', note: '填错了人' });
  });
});

describe('what waits for the resident (我的办件 "等您办理")', () => {
  test('a proxy application to confirm, then the one missing-materials notice; nothing for someone else or for staff steps', () => {
    const filed = proxyApplication('dibao', filedAt);
    expect(residentAsk(filed, resident.userId)).toBe('confirmProxy');
    expect(residentAsk(filed, otherResident.userId)).toBeNull();
    const received = go(filed, { type: 'confirmByResident' }, resident, confirmedAt);
    // Supplying more is possible in 待受理, but nothing was asked of the resident.
    expect(residentAsk(received, resident.userId)).toBeNull();
    const asked = go(received, { type: 'requestMissingMaterials' }, officer, confirmedAt + HOUR);
    expect(residentAsk(asked, resident.userId)).toBe('supplyMaterials');
    expect(residentAsk({ ...asked, state: 'closed' }, resident.userId)).toBeNull();
  });
});
