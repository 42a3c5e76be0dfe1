import './support/env';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ComponentType } from 'react';
import LaunchPage from '../../src/pages/index/index';
import ResidentHome from '../../src/packages/resident/pages/home/index';
import WorkerHome from '../../src/packages/worker/pages/home/index';
import OfficerHome from '../../src/packages/officer/pages/home/index';
import AdminHome from '../../src/packages/admin/pages/home/index';
import { ROLE_LABELS, type Role } from '../../src/core/roles';
import { JOBS } from '../../src/role-jobs';
import { HOME_OF, ROUTES } from '../../src/routes';
import { getSessionToken, setSessionToken } from '../../src/client/session-token';
import { taroMock } from './mocks/taro';
import { freshApp, signInAs, stopRuntime } from './support/runtime';

const HOME_PAGE: Record<Role, ComponentType> = {
  resident: ResidentHome,
  gridworker: WorkerHome,
  cadre: WorkerHome,
  officer: OfficerHome,
  admin: AdminHome,
};

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

describe('role homes', () => {
  it.each(Object.keys(HOME_PAGE) as Role[])('home of %s: who they are and their jobs', async (role) => {
    const user = await signInAs(role);
    const Home = HOME_PAGE[role];
    render(<Home />);
    expect(await screen.findByText(user.name)).toBeTruthy();
    expect(screen.getByText(ROLE_LABELS[role])).toBeTruthy();
    expect(screen.getByText('退出登录')).toBeTruthy();
    expect(screen.getByRole('switch', { name: '大字模式' })).toBeTruthy();

    for (const job of JOBS[role]) {
      const tile = document.querySelector(`[data-job="${job.key}"]`) as HTMLElement;
      expect(tile).not.toBeNull();
      expect(tile.textContent).toContain(job.label);
      // Issue 13: every job is built; no tile says 建设中.
      expect(tile.textContent).not.toContain('建设中');
    }
  });

  it('staff reach the roster, the roll calls and the village overview from their home', async () => {
    await signInAs('gridworker');
    render(<WorkerHome />);
    fireEvent.click(await screen.findByText('花名册'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: ROUTES.roster });

    fireEvent.click(screen.getByText('一拉就响'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: ROUTES.rollCalls });
    cleanup();

    await signInAs('cadre');
    render(<WorkerHome />);
    fireEvent.click(await screen.findByText('村情概览'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: ROUTES.dashboard });
  });

  it('a cadre sees the village jobs on top of a gridworker’s', async () => {
    await signInAs('cadre');
    render(<WorkerHome />);
    expect(await screen.findByText('民主评议')).toBeTruthy();
    expect(screen.getByText('村务公示')).toBeTruthy();
  });

  it('sends a user who opens another role’s home to their own', async () => {
    await signInAs('resident');
    render(<OfficerHome />);
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: HOME_OF.resident }));
  });

  it('signing out clears the session and returns to sign-in', async () => {
    const user = await signInAs('officer');
    render(<OfficerHome />);
    await screen.findByText(user.name);
    fireEvent.click(screen.getByText('退出登录'));
    expect(getSessionToken()).toBeNull();
    expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: ROUTES.login });
  });
});

describe('launch page', () => {
  it('without a stored session goes to sign-in', async () => {
    render(<LaunchPage />);
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: ROUTES.login }));
    expect(taroMock.requests).toEqual([]);
  });

  it('with a stored session goes to the role’s home', async () => {
    await signInAs('admin');
    render(<LaunchPage />);
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: HOME_OF.admin }));
  });

  it('with a session the runtime refuses clears it and goes to sign-in', async () => {
    setSessionToken('forged.token');
    render(<LaunchPage />);
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: ROUTES.login }));
    expect(getSessionToken()).toBeNull();
  });
});
