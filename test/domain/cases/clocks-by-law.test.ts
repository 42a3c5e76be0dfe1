// Issue 11 items 1–3: every state that waits on someone by law has a clock (walked over graph.ts); the delegated
// town decision, the county's data-check start, the self-care re-assessment and the termination objection each
// start, warn, breach and stop (across 2026 holidays); termination with and without objection; a step entered late
// is judged by the day it happened.
import { startOfBeijingDayMs } from '../../../src/core/calendar';
import { DEFAULT_SETTINGS, type TownSettings } from '../../../src/core/settings';
import {
  activeClocks,
  availableEvents,
  CASE_KINDS,
  clockMet,
  isOpenState,
  spotCheckShare,
  sweepCase,
  WAITING,
  WORKFLOWS,
  type CaseRecord,
  type CaseState,
  type Clock,
  type ClockStep,
} from '../../../src/core/cases';
import { bj, failure, go, investigators, officer, cadre, receivedApplication, reviewedApplication, step } from './fixtures';

const delegated: TownSettings = { ...DEFAULT_SETTINGS, townDelegatedConfirmation: true };

/** The states a kind's table names, as rows or as targets (a triage's target belongs to the kind it triages into). */
function statesOf(kind: (typeof CASE_KINDS)[number]): Set<CaseState> {
  const out = new Set<CaseState>();
  for (const [state, row] of Object.entries(WORKFLOWS[kind]) as Array<[CaseState, Record<string, { to: Array<{ state: CaseState }> }>]>) {
    out.add(state);
    for (const [event, edge] of Object.entries(row)) if (event !== 'triage') for (const t of edge.to) out.add(t.state);
  }
  return out;
}

describe('every state that waits on someone by law has a clock (graph.ts WAITING)', () => {
  test.each(CASE_KINDS)('%s: each open state of the table is timed, or says why not', (kind) => {
    for (const state of statesOf(kind)) {
      if (!isOpenState(state)) continue;
      const waiting = WAITING[kind][state];
      expect([kind, state, waiting !== undefined]).toEqual([kind, state, true]);
      if (waiting && 'none' in waiting) expect(waiting.none.length).toBeGreaterThan(10);
    }
  });

  test.each(CASE_KINDS)('%s: every clock WAITING names is started by some step of the table', (kind) => {
    const started = new Set<ClockStep>();
    for (const row of Object.values(WORKFLOWS[kind])) for (const edge of Object.values(row ?? {})) for (const t of edge.to) t.clocks?.forEach((k) => started.add(k));
    // Started outside the table: the acknowledgement at creation (create-case.ts), the help clock at triage.
    started.add('acknowledge');
    started.add('emergencyHelp');
    for (const [state, waiting] of Object.entries(WAITING[kind])) {
      if ('clocks' in waiting) expect([state, waiting.clocks.some((k) => started.has(k))]).toEqual([state, true]);
    }
  });

  test('the states that legitimately have no clock, each with its reason', () => {
    const untimed = CASE_KINDS.flatMap((kind) =>
      Object.entries(WAITING[kind]).flatMap(([state, w]) => ('none' in w ? [`${kind}/${state}`] : [])),
    );
    expect(untimed.sort()).toEqual(
      [
        'dibao/awaitingConfirmation',
        'dibao/materialsRequested',
        'dibao/terminationNotice',
        'education/referred',
        'employment/referred',
        'housing/referred',
        'judicial/referred',
        'medical/referred',
        'tekun/awaitingConfirmation',
        'tekun/materialsRequested',
        'tekun/publicNotice',
        'tekun/reviewed',
        'tekun/terminationNotice',
          'temporaryEmergency/materialsRequested',
        'temporaryExpense/awaitingConfirmation',
        'temporaryExpense/denied',
        'temporaryExpense/materialsRequested',
      ].sort(),
    );
  });
});

