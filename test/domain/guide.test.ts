// 政策指南 defaults (issue 13): every topic's four sections fit the editor's limits, take their numbers from the core's
// limits and the town's settings (a changed setting changes the text), and the staff notes come from the checklist
// and the workflow table; the village notice period is the one the case step uses.
import { addDays } from '../../src/core/calendar';
import { LIKELY_KINDS, noticePeriod, noticeRunning, PUBLIC_NOTICE_DAYS, DIBAO_COUNTY_DECISION_WORKING_DAYS } from '../../src/core/cases';
import { defaultGuide, guideChecklist, guideTextSchema, guideTopicOfCase, statutorySteps, GUIDE_NEXT_STEP, GUIDE_TOPICS, GUIDE_TOPIC_OF_LIKELY } from '../../src/core/guide';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

describe('policy guide defaults', () => {
  it('every topic has all four sections within the editor’s limits', () => {
    const guide = defaultGuide(DEFAULT_SETTINGS);
    for (const topic of GUIDE_TOPICS) expect(guideTextSchema.safeParse(guide[topic]).success).toBe(true);
  });

  it('numbers come from the core and the settings, not re-typed', () => {
    const guide = defaultGuide({ ...DEFAULT_SETTINGS, dibaoStandardMonthly: 912, emergencyHelpHours: 36, townDelegatedConfirmation: true });
    expect(guide.dibao.who).toContain('912元');
    expect(guide.dibao.time).toContain(`公示${PUBLIC_NOTICE_DAYS}天`);
    expect(guide.dibao.time).toContain(`${DIBAO_COUNTY_DECISION_WORKING_DAYS}个工作日内作出决定`);
    expect(guide.dibao.time).toContain('全程一般不超过20个工作日'); // RULES §8: delegated to the town
    expect(guide.dibaoEdge.who).toContain(`${912 * DEFAULT_SETTINGS.edgeIncomeMultiple}元`);
    expect(guide.temporaryEmergency.time).toContain('36小时内先行救助');
  });

  it('what to bring is the checklist: platform-held papers are not asked for (RULES §2)', () => {
    const bring = defaultGuide(DEFAULT_SETTINGS).dibao.bring;
    expect(bring).toContain('家庭收入情况说明');
    const [asked] = bring.split('。');
    expect(asked).not.toContain('身份证');
    expect(bring).toMatch(/身份证、户口簿.*等政府部门已有的信息，镇里自己查/);
  });

  it('every self-check result and case kind leads to a page; applications end in "apply", the rest in "ask for help"', () => {
    for (const kind of LIKELY_KINDS) expect(GUIDE_TOPICS).toContain(GUIDE_TOPIC_OF_LIKELY[kind]);
    expect(guideTopicOfCase('housing')).toBe('referrals');
    expect(guideTopicOfCase('unclassified')).toBeNull();
    expect(GUIDE_NEXT_STEP.dibao).toEqual({ type: 'apply', kind: 'dibao' });
    expect(GUIDE_NEXT_STEP.referrals).toEqual({ type: 'ask' });
  });

  it('staff notes: the checklist with consents and the statutory steps from the workflow table with their limits', () => {
    expect(guideChecklist('tekun').items.map((i) => i.key)).toContain('supporterDataCheckAuthorisation');
    expect(guideChecklist('temporaryEmergency').consents).toEqual(['如实申报承诺书', '敏感个人信息处理单独同意书']);
    const steps = statutorySteps('dibao', DEFAULT_SETTINGS);
    const accept = steps.find((s) => s.state === 'received')!.steps.find((e) => e.event === 'accept')!;
    expect(accept.limits.join('；')).toMatch(/3个工作日/);
    expect(steps.find((s) => s.state === 'reviewed')!.steps.map((e) => e.event)).toContain('startPublicNotice');
  });
});

describe('village notice period', () => {
  it('runs 7 days from the posting day (Beijing), and objections are taken until the day before it ends', () => {
    const at = Date.parse('2026-11-02T23:30:00+08:00');
    const period = noticePeriod(at);
    expect(period).toEqual({ startDate: '2026-11-02', endsOn: addDays('2026-11-02', PUBLIC_NOTICE_DAYS) });
    expect(noticeRunning(period, Date.parse('2026-11-08T23:59:00+08:00'))).toBe(true);
    expect(noticeRunning(period, Date.parse('2026-11-09T00:00:00+08:00'))).toBe(false);
  });
});
