// Issue 13 in Chromium through the H5 build, each actor on their own phone: (1) the cadre publishes the village notice
// and a resident of the village files an objection that the town office answers; (2) a resident reads the 低保 guide
// from the self-check result and starts an application.
import type { Page } from 'playwright-core';
import type { DemoUser } from '../../src/pages/login/index';
import { answerReminders, api, choose, confirmModal, fill, openTile, phoneOf, screenshot, tapButton, top, withBrowser } from './actors';
import { baseUrl, phonePage } from './browser';

jest.setTimeout(300_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const browser = withBrowser();

const tokenFor = async (user: DemoUser) => (await api<{ token: string }>('/api/login', { userId: user.userId })).token;

async function upload(token: string, purpose: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/upload?purpose=${purpose}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(PNG) });
  return ((await response.json()) as { data: { fileID: string } }).data.fileID;
}

/** A phone signed in as this demo user (by name on the sign-in page), on their home. */
async function phoneAs(user: DemoUser): Promise<Page> {
  const page = await phonePage(browser());
  await page.goto(baseUrl());
  const row = page.locator(`[data-role="${user.role}"] .ui-row`, { hasText: user.name }).first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await page.locator('.ui-tiles').first().waitFor();
  return page;
}

/** The first demo cadre and a linked resident of their village (a resident's row names their grid). */
async function villagePeople(): Promise<{ cadre: DemoUser; resident: DemoUser; officer: DemoUser }> {
  const users = await api<DemoUser[]>('/api/demo-users');
  const cadre = users.find((u) => u.role === 'cadre')!;
  const officer = users.find((u) => u.role === 'officer')!;
  const token = await tokenFor(cadre);
  const me = await api<{ villages: { _id: string }[] }>('/api/call/session', { action: 'me', input: {} }, token);
  const areas = await api<{ _id: string; grids: { name: string }[] }[]>('/api/call/session', { action: 'areas', input: {} }, token);
  const grids = new Set(areas.find((v) => v._id === me.villages[0]!._id)!.grids.map((g) => g.name));
  // Not the first demo resident: the other browser tests file and decide that person's own applications.
  const residents = users.filter((u) => u.role === 'resident');
  const resident = residents.find((u, i) => i > 0 && grids.has(u.where))!;
  return { cadre, resident, officer };
}

