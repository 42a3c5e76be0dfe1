// Onboarding (issue 9) in Chromium through the H5 build, each person on their own phone: the admin invites a
// gridworker on the users page; a fresh WeChat user opens the invitation link (bind page, code from `scene`), binds
// and lands on the gridworker home; another types the code instead. A resident links to their roster person, the
// gridworker confirms with one tap, and the resident confirms the proxy application filed for them.
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../../src/core/id-number';
import { answerReminders, api, callAs, choose, fill, openTile, phoneOf, screenshot, tapButton, tokenOf, top, waitState, withBrowser } from './actors';
import { baseUrl, phonePage } from './browser';

jest.setTimeout(300_000);

const browser = withBrowser();
// A 1×1 PNG: the authorisation photo of the proxy application filed through the API.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A phone of a WeChat user the town has never met, signed in on the demo page (「以新微信用户身份进入」). */
async function freshPhone(b: Browser): Promise<Page> {
  const page = await phonePage(b);
  await page.goto(baseUrl());
  await page.getByText('以新微信用户身份进入').click();
  await page.locator('.ui-tiles').first().waitFor({ timeout: 20_000 });
  return page;
}

/** The admin adds a gridworker on the users page; the invitation code shown there. */
async function inviteGridworker(admin: Page, name: string, shot?: string): Promise<string> {
  await fill(admin, '新人员姓名', name);
  await choose(admin, '新人员角色', '网格员');
  await tapButton(admin, '添加并生成邀请码');
  const shown = top(admin).locator('[data-invitation-code]').first();
  await top(admin).getByText(new RegExp(`^已添加${name}（网格员）`)).waitFor();
  const code = (await shown.getAttribute('data-invitation-code'))!;
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  if (shot) {
    await shown.scrollIntoViewIfNeeded();
    await screenshot(admin, shot);
  }
  return code;
}

describe('staff join by invitation', () => {
  it('the admin invites; a fresh WeChat opens the invitation link, binds and lands on the gridworker home; another types the code', async () => {
    const admin = await phoneOf(browser(), 'admin');
    await openTile(admin, '用户与角色');
    await top(admin).getByText('添加工作人员').waitFor();
    const code = await inviteGridworker(admin, '邀请甲', '90-invitation-issued');
    await top(admin).getByText(`/#/pages/bind/index?scene=${code}`).waitFor();
    // The mini-program code image, served from admin-only storage through a temporary URL.
    await top(admin).locator('[aria-label="邀请小程序码"] img, img[aria-label="邀请小程序码"]').first().waitFor({ state: 'attached' });

    // A new phone opens the link: no session yet, so it signs in as a fresh WeChat user with the code kept.
    const phone = await phonePage(browser());
    await phone.goto(`${baseUrl()}/#/pages/bind/index?scene=${code}`);
    await phone.getByText('以新微信用户身份进入').click();
    const input = top(phone).locator('taro-input-core[aria-label="邀请码"] input');
    await input.waitFor({ timeout: 20_000 });
    await expect(input.inputValue()).resolves.toBe(code);
    await screenshot(phone, '91-bind-from-link');
    await tapButton(phone, '绑定');
    await phone.locator('.ui-tiles').first().waitFor({ timeout: 20_000 });
    await top(phone).getByText('花名册').first().waitFor();
    await screenshot(phone, '92-bound-gridworker-home');
    await phone.context().close();

    // The same code again, on another phone: refused in words.
    const second = await inviteGridworker(admin, '邀请乙');
    const reuse = await freshPhone(browser());
    await reuse.goto(`${baseUrl()}/#/pages/bind/index?scene=${code}`);
    await tapButton(reuse, '绑定');
    await top(reuse).getByText(/这个邀请码已经用过了/).waitFor();
    // Typed, from the resident home's 绑定工作账号 tile.
    await reuse.goto(baseUrl());
    await reuse.locator('.ui-tiles').first().waitFor({ timeout: 20_000 });
    await openTile(reuse, '绑定工作账号');
    await fill(reuse, '邀请码', second.toLowerCase());
    await tapButton(reuse, '绑定');
    await top(reuse).getByText('花名册').first().waitFor({ timeout: 20_000 });
    await reuse.context().close();

    await admin.context().close();
    const staff = await callAs<{ items: { name: string; bound: boolean }[] }>('admin', 'admin', 'users', { role: 'gridworker', limit: 100 });
    expect(staff.items.filter((u) => u.name.startsWith('邀请')).map((u) => u.bound)).toEqual([true, true]);
  });
});

