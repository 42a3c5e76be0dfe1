// Onboarding pages (issue 9) against the in-process runtime: the admin invites and re-invites; 绑定工作账号 reads the
// code from the invitation's `scene` (or the typed code) and lands on the role's home; a fresh WeChat signs in on
// the demo page; a resident asks to be linked and their gridworker confirms; a mismatch says only "not found".
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import BindPage from '../../src/pages/bind/index';
import LoginPage from '../../src/pages/login/index';
import UsersPage from '../../src/packages/admin/pages/users/index';
import ResidentLinkPage from '../../src/packages/resident/pages/link/index';
import LinkRequestsPage from '../../src/packages/worker/pages/link-requests/index';
import WorkerCasePage from '../../src/packages/worker/pages/case/index';
import { startSession } from '../../src/hooks/use-session';
import { HOME_OF, ROUTES } from '../../src/routes';
import { db } from '../../server/platform/cloud';
import { taroMock } from './mocks/taro';
import { beside, callAs, freshApp, signInAs, startRuntime, stopRuntime } from './support/runtime';
import { type } from './support/page';
import { uploadAs } from './support/photos';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

/** Signs in as a WeChat user the town has never met (the demo page's 「以新微信用户身份进入」). */
async function signInFresh(): Promise<void> {
  const rt = await startRuntime();
  const res = await rt.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { fresh: true } });
  if (!res.body.ok) throw new Error(res.body.error.message);
  startSession((res.body.data as { token: string }).token);
}

async function invitation(name: string, requestId: string): Promise<{ code: string; userId: string }> {
  const made = await callAs('admin', 'admin', 'createUser', { requestId, name, role: 'gridworker' });
  if (!made.ok) throw new Error(made.error!.message);
  return { code: made.data.invitation.code, userId: made.data.user._id };
}

describe('绑定工作账号', () => {
  it('opened from the invitation (scene), binds with one tap and lands on the gridworker home', async () => {
    const { code } = await invitation('扫码人', 'page-invite-0001');
    await signInFresh();
    taroMock.router.params = { scene: encodeURIComponent(code) };
    render(<BindPage />);
    const input = (await screen.findByLabelText('邀请码')) as HTMLInputElement;
    expect(input.value).toBe(code);
    fireEvent.click(screen.getByText('绑定'));
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: HOME_OF.gridworker }));
    expect(taroMock.toasts.map((t) => t.title)).toContain('已绑定：网格员');
  });

  it('takes a typed code (any case, with spaces) and explains a wrong or used one', async () => {
    const { code } = await invitation('输码人', 'page-invite-0002');
    await signInFresh();
    render(<BindPage />);
    await screen.findByLabelText('邀请码');
    type('邀请码', 'ABCD EFGH JKMN');
    fireEvent.click(screen.getByText('绑定'));
    expect(await screen.findByText('邀请码不正确，请核对后重新输入')).toBeTruthy();
    type('邀请码', code.toLowerCase().replace(/(.{4})/g, '$1 '));
    fireEvent.click(screen.getByText('绑定'));
    await waitFor(() => expect(taroMock.lastNavigation()?.url).toBe(HOME_OF.gridworker));

    await signInFresh();
    taroMock.navigations.length = 0;
    render(<BindPage />);
    await waitFor(() => expect(screen.getAllByLabelText('邀请码').length).toBeGreaterThan(0));
    const inputs = screen.getAllByLabelText('邀请码');
    fireEvent.input(inputs[inputs.length - 1], { target: { value: code } });
    const buttons = screen.getAllByText('绑定');
    fireEvent.click(buttons[buttons.length - 1]);
    expect(await screen.findByText(/这个邀请码已经用过了/)).toBeTruthy();
    expect(taroMock.navigations).toEqual([]);
  });

  it('without a session (H5) sends the visitor to sign in with the code kept; the fresh sign-in comes back to bind', async () => {
    taroMock.router.params = { scene: 'ABCDEFGHJKMN' };
    render(<BindPage />);
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: `${ROUTES.login}?scene=ABCDEFGHJKMN` }));
    taroMock.router.params = { scene: 'ABCDEFGHJKMN' };
    render(<LoginPage />);
    fireEvent.click(await screen.findByText('以新微信用户身份进入'));
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: `${ROUTES.bind}?scene=ABCDEFGHJKMN` }));
  });

  it('tells staff who are bound already, and offers their home instead', async () => {
    await signInAs('officer');
    render(<BindPage />);
    expect(await screen.findByText(/这个微信已经绑定了工作账号/)).toBeTruthy();
    fireEvent.click(screen.getByText('进入工作台'));
    await waitFor(() => expect(taroMock.lastNavigation()?.url).toBe(HOME_OF.officer));
  });
});

