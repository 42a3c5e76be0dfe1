import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import {
  caseRecordSchema,
  createCase,
  findOpenCaseToLink,
  SELF_REPORT_MAX_CHARS,
  type NewCaseInput,
} from '../../../src/core/cases';
import { applicant, bj, cadre, create, gridworker, HOUR, officer, placement, resident } from './fixtures';

const now = bj('2025-09-26T10:00:00');
const selfReport = (description: string, extra: Partial<Extract<NewCaseInput, { source: 'selfReport' }>> = {}): NewCaseInput => ({
  source: 'selfReport',
  applicant,
  description,
  helpCategory: 'living',
  sensitiveInfoConsent: true,
  ...extra,
});
const tryCreate = (input: NewCaseInput, actor = resident, settings = DEFAULT_SETTINGS) =>
  createCase(input, { id: 'c-x', now, actor, settings, placement });

describe('self-report (求助)', () => {
  test('waits for triage with the acknowledgement clock (24 h default) and tells the office', () => {
    const { record, effects } = create(selfReport('老伴住院，家里没有收入', { photoFileIds: ['f-1'], contactPhone: '138 0013 8000' }), resident, now);
    expect(record).toMatchObject({
      kind: 'unclassified',
      source: 'selfReport',
      state: 'submitted',
      residentUserId: resident.userId,
      createdBy: { userId: resident.userId, role: 'resident' },
      report: { description: '老伴住院，家里没有收入', helpCategory: 'living', urgency: 'normal', photoFileIds: ['f-1'], contactPhone: '13800138000' },
      version: 0,
      createdAt: now,
    });
    expect(record.clock).toMatchObject({ step: 'acknowledge', unit: 'hours', amount: 24, startedAt: now, dueAt: now + 24 * HOUR, estimated: false });
    expect(record.consents.sensitiveInfo).toMatchObject({ method: 'online', byUserId: resident.userId });
    expect(record.timeline).toEqual([{ at: now, actorId: resident.userId, actorRole: 'resident', from: null, to: 'submitted', event: 'create' }]);
    expect(effects).toEqual([expect.objectContaining({ type: 'notify', recipient: 'officer', message: 'stateChanged', caseId: record._id })]);
    expect(caseRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  test(`text: ${SELF_REPORT_MAX_CHARS} characters pass, ${SELF_REPORT_MAX_CHARS + 1} are refused with the count`, () => {
    expect(tryCreate(selfReport('难'.repeat(150))).ok).toBe(true);
    const r = tryCreate(selfReport('难'.repeat(151)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INPUT.INVALID');
      expect(r.error.message).toBe('最多150个字，现在是151个字');
    }
    // An emoji is one character to a person, two UTF-16 units to JavaScript.
    expect(tryCreate(selfReport('😢'.repeat(150))).ok).toBe(true);
    expect(tryCreate(selfReport('   ')).ok).toBe(false);
  });

  test('at most 9 photos; the separate sensitive-information consent is required', () => {
    expect(tryCreate(selfReport('求助', { photoFileIds: Array.from({ length: 9 }, (_, i) => `f-${i}`) })).ok).toBe(true);
    expect(tryCreate(selfReport('求助', { photoFileIds: Array.from({ length: 10 }, (_, i) => `f-${i}`) })).ok).toBe(false);
    const noConsent = { ...selfReport('求助'), sensitiveInfoConsent: false } as unknown as NewCaseInput;
    const r = tryCreate(noConsent);
    expect(r.ok || r.error.message).toBe('请先阅读并同意敏感个人信息处理规则');
  });

  test('only a resident self-reports', () => {
    for (const actor of [gridworker, cadre, officer]) {
      const r = tryCreate(selfReport('求助'), actor);
      expect(r.ok || r.error.code).toBe('ROLE.FORBIDDEN');
    }
  });
});

describe('discovery report (主动发现)', () => {
  const discovery = (urgency: 'normal' | 'urgent'): NewCaseInput => ({
    source: 'discovery',
    applicant,
    description: '独居老人摔伤，无人照料',
    helpCategory: 'emergency',
    urgency,
  });

  test('urgent reaches the officer at once; the acknowledgement limit is the discovery setting', () => {
    const settings = { ...DEFAULT_SETTINGS, discoveryAckHours: 12 };
    const r = createCase(discovery('urgent'), { id: 'c-d', now, actor: gridworker, settings, placement });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.record).toMatchObject({ state: 'submitted', kind: 'unclassified', report: { urgency: 'urgent' } });
    expect(r.data.record.clock).toMatchObject({ step: 'acknowledge', dueAt: now + 12 * HOUR });
    expect(r.data.effects).toEqual([expect.objectContaining({ recipient: 'officer', message: 'urgentReport' })]);
  });

  test('normal urgency is an ordinary notice; residents cannot file discoveries', () => {
    expect(create(discovery('normal'), cadre, now).effects).toEqual([expect.objectContaining({ recipient: 'officer', message: 'stateChanged' })]);
    const r = tryCreate(discovery('normal'), resident);
    expect(r.ok || r.error.code).toBe('ROLE.FORBIDDEN');
  });
});

describe('proxy application (帮办代办)', () => {
  test('waits for the resident with no town clock, and asks the resident to confirm', () => {
    const { record, effects } = create(
      {
        source: 'proxy',
        kind: 'dibao',
        applicant,
        authorisationPhotoFileId: 'f-auth',
        materials: [{ key: 'incomeStatement', fileIds: ['f-income'] }],
        paperConsents: [{ key: 'truthPledge', fileIds: ['f-pledge'] }],
      },
      gridworker,
      now,
    );
    expect(record.state).toBe('awaitingConfirmation');
    expect(record.clock).toBeUndefined();
    expect(record.proxy).toEqual({ authorisationPhotoFileId: 'f-auth', confirmation: { status: 'pending' } });
    expect(record.materials.find((m) => m.key === 'incomeStatement')).toMatchObject({ provided: true, fileIds: ['f-income'] });
    expect(record.consents.truthPledge).toMatchObject({ method: 'paper', fileIds: ['f-pledge'] });
    expect(effects).toEqual([expect.objectContaining({ recipient: 'resident', message: 'confirmProxy', userId: resident.userId })]);
  });

  test('no resident user known → no message (the worker records a paper confirmation instead)', () => {
    const { effects } = create({ source: 'proxy', kind: 'dibao', applicant, authorisationPhotoFileId: 'f' }, gridworker, now, DEFAULT_SETTINGS, {
      gridId: 'g-1',
      villageId: 'v-1',
      householdId: 'h-1',
    } as typeof placement);
    expect(effects).toEqual([]);
  });

  test('a material not on the kind\'s checklist is refused; residents and officers do not file proxies', () => {
    const input: NewCaseInput = { source: 'proxy', kind: 'dibao', applicant, authorisationPhotoFileId: 'f', materials: [{ key: 'expenseProof', fileIds: ['f'] }] };
    const r = tryCreate(input, gridworker);
    expect(r.ok || r.error.code).toBe('INPUT.INVALID');
    const ok: NewCaseInput = { source: 'proxy', kind: 'dibao', applicant, authorisationPhotoFileId: 'f' };
    for (const actor of [resident, officer]) {
      const denied = tryCreate(ok, actor);
      expect(denied.ok || denied.error.code).toBe('ROLE.FORBIDDEN');
    }
  });
});

describe('direct application and referral in', () => {
  test('a direct application is at the town at once; 急难 starts the 48 h help clock instead of acknowledgement', () => {
    const dibao = create({ source: 'direct', kind: 'dibao', applicant, consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] }, resident, now).record;
    expect(dibao).toMatchObject({ state: 'received', residentUserId: resident.userId });
    expect(dibao.clock).toMatchObject({ step: 'acknowledge', dueAt: now + 24 * HOUR });
    expect(Object.keys(dibao.consents).sort()).toEqual(['dataCheckAuthorisation', 'sensitiveInfo', 'truthPledge']);
    const emergency = create({ source: 'direct', kind: 'temporaryEmergency', applicant, consents: ['sensitiveInfo'] }, resident, now).record;
    expect(emergency.clock).toMatchObject({ step: 'emergencyHelp', unit: 'hours', amount: 48, dueAt: now + 48 * HOUR });
  });

  test('a direct application needs the sensitive-information consent', () => {
    const r = tryCreate({ source: 'direct', kind: 'dibao', applicant, consents: ['truthPledge'] });
    expect(r.ok || r.error.message).toBe('请先同意敏感个人信息处理规则');
  });

  test('referral in: created by the office, waiting for triage, no message to itself', () => {
    const { record, effects } = create(
      { source: 'referralIn', from: '县医保局', applicant, description: '大病医疗费用高', helpCategory: 'medical', urgency: 'normal' },
      officer,
      now,
    );
    expect(record).toMatchObject({ state: 'submitted', kind: 'unclassified', referredFrom: '县医保局' });
    expect(effects).toEqual([]);
  });
});

test('an open case of the same kind for the same household is found for linking', () => {
  const cases = [
    { _id: 'a', kind: 'dibao' as const, state: 'closed' as const, householdId: 'h-1' },
    { _id: 'b', kind: 'tekun' as const, state: 'received' as const, householdId: 'h-1' },
    { _id: 'c', kind: 'dibao' as const, state: 'investigating' as const, householdId: 'h-1' },
  ];
  expect(findOpenCaseToLink(cases, { kind: 'dibao', householdId: 'h-1' })?._id).toBe('c');
  expect(findOpenCaseToLink(cases, { kind: 'dibao', householdId: 'h-2' })).toBeUndefined();
  expect(findOpenCaseToLink(cases, { kind: 'unclassified', householdId: 'h-1' })).toBeUndefined();
});
