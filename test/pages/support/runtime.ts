// Page tests talk to the real local runtime in process: the same function code on an in-memory
// database seeded with the demo town. The Taro mock's `request` is handed to its dispatcher.
import type { Role } from '../../../src/core/roles';
import type { DemoUser } from '../../../src/pages/login/index';
import { forgetMe, startSession } from '../../../src/hooks/use-session';
import { FUNCTION_MAINS } from '../../../server/functions/registry';
import { createLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { act } from 'react';
import { taroMock } from '../mocks/taro';

let runtime: LocalRuntime | null = null;

export async function startRuntime(): Promise<LocalRuntime> {
  runtime ??= await createLocalRuntime({ dataDir: ':memory:', functions: FUNCTION_MAINS });
  return runtime;
}

export function stopRuntime(): void {
  runtime?.close();
  runtime = null;
}

/**
 * Waits until every request and upload the pages sent has answered, and what the answers started has too, inside
 * act(). The stand-in's SDK calls yield to the event loop as network calls do, so answers arrive in later turns: a test
 * settles before it works beside the page (`beside`) and after it ends (support/settle.ts).
 */
export async function settle(): Promise<void> {
  // act() renders and runs effects when its callback ends, and an effect may send the next request: check again after.
  while (taroMock.inFlight.size > 0) {
    await act(async () => {
      await Promise.all(taroMock.inFlight);
      // An answer's continuation may send the next request (a next page, a reload) a few ticks later.
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/**
 * Work a test does beside the page on screen — another device's call, a look at the database, a timer's run: the
 * page's answers land first, then the work runs inside act(), so what the page does meanwhile (a poll) is inside it too.
 */
export async function beside<T>(work: () => Promise<T>): Promise<T> {
  await settle();
  let result: T | undefined;
  await act(async () => {
    result = await work();
  });
  return result as T;
}

/** A clean slate for each test: no stored session, nothing recorded, requests going to the runtime. */
export async function freshApp(): Promise<LocalRuntime> {
  taroMock.reset();
  forgetMe();
  return connect();
}

/** Points the Taro mock's `request` at the runtime (call after taroMock.reset()). */
export async function connect(): Promise<LocalRuntime> {
  const rt = await startRuntime();
  taroMock.requestHandler = (request) => rt.dispatch(request);
  return rt;
}

export async function demoUsers(): Promise<DemoUser[]> {
  const rt = await startRuntime();
  const response = await rt.dispatch({ method: 'GET', path: '/api/demo-users', headers: {} });
  if (!response.body.ok) throw new Error(`demo-users failed: ${response.body.error.message}`);
  return response.body.data as DemoUser[];
}

export async function demoUser(role: Role): Promise<DemoUser> {
  const user = (await demoUsers()).find((u) => u.role === role);
  if (!user) throw new Error(`the demo town has no ${role}`);
  return user;
}

/** A session token of the first demo user of a role, as the sign-in page gets it. */
export async function login(role: Role): Promise<{ user: DemoUser; token: string }> {
  const rt = await startRuntime();
  const user = await demoUser(role);
  const response = await rt.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId: user.userId } });
  if (!response.body.ok) throw new Error(`login failed: ${response.body.error.message}`);
  return { user, token: (response.body.data as { token: string }).token };
}

/** Signs in as the first demo user of a role, the way the sign-in page does, and stores the token. */
export async function signInAs(role: Role): Promise<DemoUser> {
  const { user, token } = await login(role);
  startSession(token);
  return user;
}

// The answer's data is read freely by the assertions of many tests (each knows the action it called); the pages
// themselves go through the typed client, which src checks end to end.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an action's answer as the test reads it
export type CallBody = { ok: boolean; data?: any; error?: { code: string; message: string } };

/** Calls a function as the first demo user of a role, the way another device would. */
export function callAs(role: Role, fn: string, action: string, input: unknown): Promise<CallBody> {
  return beside(async () => {
    const { token } = await login(role);
    const rt = await startRuntime();
    const response = await rt.dispatch({ method: 'POST', path: `/api/call/${fn}`, headers: { authorization: `Bearer ${token}` }, body: { action, input } });
    return response.body as CallBody;
  });
}