describe('a resident links to their roster person', () => {
  it('by name, ID number and phone; the gridworker confirms; the resident confirms the proxy application filed for them', async () => {
    // A roster person in the first gridworker's grid, and a proxy 低保 application the gridworker filed for them.
    const worker = await callAs<{ grids: { _id: string }[] }>('gridworker', 'session', 'me', {});
    const idNumber = makeIdNumber('431123', '1957-06-18', 771);
    const created = await callAs<{ person: { _id: string } }>('gridworker', 'people', 'create', {
      requestId: 'e2e-link-person-01',
      name: '闻关联',
      idNumber,
      phone: '13912347701',
      categories: ['aloneElderly'],
      riskTier: 'priority',
      gridId: worker.grids[0]._id,
      address: '清溪镇清溪村3组7号',
    });
    const token = await tokenOf('gridworker');
    const upload = await fetch(`${baseUrl()}/api/upload?purpose=authorisation`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(PNG) });
    const { data: photo } = (await upload.json()) as { data: { fileID: string } };
    const { caseId } = await api<{ caseId: string }>(
      '/api/call/cases',
      { action: 'create', input: { requestId: 'e2e-link-proxy-01', personId: created.person._id, case: { source: 'proxy', kind: 'dibao', applicant: { name: '闻关联' }, authorisationPhotoFileId: photo.fileID } } },
      token,
    );

    const resident = await freshPhone(browser());
    await openTile(resident, '关联本人信息');
    await fill(resident, '姓名', '闻关联');
    await fill(resident, '身份证号', idNumber);
    await fill(resident, '手机号', '13912340000');
    await tapButton(resident, '提交，请网格员确认');
    await top(resident).getByText(/没有找到匹配的登记信息/).waitFor();
    await fill(resident, '手机号', '13912347701');
    await tapButton(resident, '提交，请网格员确认');
    await top(resident).getByText(/等待网格员确认/).waitFor();
    await screenshot(resident, '93-link-requested');
    // The link code for a visit, as text and as a barcode the gridworker can scan in WeChat.
    await tapButton(resident, '显示关联码');
    await top(resident).locator('[aria-label="关联码条形码"]').waitFor();
    await top(resident).locator('[aria-label="关联码条形码"]').scrollIntoViewIfNeeded();
    await screenshot(resident, '93b-link-code');

    const gridworker = await phoneOf(browser(), 'gridworker');
    await openTile(gridworker, '居民关联');
    const row = top(gridworker).locator('[data-link-request]', { hasText: '闻关联' });
    await row.waitFor({ timeout: 20_000 });
    await screenshot(gridworker, '94-link-requests');
    await row.locator('.ui-button', { hasText: '确认是本人' }).click();
    await top(gridworker).getByText(/^已关联闻关联，1件代办申请等本人确认/).waitFor();
    await gridworker.context().close();

    await resident.goto(baseUrl());
    await resident.locator('.ui-tiles').first().waitFor({ timeout: 20_000 });
    await openTile(resident, '我的办件');
    await top(resident).getByText('等您办理').waitFor({ timeout: 20_000 });
    await top(resident).locator(`[data-case-id="${caseId}"]`).first().click();
    await waitState(resident, 'awaitingConfirmation');
    await top(resident).locator('[data-event="confirmByResident"] .ui-button').click();
    const form = top(resident).locator('[data-event-form="confirmByResident"]');
    await form.waitFor();
    const boxes = form.locator('[role="checkbox"]');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).click();
    await screenshot(resident, '95-linked-resident-confirms');
    await form.locator('[data-submit] .ui-button').click();
    await waitState(resident, 'received');
    await answerReminders(resident, '不用了'); // the plain reminder question that follows a confirmation (issue 15)
    await screenshot(resident, '96-confirmed');
    await resident.context().close();
  });
});
