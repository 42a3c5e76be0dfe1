// 规则设置 page against the real local runtime: each rule beside its default; a change is confirmed (listing
// from → to) and saved; a bad number is shown at its field and nothing is sent; 恢复默认 puts a value back.
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import SettingsPage from '../../src/packages/admin/pages/settings/index';
import { db } from '../../server/platform/cloud';
import { taroMock } from './mocks/taro';
import { freshApp, signInAs, stopRuntime } from './support/runtime';
import { callsTo, pickDate, type } from './support/page';

beforeEach(async () => {
  await freshApp(); // one town per file: each test starts from the RULES defaults
  await db().collection('settings').where({ _id: 'town' }).remove();
  await signInAs('admin');
});
afterAll(() => stopRuntime());

function field(path: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-setting="${path}"]`)!;
}

async function stored() {
  return (await db().collection('settings').where({ _id: 'town' }).get()).data[0];
}

function updateCalls() {
  return callsTo('admin', 'updateSettings');
}

it('saves a changed rule after a confirmation that lists it, and shows it as the town’s setting', async () => {
  render(<SettingsPage />);
  await screen.findByText('高风险对象走访间隔');
  expect(within(field('visitIntervalDays.high')).getByText('默认：7天（依据 §25）')).toBeTruthy();
  type('高风险对象走访间隔', '5');
  fireEvent.click(within(field('subscriptionMode')).getByText(/长期订阅/));
  fireEvent.click(screen.getByText('保存修改'));
  await screen.findByText('已保存 2 项修改，立即生效');
  expect(taroMock.modals[0]!.content).toContain('高风险对象走访间隔：7天 → 5天');
  expect(taroMock.modals[0]!.content).toContain('订阅消息方式：一次性订阅（每次授权发送一条） → 长期订阅（需具备政务民生类目）');
  expect(await stored()).toMatchObject({ visitIntervalDays: { high: 5 }, subscriptionMode: 'long-term' });
  expect(within(field('visitIntervalDays.high')).getByText('本镇设置')).toBeTruthy();
});

it('a number that is not one is shown at its field, and nothing is sent', async () => {
  render(<SettingsPage />);
  await screen.findByText('低保标准');
  type('低保标准', '八百');
  fireEvent.click(screen.getByText('保存修改'));
  expect(await within(field('dibaoStandardMonthly')).findByText('请填写数字')).toBeTruthy();
  expect(updateCalls()).toHaveLength(0);
  expect(taroMock.modals).toHaveLength(0);
});

it('the server’s refusal is shown at the field it names (visit tiers out of order)', async () => {
  render(<SettingsPage />);
  await screen.findByText('一般对象走访间隔');
  type('一般对象走访间隔', '3');
  fireEvent.click(screen.getByText('保存修改'));
  expect(await within(field('visitIntervalDays.high')).findByText('走访间隔应为：高风险 ≤ 重点 ≤ 一般')).toBeTruthy();
  expect(await stored()).toBeUndefined();
});

it('恢复默认 puts a town setting back to the RULES default', async () => {
  await db().collection('settings').add({ data: { _id: 'town', dibaoStandardMonthly: 900, version: 1, createdAt: 1, updatedAt: 1 } });
  render(<SettingsPage />);
  await screen.findByText('低保标准');
  fireEvent.click(within(field('dibaoStandardMonthly')).getByText('恢复默认'));
  fireEvent.click(screen.getByText('保存修改'));
  await screen.findByText('已保存 1 项修改，立即生效');
  await waitFor(async () => expect(await stored()).not.toHaveProperty('dibaoStandardMonthly'));
  expect(within(field('dibaoStandardMonthly')).getByText('默认值')).toBeTruthy();
});

describe('节假日安排 (RULES §34)', () => {
  it('enters next year’s arrangement: a preview, a confirmation with the counts, stored', async () => {
    render(<SettingsPage />);
    await screen.findByText('保存节假日安排');
    expect(within(field('holidayArrangements')).getByText(/尚未录入：该年的工作日按周一至周五估算/)).toBeTruthy();
    pickDate('放假开始 1', '2027-01-01');
    pickDate('放假结束 1', '2027-01-03');
    fireEvent.click(screen.getByText('添加调休上班日'));
    pickDate('调休上班日 1', '2027-01-09');
    expect(screen.getByText('2027年：法定假日3天，调休上班1天')).toBeTruthy();
    fireEvent.click(screen.getByText('保存节假日安排'));
    await screen.findByText(/已保存2027年：法定假日3天，调休上班1天；0个办理中案件的期限已重新计算/);
    expect(taroMock.modals[0]!.content).toContain('2027年：法定假日3天，调休上班1天');
    expect((await stored())!.holidayArrangements).toEqual([
      { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupDays: ['2027-01-09'] },
    ]);
    expect(within(field('holidayArrangements')).getByText('已录入，可修改后重新保存')).toBeTruthy();
  });

  it('a make-up day on a weekday is refused on the page, and nothing is sent', async () => {
    render(<SettingsPage />);
    await screen.findByText('保存节假日安排');
    pickDate('放假开始 1', '2027-01-01');
    pickDate('放假结束 1', '2027-01-03');
    fireEvent.click(screen.getByText('添加调休上班日'));
    pickDate('调休上班日 1', '2027-01-04');
    fireEvent.click(screen.getByText('保存节假日安排'));
    expect(await screen.findByText('调休上班日2027-01-04不是周末')).toBeTruthy();
    expect(callsTo('admin', 'saveHolidayArrangement')).toHaveLength(0);
    expect(taroMock.modals).toHaveLength(0);
  });
});
