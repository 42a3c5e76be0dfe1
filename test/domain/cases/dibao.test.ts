// 低保 (RULES §1–8): intake with one missing-materials notice, investigation, data check, first review, 7-day notice
// with objections and re-notice, decision by the county (or the delegated town), denial with written notice and the
// gridworker's explanation, and the whole-procedure clock with its one extension.
import { startOfBeijingDayMs } from '../../../src/core/calendar';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { benefitStartMonth, clockMet, missingItems, type CaseRecord } from '../../../src/core/cases';
import {
  bj,
  cadre,
  DAY,
  failure,
  go,
  gridworker,
  HOUR,
  investigators,
  officer,
  proxyApplication,
  receivedApplication,
  resident,
  reviewedApplication,
  step,
  supplyAll,
} from './fixtures';

const delegated = { ...DEFAULT_SETTINGS, townDelegatedConfirmation: true };

describe('acceptance and the one missing-materials notice (RULES §2–3)', () => {
  const t = bj('2025-09-22T09:00:00');
  const confirmed = () => go(proxyApplication('dibao', t), { type: 'confirmByResident' }, resident, t);

  test('accept refuses an incomplete file, listing what is missing (never what a platform holds)', () => {
    const r = failure(confirmed(), { type: 'accept' }, officer, t + HOUR);
    expect(r).toBe('CASE.MATERIALS_INCOMPLETE');
    expect(missingItems(confirmed()).map((m) => m.key)).toEqual(['incomeStatement', 'assetsStatement', 'truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo']);
    expect(confirmed().materials.find((m) => m.key === 'idAndHukou')).toMatchObject({ platformHeld: true, required: false });
  });

  test('one notice lists everything missing, stops the clock and tells the resident and the gridworker', () => {
    const { next, effects } = step(confirmed(), { type: 'requestMissingMaterials', note: '请一次补齐' }, officer, t + HOUR);
    expect(next.state).toBe('materialsRequested');
    expect(next.missingMaterialsNotice).toMatchObject({ at: t + HOUR, byUserId: officer.userId, note: '请一次补齐' });
    expect(next.missingMaterialsNotice!.items.map((i) => i.key)).toEqual(['incomeStatement', 'assetsStatement', 'truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo']);
    expect(next.clock).toBeUndefined();
    expect(next.clockHistory.at(-1)).toMatchObject({ step: 'acknowledge', stoppedAt: t + HOUR });
    expect(effects.map((e) => e.type === 'notify' && [e.recipient, e.message])).toEqual([
      ['resident', 'missingMaterials'],
      ['gridworker', 'missingMaterials'],
    ]);
  });

  test('partial supply waits; complete supply returns the file to the town with a fresh clock; no second notice', () => {
    const requested = go(confirmed(), { type: 'requestMissingMaterials' }, officer, t + HOUR);
    // The resident answers part of it in the mini-program, consenting online.
    const partial = go(
      requested,
      { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: ['f-inc'] }], consents: [{ key: 'sensitiveInfo' }, { key: 'truthPledge' }] },
      resident,
      t + DAY,
    );
    expect(partial.state).toBe('materialsRequested');
    expect(partial.consents.truthPledge).toMatchObject({ method: 'online', byUserId: resident.userId });
    // A worker cannot consent online for the resident: the signed paper is needed.
    expect(failure(partial, { type: 'materialsSupplied', consents: [{ key: 'dataCheckAuthorisation' }] }, gridworker, t + DAY)).toBe('INPUT.INVALID');
    const suppliedAt = t + 2 * DAY;
    const complete = supplyAll(partial, suppliedAt);
    expect(complete.state).toBe('received');
    expect(complete.missingMaterialsNotice!.suppliedAt).toBe(suppliedAt);
    expect(complete.clock).toMatchObject({ step: 'acknowledge', startedAt: suppliedAt });
    expect(complete.consents.dataCheckAuthorisation).toMatchObject({ method: 'paper', fileIds: ['f-dataCheckAuthorisation'] });
    // RULES §2: only one notice, ever.
    expect(failure(complete, { type: 'requestMissingMaterials', insufficient: ['incomeStatement'] }, officer, suppliedAt)).toBe('CASE.MATERIALS_ALREADY_REQUESTED');
    expect(failure(requested, { type: 'requestMissingMaterials' }, officer, t + DAY)).toBe('CASE.ILLEGAL_TRANSITION');
    expect(go(complete, { type: 'accept' }, officer, suppliedAt + HOUR).state).toBe('awaitingInvestigation');
  });

  test('nothing missing → no notice; an insufficient item can be named; unknown items are refused', () => {
    const complete = receivedApplication('dibao', t);
    expect(failure(complete, { type: 'requestMissingMaterials' }, officer, t)).toBe('CASE.NOTHING_MISSING');
    expect(failure(complete, { type: 'requestMissingMaterials', insufficient: ['expenseProof'] }, officer, t)).toBe('INPUT.INVALID');
    const next = go(complete, { type: 'requestMissingMaterials', insufficient: ['incomeStatement'] }, officer, t);
    expect(next.missingMaterialsNotice!.items).toEqual([{ key: 'incomeStatement', label: '家庭收入情况说明', type: 'document' }]);
    expect(failure(next, { type: 'materialsSupplied', items: [{ key: 'expenseProof', fileIds: ['f'] }] }, resident, t)).toBe('INPUT.INVALID');
    expect(failure(next, { type: 'materialsSupplied' }, resident, t)).toBe('INPUT.INVALID');
  });

  test('only the office accepts or requests materials; materials come from the resident, workers or office', () => {
    const c = confirmed();
    for (const actor of [resident, gridworker, cadre]) {
      expect(failure(c, { type: 'accept' }, actor, t)).toBe('ROLE.FORBIDDEN');
      expect(failure(c, { type: 'requestMissingMaterials' }, actor, t)).toBe('ROLE.FORBIDDEN');
    }
    for (const actor of [resident, gridworker, cadre, officer]) {
      const next = go(c, { type: 'materialsSupplied', items: [{ key: 'assetsStatement', fileIds: ['f'] }] }, actor, t);
      expect(next.materials.find((m) => m.key === 'assetsStatement')).toMatchObject({ provided: true, fileIds: ['f'] });
    }
  });
});

