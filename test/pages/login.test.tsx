import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import LoginPage from '../../src/pages/login/index';
import { ROLE_LABELS, ROLES } from '../../src/core/roles';
import { HOME_OF, ROUTES } from '../../src/routes';
import { getSessionToken } from '../../src/client/session-token';
import { taroMock } from './mocks/taro';
import { demoUsers, freshApp, stopRuntime } from './support/runtime';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

describe('demo sign-in page', () => {
  it('lists every demo user under their role', async () => {
    const users = await demoUsers();
    render(<LoginPage />);
    await screen.findByText(users[0].name);
    for (const role of ROLES) {
      const ofRole = users.filter((u) => u.role === role);
      expect(ofRole.length).toBeGreaterThan(0);
      const group = document.querySelector(`[data-role="${role}"]`) as HTMLElement;
      expect(group).not.toBeNull();
      // The card holding the group carries the role's label as its title.
      expect(within(group.parentElement as HTMLElement).getByText(ROLE_LABELS[role])).toBeTruthy();
      for (const user of ofRole) expect(within(group).getByText(user.name)).toBeTruthy();
    }
  });

  it.each(ROLES)('signing in (%s) lands on that role’s home', async (role) => {
    const user = (await demoUsers()).find((u) => u.role === role)!;
    render(<LoginPage />);
    const group = await waitFor(() => {
      const found = document.querySelector(`[data-role="${role}"]`);
      if (!found) throw new Error('not listed yet');
      return found as HTMLElement;
    });
    fireEvent.click(within(group).getByText(user.name));
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: HOME_OF[role] }));
    expect(getSessionToken()).toEqual(expect.any(String));
  });

  it('signing in again after an expired session comes back to the page the user was on', async () => {
    const user = (await demoUsers()).find((u) => u.role === 'gridworker')!;
    const back = `${ROUTES.person}?id=person-1`;
    taroMock.router.params = { back: encodeURIComponent(back) };
    render(<LoginPage />);
    fireEvent.click(await screen.findByText(user.name));
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: back }));
  });

  it('a `back` that is not a page of the app goes home only', async () => {
    const user = (await demoUsers()).find((u) => u.role === 'gridworker')!;
    taroMock.router.params = { back: encodeURIComponent('https://elsewhere.example/') };
    render(<LoginPage />);
    fireEvent.click(await screen.findByText(user.name));
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: HOME_OF.gridworker }));
  });

  it('says so in Chinese when the local runtime cannot be reached', async () => {
    taroMock.requestHandler = null;
    render(<LoginPage />);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('连不上本地演示服务'));
    expect(screen.getByText('重试')).toBeTruthy();
    expect(taroMock.navigations).toEqual([]);
  });

  it('shows the runtime’s own message when sign-in is refused', async () => {
    const users = await demoUsers();
    render(<LoginPage />);
    await screen.findByText(users[0].name);
    // The user disappears between listing and tapping: the runtime answers with a coded error.
    const dispatch = taroMock.requestHandler!;
    taroMock.requestHandler = (request) =>
      request.path === '/api/login' ? dispatch({ ...request, body: { userId: 'no-such-user' } }) : dispatch(request);
    fireEvent.click(screen.getByText(users[0].name));
    expect(await screen.findByText('没有这位演示用户')).toBeTruthy();
    expect(taroMock.navigations.some((n) => n.url !== ROUTES.login && n.kind === 'reLaunch')).toBe(false);
  });
});
