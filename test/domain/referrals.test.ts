// RULES §20 in the pure core: a referral's steps, its clocks (司法救助's 10 working days from receipt, the town's
// follow-up interval otherwise), the sweep's marks, and what a step refuses.
import {
  isReferralOverdue,
  newReferral,
  REFERRAL_NO_DUE,
  referralStep,
  sweepReferral,
  type ReferralContext,
  type ReferralRecord,
} from '../../src/core/referrals/referral';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

const at = (date: string, time = '10:00:00') => Date.parse(`${date}T${time}+08:00`);
const ctx = (now: number, settings = DEFAULT_SETTINGS): ReferralContext => ({ now, actor: { userId: 'u-officer', name: '罗玲' }, settings });
const subject = { caseId: null, personId: 'p1', householdId: 'h1', name: '陈卫东', gridId: 'g1', villageId: 'v1', residentUserId: null, sourceId: 'p1' };

function sent(kind: 'judicial' | 'housing', now = at('2026-09-28')): ReferralRecord {
  return { _id: 'r1', ...newReferral({ kind, reason: '需要转介', from: { kind: 'person', personId: 'p1' } }, subject, ctx(now)) };
}

function ok<T>(result: { ok: true; data: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(result.error.code);
  return result.data;
}

describe('referral clocks', () => {
  test('sending starts the follow-up clock of the town’s interval, over the holiday', () => {
    const r = sent('housing');
    expect(r).toMatchObject({ state: 'sent', office: '县住房和城乡建设局', clock: { step: 'referralFollowUp', amount: 10, dueDate: '2026-10-16' } });
    expect(r.dueAt).toBe(r.clock!.dueAt);
    expect(r.sweepAt).toBe(r.clock!.dueSoonAt);
    const shorter = newReferral({ kind: 'housing', reason: '需要转介', from: { kind: 'person', personId: 'p1' } }, subject, ctx(at('2026-09-28'), { ...DEFAULT_SETTINGS, referralFollowUpWorkingDays: 2 }));
    expect(shorter.clock).toMatchObject({ amount: 2, dueDate: '2026-09-30' });
  });

  test('司法救助: 10 working days from the agency’s receipt, entered later with its date', () => {
    const received = ok(referralStep(sent('judicial'), { step: 'receive', receivedOn: '2026-09-30' }, ctx(at('2026-10-09')))).next;
    // 10-08, 10-09, 10-10 (a worked Saturday), 10-12 … 10-16, 10-19, 10-20: the holiday week counts for nothing.
    expect(received.clock).toMatchObject({ step: 'judicialDecision', amount: 10, dueDate: '2026-10-20', startedAt: at('2026-09-30', '00:00:00') });
  });

  test('the sweep marks due soon once, then breached once; a decision stops the clock', () => {
    let r = ok(referralStep(sent('judicial'), { step: 'receive', receivedOn: '2026-09-28' }, ctx(at('2026-09-28')))).next;
    expect(sweepReferral(r, at('2026-10-13'))).toBeNull();
    const warned = sweepReferral(r, at('2026-10-15'))!;
    expect(warned.mark).toBe('dueSoon');
    r = warned.next;
    expect(r.sweepAt).toBe(r.clock!.dueAt + 1);
    expect(sweepReferral(r, at('2026-10-16', '23:00:00'))).toBeNull();
    expect(isReferralOverdue(r, at('2026-10-17'))).toBe(true);
    const breached = sweepReferral(r, at('2026-10-17'))!;
    expect(breached.mark).toBe('breached');
    r = breached.next;
    expect(r.sweepAt).toBe(REFERRAL_NO_DUE);
    expect(sweepReferral(r, at('2026-10-20'))).toBeNull();
    const decided = ok(referralStep(r, { step: 'decide', decidedOn: '2026-10-20', outcome: 'partly', amountYuan: 2000, note: '给予部分救助金' }, ctx(at('2026-10-20')))).next;
    expect(decided).toMatchObject({ state: 'decided', dueAt: REFERRAL_NO_DUE, sweepAt: REFERRAL_NO_DUE, decision: { outcome: 'partly', amountYuan: 2000, service: null } });
    expect(isReferralOverdue(decided, at('2026-10-21'))).toBe(false);
  });
});

describe('referral steps', () => {
  test('each step only from its states, with who and when', () => {
    const r = sent('housing');
    expect(referralStep(r, { step: 'close' }, ctx(at('2026-09-29')))).toMatchObject({ ok: false, error: { code: 'REFERRAL.INVALID_TRANSITION' } });
    const decided = ok(referralStep(r, { step: 'decide', decidedOn: '2026-09-29', outcome: 'refused', note: '不符合住房救助条件' }, ctx(at('2026-09-29')))).next;
    expect(referralStep(decided, { step: 'receive', receivedOn: '2026-09-29' }, ctx(at('2026-09-29')))).toMatchObject({ ok: false, error: { code: 'REFERRAL.INVALID_TRANSITION' } });
    const closed = ok(referralStep(decided, { step: 'close', note: '已告知' }, ctx(at('2026-09-30'))));
    expect(closed).toMatchObject({ from: 'decided', to: 'closed' });
    expect(closed.next.steps.map((s) => [s.state, s.byName])).toEqual([
      ['sent', '罗玲'],
      ['decided', '罗玲'],
      ['closed', '罗玲'],
    ]);
  });

  test('an answer names what was given, or the reasons; its date is neither future nor before the sending', () => {
    const r = sent('housing');
    const now = ctx(at('2026-09-29'));
    expect(referralStep(r, { step: 'decide', decidedOn: '2026-09-29', outcome: 'granted', note: '同意' }, now)).toMatchObject({ ok: false, error: { code: 'REFERRAL.OUTCOME_INCOMPLETE' } });
    expect(referralStep(r, { step: 'decide', decidedOn: '2026-09-29', outcome: 'refused', note: '' }, now)).toMatchObject({ ok: false, error: { code: 'REFERRAL.OUTCOME_INCOMPLETE' } });
    expect(referralStep(r, { step: 'decide', decidedOn: '2026-09-30', outcome: 'granted', service: '危房改造', note: '同意' }, now)).toMatchObject({ ok: false, error: { code: 'REFERRAL.DATE_INVALID' } });
    expect(referralStep(r, { step: 'receive', receivedOn: '2026-09-27' }, now)).toMatchObject({ ok: false, error: { code: 'REFERRAL.DATE_INVALID' } });
    expect(referralStep(r, { step: 'decide', decidedOn: '2026-09-29', outcome: 'granted', service: '危房改造', note: '同意' }, now)).toMatchObject({ ok: true });
  });
});
