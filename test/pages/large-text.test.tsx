import './support/env';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import LoginPage from '../../src/pages/login/index';
import OfficerHome from '../../src/packages/officer/pages/home/index';
import { LARGE_TEXT_KEY } from '../../src/hooks/use-large-text';
import { taroMock } from './mocks/taro';
import { freshApp, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

function pageRoot(): HTMLElement {
  return document.querySelector('.ui-page') as HTMLElement;
}

describe('large-text (适老化) mode', () => {
  it('the switch on the sign-in page scales the page and is stored', async () => {
    render(<LoginPage />);
    const toggle = screen.getByRole('switch', { name: '大字模式' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(pageRoot().className).not.toContain('ui-page--large');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(pageRoot().className).toContain('ui-page--large');
    expect(taroMock.storage.get(LARGE_TEXT_KEY)).toBe(true);
    // Let the demo-user list settle so nothing updates after the test.
    await screen.findByText('管理员');
  });

  it('survives a reload: a fresh page starts large from storage', async () => {
    taroMock.storage.set(LARGE_TEXT_KEY, true);
    const user = await signInAs('officer');
    render(<OfficerHome />);
    await screen.findByText(user.name);
    expect(pageRoot().className).toContain('ui-page--large');
    expect(screen.getByRole('switch', { name: '大字模式' }).getAttribute('aria-checked')).toBe('true');

    fireEvent.click(screen.getByRole('switch', { name: '大字模式' }));
    expect(pageRoot().className).not.toContain('ui-page--large');
    expect(taroMock.storage.get(LARGE_TEXT_KEY)).toBe(false);
  });

  it('a page lower in the stack follows a change made on the page above', async () => {
    const user = await signInAs('officer');
    const { container: below } = render(<OfficerHome />);
    await screen.findByText(user.name);
    const { container: above } = render(<LoginPage />);
    fireEvent.click(above.querySelector('[role="switch"]') as HTMLElement);
    await waitFor(() => expect((below.querySelector('.ui-page') as HTMLElement).className).toContain('ui-page--large'));
    await waitFor(() => expect(above.querySelector('[data-role="admin"]')).not.toBeNull());
  });
});
