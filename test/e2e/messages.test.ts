// Subscription messages in Chromium through the H5 build (issue 5): a resident self-reports and says yes to the plain
// reminder question, and 消息提醒 shows the credit; the officer triages the report, which posts the resident a message; the timer
// sweep sends it, and the officer's 发件箱 shows it 已发送 with its template fields; the resident's 消息中心 shows it
// unread and tapping it opens the case; a launch from the subscription message (`?link=`) opens the case too.
import { baseUrl } from './browser';
import { callAs, choose, fill, openTile, phoneOf, screenshot, sweep, tapButton, top, waitState, withBrowser } from './actors';

jest.setTimeout(180_000);

const browser = withBrowser();

describe('subscription messages', () => {
  it('consent → message → sweep → outbox 已发送 → message centre → the case', async () => {
    // Messages other tests left queued are settled first, so the credit given below is spent on this test's message.
    await sweep();

    const resident = await phoneOf(browser(), 'resident');
    await openTile(resident, '我要求助');
    await choose(resident, '困难类别', '看病就医');
    await fill(resident, '困难情况', '孩子住院要做手术，押金一时凑不齐');
    await top(resident).locator('[role="checkbox"]').click();
    await tapButton(resident, '提交求助');
    const dialog = resident.locator('[role="dialog"][aria-label="消息提醒"]');
    await waitState(resident, 'submitted');
    await dialog.waitFor();
    const caseId = decodeURIComponent(/[?&]id=([^&]+)/.exec(resident.url())![1]);
    // Issue 15: one plain question, nothing pre-ticked; what it means is one tap away.
    await dialog.getByText('办理有进展时，用微信通知您吗？').waitFor();
    expect(await dialog.locator('[role="switch"], [role="checkbox"]').count()).toBe(0);
    await dialog.getByText('查看说明').click();
    await dialog.getByText(/申请办理进度/).waitFor();
    await screenshot(resident, '50-consent-dialog');
    await dialog.locator('.ui-button', { hasText: '通知我' }).click();
    await dialog.waitFor({ state: 'detached' });

    await resident.goto(baseUrl());
    await openTile(resident, '消息提醒');
    const progress = top(resident).locator('[data-template="caseProgress"]');
    await progress.getByText(/^还可提醒\d+次$/).waitFor();
    await progress.getByText('再订阅一次').waitFor();
    await screenshot(resident, '51-subscriptions');

    const officer = await phoneOf(browser(), 'officer');
    await officer.goto(`${baseUrl()}/#/packages/officer/pages/case/index?id=${encodeURIComponent(caseId)}`);
    await waitState(officer, 'submitted');
    await top(officer).locator('[data-event="triage"] .ui-button').click();
    await choose(officer, '分办为', '医疗救助（转介）');
    await top(officer).locator('[data-event-form="triage"] [data-submit] .ui-button').click();
    await waitState(officer, 'received');

    // The resident's message, and its outbox entry (which carries the message's id).
    const inbox = await callAs<{ items: { _id: string; link: string; type: string }[] }>('resident', 'session', 'inbox', { limit: 20 });
    const message = inbox.items.find((m) => m.link === `case:${caseId}` && m.type === 'stateChanged');
    expect(message).toBeDefined();
    const swept = (await sweep()) as Record<string, { ok: boolean; data: { sent: number } }>;
    expect(swept['notify.sendDue']?.data.sent).toBeGreaterThanOrEqual(1);

    await officer.goto(baseUrl());
    await openTile(officer, '发件箱');
    await top(officer).locator('[role="radiogroup"][aria-label="发送状态"]').getByText('已发送', { exact: true }).click();
    const entry = top(officer).locator(`[data-outbox-id="${message!._id}"]`);
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.getAttribute('data-state')).toBe('sent');
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('已发送');
    expect(text).toContain('申请办理进度（caseProgress） · LOCAL-case-progress');
    expect(text).toContain('thing1: 办理进度更新');
    expect(text).toMatch(/thing2: .*医疗救助/);
    expect(text).toMatch(/time3: \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    await entry.scrollIntoViewIfNeeded();
    await screenshot(officer, '52-outbox-sent');
    await officer.context().close();

    await resident.goto(baseUrl());
    const tile = resident.locator('.ui-tile', { hasText: '消息中心' });
    await tile.getByText(/^\d+条未读$/).waitFor();
    await screenshot(resident, '53-home-unread');
    await tile.click();
    const row = top(resident).locator(`[data-message-id="${message!._id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-unread')).toBe('true');
    expect(await row.textContent()).toContain('办理进度更新');
    await screenshot(resident, '54-message-centre');
    await row.locator('.ui-row').click();
    await waitState(resident, 'received');
    expect(resident.url()).toContain(`id=${encodeURIComponent(caseId)}`);
    await screenshot(resident, '55-message-opens-case');

    // Tapping the WeChat message launches the app afresh at pages/index/index?link=…: home, then the case on top.
    const launched = await resident.context().newPage();
    await launched.goto(`${baseUrl()}/#/pages/index/index?link=${encodeURIComponent(`case:${caseId}`)}`);
    await waitState(launched, 'received');
    expect(launched.url()).toContain(`/packages/resident/pages/case/index?id=${encodeURIComponent(caseId)}`);
    await screenshot(launched, '56-launch-link');
    await resident.context().close();
  });
});
