import { visitRecordSchema } from '../../../src/core/visits/visit-record';
import {
  buildVisitRecord,
  checkVisitSubmission,
  CHECKLIST_KEYS,
  isProblemAnswer,
  problemKeys,
  VISIT_CHECKLIST,
  VISIT_NOTES_MAX,
  VISIT_PHOTOS_MAX,
  visitInputSchema,
} from '../../../src/core/visits/visit-record';
import { MAJOR_CHANGE_KINDS, MAJOR_CHANGE_LABELS } from '../../../src/core/visits/major-change';
import { bj, fine, member, visitInput } from './fixtures';

const CJK = /[\u4e00-\u9fa5]/;
const NOW = bj('2026-09-29T12:00:00');

describe('the checklist table', () => {
  test('the seed checklist: policy, hardship, uncovered, six 无人 problems, child at risk — each with Chinese texts', () => {
    expect(CHECKLIST_KEYS).toEqual([
      'policyDelivered',
      'stillInHardship',
      'uncoveredAtRisk',
      'noGuardian',
      'noCarer',
      'noVisits',
      'noHomeCheck',
      'noBasicService',
      'doesNotKnowHowToApply',
      'childAtRisk',
    ]);
    expect(CHECKLIST_KEYS.filter((k) => VISIT_CHECKLIST[k].group === 'wuren')).toHaveLength(6);
    for (const k of CHECKLIST_KEYS) {
      const item = VISIT_CHECKLIST[k];
      expect([item.label, item.question, item.problemTitle].every((t) => CJK.test(t))).toBe(true);
    }
    for (const k of MAJOR_CHANGE_KINDS) expect(MAJOR_CHANGE_LABELS[k]).toMatch(CJK);
  });

  test('a problem is "no" for policy delivered and "yes" for everything else', () => {
    expect(isProblemAnswer('policyDelivered', false)).toBe(true);
    expect(isProblemAnswer('policyDelivered', true)).toBe(false);
    expect(isProblemAnswer('noCarer', true)).toBe(true);
    expect(problemKeys(fine())).toEqual([]);
    expect(problemKeys({ ...fine(), policyDelivered: false, noCarer: true, childAtRisk: true })).toEqual(['policyDelivered', 'noCarer', 'childAtRisk']);
  });
});

describe('visitInputSchema', () => {
  test('a whole household in one visit, every member answered; notes and photos default empty', () => {
    const { notes: _n, photos: _p, ...bare } = visitInput();
    const parsed = visitInputSchema.parse(bare);
    expect(parsed.members).toHaveLength(2);
    expect(parsed.notes).toBe('');
    expect(parsed.photos).toEqual([]);
  });

  test('each member must answer every item', () => {
    const { noGuardian: _omit, ...partial } = member('p000001');
    const r = visitInputSchema.safeParse({ ...visitInput(), members: [partial] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['members', 0, 'noGuardian'], message: '有问题没有回答：是否无人监护？' });
  });

  test('a member marked 没见到本人 is asked nothing, and answers for them are refused', () => {
    expect(visitInputSchema.safeParse({ ...visitInput(), members: [{ personId: 'p000001', notSeen: true }] }).success).toBe(true);
    const r = visitInputSchema.safeParse({ ...visitInput(), members: [{ ...member('p000001'), notSeen: true }] });
    expect(r.error!.issues[0]!.message).toBe('没见到本人的成员不填写问题');
  });

  test('the six 无人 problems in the seed\'s own words', () => {
    expect(CHECKLIST_KEYS.filter((k) => VISIT_CHECKLIST[k].group === 'wuren').map((k) => VISIT_CHECKLIST[k].label)).toEqual([
      '无人监护',
      '无人照料',
      '无人巡访',
      '无人入户核查',
      '无人提供基本服务',
      '不知道如何申请救助',
    ]);
  });

  test('a member only once; at least one member', () => {
    expect(visitInputSchema.safeParse(visitInput({ members: [member('p1'), member('p1')] })).success).toBe(false);
    expect(visitInputSchema.safeParse(visitInput({ members: [] })).success).toBe(false);
  });

  test(`notes up to ${VISIT_NOTES_MAX} characters, photos up to ${VISIT_PHOTOS_MAX}`, () => {
    expect(visitInputSchema.safeParse(visitInput({ notes: '字'.repeat(500) })).success).toBe(true);
    const long = visitInputSchema.safeParse(visitInput({ notes: '字'.repeat(501) }));
    expect(long.error!.issues[0]!.message).toBe('备注不能超过500字');
    const photos = (n: number) => Array.from({ length: n }, (_, i) => `cloud://env/visits/${i}.jpg`);
    expect(visitInputSchema.safeParse(visitInput({ photos: photos(9) })).success).toBe(true);
    expect(visitInputSchema.safeParse(visitInput({ photos: photos(10) })).error!.issues[0]!.message).toBe('照片最多9张');
  });

  test('optional location and major change; request id required', () => {
    const withExtras = visitInput({
      location: { latitude: 27.9, longitude: 112.5, accuracy: 30 },
      members: [member('p1', { majorChange: 'hospitalised' })],
    });
    expect(visitInputSchema.parse(withExtras).members[0]!.majorChange).toBe('hospitalised');
    expect(visitInputSchema.safeParse({ ...withExtras, location: { latitude: 91, longitude: 0 } }).success).toBe(false);
    expect(visitInputSchema.safeParse({ ...withExtras, members: [{ ...member('p1'), majorChange: 'divorce' }] }).success).toBe(false);
    const { requestId: _r, ...noRequest } = visitInput();
    expect(visitInputSchema.safeParse(noRequest).success).toBe(false);
  });

  test('the payload never names the visitor', () => {
    expect(visitInputSchema.safeParse({ ...visitInput(), visitorId: 'u-gw-01' }).success).toBe(false);
  });
});

