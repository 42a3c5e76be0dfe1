// 规则设置 in Chromium through the H5 build: the admin changes a local rule, confirms the change it lists, sees it
// saved as the town's setting, and puts it back to its RULES default (so the town the other browser tests use is as
// seeded).
import { callAs, confirmModal, fill, openTile, phoneOf, screenshot, tapButton, top, withBrowser } from './actors';

const browser = withBrowser();

describe('the admin keeps the local rules', () => {
  it('changes the high-risk visit interval, then restores the default', async () => {
    const admin = await phoneOf(browser(), 'admin');
    await openTile(admin, '规则设置');
    const field = top(admin).locator('[data-setting="visitIntervalDays.high"]');
    await field.getByText('默认：7天（依据 §25）').waitFor();
    await fill(admin, '高风险对象走访间隔', '5');
    await tapButton(admin, '保存修改');
    await admin.locator('.taro-modal__content, .taro-modal__text', { hasText: '高风险对象走访间隔：7天 → 5天' }).first().waitFor();
    await screenshot(admin, '80-settings-confirm');
    await confirmModal(admin);
    await top(admin).getByText('已保存 1 项修改，立即生效').waitFor();
    await field.getByText('本镇设置').waitFor();
    await admin.locator('.taro-modal__content').first().waitFor({ state: 'hidden' });
    await field.scrollIntoViewIfNeeded();
    await screenshot(admin, '81-settings-saved');
    const saved = await callAs<{ settings: { visitIntervalDays: { high: number } } }>('admin', 'admin', 'settings', {});
    expect(saved.settings.visitIntervalDays.high).toBe(5);

    await field.getByText('恢复默认').click();
    await tapButton(admin, '保存修改');
    await confirmModal(admin);
    await top(admin).getByText('已保存 1 项修改，立即生效').waitFor();
    await field.getByText('默认值').waitFor();
    const restored = await callAs<{ settings: { visitIntervalDays: { high: number } } }>('admin', 'admin', 'settings', {});
    expect(restored.settings.visitIntervalDays.high).toBe(7);
  });
});
