// 一拉就响 (issue 5) in Chromium through the H5 build: the officer raises a 寒潮 alert for one village; the local
// outbox shows the roll-call messages to its gridworkers; a gridworker of that village marks a household 平安 and a
// person 联系不上; the officer's board updates by itself; with the functions' clock moved past the deadline and the
// timers run, the board shows the escalation and the unreached, and the outbox the escalation messages.
import type { Page } from 'playwright-core';
import { ROUTES } from '../../src/routes';
import { baseUrl, screenshot as save } from './browser';
import { callAs, choose, confirmModal, fill, firstUser, openTile, phoneOf, screenshot, setClock, sweep, tapButton, top, withBrowser } from './actors';

jest.setTimeout(300_000);

const HOUR_MS = 3_600_000;
const INSTRUCTIONS = '今晚寒潮降温至零下，请逐户电话或上门确认取暖、用电和饮食安全';

const browser = withBrowser();

/** The number in one count cell of the top page's summary (应点名, 已联系, …). */
async function countOf(page: Page, key: string): Promise<number> {
  return Number(await top(page).locator(`[data-count="${key}"] .ui-count__n`).first().textContent());
}

async function waitCount(page: Page, key: string, value: number): Promise<void> {
  await top(page).locator(`[data-count="${key}"] .ui-count__n`, { hasText: new RegExp(`^${value}$`) }).first().waitFor({ timeout: 25_000 });
}

/** The first demo gridworker's village, by name: where the alert is raised. */
async function gridworkerVillage(): Promise<string> {
  const me = await callAs<{ grids: { villageId: string }[] }>('gridworker', 'session', 'me', {});
  const areas = await callAs<{ _id: string; name: string }[]>('gridworker', 'session', 'areas', {});
  return areas.find((v) => v._id === me.grids[0]!.villageId)!.name;
}

/** The officer's 发件箱 page (newest first), opened afresh. */
async function outboxEntries(page: Page) {
  await page.goto(`${baseUrl()}/#${ROUTES.outbox}`);
  await page.reload();
  await top(page).locator('.ui-outbox').first().waitFor({ timeout: 20_000 });
  return top(page).locator('.ui-outbox');
}

