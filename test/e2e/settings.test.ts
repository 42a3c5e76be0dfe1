// 规则设置 in Chromium through the H5 build: the admin changes a local rule, confirms the change it lists, sees it
// saved as the town's setting, and puts it back to its RULES default (so the town the other browser tests use is as
// seeded); and enters next year's holiday arrangement, which moves an open case's due date (RULES §34).
import { unbroken } from '../../src/components/format-time';
import { callAs, confirmModal, fill, openTile, phoneOf, pickDate, screenshot, setClock, tapButton, top, withBrowser } from './actors';

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

describe('next year’s holiday arrangement (RULES §34)', () => {
  it('the admin enters 2027’s arrangement and an open case’s due date moves, its "未公布" note gone', async () => {
    // Thu 31 Dec 2026, 10:00 Beijing: a 急难 case helped now has 5 wd of paperwork, counted into 2027.
    await setClock(Date.UTC(2026, 11, 31, 2, 0) - Date.now());
    const { caseId } = await callAs<{ caseId: string }>('resident', 'cases', 'create', {
      requestId: 'req-e2e-holidays-1',
      case: { source: 'selfReport', applicant: { name: '本人' }, description: '家中失火，急需生活救助', helpCategory: 'emergency', sensitiveInfoConsent: true },
    });
    const event = async (e: Record<string, unknown>) => {
      const { case: c } = await callAs<{ case: { version: number } }>('officer', 'cases', 'get', { caseId });
      await callAs('officer', 'cases', 'transition', { caseId, version: c.version, event: e });
    };
    await event({ type: 'triage', kind: 'temporaryEmergency' });
    await event({ type: 'recordEmergencyHelp', what: '送去米面油和临时生活费', amountYuan: 1000 });

    const officer = await phoneOf(browser(), 'officer');
    await openTile(officer, '待办工作台');
    const row = top(officer).locator(`[data-case-id="${caseId}"]`);
    // Guessed Monday–Friday: 1 Jan counted as a working Friday → Thu 7 Jan.
    // Dates are shown unbreakable (word joiners after their hyphens), as the page writes them.
    await row.getByText(unbroken('补齐手续：2027-01-07 前（还剩5个工作日），2027年节假日安排未公布，日期可能变动')).waitFor();
    await screenshot(officer, '82-holidays-unknown');

    const admin = await phoneOf(browser(), 'admin');
    await openTile(admin, '规则设置');
    const card = top(admin).locator('[data-setting="holidayArrangements"]');
    await card.getByText(/尚未录入/).waitFor();
    await pickDate(admin, '放假开始 1', '2027-01-01');
    await pickDate(admin, '放假结束 1', '2027-01-03');
    await tapButton(admin, '添加假日');
    await fill(admin, '假日名称 2', '春节');
    await pickDate(admin, '放假开始 2', '2027-02-06');
    await pickDate(admin, '放假结束 2', '2027-02-13');
    await tapButton(admin, '添加调休上班日');
    await pickDate(admin, '调休上班日 1', '2027-02-20');
    await card.getByText('2027年：法定假日11天，调休上班1天').waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(admin, '83-holidays-entered');
    await tapButton(admin, '保存节假日安排');
    await admin.locator('.taro-modal__content, .taro-modal__text', { hasText: '2027年：法定假日11天，调休上班1天' }).first().waitFor();
    await confirmModal(admin);
    await top(admin).getByText(/已保存2027年：法定假日11天，调休上班1天；\d+个办理中案件的期限已重新计算/).waitFor();

    // On the arrangement 1–3 Jan are off: Fri 8 Jan, exact.
    const { case: moved } = await callAs<{ case: { clock: { dueDate: string; estimated: boolean } } }>('officer', 'cases', 'get', { caseId });
    expect(moved.clock).toMatchObject({ dueDate: '2027-01-08', estimated: false });
    const later = await phoneOf(browser(), 'officer');
    await openTile(later, '待办工作台');
    await top(later).locator(`[data-case-id="${caseId}"]`).getByText(unbroken('补齐手续：2027-01-08 前（还剩5个工作日）')).waitFor();
    await screenshot(later, '84-holidays-moved');
  });
});
