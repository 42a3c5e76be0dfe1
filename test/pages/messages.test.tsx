// Subscription messages on the pages, against the real in-process runtime (issue 5): the H5 consent dialog answering
// like WeChat, the credits on 消息提醒, the weapp flavour asking wx synchronously in the tap, the message centre
// (unread → read, a tap opens the linked page), the unread count on the home tile, the officer's outbox, and a launch
// from a tapped subscription message (`?link=`).
import './support/env';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import LaunchPage from '../../src/pages/index/index';
import LoginPage from '../../src/pages/login/index';
import ResidentHome from '../../src/packages/resident/pages/home/index';
import MessagesPage from '../../src/packages/common/pages/messages/index';
import SubscriptionsPage from '../../src/packages/common/pages/subscriptions/index';
import OutboxPage from '../../src/packages/officer/pages/outbox/index';
import { ConsentHost } from '../../src/components/consent-dialog';
import { promptConsent, type ConsentAnswer } from '../../src/client/consent-prompt';
import { askSubscription, type OfferedTemplate } from '../../src/client/subscribe';
import { db } from '../../server/platform/cloud';
import { postMessages } from '../../server/platform/messages';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { SUBSCRIPTION_TEMPLATES } from '../../src/core/notify';
import { LARGE_TEXT_KEY } from '../../src/hooks/use-large-text';
import { HOME_OF, ROUTES } from '../../src/routes';
import { taroMock } from './mocks/taro';
import { callAs, demoUser, freshApp, signInAs, stopRuntime } from './support/runtime';
import { consentDialog } from './support/subscriptions';

const PROGRESS = 'LOCAL-case-progress';
const DECISION = 'LOCAL-case-decision';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

function callsTo(fn: string, action: string): { input: Record<string, unknown> }[] {
  return taroMock.requests.filter((r) => r.path === `/api/call/${fn}` && (r.body as { action: string }).action === action).map((r) => r.body as { input: Record<string, unknown> });
}

function templateRow(key: string): HTMLElement {
  return document.querySelector(`[data-template="${key}"]`) as HTMLElement;
}

/** The caller's standing per template id, as the server has it. */
async function creditsOf(role: 'resident' | 'gridworker', templateId: string): Promise<number> {
  const standing = await callAs(role, 'notify', 'subscriptions', {});
  return (standing.data.templates as { templateId: string; credits: number }[]).find((t) => t.templateId === templateId)!.credits;
}

let posted = 0;
/** Messages to a user at distinct times (newest last), as the functions post them. */
async function postTo(userId: string, messages: { title: string; body: string; link: string; type?: string }[]): Promise<void> {
  for (const m of messages) {
    posted += 1;
    await postMessages(db(), [{ recipientUserId: userId, type: m.type ?? 'note', title: m.title, body: m.body, link: m.link }], Date.now() - 1_000_000 + posted * 1000);
  }
}

