// The public notice projection (RULES §6, §10, §29), the worklist order and filters, and the record's schema / patch.
import { startClock, casePatch, caseDueAt, caseDueStatus, caseRecordSchema, isPostable, publicNoticeView, worklist, type CaseSummary } from '../../../src/core/cases';
import { applicant, bj, go, officer, reviewedApplication } from './fixtures';

describe('public notice view', () => {
  const t = bj('2025-09-15');

  test('shows only name, household size and amount — the proposed amount, then the decided one', () => {
    const reviewed = reviewedApplication('dibao', t);
    const view = publicNoticeView(reviewed);
    expect(view).toEqual({ applicantName: '张桂兰', householdSize: 2, amountYuan: 600 });
    expect(Object.keys(view!).sort()).toEqual(['amountYuan', 'applicantName', 'householdSize']);
    let c = go(reviewed, { type: 'startPublicNotice' }, officer, t);
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2025-09-22'));
    const approved = go(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 580 } }, officer, bj('2025-09-25'));
    expect(publicNoticeView(approved)).toEqual({ applicantName: '张桂兰', householdSize: 2, amountYuan: 580 });
    const denied = go(c, { type: 'recordCountyDecision', decision: { outcome: 'deny', reasons: ['收入超标'] } }, officer, bj('2025-09-25'));
    expect(publicNoticeView(denied)).toBeNull();
  });

  test("a minor's case is never postable, 特困 or 低保 (RULES §29; the notice board posts no minor); an adult's is", () => {
    const kid = { ...applicant, minor: true };
    expect(isPostable({ applicant: kid })).toBe(false);
    expect(publicNoticeView({ kind: 'tekun', applicant: kid })).toBeNull();
    expect(publicNoticeView({ kind: 'dibao', applicant: kid })).toBeNull();
    expect(isPostable({ applicant })).toBe(true);
    expect(publicNoticeView({ kind: 'dibao', applicant: { name: '王五', minor: false } })).toEqual({ applicantName: '王五', householdSize: null, amountYuan: null });
  });
});

describe('worklist', () => {
  const now = bj('2025-09-29T09:00:00');
  const wd = (start: string, n: number) => startClock('investigationStart', { unit: 'workingDays', amount: n }, bj(start), []);
  const summary = (id: string, extra: Partial<CaseSummary>): CaseSummary => ({
    _id: id,
    kind: 'dibao',
    state: 'awaitingInvestigation',
    gridId: 'g-1',
    villageId: 'v-1',
    createdAt: bj('2025-09-01'),
    ...extra,
  });
  const cases: CaseSummary[] = [
    summary('later', { clock: wd('2025-09-26', 10) }), // due 16 Oct: ok
    summary('soon', { clock: wd('2025-09-26', 3), villageId: 'v-2' }), // due 30 Sep: due soon
    summary('overdue', { kind: 'tekun', clock: wd('2025-09-22', 3) }), // due 25 Sep: breached
    summary('no-clock-old', { state: 'materialsRequested', createdAt: bj('2025-08-01') }),
    summary('no-clock-new', { state: 'materialsRequested' }),
    summary('procedure-first', { clock: wd('2025-09-26', 10), procedureClock: startClock('procedure', { unit: 'workingDays', amount: 4 }, bj('2025-09-26'), []) }), // due 9 Oct: due soon from 29 Sep
    summary('closed', { state: 'closed', clock: wd('2025-09-01', 1) }),
  ];

  test('open cases, earliest due first (across both clocks), cases without a clock last, oldest first', () => {
    const { items, counts } = worklist(cases, {}, now);
    expect(items.map((c) => c._id)).toEqual(['overdue', 'soon', 'procedure-first', 'later', 'no-clock-old', 'no-clock-new']);
    expect(counts).toEqual({ total: 6, dueSoon: 2, overdue: 1 });
  });

  test('filters by kind, village, state, due soon, overdue; counts follow the non-due filters', () => {
    const ids = (filter: Parameters<typeof worklist>[1]) => worklist(cases, filter, now).items.map((c) => c._id);
    expect(ids({ kinds: ['tekun'] })).toEqual(['overdue']);
    expect(ids({ villageIds: ['v-2'] })).toEqual(['soon']);
    expect(ids({ states: ['materialsRequested'] })).toEqual(['no-clock-old', 'no-clock-new']);
    expect(ids({ states: ['closed'] })).toEqual(['closed']);
    expect(ids({ dueSoon: true })).toEqual(['soon', 'procedure-first']);
    expect(ids({ overdue: true })).toEqual(['overdue']);
    expect(ids({ dueSoon: true, overdue: true })).toEqual(['overdue', 'soon', 'procedure-first']);
    expect(worklist(cases, { villageIds: ['v-1'], dueSoon: true }, now).counts).toEqual({ total: 5, dueSoon: 1, overdue: 1 });
  });

  test('due status and due instant come from clock.ts', () => {
    const soon = cases[1]!;
    expect(caseDueStatus(soon, now)).toBe('dueSoon');
    expect(caseDueStatus(soon, bj('2025-09-26T12:00:00'))).toBe('ok');
    expect(caseDueStatus(cases[3]!, now)).toBe('none');
    expect(caseDueAt(cases[5]!)).toBe(cases[5]!.procedureClock!.dueAt);
    expect(caseDueAt(cases[3]!)).toBeUndefined();
  });
});

describe('the stored record', () => {
  test('a case carried through a whole workflow parses back from JSON unchanged', () => {
    const c = go(reviewedApplication('tekun', bj('2026-02-02')), { type: 'startPublicNotice' }, officer, bj('2026-02-03'));
    expect(caseRecordSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  test('casePatch: the changed top-level fields to set whole, the removed ones to remove', () => {
    const c = reviewedApplication('dibao', bj('2025-09-15'));
    const next = go(c, { type: 'startPublicNotice' }, officer, bj('2025-09-16'));
    const patch = casePatch(c, next);
    expect(Object.keys(patch.set).sort()).toEqual(['publicNotices', 'state', 'timeline']);
    expect(patch.remove).toEqual([]);
    const accepted = go(reviewedApplication('dibao', bj('2025-09-15')), { type: 'close', reason: '终止' }, officer, bj('2025-09-16'));
    const closePatch = casePatch(c, accepted);
    expect(closePatch.remove).toEqual(['procedureClock']);
    expect(Object.keys(closePatch.set).sort()).toEqual(['clockHistory', 'closure', 'state', 'timeline']);
  });
});