describe('clocks of a 低保 case (RULES §5, §7, §8)', () => {
  const acceptedAt = bj('2025-09-26T10:00:00'); // Friday before 国庆; Sun 28 Sep and Sat 11 Oct are make-up working days

  test('acceptance starts the 3-wd investigation clock and the 30-wd procedure clock, across 国庆', () => {
    const c = go(receivedApplication('dibao', acceptedAt - DAY), { type: 'accept' }, officer, acceptedAt);
    expect(c.state).toBe('awaitingInvestigation');
    expect(c.clock).toMatchObject({ step: 'investigationStart', unit: 'workingDays', amount: 3, dueDate: '2025-09-30', estimated: false });
    expect(c.procedureClock).toMatchObject({ step: 'procedure', amount: 30, startedAt: acceptedAt, dueDate: '2025-11-13' });
  });

  test('delegated to the town: 20 wd', () => {
    const c = go(receivedApplication('dibao', acceptedAt - DAY), { type: 'accept' }, officer, acceptedAt, delegated);
    expect(c.procedureClock).toMatchObject({ amount: 20, dueDate: '2025-10-30' });
  });

  test('extension once, 30 → 45 wd from the same acceptance, with a reason', () => {
    const c = go(receivedApplication('dibao', acceptedAt - DAY), { type: 'accept' }, officer, acceptedAt);
    const at = bj('2025-10-20');
    expect(failure(c, { type: 'extend', reason: 'separatedHousehold', note: '人户分离' }, gridworker, at)).toBe('ROLE.FORBIDDEN');
    const extended = go(c, { type: 'extend', reason: 'separatedHousehold', note: '申请人在外地务工，人户分离' }, officer, at);
    expect(extended.extension).toEqual({ at, byUserId: officer.userId, reason: 'separatedHousehold', note: '申请人在外地务工，人户分离' });
    expect(extended.procedureClock).toMatchObject({ amount: 45, startedAt: acceptedAt, dueDate: '2025-12-04' });
    expect(extended.procedureClock!.warnedAt).toBeUndefined();
    expect(extended.clockHistory.at(-1)).toMatchObject({ step: 'procedure', amount: 30, stoppedAt: at });
    expect(extended.clock).toEqual(c.clock); // the step clock is untouched
    expect(failure(extended, { type: 'extend', reason: 'objection', note: '再延' }, officer, at)).toBe('CASE.ALREADY_EXTENDED');
  });
});