/** The resident applies for 低保 in the app; the office accepts, investigates and gives a favourable first review. */
async function reviewedApplication(resident: DemoUser, officer: DemoUser): Promise<void> {
  const [r, o] = [await tokenFor(resident), await tokenFor(officer)];
  const call = <T>(token: string, action: string, input: unknown) => api<T>('/api/call/cases', { action, input }, token);
  const { caseId } = await call<{ caseId: string }>(r, 'create', {
    requestId: 'e2e-notice-apply-0001',
    case: { source: 'direct', kind: 'dibao', applicant: { name: '本人' }, consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] },
  });
  const step = async (event: Record<string, unknown>) => {
    const { case: c } = await call<{ case: { version: number } }>(o, 'get', { caseId });
    await call(o, 'transition', { caseId, version: c.version, event });
  };
  const { case: c } = await call<{ case: { materials: { key: string; required: boolean; platformHeld: boolean }[] } }>(o, 'get', { caseId });
  const items = [];
  for (const m of c.materials) if (m.required && !m.platformHeld) items.push({ key: m.key, fileIds: [await upload(o, 'material')] });
  if (items.length) await step({ type: 'materialsSupplied', items });
  await step({ type: 'accept' });
  await step({ type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '李明' }, { name: '王芳' }], formPhotoFileId: await upload(o, 'investigation') });
  await step({ type: 'requestDataCheck' });
  await step({ type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-33' });
  await step({ type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 520 });
}

describe('村务公示', () => {
  it('(1) the cadre publishes the village notice; a resident objects; the office answers; the resident reads the answer', async () => {
    const { cadre, resident, officer } = await villagePeople();
    await reviewedApplication(resident, officer);

    const cadrePhone = await phoneAs(cadre);
    await openTile(cadrePhone, '村务公示');
    await top(cadrePhone).locator('[data-notice-ready] .ui-row', { hasText: '每月520元' }).waitFor();
    await screenshot(cadrePhone, '70-notice-ready');
    await tapButton(cadrePhone, '发布公示');
    await top(cadrePhone).getByText(/^已公示\d+户，公示期 /).waitFor();
    await top(cadrePhone).getByText('公示中').first().waitFor();
    await cadrePhone.context().close();

    const residentPhone = await phoneAs(resident);
    await openTile(residentPhone, '村务公示');
    const entry = top(residentPhone).locator('[data-entry]', { hasText: '每月520元' }).first();
    await entry.waitFor();
    await entry.locator('.ui-button', { hasText: '有异议' }).click();
    await fill(residentPhone, '异议内容', '他家儿子在县城开店，收入不低');
    await screenshot(residentPhone, '71-objection');
    await tapButton(residentPhone, '提交异议');
    await top(residentPhone).getByText('异议已提交，镇民政办答复后会通知你').waitFor();
    await residentPhone.context().close();

    const officerPhone = await phoneOf(browser(), 'officer');
    await openTile(officerPhone, '公示异议');
    const row = top(officerPhone).locator('[data-objection]', { hasText: '他家儿子在县城开店' });
    await row.waitFor();
    await row.locator('.ui-button', { hasText: '答复' }).click();
    await fill(officerPhone, '答复', '经入户核实，店铺已转让，收入已计入家庭收入');
    await tapButton(officerPhone, '提交答复');
    await top(officerPhone).locator('.ui-notice', { hasText: '已答复' }).waitFor();
    await screenshot(officerPhone, '72-objection-answered');
    await officerPhone.context().close();

    const again = await phoneAs(resident);
    await openTile(again, '村务公示');
    await top(again).locator('[data-my-objection="answered"]', { hasText: '店铺已转让' }).waitFor();
    await again.context().close();
  });
});

describe('政策指南', () => {
  it('(2) a resident reads the 低保 guide from the self-check result and starts an application', async () => {
    // The last rostered demo resident: the first files and decides its own applications in cases.test.ts.
    const users = await api<DemoUser[]>('/api/demo-users');
    const page = await phoneAs(users.filter((u) => u.role === 'resident' && u.where !== '尚未登记在册').at(-1)!);
    await openTile(page, '一分钟自测');
    await fill(page, '家庭人口', '2');
    await fill(page, '每月总收入', '600');
    await choose(page, '财产超过规定', '否');
    await tapButton(page, '看看结果');
    const dibao = top(page).locator('[data-likely="dibao"]');
    await dibao.waitFor();
    await dibao.locator('.ui-button', { hasText: '看政策指南' }).click();
    await top(page).locator('[data-guide-topic="dibao"]').waitFor();
    await top(page).locator('[data-guide-section="bring"]').waitFor();
    await screenshot(page, '73-guide-dibao');
    await tapButton(page, '申请最低生活保障（低保）');
    // The application form opens on 低保.
    await top(page).locator('[role="radiogroup"][aria-label="救助类别"] [aria-checked="true"]', { hasText: '最低生活保障' }).waitFor();
    await screenshot(page, '74-apply-from-guide');
    const consents = top(page).locator('[role="checkbox"]', { hasText: /我承诺|我授权|我单独同意/ });
    for (let i = 0; i < (await consents.count()); i++) await consents.nth(i).click();
    await tapButton(page, '提交申请');
    // The application's page; or, when the household's 低保 is already in hand under another name (the other browser
    // tests file one for this family), the resident is told so and shown their own cases — never a page they may not see.
    const own = top(page).locator('[data-case-state]');
    const inHand = page.getByText('您家已有同类申请在办理');
    await own.or(inHand).first().waitFor({ timeout: 20_000 });
    if (await inHand.isVisible()) {
      await screenshot(page, '75-apply-household-in-hand');
      await confirmModal(page);
      await top(page).getByText('办理进度，需要您办理的排在前面').waitFor({ timeout: 20_000 });
    }
    await answerReminders(page, '不用了');
    await expect(top(page).getByText('只能查看和办理自己负责范围内的事项').count()).resolves.toBe(0);
    await page.context().close();
  });
});
