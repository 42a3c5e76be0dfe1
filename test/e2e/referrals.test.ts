// Referrals in Chromium through the H5 build (issue 13, RULES §20): a gridworker's discovery report; the officer
// triages it as 住房救助 and sends it with the case's own 转介 step, which makes its referral record; finds it on the
// 转介 board, opens it from the case and records the bureau's answer there, which closes the case; the gridworker is
// told and their message opens their own view of the referral with the outcome.
import { baseUrl } from './browser';
import { callAs, caseStep, choose, fill, openTile, phoneOf, screenshot, tapButton, top, waitState, withBrowser } from './actors';

jest.setTimeout(180_000);

const browser = withBrowser();

describe('referral to the housing bureau', () => {
  it('officer refers a case and records the outcome; the gridworker sees it', async () => {
    const people = await callAs<{ items: { _id: string; name: string }[] }>('gridworker', 'people', 'list', { limit: 5 });
    const person = people.items[0]!;
    const made = await callAs<{ caseId: string }>('gridworker', 'cases', 'create', {
      requestId: `e2e-referral-case-${Date.now()}`,
      personId: person._id,
      case: { source: 'discovery', applicant: { name: person.name }, description: '房屋漏雨，墙体开裂，无力修缮', helpCategory: 'housing', urgency: 'normal' },
    });

    const officer = await phoneOf(browser(), 'officer');
    const casePage = `${baseUrl()}/#/packages/officer/pages/case/index?id=${encodeURIComponent(made.caseId)}`;
    await officer.goto(casePage);
    await waitState(officer, 'submitted');
    await caseStep(officer, 'triage', () => choose(officer, '分办为', '住房救助（转介）'), 'received');
    // A referral case has one way to refer: its own 转介 step, to the kind's office unless another is named.
    expect(await top(officer).locator('.ui-button', { hasText: '转介到有关部门' }).count()).toBe(0);
    await caseStep(officer, 'refer', () => fill(officer, '说明（可不填）', '房屋属危房，申请纳入危房改造'), 'referred');
    await screenshot(officer, '97-referral-case');

    // The board lists it among the open referrals, with its follow-up date.
    await officer.goto(baseUrl());
    await openTile(officer, '转介');
    const boardRow = top(officer).locator('.ui-row', { hasText: `${person.name} · 住房救助` });
    await boardRow.waitFor({ timeout: 20_000 });
    expect(await boardRow.textContent()).toContain('转介跟进');
    await screenshot(officer, '98-referral-board');

    // The case page shows the referral (no 登记转介结果 of its own); its row opens where the answer is recorded.
    await officer.goto(casePage);
    await waitState(officer, 'referred');
    expect(await top(officer).locator('[data-event="recordReferralOutcome"]').count()).toBe(0);
    await top(officer).locator('.ui-row', { hasText: '县住房和城乡建设局' }).click();
    await top(officer).getByText('登记对方答复').waitFor({ timeout: 20_000 });
    const referralId = decodeURIComponent(/[?&]id=([^&]+)/.exec(officer.url())![1]!);

    await tapButton(officer, '登记办理结果');
    await choose(officer, '办理结果', '给予救助');
    await fill(officer, '救助金额（元）', '20000');
    await fill(officer, '提供的服务', '危房改造');
    await fill(officer, '对方答复', '已纳入本年度危房改造计划');
    await tapButton(officer, '提交：登记办理结果');
    await top(officer).getByText('给予救助：20000元，危房改造').first().waitFor({ timeout: 20_000 });
    await screenshot(officer, '99-referral-decided');
    // The answer closed the case.
    await officer.goto(casePage);
    await waitState(officer, 'closed');

    // The grid's gridworker is told; the message opens their own referral page with the outcome.
    const worker = await phoneOf(browser(), 'gridworker');
    await openTile(worker, '消息中心');
    await top(worker).getByText('转介有结果了').first().click();
    await top(worker).getByText('已纳入本年度危房改造计划').waitFor({ timeout: 20_000 });
    expect(worker.url()).toContain('/packages/worker/pages/referral/index');
    expect(decodeURIComponent(worker.url())).toContain(referralId);
    await top(worker).getByText('给予救助：20000元，危房改造').waitFor();
    await screenshot(worker, '99b-referral-worker');
  });
});
