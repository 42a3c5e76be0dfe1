import {
  DEFAULT_SETTINGS,
  dibaoProcedureWorkingDays,
  edgeIncomeLineMonthly,
  mergeSettings,
  mergeSettingsReport,
  settingsSchema,
  townApprovalCapYuan,
} from '../../src/core/settings';

describe('town settings', () => {
  test('defaults follow docs/rules.md', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      selfReportAckHours: 24,
      discoveryAckHours: 24,
      emergencyHelpHours: 48,
      emergencyPaperworkWorkingDays: 5,
      temporaryAssistanceDecisionWorkingDays: 10,
      townApprovalCapMultiple: 4,
      edgeIncomeMultiple: 1.5,
      visitIntervalDays: { high: 7, priority: 30, general: 90 },
      majorChangeVisitHours: 24,
      townDelegatedConfirmation: false,
      subscriptionMode: 'one-time',
    });
    expect(DEFAULT_SETTINGS.dibaoStandardMonthly).toBeGreaterThan(0);
    expect([...DEFAULT_SETTINGS.alertVulnerable.categories].sort()).toEqual(
      ['aloneElderly', 'childInDifficulty', 'disabledInHardship', 'emptyNestElderly', 'leftBehindChild', 'tekun'].sort(),
    );
    expect(DEFAULT_SETTINGS.alertVulnerable.includeKeyHouseholds).toBe(true);
  });

  test('nothing stored → defaults', () => {
    expect(mergeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  test('a partial override keeps every other default, nested objects field by field', () => {
    const s = mergeSettings({ dibaoStandardMonthly: 760, townDelegatedConfirmation: true, visitIntervalDays: { general: 60 } });
    expect(s).toEqual({
      ...DEFAULT_SETTINGS,
      dibaoStandardMonthly: 760,
      townDelegatedConfirmation: true,
      visitIntervalDays: { high: 7, priority: 30, general: 60 },
    });
  });

  test('invalid fields fall back one by one and are reported', () => {
    const r = mergeSettingsReport({
      dibaoStandardMonthly: -5,
      emergencyHelpHours: '48',
      subscriptionMode: 'forever',
      visitIntervalDays: { high: 0, priority: 14 },
      alertVulnerable: { categories: ['notACategory'], includeKeyHouseholds: false },
      townApprovalCapMultiple: 3,
      unknownKey: 1,
    });
    expect(r.settings).toEqual({
      ...DEFAULT_SETTINGS,
      townApprovalCapMultiple: 3,
      visitIntervalDays: { high: 7, priority: 14, general: 90 },
      alertVulnerable: { categories: DEFAULT_SETTINGS.alertVulnerable.categories, includeKeyHouseholds: false },
    });
    expect(r.rejected.sort()).toEqual(
      ['alertVulnerable.categories', 'dibaoStandardMonthly', 'emergencyHelpHours', 'subscriptionMode', 'visitIntervalDays.high'].sort(),
    );
  });

  test('garbage stored value → defaults, reported at the root', () => {
    expect(mergeSettingsReport('oops')).toEqual({ settings: DEFAULT_SETTINGS, rejected: ['(root)'] });
    expect(mergeSettingsReport({ visitIntervalDays: 7 })).toEqual({ settings: DEFAULT_SETTINGS, rejected: ['visitIntervalDays'] });
  });

  test('the merged settings are a fresh copy', () => {
    const s = mergeSettings({});
    s.alertVulnerable.categories.push('vagrant');
    expect(DEFAULT_SETTINGS.alertVulnerable.categories).not.toContain('vagrant');
  });

  test('derived limits', () => {
    expect(dibaoProcedureWorkingDays(DEFAULT_SETTINGS)).toBe(30);
    expect(dibaoProcedureWorkingDays({ townDelegatedConfirmation: true })).toBe(20);
    expect(townApprovalCapYuan({ dibaoStandardMonthly: 800, townApprovalCapMultiple: 4 })).toBe(3200);
    expect(edgeIncomeLineMonthly({ dibaoStandardMonthly: 800, edgeIncomeMultiple: 1.5 })).toBe(1200);
  });
});
