// Issue 15 item 1: right after a resident submits, one plain question about WeChat reminders — nothing pre-ticked,
// the separate-consent text one tap away — against the real in-process runtime: 通知我 asks (weapp: WeChat, inside
// the tap) and records the credits; 不用了 records nothing.
import './support/env';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ApplyPage from '../../src/packages/resident/pages/apply/index';
import { SUBSCRIPTION_QUESTION, SubscriptionQuestionHost } from '../../src/components/subscription-question';
import { raiseSubscriptionQuestion } from '../../src/client/subscription-question';
import type { OfferedTemplate } from '../../src/client/subscribe';
import { ROUTES } from '../../src/routes';
import { taroMock } from './mocks/taro';
import { consentDialog, offerLoaded } from './support/subscriptions';
import { callAs, freshApp, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  await freshApp();
});
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});
afterAll(() => stopRuntime());

const subscribeCalls = () => taroMock.requests.filter((r) => r.path === '/api/call/notify' && (r.body as { action: string }).action === 'subscribe');
async function credits(): Promise<Record<string, number>> {
  const standing = await callAs('resident', 'notify', 'subscriptions', {});
  return Object.fromEntries((standing.data.templates as { key: string; credits: number }[]).map((t) => [t.key, t.credits]));
}

it('after applying: one plain question, nothing pre-ticked, 查看说明 one tap away; 通知我 records each reminder', async () => {
  await signInAs('resident');
  taroMock.router.params = { kind: 'temporaryEmergency' };
  render(<ApplyPage />);
  const consents = (await screen.findByText('承诺和授权')).closest('.ui-card') as HTMLElement;
  for (const box of within(consents).getAllByRole('checkbox')) fireEvent.click(box);
  await offerLoaded();
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(taroMock.lastNavigation()?.url).toMatch(new RegExp(`^${ROUTES.residentCase}\\?id=`)));

  const sheet = consentDialog();
  expect(within(sheet).getByText(SUBSCRIPTION_QUESTION)).toBeTruthy();
  expect(within(sheet).queryAllByRole('switch')).toHaveLength(0);
  expect(within(sheet).queryAllByRole('checkbox')).toHaveLength(0);
  expect(sheet.querySelector('[data-explained]')).toBeNull();
  fireEvent.click(within(sheet).getByText('查看说明'));
  expect(sheet.querySelector('[data-explained]')!.textContent).toMatch(/单独作出的选择.*不影响办理.*申请办理进度.*消息中心/);

  const before = await credits();
  fireEvent.click(within(sheet).getByText('通知我'));
  expect(screen.queryByRole('dialog')).toBeNull();
  await waitFor(() => expect(subscribeCalls()).toHaveLength(1));
  const after = await waitFor(async () => {
    const now = await credits();
    expect(now.caseProgress).toBe(before.caseProgress! + 1);
    return now;
  });
  expect(after.caseDecision).toBe(before.caseDecision! + 1);
  expect(taroMock.subscribeRequests).toHaveLength(0); // H5: the yes was the answer, WeChat's API is not there
});

const offered = (templateId: string): OfferedTemplate => ({ key: 'caseProgress', label: '申请办理进度', templateId, credits: 0, longTerm: false, subscribed: false });

it('不用了 asks nothing and records nothing; in WeChat 通知我 asks wx inside the tap', async () => {
  await signInAs('resident');
  render(<SubscriptionQuestionHost />);
  act(() => raiseSubscriptionQuestion([offered('LOCAL-case-progress')]));
  fireEvent.click(within(consentDialog()).getByText('不用了'));
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(subscribeCalls()).toHaveLength(0);
  expect(taroMock.subscribeRequests).toHaveLength(0);

  act(() => raiseSubscriptionQuestion([offered('LOCAL-case-progress')]));
  taroMock.subscribeAnswer = (ids) => ({ [ids[0]!]: 'accept' });
  process.env.TARO_ENV = 'weapp';
  fireEvent.click(within(consentDialog()).getByText('通知我'));
  // RULES §30: asked within the tap, before anything was awaited.
  expect(taroMock.subscribeRequests).toEqual([{ tmplIds: ['LOCAL-case-progress'] }]);
  process.env.TARO_ENV = 'h5';
  await waitFor(() => expect(subscribeCalls()).toHaveLength(1));
});