describe('investigation, data check and first review (RULES §4–5)', () => {
  const t = bj('2025-09-26T10:00:00');
  const accepted = () => go(receivedApplication('dibao', t), { type: 'accept' }, officer, t);

  test('two different investigators and the signed form; the 3-wd clock is met', () => {
    const c = accepted();
    const form = { type: 'startInvestigation', conductedBy: 'town', formPhotoFileId: 'f-form' } as const;
    expect(failure(c, { ...form, investigators: [investigators[0]!] }, officer, t)).toBe('INPUT.INVALID');
    expect(failure(c, { ...form, investigators: [investigators[0]!, { ...investigators[0]!, name: '李明明' }] }, officer, t)).toBe('INPUT.INVALID');
    expect(failure(c, { ...form, investigators: [{ name: '李明' }, { name: '李明' }] }, officer, t)).toBe('INPUT.INVALID');
    expect(failure(c, { ...form, investigators }, gridworker, t)).toBe('ROLE.FORBIDDEN');
    const at = bj('2025-09-29');
    const next = go(c, { ...form, investigators, visitedOn: '2025-09-29' }, officer, at);
    expect(next.state).toBe('investigating');
    expect(next.investigations).toEqual([
      { round: 1, at, byUserId: officer.userId, conductedBy: 'town', investigators, formPhotoFileId: 'f-form', visitedOn: '2025-09-29' },
    ]);
    expect(next.clock).toBeUndefined();
    const stopped = next.clockHistory.at(-1)!;
    expect(stopped).toMatchObject({ step: 'investigationStart', stoppedAt: at });
    expect(clockMet(stopped)).toBe(true);
    expect(next.procedureClock).toEqual(c.procedureClock);
  });

  test('a near relative of a worker or committee member: the county investigates (RULES §4)', () => {
    const flagged = go(accepted(), { type: 'flagNearRelative', relativeOf: 'committeeMember', relation: '村委会主任之兄' }, officer, t);
    expect(flagged.nearRelative).toMatchObject({ relativeOf: 'committeeMember', relation: '村委会主任之兄' });
    expect(failure(flagged, { type: 'flagNearRelative', relativeOf: 'assistanceWorker', relation: '又一次' }, officer, t)).toBe('CASE.ILLEGAL_TRANSITION');
    const form = { type: 'startInvestigation', investigators, formPhotoFileId: 'f' } as const;
    expect(failure(flagged, { ...form, conductedBy: 'town' }, officer, t)).toBe('CASE.COUNTY_INVESTIGATION_REQUIRED');
    expect(go(flagged, { ...form, conductedBy: 'county' }, officer, t).investigations[0]!.conductedBy).toBe('county');
    // It can be flagged at intake too, but not once the investigation has started.
    expect(go(receivedApplication('dibao', t), { type: 'flagNearRelative', relativeOf: 'assistanceWorker', relation: '低保经办人之妻' }, officer, t).nearRelative).toBeDefined();
    const investigating = go(accepted(), { ...form, conductedBy: 'town' }, officer, t);
    expect(failure(investigating, { type: 'flagNearRelative', relativeOf: 'assistanceWorker', relation: '妻' }, officer, t)).toBe('CASE.ILLEGAL_TRANSITION');
  });

  test('the data check is requested once and its result recorded once; the first review needs it', () => {
    let c = go(accepted(), { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f' }, officer, t);
    expect(failure(c, { type: 'firstReview', opinion: 'approve', note: '符合', proposedAmountYuan: 500 }, officer, t)).toBe('CASE.DATA_CHECK_PENDING');
    expect(failure(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }, officer, t)).toBe('CASE.ILLEGAL_TRANSITION');
    c = go(c, { type: 'requestDataCheck' }, officer, t);
    expect(c.dataCheck).toEqual({ requestedAt: t, requestedBy: officer.userId });
    expect(failure(c, { type: 'requestDataCheck' }, officer, t)).toBe('CASE.ILLEGAL_TRANSITION');
    c = go(c, { type: 'recordDataCheck', result: 'discrepancy', reference: 'HD-2026-01', note: '存款与申报不符', fileIds: ['f-check'] }, officer, t + DAY);
    expect(c.dataCheck).toMatchObject({ result: 'discrepancy', resultNote: '存款与申报不符', resultFileIds: ['f-check'], recordedAt: t + DAY });
    expect(failure(c, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-01' }, officer, t)).toBe('CASE.ILLEGAL_TRANSITION');
    expect(failure(c, { type: 'firstReview', opinion: 'approve', note: '符合' }, officer, t)).toBe('INPUT.INVALID');
    const reviewed = go(c, { type: 'firstReview', opinion: 'approve', note: '核实后符合', proposedAmountYuan: 520 }, officer, t + 2 * DAY);
    expect(reviewed.state).toBe('reviewed');
    expect(reviewed.firstReview).toEqual({ at: t + 2 * DAY, byUserId: officer.userId, opinion: 'approve', note: '核实后符合', proposedAmountYuan: 520 });
  });
});

describe('public notice, objections and the county decision (RULES §6–7)', () => {
  const acceptedAt = bj('2025-09-26T09:00:00');

  test('7 days, an objection → 民主评议 → new opinion → re-notice → county decision → approved from next month', () => {
    let c = reviewedApplication('dibao', acceptedAt);
    expect(failure(c, { type: 'skipPublicNotice' }, officer, acceptedAt)).toBe('CASE.NOTICE_REQUIRED');
    expect(failure(c, { type: 'startPublicNotice' }, gridworker, acceptedAt)).toBe('ROLE.FORBIDDEN');
    c = go(c, { type: 'startPublicNotice' }, cadre, bj('2025-09-30T15:00:00'));
    expect(c.state).toBe('publicNotice');
    expect(c.publicNotices[0]).toMatchObject({ round: 1, startDate: '2025-09-30', endsOn: '2025-10-07', objections: [] });
    expect(failure(c, { type: 'endPublicNotice' }, officer, bj('2025-10-06T23:59:59'))).toBe('CASE.NOTICE_NOT_ENDED');

    const objection = step(c, { type: 'recordObjection', text: '邻居反映其子有稳定收入', handling: 'democraticReview' }, cadre, bj('2025-10-03'));
    c = objection.next;
    expect(c.state).toBe('awaitingDemocraticReview');
    expect(c.publicNotices[0]).toMatchObject({ endedAt: bj('2025-10-03'), objections: [{ text: '邻居反映其子有稳定收入', handling: 'democraticReview' }] });
    // A cadre acted: the office is told.
    expect(objection.effects).toEqual(expect.arrayContaining([expect.objectContaining({ recipient: 'officer', message: 'stateChanged' })]));
    expect(failure(c, { type: 'recordDemocraticReview', summary: '评议' }, gridworker, bj('2025-10-09'))).toBe('ROLE.FORBIDDEN');
    c = go(c, { type: 'recordDemocraticReview', summary: '评议认为其子已分户，不影响', photoFileIds: ['f-meeting'] }, cadre, bj('2025-10-09'));
    expect(c.state).toBe('investigating');
    expect(c.publicNotices[0]!.objections[0]!.democraticReview).toMatchObject({ summary: '评议认为其子已分户，不影响', photoFileIds: ['f-meeting'] });
    c = go(c, { type: 'firstReview', opinion: 'approve', note: '维持', proposedAmountYuan: 600 }, officer, bj('2025-10-09'));
    c = go(c, { type: 'startPublicNotice' }, officer, bj('2025-10-09T11:00:00'));
    expect(c.publicNotices[1]).toMatchObject({ round: 2, startDate: '2025-10-09', endsOn: '2025-10-16' });

    const ended = step(c, { type: 'endPublicNotice' }, cadre, bj('2025-10-16T08:00:00'));
    c = ended.next;
    expect(c.state).toBe('awaitingCountyDecision');
    expect(c.clock).toMatchObject({ step: 'countyDecision', amount: 10, dueDate: '2025-10-30' });
    expect(c.procedureClock).toMatchObject({ dueDate: '2025-11-13' });
    expect(failure(c, { type: 'decide', decision: { outcome: 'approve', amountYuan: 600 } }, officer, bj('2025-10-20'))).toBe('CASE.ILLEGAL_TRANSITION');

    const decided = step(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 }, decidedOn: '2025-10-28', documentFileId: 'f-doc' }, officer, bj('2025-10-29'));
    c = decided.next;
    expect(c.state).toBe('closed');
    expect(c.closure).toMatchObject({ outcome: 'approved' });
    expect(c.decision).toEqual({
      by: 'county',
      outcome: 'approve',
      decidedOn: '2025-10-28',
      recordedAt: bj('2025-10-29'),
      recordedBy: officer.userId,
      amountYuan: 600,
      benefitStartMonth: '2025-11',
      documentFileId: 'f-doc',
    });
    expect(c.clock).toBeUndefined();
    expect(c.procedureClock).toBeUndefined();
    expect(c.clockHistory.map((k) => k.step)).toEqual(['acknowledge', 'investigationStart', 'dataCheckStart', 'countyDecision', 'procedure']);
    expect(decided.effects.map((e) => e.type === 'notify' && [e.recipient, e.message])).toEqual([
      ['resident', 'decision'],
      ['gridworker', 'decision'],
    ]);
    expect(c.timeline.map((e) => e.event)).toEqual([
      'create', 'confirmByResident', 'materialsSupplied', 'accept', 'startInvestigation', 'requestDataCheck', 'recordDataCheck',
      'firstReview', 'startPublicNotice', 'recordObjection', 'recordDemocraticReview', 'firstReview', 'startPublicNotice',
      'endPublicNotice', 'recordCountyDecision',
    ]);
  });

  test('an objection to re-investigate returns to the investigation; round 2 is recorded', () => {
    let c = go(reviewedApplication('dibao', acceptedAt), { type: 'startPublicNotice' }, officer, acceptedAt + DAY);
    c = go(c, { type: 'recordObjection', text: '有车辆', handling: 'reinvestigate' }, officer, acceptedAt + 2 * DAY);
    expect(c.state).toBe('awaitingInvestigation');
    expect(c.clock).toBeUndefined(); // 低保: the procedure clock governs (an extension may be needed)
    c = go(c, { type: 'startInvestigation', conductedBy: 'town', investigators, formPhotoFileId: 'f-2' }, officer, acceptedAt + 3 * DAY);
    expect(c.investigations.map((i) => i.round)).toEqual([1, 2]);
    expect(c.state).toBe('investigating');
  });

  test('delegated town decides itself within the county\'s 10 wd (RULES §7–8); December decisions pay from January', () => {
    const accepted = bj('2025-12-01');
    let c = go(reviewedApplication('dibao', accepted, {}, delegated), { type: 'startPublicNotice' }, officer, bj('2025-12-02'), delegated);
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2025-12-09'), delegated);
    expect(c.state).toBe('awaitingTownDecision');
    // Issue 11 item 1: the delegated decision is timed too — 10 wd from Tue 9 Dec is Tue 23 Dec.
    expect(c.clock).toMatchObject({ step: 'townConfirmation', unit: 'workingDays', amount: 10, dueDate: '2025-12-23' });
    expect(failure(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 1 } }, officer, bj('2025-12-10'), delegated)).toBe('CASE.ILLEGAL_TRANSITION');
    expect(failure(c, { type: 'decide', decision: { outcome: 'approve', amountYuan: 1 } }, cadre, bj('2025-12-10'), delegated)).toBe('ROLE.FORBIDDEN');
    c = go(c, { type: 'decide', decision: { outcome: 'approve', amountYuan: 650 } }, officer, bj('2025-12-20'), delegated);
    expect(c.decision).toMatchObject({ by: 'town', decidedOn: '2025-12-20', amountYuan: 650, benefitStartMonth: '2026-01' });
    expect(c.clockHistory.find((k) => k.step === 'townConfirmation')).toMatchObject({ stoppedAt: bj('2025-12-20') });
  });

  test('the benefit month is the month after the decision', () => {
    expect(benefitStartMonth('2025-10-28')).toBe('2025-11');
    expect(benefitStartMonth('2025-12-31')).toBe('2026-01');
    expect(benefitStartMonth('2026-01-01')).toBe('2026-02');
    expect(benefitStartMonth('2026-09-30')).toBe('2026-10');
  });
});

