// Referrals in Chromium through the H5 build (issue 13, RULES §20): a gridworker's discovery report; the officer
// refers the case to the housing bureau from the case page, finds it on the 转介 board, and records the bureau's
// answer; the gridworker is told and their message opens their own view of the referral with the outcome.
import { baseUrl } from './browser';
import { callAs, choose, fill, openTile, phoneOf, screenshot, tapButton, top, waitState, withBrowser } from './actors';

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
    await officer.goto(`${baseUrl()}/#/packages/officer/pages/case/index?id=${encodeURIComponent(made.caseId)}`);
    await waitState(officer, 'submitted');
    await tapButton(officer, '转介到有关部门');
    await top(officer).locator('[role="radiogroup"][aria-label="转介类别"]').waitFor();
    await choose(officer, '转介类别', '住房救助');
    await top(officer).getByText('不填即为：县住房和城乡建设局').waitFor();
    await fill(officer, '转介原因', '房屋属危房，申请纳入危房改造');
    await screenshot(officer, '97-referral-new');
    await tapButton(officer, '提交转介');
    await top(officer).getByText('登记对方答复').waitFor({ timeout: 20_000 });
    const referralId = decodeURIComponent(/[?&]id=([^&]+)/.exec(officer.url())![1]!);

    // The board lists it among the open referrals, with its follow-up date.
    await officer.goto(baseUrl());
    await openTile(officer, '转介');
    const row = top(officer).locator('.ui-row', { hasText: `${person.name} · 住房救助` });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('转介跟进');
    await screenshot(officer, '98-referral-board');
    await row.click();

    await tapButton(officer, '登记办理结果');
    await choose(officer, '办理结果', '给予救助');
    await fill(officer, '救助金额（元）', '20000');
    await fill(officer, '提供的服务', '危房改造');
    await fill(officer, '对方答复', '已纳入本年度危房改造计划');
    await tapButton(officer, '提交：登记办理结果');
    await top(officer).getByText('给予救助：20000元，危房改造').first().waitFor({ timeout: 20_000 });
    await screenshot(officer, '99-referral-decided');

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