/** Sweeps at `at` and returns the marks of the clock of `step`, wherever it runs. */
function sweptAt(c: CaseRecord, at: number, clockStep: ClockStep) {
  const r = sweepCase(c, at, []);
  const clock = r ? activeClocks(r.next).find((k) => k.step === clockStep) : undefined;
  return { next: r?.next ?? c, clock, messages: (r?.effects ?? []).map((e) => (e.type === 'notify' ? `${e.message}:${e.due?.step}` : e.type)) };
}

/** Start → due soon (warned once) → breached (once), as the sweep sees it. */
function expectWarnsThenBreaches(c: CaseRecord, clock: Clock, quietAt: number) {
  expect(sweptAt(c, quietAt, clock.step).messages).not.toContain(`clockDueSoon:${clock.step}`);
  const warned = sweptAt(c, clock.dueSoonAt, clock.step);
  expect(warned.messages).toContain(`clockDueSoon:${clock.step}`);
  expect(warned.clock?.warnedAt).toBe(clock.dueSoonAt);
  const breached = sweptAt(warned.next, clock.dueAt + 1, clock.step);
  expect(breached.messages).toContain(`clockBreached:${clock.step}`);
  expect(sweptAt(breached.next, clock.dueAt + 2, clock.step).messages).toEqual([]);
}

describe('town-delegated confirmation (RULES §8 with §7, §14)', () => {
  test('特困: 15 wd from the end of the notice across 2026 国庆 (Sat 10 Oct worked); warns, breaches, stops at the decision', () => {
    let c = go(reviewedApplication('tekun', bj('2026-09-14'), {}, delegated), { type: 'startPublicNotice' }, officer, bj('2026-09-18'), delegated);
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-09-28'), delegated);
    expect(c.state).toBe('awaitingTownDecision');
    // 29–30 Sep (2), 8–10 Oct (5), 12–16 (10), 19–23 (15)
    expect(c.clock).toMatchObject({ step: 'townConfirmation', amount: 15, dueDate: '2026-10-23', estimated: false });
    expect(c.clock!.dueSoonAt).toBe(startOfBeijingDayMs('2026-10-21'));
    expectWarnsThenBreaches(c, c.clock!, bj('2026-10-20'));
    const decided = go(c, { type: 'decide', decision: { outcome: 'approve', amountYuan: 900 } }, officer, bj('2026-10-22'), delegated);
    expect(decided.clock).toBeUndefined();
    const stopped = decided.clockHistory.find((k) => k.step === 'townConfirmation')!;
    expect(clockMet(stopped)).toBe(true);
  });

  test('低保: the town has the county\'s 10 wd, and the 20-wd delegated procedure runs beside it', () => {
    let c = go(reviewedApplication('dibao', bj('2026-09-14'), {}, delegated), { type: 'startPublicNotice' }, officer, bj('2026-09-15'), delegated);
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-09-22'), delegated);
    expect(c.clock).toMatchObject({ step: 'townConfirmation', amount: 10 });
    expect(c.procedureClock).toMatchObject({ step: 'procedure', amount: 20 });
  });
});

