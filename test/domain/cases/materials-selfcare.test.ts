// The checklist per kind (RULES §2–3, §12, §17–18, §28) and the 特困 self-care classes (RULES §15).
import {
  checklistFor,
  classifySelfCare,
  consentsRequiredFor,
  MATERIALS,
  missingItems,
  SELF_CARE_ITEMS,
  type CaseKind,
  type SelfCareAnswers,
} from '../../../src/core/cases';

describe('materials', () => {
  const keys = (kind: CaseKind, facts = {}) => checklistFor(kind, facts).map((m) => m.key);

  test('per kind, with the "where relevant" items only when relevant', () => {
    expect(keys('dibao')).toEqual(['idAndHukou', 'incomeStatement', 'assetsStatement']);
    expect(keys('dibao', { disabled: true, seriousIllness: true })).toEqual(['idAndHukou', 'incomeStatement', 'assetsStatement', 'disabilityCertificate', 'illnessProof']);
    expect(keys('tekun', { hasLegalSupporters: true })).toEqual(['idAndHukou', 'incomeStatement', 'assetsStatement', 'supporterDataCheckAuthorisation']);
    expect(keys('temporaryExpense')).toEqual(['idAndHukou', 'incomeStatement', 'expenseProof']);
    expect(keys('temporaryEmergency')).toEqual(['idAndHukou', 'emergencyProof']);
    for (const kind of ['medical', 'education', 'housing', 'employment', 'judicial', 'unclassified'] as const) expect(keys(kind)).toEqual([]);
  });

  test('what a government platform holds is listed, flagged and never required (RULES §2)', () => {
    const items = checklistFor('dibao', { disabled: true });
    expect(items.filter((m) => m.platformHeld).map((m) => m.key)).toEqual(['idAndHukou', 'disabilityCertificate']);
    expect(items.filter((m) => m.platformHeld).every((m) => !m.required)).toBe(true);
    expect(Object.values(MATERIALS).filter((m) => m.platformHeld).every((m) => m.platform)).toBe(true);
    expect(missingItems({ kind: 'dibao', materials: items, consents: {} }).map((m) => m.key)).not.toContain('disabilityCertificate');
  });

  test('consents: pledge, data-check authorisation and sensitive information; 急难 has no data check before help', () => {
    expect(consentsRequiredFor('dibao')).toEqual(['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo']);
    expect(consentsRequiredFor('temporaryEmergency')).toEqual(['truthPledge', 'sensitiveInfo']);
    expect(consentsRequiredFor('medical')).toEqual([]);
    const consent = { at: 1, byUserId: 'u', method: 'online' as const, fileIds: [] };
    const materials = checklistFor('temporaryEmergency').map((m) => ({ ...m, provided: true }));
    expect(missingItems({ kind: 'temporaryEmergency', materials, consents: { truthPledge: consent } })).toEqual([
      { key: 'sensitiveInfo', label: '敏感个人信息处理单独同意书', type: 'consent' },
    ]);
  });
});

describe('self-care assessment (RULES §15)', () => {
  const answers = (failed: number): SelfCareAnswers =>
    Object.fromEntries(SELF_CARE_ITEMS.map((item, i) => [item, i >= failed])) as SelfCareAnswers;

  test('all met = self-care; 1–3 failed = partial loss; 4–6 failed = full loss', () => {
    expect(classifySelfCare(answers(0))).toEqual({ failed: [], classification: 'selfCare' });
    expect(classifySelfCare(answers(1)).classification).toBe('partialLoss');
    expect(classifySelfCare(answers(3))).toEqual({ failed: ['eating', 'dressing', 'bedTransfer'], classification: 'partialLoss' });
    expect(classifySelfCare(answers(4)).classification).toBe('fullLoss');
    expect(classifySelfCare(answers(6)).classification).toBe('fullLoss');
    expect(SELF_CARE_ITEMS).toHaveLength(6);
  });
});
