// Subscription consent in page tests: a page can only ask inside a tap once it has loaded what the user holds.
import { screen, waitFor } from '@testing-library/react';
import { taroMock } from '../mocks/taro';

function answered(action: string): boolean {
  return taroMock.responses.some((r) => r.request.path === '/api/call/notify' && (r.request.body as { action: string }).action === action);
}

/** The page has what notify.subscriptions returned (so its taps can ask). */
export async function offerLoaded(): Promise<void> {
  await waitFor(() => expect(answered('subscriptions')).toBe(true));
}

/** The H5 consent dialog, shown now. */
export function consentDialog(): HTMLElement {
  return screen.getByRole('dialog', { name: '消息提醒' });
}
