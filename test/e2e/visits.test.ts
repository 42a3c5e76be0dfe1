// Issue 4 in Chromium through the H5 build: a gridworker opens the overdue list and records a household visit that
// finds a 无人 problem — every question asked (issue 15: nothing pre-answered, an unanswered one refused); the
// officer sees the issue and resolves it; the gridworker sees the outcome. An import with one bad row writes nothing
// and names the row.
import type { Page } from 'playwright-core';
import iconv from 'iconv-lite';
import { baseUrl } from './browser';
import { fill, openTile, phoneOf, screenshot, withBrowser } from './actors';

const browser = withBrowser();

/** Answers every question not answered yet as "no problem": policies delivered, none of the problems. */
async function answerTheRest(page: Page): Promise<void> {
  const questions = page.locator('.ui-question');
  for (let i = 0; i < (await questions.count()); i += 1) {
    const question = questions.nth(i);
    if (await question.locator('[role="radio"][aria-checked="true"]').count()) continue;
    const fine = (await question.getAttribute('data-question')) === 'policyDelivered' ? '是' : '否';
    await question.locator('[role="radio"]', { hasText: fine }).click();
  }
}

describe('a visit finds a 无人 problem, the office resolves it', () => {
  it('runs from the overdue list to the gridworker seeing the outcome', async () => {
    const worker = await phoneOf(browser(), 'gridworker');
    await openTile(worker, '逾期清单');
    const household = worker.locator('.ui-row', { hasText: '户' }).filter({ hasText: /逾期\d+天|今天已到期/ }).first();
    await household.waitFor({ timeout: 20_000 });
    await screenshot(worker, '10-overdue-list');
    await household.click();

    await worker.getByText('走访对象').waitFor();
    const noCarer = worker.locator('[role="radiogroup"][aria-label$="：无人照料"]').first();
    const member = ((await noCarer.getAttribute('aria-label')) ?? '').split('：')[0];
    await noCarer.locator('[role="radio"]', { hasText: '是' }).click();
    await fill(worker, '走访记录', '老人独自在家，子女半年未回，日常起居无人照料');
    // Nothing is pre-answered: submitting now is refused on the phone, naming the member and the question.
    await worker.locator('.ui-button', { hasText: '提交走访' }).click();
    await worker.getByText(new RegExp(`^${member}：“.+”还没有回答$`)).waitFor();
    await answerTheRest(worker);
    await screenshot(worker, '11-visit-form');
    await worker.locator('.ui-button', { hasText: '提交走访' }).click();
    await worker.getByText('走访已记录').waitFor();
    // The gridworker's reminders were offered in the tap (H5: the in-app consent dialog); they allow them.
    await worker.locator('[role="dialog"] .ui-button', { hasText: '允许' }).click();
    await worker.getByText(`${member}：无人照料`).first().waitFor();
    await screenshot(worker, '12-visit-recorded');
    const visitUrl = worker.url();

    const officer = await phoneOf(browser(), 'officer');
    await openTile(officer, '问题督办');
    const issue = officer.locator('.ui-row', { hasText: `${member}：无人照料` }).first();
    await issue.waitFor({ timeout: 20_000 });
    await screenshot(officer, '13-issues');
    await issue.click();
    await officer.getByText('督办', { exact: true }).waitFor();
    await fill(officer, '处理结果', '已联系村卫生室每周上门两次，并落实邻里结对照料');
    await officer.locator('.ui-button', { hasText: '办结' }).click();
    await officer.locator('.ui-tag', { hasText: '已解决' }).first().waitFor();
    await screenshot(officer, '14-issue-resolved');

    await worker.goto(visitUrl);
    await worker.reload();
    await worker.getByText('处理结果：已联系村卫生室每周上门两次，并落实邻里结对照料').waitFor({ timeout: 20_000 });
    await worker.getByText('处理结果：已联系村卫生室每周上门两次，并落实邻里结对照料').scrollIntoViewIfNeeded();
    await screenshot(worker, '15-outcome-seen');
    await worker.context().close();
    await officer.context().close();
  });
});

describe('ledger import', () => {
  it('one bad row: nothing is written and the row is named', async () => {
    const officer = await phoneOf(browser(), 'officer');
    await openTile(officer, '台账导入');
    await officer.getByText('下载导入模板（Excel）').waitFor();
    const csv = [
      '姓名,身份证号,手机号,与户主关系,户主身份证号,网格编号,住址,人员类别,风险等级,重点户,流动人口,残疾等级,备注',
      '陶秀兰,431123194805120229,,户主,,431123101001-01,清溪镇清溪村1组66号,独居老人,,,,,',
      '陶建业,431123194805120228,,户主,,431123101001-01,清溪镇清溪村1组67号,,,,,,',
    ].join('\n');
    // Excel's plain "CSV" on a Chinese PC is GBK: the import reads it as it is.
    const chooser = officer.waitForEvent('filechooser');
    await officer.locator('.ui-button', { hasText: '选择表格文件' }).click();
    await (await chooser).setFiles({ name: '台账.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
    await officer.getByText('已选：台账.csv（重新选择）').waitFor();
    await officer.locator('.ui-button', { hasText: /^导入$/ }).click();
    const errors = officer.locator('[aria-label="有错误的行"]');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('第3行「身份证号」');
    await officer.getByText(/没有导入任何数据/).first().waitFor();
    await errors.scrollIntoViewIfNeeded();
    await screenshot(officer, '16-import-refused');

    // Nothing was written: the good row's person is not on the roster.
    await officer.goto(baseUrl());
    await openTile(officer, '查找人员');
    await fill(officer, '身份证号后4位', '0229');
    await officer.locator('.ui-button', { hasText: '查找' }).click();
    // The search has answered (its rows or its empty state, nothing loading) before the absence is checked.
    const results = officer.locator('.ui-card', { hasText: '查找结果' });
    await results.locator('.ui-row, .ui-state--empty').first().waitFor();
    await results.locator('.ui-state--loading').waitFor({ state: 'detached' });
    expect(await results.locator('.ui-row', { hasText: '陶秀兰' }).count()).toBe(0);
    await officer.context().close();
  });
});