describe('the county starts a 低保 data check within 3 wd of the request (RULES §5)', () => {
  function investigating(at: number): CaseRecord {
    const c = go(receivedApplication('dibao', at), { type: 'accept' }, officer, at);
    return go(c, { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f' }, officer, at);
  }

  test('requested Wed 30 Sep 2026: due Sat 10 Oct (国庆, make-up Saturday worked); warns, breaches; the step clock is untouched', () => {
    const c = go(investigating(bj('2026-09-28')), { type: 'requestDataCheck' }, officer, bj('2026-09-30'));
    expect(c.dataCheckClock).toMatchObject({ step: 'dataCheckStart', amount: 3, dueDate: '2026-10-10' });
    expect(c.procedureClock).toMatchObject({ step: 'procedure' });
    expectWarnsThenBreaches(c, c.dataCheckClock!, bj('2026-10-07'));
  });

  test('recorded a week late, judged by the day the county started: met, with who entered it and when', () => {
    const c = go(investigating(bj('2026-09-28')), { type: 'requestDataCheck' }, officer, bj('2026-09-30'));
    const late = bj('2026-10-16');
    const r = step(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01', startedOn: '2026-10-09' }, officer, late);
    expect(r.next.dataCheckClock).toBeUndefined();
    const stopped = r.next.clockHistory.find((k) => k.step === 'dataCheckStart')!;
    expect(stopped).toMatchObject({ stoppedAt: startOfBeijingDayMs('2026-10-09'), stopRecordedAt: late, stopRecordedBy: officer.userId });
    expect(clockMet(stopped)).toBe(true);
    expect(r.next.dataCheck).toMatchObject({ startedOn: '2026-10-09', recordedAt: late });
    // Entered without its day, the same result counts as today's: breached.
    const plain = go(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }, officer, late);
    expect(clockMet(plain.clockHistory.find((k) => k.step === 'dataCheckStart')!)).toBe(false);
    expect(failure(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01', startedOn: '2026-09-29' }, officer, late)).toBe('INPUT.INVALID');
    expect(failure(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01', startedOn: '2026-10-17' }, officer, late)).toBe('INPUT.INVALID');
  });
});

/** A 低保 or 特困 case the county approved on 1 Sep 2026. */
function approved(kind: 'dibao' | 'tekun'): CaseRecord {
  let c = go(reviewedApplication(kind, bj('2026-08-03')), { type: 'startPublicNotice' }, officer, bj('2026-08-10'));
  c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-08-17'));
  return go(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 800 } }, officer, bj('2026-09-01'));
}

describe('self-care re-assessment within 10 wd of a reported change (RULES §15)', () => {
  test('reported Fri 25 Sep 2026 by the gridworker: due Thu 15 Oct across 国庆 (Sat 10 Oct worked); warns, breaches; the assessment closes it again', () => {
    const c = approved('tekun');
    expect(availableEvents(c, { userId: 'u-grid', role: 'gridworker' })).toContain('reportSelfCareChange');
    const reported = go(c, { type: 'reportSelfCareChange', change: '中风，不能自己洗澡穿衣' }, { userId: 'u-grid', role: 'gridworker' }, bj('2026-09-25'));
    expect(reported.state).toBe('awaitingReassessment');
    // 28–30 Sep (3), 8–9 Oct (5), Sat 10 (6), 12–15 (10)
    expect(reported.clock).toMatchObject({ step: 'selfCareReassessment', amount: 10, dueDate: '2026-10-15' });
    expectWarnsThenBreaches(reported, reported.clock!, bj('2026-10-08'));
    const answers = { eating: true, dressing: false, bedTransfer: true, toileting: true, walkingIndoors: true, bathing: false };
    const done = go(reported, { type: 'assessSelfCare', answers, assessedOn: '2026-10-13' }, officer, bj('2026-10-16'));
    expect(done).toMatchObject({ state: 'closed', closure: { outcome: 'approved' }, selfCare: { classification: 'partialLoss' } });
    expect(clockMet(done.clockHistory.at(-1)!)).toBe(true);
    expect(done.clockHistory.at(-1)).toMatchObject({ step: 'selfCareReassessment', stopRecordedAt: bj('2026-10-16') });
  });

  test('a change reported earlier counts from the report day; only 特困 and only while in support', () => {
    const reported = go(approved('tekun'), { type: 'reportSelfCareChange', change: '摔伤', reportedOn: '2026-09-30' }, officer, bj('2026-10-09'));
    // 8–9 Oct (2), Sat 10 (3), 12–16 (8), 19–20 (10)
    expect(reported.clock).toMatchObject({ startedAt: startOfBeijingDayMs('2026-09-30'), dueDate: '2026-10-20' });
    expect(failure(approved('dibao'), { type: 'reportSelfCareChange', change: '摔伤' }, officer, bj('2026-10-09'))).toBe('CASE.ILLEGAL_TRANSITION');
  });
});

describe('termination (RULES §16); the same procedure for a 低保 exit after a verification finding', () => {
  test('without objection: 7-day notice, then terminated, stopped from the next month, moved to 低保', () => {
    const c = approved('tekun');
    const noticed = go(c, { type: 'startTermination', reason: '核查发现其子女已有赡养能力' }, officer, bj('2026-09-24'));
    expect(noticed).toMatchObject({ state: 'terminationNotice', termination: { noticeStartDate: '2026-09-24', noticeEndsOn: '2026-10-01' } });
    expect(availableEvents(noticed, officer)).toEqual(['objectToTermination', 'terminate', 'link']);
    expect(failure(noticed, { type: 'terminate', transfer: 'dibao' }, officer, bj('2026-09-30'))).toBe('CASE.NOTICE_NOT_ENDED');
    const r = step(noticed, { type: 'terminate', transfer: 'dibao', note: '家庭人均收入低于低保标准' }, officer, bj('2026-10-01'));
    expect(r.next).toMatchObject({ state: 'closed', closure: { outcome: 'terminated' }, termination: { stopsFromMonth: '2026-11', transfer: 'dibao' } });
    expect(r.effects.some((e) => e.type === 'notify' && e.recipient === 'resident' && e.message === 'decision')).toBe(true);
    // Terminated: no further after-approval steps.
    expect(availableEvents(r.next, officer)).toEqual(['link']);
    expect(failure(r.next, { type: 'startTermination', reason: '再次' }, officer, bj('2026-10-02'))).toBe('CASE.ILLEGAL_TRANSITION');
  });

  test('with objection: decided within 15 wd (warns, breaches); upheld → support goes on; rejected → terminated after the notice', () => {
    const noticed = go(approved('dibao'), { type: 'startTermination', reason: '核查发现有稳定工资收入' }, officer, bj('2026-09-28'));
    const objected = go(noticed, { type: 'objectToTermination', text: '工作已经没了' }, cadre, bj('2026-09-30'));
    expect(objected.state).toBe('awaitingObjectionDecision');
    // 8–9 Oct (2), Sat 10 (3), 12–16 (8), 19–23 (13), 26–27 (15)
    expect(objected.clock).toMatchObject({ step: 'terminationObjection', amount: 15, dueDate: '2026-10-27' });
    expectWarnsThenBreaches(objected, objected.clock!, bj('2026-10-22'));
    expect(availableEvents(objected, officer)).toEqual(['decideTerminationObjection', 'link']);

    const upheld = go(objected, { type: 'decideTerminationObjection', outcome: 'upheld', note: '已失业，收入中断' }, officer, bj('2026-10-20'));
    expect(upheld).toMatchObject({ state: 'closed', closure: { outcome: 'approved' } });
    expect(clockMet(upheld.clockHistory.at(-1)!)).toBe(true);

    const rejected = go(objected, { type: 'decideTerminationObjection', outcome: 'rejected', note: '仍在职' }, officer, bj('2026-10-20'));
    expect(rejected.state).toBe('terminationNotice');
    expect(failure(rejected, { type: 'terminate', transfer: 'dibao' }, officer, bj('2026-10-21'))).toBe('INPUT.INVALID');
    const ended = go(rejected, { type: 'terminate', transfer: 'temporaryAssistance' }, officer, bj('2026-10-21'));
    expect(ended).toMatchObject({ closure: { outcome: 'terminated' }, termination: { stopsFromMonth: '2026-11', transfer: 'temporaryAssistance' } });
  });

  test('an objection decision entered late is judged by its day', () => {
    const objected = go(
      go(approved('dibao'), { type: 'startTermination', reason: '核查' }, officer, bj('2026-09-28')),
      { type: 'objectToTermination', text: '有误' },
      cadre,
      bj('2026-09-30'),
    );
    const late = go(objected, { type: 'decideTerminationObjection', outcome: 'upheld', note: '核实有误', decidedOn: '2026-10-26' }, officer, bj('2026-11-02'));
    expect(clockMet(late.clockHistory.at(-1)!)).toBe(true);
    expect(late.termination!.objections[0]!.decision).toMatchObject({ decidedOn: '2026-10-26', recordedAt: bj('2026-11-02') });
  });
});

describe('a county decision recorded late is judged by when it happened (issue 11 item 3)', () => {
  function atCounty(): CaseRecord {
    const c = go(reviewedApplication('tekun', bj('2026-02-02')), { type: 'startPublicNotice' }, officer, bj('2026-02-03'));
    return go(c, { type: 'endPublicNotice' }, officer, bj('2026-02-10'));
  }

  test('decided 6 Mar, typed in 12 Mar (after the 9 Mar due date): the clock is met; who entered it and when are kept', () => {
    const c = atCounty();
    expect(c.clock).toMatchObject({ step: 'countyDecision', dueDate: '2026-03-09' });
    const typedIn = bj('2026-03-12');
    const next = go(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 900 }, decidedOn: '2026-03-06' }, officer, typedIn);
    const stopped = next.clockHistory.find((k) => k.step === 'countyDecision')!;
    expect(stopped).toMatchObject({ stoppedAt: startOfBeijingDayMs('2026-03-06'), stopRecordedAt: typedIn, stopRecordedBy: officer.userId });
    expect(clockMet(stopped)).toBe(true);
    expect(next.decision).toMatchObject({ decidedOn: '2026-03-06', recordedAt: typedIn, recordedBy: officer.userId, benefitStartMonth: '2026-04' });
  });

  test('decided 10 Mar, after the due date: breached, however it is entered; a date before the file reached the county is refused', () => {
    const c = atCounty();
    const next = go(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 900 }, decidedOn: '2026-03-10' }, officer, bj('2026-03-12'));
    expect(clockMet(next.clockHistory.find((k) => k.step === 'countyDecision')!)).toBe(false);
    expect(failure(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 900 }, decidedOn: '2026-02-09' }, officer, bj('2026-03-12'))).toBe('INPUT.INVALID');
  });

  test('a written notice delivered in time but entered late is met', () => {
    const denied = go(atCounty(), { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['有赡养人'] } }, officer, bj('2026-02-13'));
    expect(denied.clock).toMatchObject({ step: 'writtenNotice', dueDate: '2026-02-25' });
    const next = go(denied, { type: 'recordWrittenNotice', deliveredOn: '2026-02-24' }, officer, bj('2026-03-02'));
    expect(clockMet(next.clockHistory.find((k) => k.step === 'writtenNotice')!)).toBe(true);
  });
});

