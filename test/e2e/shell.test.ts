// The app shell in Chromium through the H5 build: each role signs in and sees its own home; a gridworker
// pages the roster and opens a person (masked ID); the large-text switch survives a reload.
import { baseUrl, phonePage, screenshot } from './browser';
import { phoneOf, signInAs, withBrowser } from './actors';

const browser = withBrowser();

const HOMES: { role: string; label: string; tile: string }[] = [
  { role: 'resident', label: '居民', tile: '我要求助' },
  { role: 'gridworker', label: '网格员', tile: '花名册' },
  { role: 'cadre', label: '村(居)干部', tile: '民主评议' },
  { role: 'officer', label: '镇民政办', tile: '待办工作台' },
  { role: 'admin', label: '管理员', tile: '规则设置' },
];

describe('signing in', () => {
  it.each(HOMES)('lands $role on its own home', async ({ role, label, tile }) => {
    const page = await phonePage(browser());
    await page.goto(baseUrl());
    await page.getByText('选择一位演示用户登录').waitFor();
    if (role === 'resident') await screenshot(page, '01-sign-in');
    await signInAs(page, role);
    await page.getByText(tile, { exact: true }).first().waitFor();
    await page.getByText(label, { exact: true }).first().waitFor();
    await screenshot(page, `02-home-${role}`);
    await page.context().close();
  });
});

describe('the roster', () => {
  it('pages a gridworker through their grid and opens a person with the ID masked', async () => {
    const page = await phoneOf(browser(), 'gridworker');
    await page.getByText('花名册', { exact: true }).first().click();
    const more = page.getByText('加载更多');
    await more.waitFor();
    const rows = page.locator('.ui-row');
    const firstPage = await rows.count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.ui-row').length > n, firstPage);
    await screenshot(page, '03-roster');
    await rows.first().click();
    await page.getByText(/\d{3}\*{7,}\d{3}[\dX]/).first().waitFor();
    await screenshot(page, '04-person');
    await page.context().close();
  });
});

describe('large-text mode', () => {
  it('stays on after a reload', async () => {
    const page = await phonePage(browser());
    await page.goto(baseUrl());
    const toggle = page.locator('#large-text-switch').first();
    await toggle.waitFor();
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.ui-row') ?? document.body).fontSize));
    await page.locator('.ui-row').first().waitFor();
    const before = await size();
    await toggle.click();
    await page.reload();
    await page.locator('.ui-row').first().waitFor();
    expect(await size()).toBeGreaterThan(before);
    await screenshot(page, '05-large-text');
    await page.context().close();
  });
});