describe('the H5 consent dialog', () => {
  it('lists each template with a switch on; 允许 answers accept or reject per switch, 拒绝 rejects all', async () => {
    render(<ConsentHost />);
    const templates = [
      { templateId: 'T-1', label: '申请办理进度' },
      { templateId: 'T-2', label: '审批结果通知' },
    ];
    let answer: Promise<ConsentAnswer | null> = Promise.resolve(null);
    act(() => {
      answer = promptConsent(templates);
    });
    const dialog = await screen.findByRole('dialog', { name: '消息提醒' });
    const switches = within(dialog).getAllByRole('switch');
    expect(switches.map((s) => [s.getAttribute('aria-label'), s.getAttribute('aria-checked')])).toEqual([
      ['申请办理进度', 'true'],
      ['审批结果通知', 'true'],
    ]);
    fireEvent.click(switches[1]);
    fireEvent.click(within(dialog).getByText('允许'));
    await expect(answer).resolves.toEqual({ 'T-1': 'accept', 'T-2': 'reject' });
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => {
      answer = promptConsent(templates);
    });
    fireEvent.click(within(await screen.findByRole('dialog')).getByText('拒绝'));
    await expect(answer).resolves.toEqual({ 'T-1': 'reject', 'T-2': 'reject' });
  });

  it('消息提醒: 提醒我 asks in the tap; 允许 records a credit that the page then shows, 拒绝 changes nothing', async () => {
    await signInAs('resident');
    render(<SubscriptionsPage />);
    await waitFor(() => expect(templateRow('caseProgress')).not.toBeNull());
    expect(templateRow('caseProgress').textContent).toContain('未订阅');
    expect(screen.getByText(/每条消息都会保存在消息中心/)).toBeTruthy();

    fireEvent.click(within(templateRow('caseProgress')).getByText('提醒我'));
    fireEvent.click(within(consentDialog()).getByText('允许'));
    await waitFor(() => expect(templateRow('caseProgress').textContent).toContain('还可提醒1次'));
    expect(within(templateRow('caseProgress')).getByText('再订阅一次')).toBeTruthy();
    expect(callsTo('notify', 'subscribe')[0].input).toEqual({ templateIds: [PROGRESS], result: { [PROGRESS]: 'accept' } });

    fireEvent.click(within(templateRow('caseDecision')).getByText('提醒我'));
    fireEvent.click(within(consentDialog()).getByText('拒绝'));
    await waitFor(() => expect(callsTo('notify', 'subscribe')).toHaveLength(2));
    expect(callsTo('notify', 'subscribe')[1].input).toEqual({ templateIds: [DECISION], result: { [DECISION]: 'reject' } });
    expect(templateRow('caseDecision').textContent).toContain('未订阅');

    // What the server holds, seen afresh — in large-text mode, which reaches the dialog too.
    cleanup();
    taroMock.storage.set(LARGE_TEXT_KEY, true);
    render(<SubscriptionsPage />);
    await waitFor(() => expect(templateRow('caseProgress')?.textContent).toContain('还可提醒1次'));
    expect(await creditsOf('resident', DECISION)).toBe(0);
    fireEvent.click(within(templateRow('caseProgress')).getByText('再订阅一次'));
    expect(consentDialog().closest('.ui-page--large')).not.toBeNull();
    fireEvent.click(within(consentDialog()).getByText('允许'));
    await waitFor(() => expect(templateRow('caseProgress').textContent).toContain('还可提醒2次'));
  });
});

describe('the weapp flavour', () => {
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  const offered = (templateId: string, key: 'visitDigest' | 'issueOutcome'): OfferedTemplate => ({
    key,
    label: SUBSCRIPTION_TEMPLATES[key].label,
    templateId,
    credits: 0,
    longTerm: false,
    subscribed: false,
  });

  it('calls wx.requestSubscribeMessage synchronously in the tap and records its raw answer; a failure records nothing', async () => {
    await signInAs('gridworker');
    const before = await creditsOf('gridworker', 'LOCAL-visit-digest');
    taroMock.subscribeAnswer = (ids) => ({ [ids[0]!]: 'accept', [ids[1]!]: 'ban' });
    process.env.TARO_ENV = 'weapp';
    const recorded = askSubscription([offered('LOCAL-visit-digest', 'visitDigest'), offered('LOCAL-issue-outcome', 'issueOutcome')]);
    // Already asked, before anything was awaited (RULES §30).
    expect(taroMock.subscribeRequests).toEqual([{ tmplIds: ['LOCAL-visit-digest', 'LOCAL-issue-outcome'] }]);
    process.env.TARO_ENV = 'h5'; // the recording call then goes to the local runtime over HTTP
    expect(await recorded).not.toBeNull();
    expect(callsTo('notify', 'subscribe')[0].input.result).toEqual({ errMsg: 'requestSubscribeMessage:ok', 'LOCAL-visit-digest': 'accept', 'LOCAL-issue-outcome': 'ban' });
    expect(await creditsOf('gridworker', 'LOCAL-visit-digest')).toBe(before + 1);

    taroMock.subscribeAnswer = null; // the user has switched subscription messages off: wx fails
    process.env.TARO_ENV = 'weapp';
    const refused = askSubscription([offered('LOCAL-visit-digest', 'visitDigest')]);
    process.env.TARO_ENV = 'h5';
    expect(await refused).toBeNull();
    expect(callsTo('notify', 'subscribe')).toHaveLength(1);
    await expect(askSubscription([])).resolves.toBeNull();
    expect(taroMock.subscribeRequests).toHaveLength(2);
  });
});

