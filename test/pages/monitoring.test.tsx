// The monitoring form's dates are chosen in the date picker: what is picked is what is saved (a Beijing day's noon),
// and a cleared date removes its block.
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import MonitoringPage from '../../src/packages/officer/pages/monitoring/index';
import { startOfBeijingDayMs } from '../../src/core/calendar';
import { taroMock } from './mocks/taro';
import { callsTo, pickDate } from './support/page';
import { callAs, freshApp, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

function savedMonitoring(): { dibao: { approvedAt: number } | null } {
  const body = callsTo('people', 'updateMonitoring').at(-1)!.body as { input: { monitoring: { dibao: { approvedAt: number } | null } } };
  return body.input.monitoring;
}

it('a 低保 approval date picked in the date picker is saved; cleared, the 低保 block is removed', async () => {
  const list = await callAs('officer', 'people', 'list', { limit: 1 });
  await signInAs('officer');
  taroMock.router.params = { householdId: list.data.items[0].householdId as string };
  render(<MonitoringPage />);
  await screen.findByLabelText('低保批准日期');

  pickDate('低保批准日期', '2026-03-15');
  const field = screen.getByLabelText('低保批准日期').closest('.ui-date') as HTMLElement;
  expect(within(field).getByText('2026-03-15')).toBeTruthy();
  fireEvent.click(screen.getByText('保存'));
  await screen.findByText(/^已保存/);
  expect(savedMonitoring().dibao?.approvedAt).toBe(startOfBeijingDayMs('2026-03-15') + 12 * 3_600_000);

  fireEvent.click(within(field).getByText('清除'));
  expect(within(field).queryByText('2026-03-15')).toBeNull();
  fireEvent.click(screen.getByText('保存'));
  await waitFor(() => expect(callsTo('people', 'updateMonitoring')).toHaveLength(2));
  await waitFor(() => expect(savedMonitoring().dibao).toBeNull());
});