describe('the county spot-checks ≥ 30 % of 特困 files (RULES §14)', () => {
  test('the town records which file was sampled, by whom, with the result — once, while the county reviews it', () => {
    let c = go(reviewedApplication('tekun', bj('2026-02-02')), { type: 'startPublicNotice' }, officer, bj('2026-02-03'));
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-02-10'));
    const checked = go(c, { type: 'recordSpotCheck', checkedBy: '县民政局 周洁', result: 'issuesFound', note: '缺赡养人收入证明', checkedOn: '2026-02-12' }, officer, bj('2026-02-13'));
    expect(checked).toMatchObject({ state: 'awaitingCountyDecision', spotCheck: { checkedBy: '县民政局 周洁', result: 'issuesFound', checkedOn: '2026-02-12', recordedBy: officer.userId } });
    expect(checked.clock).toEqual(c.clock); // the county's review clock runs on
    expect(failure(checked, { type: 'recordSpotCheck', checkedBy: '另一人', result: 'passed' }, officer, bj('2026-02-13'))).toBe('CASE.ILLEGAL_TRANSITION');
    expect(failure(reviewedApplication('dibao', bj('2026-02-02')), { type: 'recordSpotCheck', checkedBy: 'x', result: 'passed' }, officer, bj('2026-02-13'))).toBe('CASE.ILLEGAL_TRANSITION');
  });

  test('the share is sampled / reviewed, below 30 % is flagged, and nothing reviewed is no share at all', () => {
    expect(spotCheckShare(0, 0)).toEqual({ sampled: 0, reviewed: 0, share: null, below: false });
    expect(spotCheckShare(2, 7)).toMatchObject({ below: true });
    expect(spotCheckShare(3, 10)).toMatchObject({ share: 0.3, below: false });
    expect(spotCheckShare(1, 3)).toMatchObject({ below: false });
  });
});