describe('checkVisitSubmission', () => {
  const ctx = { now: NOW, householdPersonIds: ['p000001', 'p000002', 'p000003'], minorPersonIds: ['p000002'], names: { p000002: '李小明' } };

  test('a visit of this household, a little in the past, passes', () => {
    expect(checkVisitSubmission(visitInput(), ctx)).toEqual({ ok: true, data: visitInput() });
  });

  test('not in the future beyond a few minutes of clock skew', () => {
    expect(checkVisitSubmission(visitInput({ visitedAt: NOW + 4 * 60_000 }), ctx).ok).toBe(true);
    const r = checkVisitSubmission(visitInput({ visitedAt: NOW + 6 * 60_000 }), ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'VISIT.TIME_INVALID' } });
  });

  test('a visit kept on the device may arrive days later, not months', () => {
    expect(checkVisitSubmission(visitInput({ visitedAt: NOW - 30 * 86_400_000 }), ctx).ok).toBe(true);
    expect(checkVisitSubmission(visitInput({ visitedAt: NOW - 91 * 86_400_000 }), ctx)).toMatchObject({ ok: false, error: { code: 'VISIT.TIME_INVALID' } });
  });

  test('a minor seen is asked whether a child is in danger; the refusal names the member and the question', () => {
    const { childAtRisk: _c, ...unasked } = member('p000002');
    const r = checkVisitSubmission(visitInput({ members: [member('p000001', { childAtRisk: undefined }), unasked] }), ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'VISIT.UNANSWERED', message: '李小明：“儿童是否有被虐待、被遗弃或处于危险的迹象？”还没有回答' } });
    expect(checkVisitSubmission(visitInput({ members: [{ personId: 'p000002', notSeen: true }] }), ctx).ok).toBe(true);
  });

  test('members must belong to the household', () => {
    const r = checkVisitSubmission(visitInput({ members: [member('p000001'), member('p999999')] }), ctx);
    expect(r).toEqual({
      ok: false,
      error: { code: 'VISIT.MEMBER_NOT_IN_HOUSEHOLD', message: '走访的成员不属于这一户', details: { personIds: ['p999999'] } },
    });
  });
});

test('buildVisitRecord: the visitor and placement come from the caller and the household', () => {
  const input = visitInput({ location: { latitude: 27.9, longitude: 112.5 } });
  const record = buildVisitRecord(input, {
    id: 'visit-req-0001-abcd',
    visitor: { _id: 'u-gw-01', name: '李网格', role: 'gridworker' },
    household: { gridId: 'g01-01', villageId: 'v01' },
    now: NOW,
  });
  expect(visitRecordSchema.parse(record)).toEqual(record);
  expect(record).toMatchObject({
    _id: 'visit-req-0001-abcd',
    version: 0,
    createdAt: NOW,
    receivedAt: NOW,
    visitedAt: input.visitedAt,
    visitorId: 'u-gw-01',
    gridId: 'g01-01',
    villageId: 'v01',
    location: { latitude: 27.9, longitude: 112.5 },
  });
  expect('followUp' in record).toBe(false);
});