describe('消息中心 (message centre)', () => {
  it('shows the newest first with the unread marked, marks them read once shown, and a tap opens the linked page', async () => {
    const resident = await signInAs('resident');
    await postTo(resident.userId, [
      { title: '请补齐申请材料', body: '缺少户口簿复印件', link: 'case:c-page-1' },
      { title: '办理进度更新', body: '您的求助已分办', link: 'case:c-page-2' },
    ]);
    render(<ResidentHome />);
    const tile = await waitFor(() => {
      const found = document.querySelector('[data-job="messages"]') as HTMLElement;
      expect(found.textContent).toMatch(/\d+条未读/);
      return found;
    });
    fireEvent.click(tile);
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: ROUTES.messages });
    cleanup();

    render(<MessagesPage />);
    const rows = await waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('[data-message-id]'));
      expect(found.length).toBeGreaterThanOrEqual(2);
      return found;
    });
    expect(rows[0].textContent).toContain('办理进度更新');
    expect(rows[0].textContent).toContain('您的求助已分办');
    expect(rows[0].textContent).toMatch(/未读\d{4}-\u2060\d{2}-\u2060\d{2}\u00a0\d{2}:\d{2}/);
    expect(rows[1].textContent).toContain('请补齐申请材料');
    expect(rows.slice(0, 2).map((r) => r.getAttribute('data-unread'))).toEqual(['true', 'true']);
    await waitFor(() => expect(callsTo('session', 'markRead')).toHaveLength(1));
    const marked = callsTo('session', 'markRead')[0].input.ids as string[];
    expect(marked).toEqual(expect.arrayContaining(rows.slice(0, 2).map((r) => r.getAttribute('data-message-id'))));
    await waitFor(async () => expect((await callAs('resident', 'session', 'inbox', {})).data.unread).toBe(0));

    fireEvent.click(within(rows[0]).getByRole('button'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: `${ROUTES.residentCase}?id=c-page-2` });
  });

  it('pages back with 加载更多; a message linking nowhere for this role is not a button', async () => {
    const worker = await signInAs('gridworker');
    await postTo(
      worker.userId,
      Array.from({ length: 22 }, (_, i) => ({ title: `第${i + 1}条通知`, body: '测试', link: i === 21 ? 'visits' : i === 20 ? 'alert:a-9' : 'weird:1' })),
    );
    render(<MessagesPage />);
    await screen.findByText('第22条通知');
    const top = Array.from(document.querySelectorAll<HTMLElement>('[data-message-id]'));
    expect(top).toHaveLength(20);
    fireEvent.click(within(top[0]).getByRole('button'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: ROUTES.visits });
    fireEvent.click(within(top[1]).getByRole('button'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: `${ROUTES.rollCall}?alertId=a-9` });
    expect(within(top[2]).queryByRole('button')).toBeNull();

    fireEvent.click(screen.getByText('加载更多'));
    await screen.findByText('第1条通知');
    expect(document.querySelectorAll('[data-message-id]').length).toBeGreaterThanOrEqual(22);
  });
});

