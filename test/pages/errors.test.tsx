import './support/env';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import RosterPage from '../../src/packages/worker/pages/roster/index';
import PersonPage from '../../src/packages/worker/pages/person/index';
import WorkerHome from '../../src/packages/worker/pages/home/index';
import { appError, ERROR_MESSAGES } from '../../src/core/errors';
import { ErrorState } from '../../src/components/states';
import { ROUTES } from '../../src/routes';
import { getSessionToken } from '../../src/client/session-token';
import { taroMock } from './mocks/taro';
import { freshApp, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

describe('an error result shows its Chinese message', () => {
  it('a person that does not exist', async () => {
    await signInAs('gridworker');
    taroMock.router.params = { id: 'no-such-person' };
    render(<PersonPage />);
    expect((await screen.findByRole('alert')).textContent).toContain(ERROR_MESSAGES['RECORD.NOT_FOUND']);
  });

  it('a resident opening the roster', async () => {
    await signInAs('resident');
    render(<RosterPage />);
    expect((await screen.findByRole('alert')).textContent).toContain(ERROR_MESSAGES['ROLE.FORBIDDEN']);
  });

  it('a dropped connection, and a retry that succeeds', async () => {
    const user = await signInAs('gridworker');
    const dispatch = taroMock.requestHandler;
    taroMock.requestHandler = null;
    render(<WorkerHome />);
    expect((await screen.findByRole('alert')).textContent).toContain(ERROR_MESSAGES['NETWORK.FAILED']);
    taroMock.requestHandler = dispatch;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText(user.name)).toBeTruthy();
  });

  it('an expired sign-in offers 重新登录 (not 重试), which remembers the page on screen', async () => {
    taroMock.router.path = ROUTES.person;
    taroMock.router.params = { id: 'person-1' };
    render(<ErrorState error={appError('AUTH.INVALID_SESSION')} onRetry={() => undefined} />);
    expect(screen.queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByText('重新登录'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: `${ROUTES.login}?back=${encodeURIComponent(`${ROUTES.person}?id=person-1`)}` });
  });

  it('an expired session on a page sends the user to sign in again', async () => {
    await signInAs('gridworker');
    taroMock.storage.set('session-token', 'expired.session');
    taroMock.router.path = ROUTES.workerHome;
    render(<WorkerHome />);
    await waitFor(() => expect(taroMock.lastNavigation()).toEqual({ kind: 'reLaunch', url: `${ROUTES.login}?back=${encodeURIComponent(ROUTES.workerHome)}` }));
    expect(getSessionToken()).toBeNull();
  });
});
