// 核查 (issue 12) in Chromium through the H5 build: the officer opens the half-year's campaign and downloads the list
// (.xlsx); imports the county's comparison results (a GBK CSV, as Excel saves it on a Chinese PC) that flag two
// persons of a gridworker's grid; the gridworker records both home re-checks with a photo each; the board counts them.
import type { Page } from 'playwright-core';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { readSpreadsheet } from '../../server/platform/spreadsheet-read';
import { addPhoto, callAs, choose, fill, openTile, phoneOf, screenshot, tapButton, top, withBrowser } from './actors';

jest.setTimeout(300_000);

const browser = withBrowser();

async function pickFile(page: Page, button: string | RegExp, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tapButton(page, button)]);
  await chooser.setFiles(file);
}

async function recordRecheck(page: Page, name: string, outcome: string, note: string): Promise<void> {
  await top(page).locator('.ui-row', { hasText: name }).first().click();
  await top(page).getByText('记录复核结果').waitFor({ timeout: 20_000 });
  await choose(page, '复核结果', outcome);
  await fill(page, '复核情况', note);
  await addPhoto(page, '入户照片');
  await tapButton(page, '提交复核结果');
  await top(page).getByText(note).waitFor({ timeout: 20_000 });
  await top(page).locator('.ui-card', { hasText: '复核结果' }).getByText(outcome).waitFor();
}

describe('a verification campaign', () => {
  it('opens, exports, imports results; a gridworker records two re-checks; the board reflects them', async () => {
    const officer = await phoneOf(browser(), 'officer');
    await openTile(officer, '核查');
    await tapButton(officer, /^开启\d{4}年[上下]半年核查$/);
    await top(officer).getByText('1. 导出核查名单').waitFor({ timeout: 30_000 });

    const [download] = await Promise.all([officer.waitForEvent('download'), tapButton(officer, '导出名单（Excel）')]);
    const sheet = await readSpreadsheet(readFileSync((await download.path())!), { maxBytes: 5_000_000, maxRows: 5_000 });
    expect(sheet.header.slice(0, 4)).toEqual(['序号', '人员类型', '姓名', '身份证号']);
    await screenshot(officer, 'verify-01-board-exported');

    // Two listed persons of the first gridworker's grid are flagged by the comparison.
    const me = await callAs<{ grids: { name: string }[] }>('gridworker', 'session', 'me', {});
    const gridName = me.grids[0]!.name;
    const mine = sheet.rows.filter((r) => r.cells[1] === '救助对象' && r.cells[8] === gridName).slice(0, 2);
    expect(mine).toHaveLength(2);
    const csv = ['身份证号,姓名,比对结论代码,疑点说明', `${mine[0]!.cells[3]},${mine[0]!.cells[2]},02,名下有小型汽车一辆`, `${mine[1]!.cells[3]},${mine[1]!.cells[2]},01,工资收入超过标准`].join('\r\n');
    await pickFile(officer, '选择比对结果表格', { name: '比对结果.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
    await top(officer).getByText('已选：比对结果.csv（重新选择）').waitFor();
    await tapButton(officer, /^导入结果$/);
    await top(officer).getByText('已导入2行：疑点2人已派给所在网格入户复核').waitFor({ timeout: 20_000 });

    const worker = await phoneOf(browser(), 'gridworker');
    await openTile(worker, '入户复核');
    await top(worker).getByText('待复核（2）').waitFor({ timeout: 20_000 });
    await screenshot(worker, 'verify-02-rechecks');
    await recordRecheck(worker, mine[0]!.cells[2]!, '核实无变化', '车辆已于去年卖出，有过户证明');
    await worker.goBack();
    await top(worker).getByText('待复核（1）').waitFor({ timeout: 20_000 });
    await recordRecheck(worker, mine[1]!.cells[2]!, '对疑点有异议', '本人称工资为临时务工收入，已提供证明');
    await screenshot(worker, 'verify-03-recorded');

    await officer.reload();
    await top(officer).getByText('疑点2人，已复核2人，逾期0人').first().waitFor({ timeout: 20_000 });
    await top(officer).getByText('核实无变化1，对疑点有异议1').first().waitFor();
    await screenshot(officer, 'verify-04-board');
    await worker.context().close();
    await officer.context().close();

    // The town dashboard shows the campaign's home re-checks as the records hold them.
    const figures = await callAs<{ rechecks: { open: number; done: number } }>('officer', 'reports', 'dashboard', {});
    expect(figures.rechecks.done).toBeGreaterThanOrEqual(2);
    const viewer = await phoneOf(browser(), 'officer');
    await openTile(viewer, '数据看板');
    await top(viewer).locator('.rp-figure', { hasText: '已复核' }).getByText(String(figures.rechecks.done), { exact: true }).waitFor({ timeout: 20_000 });
    await screenshot(viewer, 'verify-05-dashboard');
    await viewer.context().close();
  });
});