describe('发件箱 (outbox)', () => {
  it('lists each message with recipient, template, state, fields, attempts and error; the chips filter by state', async () => {
    const resident = await demoUser('resident');
    expect((await callAs('resident', 'notify', 'subscribe', { templateIds: [PROGRESS], result: { [PROGRESS]: 'accept' } })).ok).toBe(true);
    // One message more than the resident has credits for: the newest finds none left.
    const credits = await creditsOf('resident', PROGRESS);
    await postTo(
      resident.userId,
      Array.from({ length: credits + 1 }, (_, i) => ({ title: '办理进度更新', body: `发件箱测试：第${i + 1}条`, link: `case:c-out-${i}`, type: 'stateChanged' })),
    );
    await FUNCTION_MAINS.notify({ Type: 'Timer', TriggerName: 'sendDue', Time: new Date().toISOString() }); // the sender's timer

    await signInAs('officer');
    render(<OutboxPage />);
    const mine = await waitFor(() => {
      const found = Array.from(document.querySelectorAll<HTMLElement>('[data-outbox-id]')).filter((e) => e.textContent!.includes('发件箱测试'));
      expect(found).toHaveLength(credits + 1);
      return found;
    });
    const [noCredit, sent] = mine; // newest first
    expect(sent.getAttribute('data-state')).toBe('sent');
    expect(sent.textContent).toContain('已发送');
    expect(sent.textContent).toContain(`${resident.name}（居民）`);
    expect(sent.textContent).toContain(`申请办理进度（caseProgress） · ${PROGRESS}`);
    expect(sent.textContent).toContain('thing1: 办理进度更新');
    expect(sent.textContent).toContain(`thing2: 发件箱测试：第${credits}条`);
    expect(sent.textContent).toMatch(/time3: \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(sent.textContent).toMatch(/尝试次数1/);
    expect(noCredit.getAttribute('data-state')).toBe('noCredit');
    // The resident did subscribe; the credit is spent — not "never subscribed".
    expect(noCredit.textContent).toContain('次数已用完（仅站内消息）');
    expect(noCredit.textContent).not.toContain('未订阅');
    expect(noCredit.textContent).toContain(`thing2: 发件箱测试：第${credits + 1}条`);
    expect(noCredit.textContent).toContain('NO_CREDIT：用户的订阅次数已用完');

    fireEvent.click(within(screen.getByRole('radiogroup', { name: '发送状态' })).getByText('已发送'));
    await waitFor(() => expect(callsTo('notify', 'outbox').at(-1)!.input.state).toBe('sent'));
    await waitFor(() => expect(document.querySelectorAll('[data-outbox-id]').length).toBeGreaterThan(0));
    await waitFor(() => expect(Array.from(document.querySelectorAll('[data-outbox-id]')).every((e) => e.getAttribute('data-state') === 'sent')).toBe(true));
  });
});

describe('launch from a tapped subscription message (?link=)', () => {
  it('goes home, then opens the linked page of the caller’s role', async () => {
    await signInAs('officer');
    taroMock.router.params = { link: encodeURIComponent('case:c-launch') };
    render(<LaunchPage />);
    await waitFor(() =>
      expect(taroMock.navigations).toEqual([
        { kind: 'reLaunch', url: HOME_OF.officer },
        { kind: 'navigateTo', url: `${ROUTES.officerCase}?id=c-launch` },
      ]),
    );
  });

  it('on H5 without a session keeps the link through sign-in', async () => {
    taroMock.router.params = { link: encodeURIComponent('case:c-launch') };
    render(<LaunchPage />);
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: `${ROUTES.login}?link=case%3Ac-launch` }));
    cleanup();

    taroMock.navigations.length = 0;
    taroMock.router.params = { link: 'case%3Ac-launch' };
    render(<LoginPage />);
    const residents = await waitFor(() => {
      const found = document.querySelector('[data-role="resident"]') as HTMLElement;
      expect(found).not.toBeNull();
      return found;
    });
    fireEvent.click(residents.querySelector('.ui-row') as HTMLElement);
    await waitFor(() =>
      expect(taroMock.navigations).toEqual([
        { kind: 'reLaunch', url: HOME_OF.resident },
        { kind: 'navigateTo', url: `${ROUTES.residentCase}?id=c-launch` },
      ]),
    );
  });
});
