// The template catalogue (PRODUCT flow 6: who is told what) and the configuration file's check.
import file from '../../../cloudfunctions/notify/templates.json';
import { NOTIFY_MESSAGES } from '../../../src/core/cases';
import {
  buildTemplateData,
  checkEnvironmentConfig,
  environmentConfigSchema,
  SUBSCRIPTION_TEMPLATES,
  TEMPLATE_KEYS,
  templateKeyFor,
  templateKeysFor,
  templatesFileSchema,
} from '../../../src/core/notify';

describe('the catalogue', () => {
  test('residents, gridworkers and the officer each get the messages the issue names', () => {
    expect(templateKeysFor('resident')).toEqual(['caseProgress', 'caseMaterials', 'caseDecision', 'proxyConfirm']);
    expect(templateKeysFor('gridworker')).toEqual(['visitDigest', 'issueOutcome', 'alertRollCall']);
    expect(templateKeysFor('officer')).toEqual(['caseClock', 'urgentReport']);
    expect(templateKeysFor('admin')).toEqual([]);
  });

  test('every case notice is sent through a template; a message type has at most one', () => {
    for (const message of NOTIFY_MESSAGES) expect(templateKeyFor(message)).toBeDefined();
    const all = TEMPLATE_KEYS.flatMap((key) => [...SUBSCRIPTION_TEMPLATES[key].messageTypes]);
    expect(new Set(all).size).toBe(all.length);
    expect(templateKeyFor('explanationTask')).toBeUndefined();
  });
});

describe('templates.json', () => {
  const parsed = templatesFileSchema.parse(file);

  test('the local environment configures every template soundly', () => {
    const local = parsed.environments.local!;
    expect(Object.keys(local.templates).sort()).toEqual([...TEMPLATE_KEYS].sort());
    expect(checkEnvironmentConfig(local)).toEqual([]);
  });

  test('the local mapping fills every field from typical values within the limits', () => {
    const values = {
      title: '一个相当长的标题，超过了二十个字符的限制，需要截断',
      body: '正文'.repeat(50),
      createdAt: Date.UTC(2026, 10, 2, 2, 0),
      dueTomorrow: 3,
      overdue: 0,
      date: Date.UTC(2026, 10, 2, 16, 0),
      reason: '寒潮',
      count: 120,
      deadline: Date.UTC(2026, 10, 2, 8, 0),
      instructions: '今晚寒潮降温，请逐户电话或上门确认取暖和用电安全',
    };
    for (const [key, template] of Object.entries(parsed.environments.local!.templates)) {
      expect([key, buildTemplateData(template.fields, values).ok]).toEqual([key, true]);
    }
  });

  test('the check names unknown purposes, unknown field types and values a template does not offer', () => {
    const config = environmentConfigSchema.parse({
      templates: {
        nonsense: { templateId: 'x', fields: { thing1: 'title' } },
        caseProgress: { templateId: 'y', fields: { amount1: 'title', thing2: 'reason' } },
      },
    });
    const problems = checkEnvironmentConfig(config);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/nonsense/);
    expect(problems.join('\n')).toMatch(/caseProgress\.amount1: unknown field type/);
    expect(problems.join('\n')).toMatch(/caseProgress\.thing2: "reason"/);
  });
});