describe('admin: invitations', () => {
  it('re-invites after a confirmation (the old WeChat is signed out) and revokes a pending invitation', async () => {
    const { userId } = await invitation('换手机', 'page-invite-0003');
    await signInAs('admin');
    render(<UsersPage />);
    const pending = await screen.findByText('待绑定的邀请');
    const card = pending.closest('.ui-card') as HTMLElement;
    expect(within(card).getByText('换手机（网格员）')).toBeTruthy();
    // The staff row: open it, 重新邀请 asks first, then shows the new code.
    await waitFor(() => expect(screen.getAllByText('换手机').length).toBeGreaterThan(0));
    fireEvent.click(screen.getAllByText('换手机')[0]);
    fireEvent.click(await screen.findByText('重新邀请'));
    await waitFor(() => expect(document.querySelector('[data-invitation-code]')).not.toBeNull());
    expect(taroMock.modals[0]).toMatchObject({ title: '重新邀请' });
    const code = document.querySelector('[data-invitation-code]')!.getAttribute('data-invitation-code')!;
    expect(screen.getByText(`/#/pages/bind/index?scene=${code}`)).toBeTruthy();
    const invitations = (await beside(() => db().collection('invitations').where({ userId }).get())).data;
    expect(invitations.map((i) => i.state).sort()).toEqual(['pending', 'revoked']);
    // 撤销 the new one from the pending list: it asks first, then the code binds nothing.
    const fresh = await screen.findByText('待绑定的邀请');
    fireEvent.click(within(fresh.closest('.ui-card') as HTMLElement).getByText('撤销'));
    expect(await screen.findByText('已撤销换手机的邀请')).toBeTruthy();
    expect(taroMock.modals.map((m) => m.title)).toContain('撤销邀请');
    expect((await beside(() => db().collection('invitations').where({ userId, state: 'pending' }).get())).data).toHaveLength(0);
  });
});

describe('关联本人信息 and 居民关联', () => {
  it('a resident sends name, ID number and phone; the gridworker confirms with one tap', async () => {
    const worker = (await db().collection('users').where({ role: 'gridworker' }).limit(1).get()).data[0];
    const linked = new Set((await db().collection('users').where({ role: 'resident' }).limit(100).get()).data.map((u) => u.personId));
    const person = (await db().collection('persons').where({ gridId: (worker.gridIds as string[])[0] }).limit(100).get()).data.find((p) => p.phone && !linked.has(p._id))!;

    await signInFresh();
    render(<ResidentLinkPage />);
    await screen.findByText('填写本人信息');
    type('姓名', String(person.name));
    type('身份证号', '110101199003074514');
    type('手机号', String(person.phone));
    fireEvent.click(screen.getByText('提交，请网格员确认'));
    expect(await screen.findByText(/没有找到匹配的登记信息/)).toBeTruthy();
    type('身份证号', String(person.idNumber));
    fireEvent.click(screen.getByText('提交，请网格员确认'));
    expect(await screen.findByText(/等待网格员确认/)).toBeTruthy();
    fireEvent.click(screen.getByText('显示关联码'));
    await waitFor(() => expect(document.querySelector('[data-code]')?.getAttribute('data-code')).toMatch(/^[A-Z2-9]{8}$/));

    taroMock.reset();
    await freshApp();
    const rt = await startRuntime();
    const login = await rt.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId: worker._id } });
    startSession((login.body as { ok: true; data: { token: string } }).data.token);
    render(<LinkRequestsPage />);
    expect(await screen.findByText(String(person.name))).toBeTruthy();
    fireEvent.click(screen.getByText('确认是本人'));
    expect(await screen.findByText(`已关联${person.name}`)).toBeTruthy();
    expect(await screen.findByText('没有待确认的关联申请')).toBeTruthy();
  });
});

describe('a proxy application for a person without a linked WeChat', () => {
  it('tells the gridworker to record the signed paper confirmation, and offers that step first', async () => {
    const worker = (await db().collection('users').where({ role: 'gridworker' }).limit(1).get()).data[0];
    const linked = new Set((await db().collection('users').where({ role: 'resident' }).limit(100).get()).data.map((u) => u.personId));
    const person = (await db().collection('persons').where({ gridId: (worker.gridIds as string[])[0] }).limit(100).get()).data.find((p) => !linked.has(p._id))!;
    const filed = await callAs('gridworker', 'cases', 'create', {
      requestId: 'page-paper-proxy-01',
      personId: person._id,
      case: { source: 'proxy', kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs('gridworker', 'authorisation') },
    });
    expect(filed.ok).toBe(true);
    await signInAs('gridworker');
    taroMock.router.params = { id: filed.data.caseId };
    render(<WorkerCasePage />);
    expect(await screen.findByText(/本人还没有关联微信，不能在手机上确认/)).toBeTruthy();
    const events = Array.from(document.querySelectorAll('[data-event]')).map((e) => e.getAttribute('data-event'));
    expect(events[0]).toBe('recordPaperConfirmation');
  });
});
