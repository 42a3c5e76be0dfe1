// What a browser test does as one of the town's people: the runtime's HTTP API (demo sign-in, calls, the clock and
// the timer sweep of LOCAL_CLOCK_CONTROL), a phone signed in as a role, and the page on top of Taro's H5 stack.
import type { Browser, Locator, Page } from 'playwright-core';
import type { DemoUser } from '../../src/pages/login/index';
import { baseUrl, launch, phonePage, screenshot as save } from './browser';

export async function api<T>(path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!json.ok) throw new Error(`${path}: ${json.error?.message}`);
  return json.data;
}

/** Moves the functions' clock by `offsetMs` from now (0 puts it back). */
export async function setClock(offsetMs: number): Promise<void> {
  await api('/api/clock', { offsetMs });
}

export async function firstUser(role: string): Promise<DemoUser> {
  const users = await api<DemoUser[]>('/api/demo-users');
  const user = users.find((u) => u.role === role);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
}

/** A session token of the first demo user of a role, as the sign-in page gets it. */
export async function tokenOf(role: string): Promise<string> {
  return (await api<{ token: string }>('/api/login', { userId: (await firstUser(role)).userId })).token;
}

export async function callAs<T>(role: string, fn: string, action: string, input: unknown): Promise<T> {
  return api<T>(`/api/call/${fn}`, { action, input }, await tokenOf(role));
}

/** Runs every timer trigger once, now (as the deployed timers would at this time). */
export async function sweep(): Promise<Record<string, unknown>> {
  return api('/api/sweep', {}, await tokenOf('officer'));
}

/** Chromium for a test file (launched before its tests, closed after); the functions' clock is put back after. */
export function withBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await setClock(0);
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll');
    return browser;
  };
}

/** Signs the page in as the first demo user of a role, the way a person does on the sign-in page; ends on their home. */
export async function signInAs(page: Page, role: string): Promise<void> {
  await page.goto(baseUrl());
  const first = page.locator(`[data-role="${role}"] .ui-row`).first();
  await first.waitFor({ timeout: 20_000 });
  await first.click();
  await page.locator('.ui-tiles').first().waitFor();
}

/** A fresh phone signed in as the first demo user of a role, on that role's home. */
export async function phoneOf(browser: Browser, role: string): Promise<Page> {
  const page = await phonePage(browser);
  await signInAs(page, role);
  return page;
}

/** The page on top of the stack (Taro H5 keeps the pages below it in the document). */
export function top(page: Page): Locator {
  return page.locator('.ui-page').last();
}

/** A screenshot once the page on top has finished sliding in. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.ui-page');
    const last = pages[pages.length - 1];
    return last !== undefined && Math.abs(last.getBoundingClientRect().left) < 1;
  });
  await save(page, name);
}

export async function openTile(page: Page, label: string): Promise<void> {
  await page.locator('.ui-tile', { hasText: label }).first().click();
}

/** Types into a Taro Input/Textarea of the top page by its aria-label. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  await top(page).locator(`taro-textarea-core[aria-label="${label}"] textarea, taro-input-core[aria-label="${label}"] input`).first().fill(value);
}

/**
 * Chooses a date in the Taro date Picker of the top page with this aria-label: the change the picker reports when
 * its wheel is confirmed (detail.value 'YYYY-MM-DD'), without turning the wheels.
 */
export async function pickDate(page: Page, label: string, date: string): Promise<void> {
  await top(page)
    .locator(`taro-picker-core[aria-label="${label}"]`)
    .first()
    .evaluate((node, value) => node.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true })), date);
}

export async function choose(page: Page, group: string, option: string): Promise<void> {
  await top(page).locator(`[role="radiogroup"][aria-label="${group}"]`).getByText(option, { exact: true }).click();
}

export async function tapButton(page: Page, text: string | RegExp): Promise<void> {
  await top(page).locator('.ui-button', { hasText: text }).first().click();
}

/** Waits for the case on the top page to reach `state`. */
export async function waitState(page: Page, state: string): Promise<void> {
  await top(page).locator(`[data-case-state="${state}"]`).waitFor({ timeout: 20_000 });
}

/** One step on the case page through its event form (confirmed when it asks), then the case's new state. */
export async function caseStep(page: Page, event: string, fields: () => Promise<void>, next: string, opts: { confirm?: boolean } = {}): Promise<void> {
  await top(page).locator(`[data-event="${event}"] .ui-button`).click();
  await top(page).locator(`[data-event-form="${event}"]`).waitFor();
  await fields();
  await top(page).locator(`[data-event-form="${event}"] [data-submit] .ui-button`).click();
  if (opts.confirm) await confirmModal(page);
  await waitState(page, next);
}

/** Taro H5's showModal: its confirm button. */
export async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm').click();
}

/**
 * Answers the question a tap may have opened: the H5 consent dialog (允许 / 拒绝, RULES §30), or the resident's
 * plain question after submitting (通知我 / 不用了, issue 15); messages.test.ts checks them.
 */
export async function answerReminders(page: Page, answer: '允许' | '拒绝' | '通知我' | '不用了' = '允许'): Promise<void> {
  const button = page.locator('[role="dialog"] .ui-button', { hasText: answer });
  if (await button.waitFor({ timeout: 3_000 }).then(() => true, () => false)) await button.click();
}

// A 1×1 PNG: the runtime stores the bytes as the photo.
const PHOTO = { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64') };

/** Adds one photo through the page's own control (Taro's chooseImage opens a file chooser on H5). */
export async function addPhoto(page: Page, label: string): Promise<void> {
  const shown = top(page).locator(`[role="group"][aria-label="${label}"] .ui-photo__img`);
  const before = await shown.count();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), top(page).locator(`[aria-label="添加照片：${label}"]`).click()]);
  await chooser.setFiles(PHOTO);
  await page.waitForFunction(
    ({ label, before }) => {
      const pages = document.querySelectorAll('.ui-page');
      return pages[pages.length - 1].querySelectorAll(`[role="group"][aria-label="${label}"] .ui-photo__img`).length > before;
    },
    { label, before },
  );
}