describe('一拉就响: raise, roll call, board, escalation at the deadline', () => {
  it('runs from the raise to the escalated board and the outbox', async () => {
    const villageName = await gridworkerVillage();
    const worker = await firstUser('gridworker');

    // The officer raises the alert for the gridworker's village.
    const officer = await phoneOf(browser(), 'officer');
    await openTile(officer, '一拉就响');
    await top(officer).getByText('还没有发起过预警').waitFor({ timeout: 20_000 });
    await tapButton(officer, '发起预警');
    await top(officer).locator('[role="group"][aria-label="点名的村（社区）"]').waitFor();
    await choose(officer, '预警原因', '寒潮');
    await top(officer).locator('[role="group"][aria-label="点名的村（社区）"] [role="checkbox"]', { hasText: villageName }).click();
    await choose(officer, '完成时限', '2小时');
    await fill(officer, '点名要求', INSTRUCTIONS);
    await top(officer).getByText(`${INSTRUCTIONS.length}/150`).waitFor();
    await screenshot(officer, '60-alert-raise');
    await tapButton(officer, '发起预警');
    await officer.locator('.taro-modal__text', { hasText: `${villageName}：将通知这些村的网格员立即点名，2小时内完成。发起后不能撤回` }).waitFor();
    // The modal fades in: wait until it is fully shown (its computed opacity is 1 only when the transition ends).
    await officer.waitForFunction(() => {
      const modal = document.querySelector('.taro-modal__mask')?.parentElement;
      return modal !== null && modal !== undefined && getComputedStyle(modal).opacity === '1';
    });
    await save(officer, '61-raise-confirm');
    await confirmModal(officer);
    await top(officer).getByText('全镇点名进度').waitFor({ timeout: 20_000 });
    const alertId = decodeURIComponent(/[?&]alertId=([^&]+)/.exec(officer.url())![1]!);
    const total = await countOf(officer, 'total');
    expect(total).toBeGreaterThan(2);
    expect(await countOf(officer, 'pending')).toBe(total);
    await screenshot(officer, '62-board-raised');

    // The local outbox: the roll-call message to the village's gridworker, with the template's fields.
    const desk = await phoneOf(browser(), 'officer');
    const rollCalls = (await outboxEntries(desk)).filter({ hasText: 'alertRollCall' });
    const toWorker = rollCalls.filter({ hasText: worker.name });
    await toWorker.first().waitFor({ timeout: 20_000 });
    expect(await toWorker.first().textContent()).toContain('phrase1: 寒潮');
    await toWorker.first().scrollIntoViewIfNeeded();
    await screenshot(desk, '63-outbox-roll-call');

    // The gridworker opens the alert from 一拉就响 and calls the roll.
    const phone = await phoneOf(browser(), 'gridworker');
    await openTile(phone, '一拉就响');
    const row = top(phone).locator(`[data-alert="${alertId}"] .ui-row`);
    await row.waitFor({ timeout: 20_000 });
    await screenshot(phone, '64-roll-calls');
    await row.click();
    await top(phone).locator('[data-household]').first().waitFor({ timeout: 20_000 });
    const mine = await countOf(phone, 'total');

    // A whole household 平安: it leaves 待联系 at once (issue 15).
    const first = top(phone).locator('[data-household]').first();
    const firstId = (await first.getAttribute('data-household'))!;
    const size = await first.locator('[data-person]').count();
    await first.locator('[role="group"][aria-label$="点名"] .ui-button', { hasText: '平安' }).click();
    await top(phone).locator(`[data-household="${firstId}"]`).waitFor({ state: 'detached' });
    await top(phone).getByText(/户已标记为“平安”，移到“已联系”/).waitFor();
    await waitCount(phone, 'reached', size);
    await top(phone).locator('[aria-label="我的点名"]').scrollIntoViewIfNeeded();
    await screenshot(phone, '65-roll-call-household-safe');

    // One person 联系不上 (a household of one, so exactly one), with a note.
    const households = top(phone).locator('[data-household]');
    let single = -1;
    for (let i = 0; i < (await households.count()); i += 1) {
      if ((await households.nth(i).locator('[data-person]').count()) === 1) {
        single = i;
        break;
      }
    }
    expect(single).toBeGreaterThanOrEqual(0);
    const alone = households.nth(single);
    const aloneId = (await alone.getAttribute('data-household'))!;
    await alone.locator('.ui-button', { hasText: '写备注' }).click();
    await alone.locator('taro-textarea-core textarea').fill('电话三次无人接听，邻居说外出未归');
    await alone.locator('[role="group"][aria-label$="点名"] .ui-button', { hasText: '联系不上' }).click();
    await top(phone).locator(`[data-household="${aloneId}"]`).waitFor({ state: 'detached' });
    await waitCount(phone, 'unreachable', 1);
    expect(await countOf(phone, 'pending')).toBe(mine - size - 1);
    // Under 联系不上 it waits to be called again.
    await top(phone).locator('[role="radiogroup"][aria-label="点名名单"] [role="radio"]', { hasText: '联系不上' }).click();
    const again = top(phone).locator(`[data-household="${aloneId}"]`);
    await again.locator('.ui-tag', { hasText: '联系不上' }).waitFor({ timeout: 20_000 });
    await again.scrollIntoViewIfNeeded();
    await screenshot(phone, '66-roll-call-unreachable');

    // The officer's board catches up by itself (it refreshes every 10 seconds).
    await waitCount(officer, 'reached', size);
    await waitCount(officer, 'unreachable', 1);
    expect(await countOf(officer, 'pending')).toBe(total - size - 1);
    await screenshot(officer, '67-board-updated');

    // Past the deadline: the clock moves, the timers run, the unreached escalate once.
    await setClock(3 * HOUR_MS);
    const swept = await sweep();
    expect(swept['alerts.escalateDue']).toMatchObject({ ok: true, data: { escalated: 1 } });
    const unreached = total - size;
    await tapButton(officer, '刷新');
    const escalation = top(officer).getByText(`已到截止时间，${unreached}人未联系上，已通知村干部和民政办`);
    await escalation.waitFor({ timeout: 20_000 });
    await escalation.scrollIntoViewIfNeeded();
    await screenshot(officer, '68-board-escalated');
    const list = top(officer).locator('[aria-label="未联系上的人员"]');
    await top(officer).getByText(`未联系上 ${unreached}人`).waitFor();
    await list.locator('.ui-tag', { hasText: '已上报' }).first().waitFor({ timeout: 20_000 });
    await list.scrollIntoViewIfNeeded();
    await screenshot(officer, '69-board-unreached');

    // The outbox now holds the escalation to the town office (and to the village's cadre).
    const escalated = (await outboxEntries(desk)).filter({ hasText: `寒潮预警：${unreached}人未联系上` });
    await escalated.first().waitFor({ timeout: 20_000 });
    const officerName = (await firstUser('officer')).name;
    expect(await escalated.filter({ hasText: officerName }).count()).toBeGreaterThan(0);
    expect(await escalated.filter({ hasText: '干部）' }).count()).toBeGreaterThan(0);
    await escalated.first().scrollIntoViewIfNeeded();
    await screenshot(desk, '70-outbox-escalation');

    // The same messages, as the outbox action answers the page (the record of what the check above read).
    const outbox = await callAs<{ items: { messageType: string; recipientUserId: string }[] }>('officer', 'notify', 'outbox', { limit: 50 });
    expect(outbox.items.some((e) => e.messageType === 'alert.escalated')).toBe(true);

    await setClock(0);
    await officer.context().close();
    await desk.context().close();
    await phone.context().close();
  });
});
