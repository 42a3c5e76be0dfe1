// The verification rules (issue 12): the re-check schedule (RULES §9, §16), the comparison results' row checks,
// and the 渐退 months of a 低保 termination (RULES §9).
import { makeIdNumber } from '../../src/core/id-number';
import { addMonths, checkResultRows, halfYearLabel, halfYearOf, recheckDue } from '../../src/core/verification';
import { bj, failure, go, officer, reviewedApplication } from './cases/fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 10);

describe('re-check schedule', () => {
  const person = (over: object) => ({ categories: ['dibao'] as never[], createdAt: T0, ...over });
  test('stable 低保 yearly, irregular income every 6 months, 特困 yearly, from the last re-check', () => {
    expect(recheckDue(person({}))).toEqual({ dueAt: expect.any(Number), reason: 'stable' });
    expect(Math.round((recheckDue(person({}))!.dueAt - T0) / DAY)).toBe(365);
    expect(Math.round((recheckDue(person({ irregularIncome: true }))!.dueAt - T0) / DAY)).toBe(183);
    expect(recheckDue(person({ categories: ['tekun'] }))!.reason).toBe('tekun');
    expect(Math.round((recheckDue(person({ lastRecheckAt: T0 + 100 * DAY }))!.dueAt - T0) / DAY)).toBe(465);
    expect(recheckDue(person({ categories: ['aloneElderly'] }))).toBeNull();
  });
  test('a death in the household since the last re-check brings it within 3 months', () => {
    const died = T0 + 30 * DAY;
    expect(recheckDue(person({ majorChanges: [{ kind: 'deathInFamily', at: died }] }))).toEqual({ dueAt: expect.any(Number), reason: 'afterDeath' });
    expect(Math.round((recheckDue(person({ majorChanges: [{ kind: 'deathInFamily', at: died }] }))!.dueAt - died) / DAY)).toBe(91);
    // Already re-checked after it: the ordinary schedule.
    expect(recheckDue(person({ majorChanges: [{ kind: 'deathInFamily', at: died }], lastRecheckAt: died + DAY }))!.reason).toBe('stable');
  });
  test('half-years and months', () => {
    expect(halfYearOf('2026-07-01')).toBe('2026H2');
    expect(halfYearOf('2026-06-30')).toBe('2026H1');
    expect(halfYearLabel('2026H2')).toBe('2026年下半年');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
  });
});

describe('comparison results', () => {
  const a = makeIdNumber('431123', '1950-01-01', 11);
  const b = makeIdNumber('431123', '1960-02-02', 12);
  const listed = new Map([
    [a, '王秀英'],
    [b, '李四'],
  ]);
  const header = ['身份证号', '姓名', '比对结论代码', '疑点说明'];
  test('a good file: codes normalised, every row kept', () => {
    const r = checkResultRows(header, [{ row: 2, cells: [a, '王秀英', '2', '有车'] }, { row: 3, cells: [b.toLowerCase(), '', '00', ''] }], listed, '2026-11-02');
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.finding)).toEqual(['02', '00']);
  });
  test('any bad row: none kept, each named by its row', () => {
    const r = checkResultRows(header, [
      { row: 2, cells: [a, '王秀英', '02', ''] },
      { row: 4, cells: [a, '', '03', ''] },
      { row: 5, cells: [b, '张三', '01', ''] },
      { row: 6, cells: [makeIdNumber('110101', '1990-03-07', 1), '', '01', ''] },
      { row: 7, cells: ['123', '', '01', ''] },
    ], listed, '2026-11-02');
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => e.row)).toEqual([4, 5, 6, 7]);
    expect(r.errors[0]!.message).toBe('与第2行是同一个人，重复了');
    expect(checkResultRows(['编号'], [], listed, '2026-11-02').errors[0]!.message).toContain('身份证号');
  });
});

describe('渐退 (RULES §9)', () => {
  test('a 低保 termination with 3 渐退 months stops 3 months later; more than 6 is refused', () => {
    let c = go(reviewedApplication('dibao', bj('2026-03-02')), { type: 'startPublicNotice' }, officer, bj('2026-03-03'));
    c = go(c, { type: 'endPublicNotice' }, officer, bj('2026-03-11'));
    c = go(c, { type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 } }, officer, bj('2026-03-12'));
    expect(failure(c, { type: 'startTermination', reason: '就业后收入超过标准', gradualExitMonths: 7 }, officer, bj('2026-05-04'))).toBe('INPUT.INVALID');
    c = go(c, { type: 'startTermination', reason: '就业后收入超过标准', gradualExitMonths: 3 }, officer, bj('2026-05-04'));
    expect(c.termination).toMatchObject({ gradualExitMonths: 3 });
    const ended = go(c, { type: 'terminate', transfer: 'none' }, officer, bj('2026-05-12'));
    expect(ended.termination!.stopsFromMonth).toBe('2026-09');
  });
});
