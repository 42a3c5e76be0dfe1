// What a page test reads and does besides testing-library's queries: the tappable rows on screen, typing into a
// labelled field, choosing in a date picker, the function calls the Taro mock recorded, and a parameter of a navigation URL.
import { fireEvent, screen } from '@testing-library/react';
import { taroMock, type MockRequest } from '../mocks/taro';

/** The tappable rows (each opens a detail page), in screen order. */
export function rows(root: ParentNode = document): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('.ui-row[role="button"]'));
}

/** Types into the Input or Textarea with this aria-label. */
export function type(label: string, value: string): void {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

/** Chooses a 'YYYY-MM-DD' date in the date picker with this aria-label, as the system picker reports it. */
export function pickDate(label: string, date: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value: date } });
}

/** The requests the page sent to fn.action so far, oldest first. */
export function callsTo(fn: string, action: string): MockRequest[] {
  return taroMock.requests.filter((r) => r.path === `/api/call/${fn}` && (r.body as { action: string }).action === action);
}

/** A query parameter of a navigation URL, decoded ('' when absent). */
export function paramOf(url: string, key: string): string {
  return decodeURIComponent(new URLSearchParams(url.split('?')[1]).get(key) ?? '');
}
