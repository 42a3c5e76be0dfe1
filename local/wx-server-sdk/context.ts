// getWXContext(): the identity of the *current invocation*. The local runtime (and tests) run each call inside
// local.runWithContext(ctx, fn); AsyncLocalStorage carries it across awaits, so concurrent invocations never see
// each other's OPENID. Outside any invocation (a timer trigger) there is no OPENID, as in WeChat.

import { AsyncLocalStorage } from 'node:async_hooks';
import { getEnv } from './runtime';

export interface WXContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
}

const current = new AsyncLocalStorage<Readonly<WXContext>>();

/** The real SDK accepts the function's `context` argument here; the identity comes from the invocation anyway. */
export function getWXContext(_context?: unknown): WXContext {
  const ctx = current.getStore();
  return {
    OPENID: ctx?.OPENID,
    APPID: ctx?.APPID,
    UNIONID: ctx?.UNIONID,
    ENV: ctx?.ENV ?? getEnv(),
    SOURCE: ctx?.SOURCE,
  };
}

/** Runs `fn` as one invocation with the given identity; returns what `fn` returns (a Promise stays a Promise). */
export function runWithContext<T>(ctx: WXContext, fn: () => T): T {
  return current.run(Object.freeze({ ...ctx }), fn);
}