describe('denial: written reasons within 3 wd and the explanation task (RULES §7)', () => {
  function atCounty(): CaseRecord {
    const c = go(reviewedApplication('dibao', bj('2025-09-15')), { type: 'startPublicNotice' }, officer, bj('2025-09-16'));
    return go(c, { type: 'endPublicNotice' }, officer, bj('2025-09-23'));
  }

  test('reasons are required', () => {
    expect(failure(atCounty(), { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: [] } }, officer, bj('2025-09-25'))).toBe('INPUT.INVALID');
    expect(failure(atCounty(), { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['  '] } }, officer, bj('2025-09-25'))).toBe('INPUT.INVALID');
    expect(
      failure(atCounty(), { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['x'] }, decidedOn: '2025-09-26' }, officer, bj('2025-09-25')),
    ).toBe('INPUT.INVALID'); // a decision date in the future
  });

  test('the county denial creates the explanation task; the written notice is due 3 wd after the decision day, across 国庆', () => {
    const { next, effects } = step(
      atCounty(),
      { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['家庭人均收入高于低保标准'] }, decidedOn: '2025-09-30' },
      officer,
      bj('2025-10-09'),
    );
    expect(next.state).toBe('denied');
    expect(next.decision).toMatchObject({ by: 'county', outcome: 'deny', reasons: ['家庭人均收入高于低保标准'], decidedOn: '2025-09-30' });
    expect(next.decision!.benefitStartMonth).toBeUndefined();
    expect(next.clock).toMatchObject({ step: 'writtenNotice', amount: 3, startedAt: startOfBeijingDayMs('2025-09-30'), dueDate: '2025-10-11' });
    expect(next.procedureClock).toBeUndefined();
    expect(next.explanation).toEqual({ taskCreatedAt: bj('2025-10-09') });
    expect(effects).toEqual([
      {
        type: 'createExplanationTask',
        caseId: next._id,
        gridId: 'g-1',
        villageId: 'v-1',
        householdId: 'h-1',
        applicantName: '张桂兰',
        reasons: ['家庭人均收入高于低保标准'],
        assigneeUserId: gridworker.userId,
      },
      expect.objectContaining({ type: 'notify', recipient: 'resident', message: 'decision', userId: resident.userId }),
    ]);
  });

  test('closed once the written notice is delivered and the gridworker has explained, in either order', () => {
    const denied = go(atCounty(), { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['收入超标'] } }, officer, bj('2025-09-29'));
    expect(denied.clock).toMatchObject({ step: 'writtenNotice', dueDate: '2025-10-10' });
    expect(failure(denied, { type: 'withdraw', reason: '撤回' }, gridworker, bj('2025-09-29'))).toBe('CASE.ILLEGAL_TRANSITION');

    const noticed = go(denied, { type: 'recordWrittenNotice', fileId: 'f-notice' }, officer, bj('2025-09-30'));
    expect(noticed.state).toBe('denied');
    expect(noticed.clock).toBeUndefined();
    expect(clockMet(noticed.clockHistory.at(-1)!)).toBe(true);
    expect(noticed.decision!.writtenNotice).toEqual({ deliveredAt: bj('2025-09-30'), deliveredOn: '2025-09-30', fileId: 'f-notice' });
    expect(failure(noticed, { type: 'recordWrittenNotice' }, officer, bj('2025-09-30'))).toBe('CASE.ILLEGAL_TRANSITION');
    for (const actor of [officer, resident]) {
      expect(failure(noticed, { type: 'closeExplanation', conversation: '已当面解释' }, actor, bj('2025-10-09'))).toBe('ROLE.FORBIDDEN');
    }
    const closed = go(noticed, { type: 'closeExplanation', conversation: '已上门说明不予批准的理由，家属表示理解', talkedOn: '2025-10-09' }, gridworker, bj('2025-10-09'));
    expect(closed.state).toBe('closed');
    expect(closed.closure).toMatchObject({ outcome: 'denied' });
    expect(closed.explanation).toMatchObject({ closedBy: gridworker.userId, conversation: '已上门说明不予批准的理由，家属表示理解', talkedOn: '2025-10-09' });

    const explainedFirst = go(denied, { type: 'closeExplanation', conversation: '已解释' }, cadre, bj('2025-09-30'));
    expect(explainedFirst.state).toBe('denied');
    expect(failure(explainedFirst, { type: 'closeExplanation', conversation: '再次' }, cadre, bj('2025-09-30'))).toBe('CASE.ILLEGAL_TRANSITION');
    expect(go(explainedFirst, { type: 'recordWrittenNotice' }, officer, bj('2025-10-09')).state).toBe('closed');
  });

  test('a delegated town denial starts the written-notice clock at the decision', () => {
    const accepted = bj('2025-11-03');
    let c = go(reviewedApplication('dibao', accepted, {}, delegated), { type: 'startPublicNotice' }, officer, accepted + DAY, delegated);
    c = go(c, { type: 'endPublicNotice' }, officer, accepted + 8 * DAY, delegated);
    const decidedAt = bj('2025-11-14T16:00:00'); // Friday
    const next = go(c, { type: 'decide', decision: { outcome: 'deny', reasons: ['有赡养人'] } }, officer, decidedAt, delegated);
    expect(next.clock).toMatchObject({ step: 'writtenNotice', startedAt: decidedAt, dueDate: '2025-11-19' });
  });
});
