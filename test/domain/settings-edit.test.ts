// Editing the local rules: overrides only, defaults not stored, each value checked, the visit tiers kept in order.
import { applySettingsChange, describeSetting, SETTING_FIELDS, valueAt } from '../../src/core/settings-edit';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

it('every editable value has a default in DEFAULT_SETTINGS and a RULES reference', () => {
  for (const field of SETTING_FIELDS) {
    expect(valueAt(DEFAULT_SETTINGS, field.path)).toBeDefined();
    expect(field.rule).toMatch(/^§\d+/);
  }
});

it('stores only what differs from the default, nested values beside their siblings', () => {
  const edit = applySettingsChange({ visitIntervalDays: { general: 60 } }, { 'visitIntervalDays.high': 5, dibaoStandardMonthly: 800 });
  expect(edit).toMatchObject({ ok: true, data: { overrides: { visitIntervalDays: { general: 60, high: 5 } } } });
  if (edit.ok) {
    expect(edit.data.settings.visitIntervalDays).toEqual({ high: 5, priority: 30, general: 60 });
    expect(edit.data.changed).toEqual([{ path: 'visitIntervalDays.high', from: 7, to: 5 }]);
  }
});

it('a value set back to its default (or null) leaves the overrides, and an emptied group goes too', () => {
  const edit = applySettingsChange({ visitIntervalDays: { high: 5 }, subscriptionMode: 'long-term' }, { 'visitIntervalDays.high': null, subscriptionMode: 'one-time' });
  expect(edit).toMatchObject({ ok: true, data: { overrides: {} } });
});

it('the same categories in another order are no change', () => {
  const reversed = [...DEFAULT_SETTINGS.alertVulnerable.categories].reverse();
  const edit = applySettingsChange({}, { 'alertVulnerable.categories': reversed });
  expect(edit).toMatchObject({ ok: true, data: { overrides: {}, changed: [] } });
});

it('refuses a value the schema refuses, naming the field in Chinese', () => {
  const edit = applySettingsChange({}, { majorChangeVisitHours: 0 });
  expect(edit).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '重大变故后上门走访时限的值不合规定', details: [{ path: 'majorChangeVisitHours' }] } });
});

it('RULES §25: a riskier tier may not be visited less often', () => {
  expect(applySettingsChange({}, { 'visitIntervalDays.priority': 5 }).ok).toBe(false);
  expect(applySettingsChange({}, { 'visitIntervalDays.priority': 7 }).ok).toBe(true);
});

it('describes values as the page shows them', () => {
  const field = (path: string) => SETTING_FIELDS.find((f) => f.path === path)!;
  expect(describeSetting(field('dibaoStandardMonthly'), 800)).toBe('800元/人·月');
  expect(describeSetting(field('townDelegatedConfirmation'), false)).toBe('否');
  expect(describeSetting(field('alertVulnerable.categories'), ['tekun'])).toBe('特困人员');
  expect(describeSetting(field('averageDisposableIncomeMonthly'), null)).toBe('未填写');
});
