// What makes the stand-in as strict as WeChat cloud about time (docs/architecture.md "the stand-in is as strict as the
// cloud"): every SDK call is a network round trip there, and an invocation past its configured timeout is cut off.
//
// - LOCAL_DB_DELAY_MS (or local.setDelay) adds that many milliseconds to every SDK call, so code that makes many
//   sequential calls is as slow locally as in the cloud (round trips are counted by wall time / delay).
// - `invoke` runs one invocation with a timeout: the caller gets WeChat's timeout failure at the deadline, and the
//   cut-off invocation can make no further SDK call (a request it had sent may still land; its answer is lost), as
//   when WeChat stops the instance. Work that must survive this resumes from stored state in a later invocation.

import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate } from 'node:timers';
import { ERR, sdkError, toOperationError, unsupported } from './errors';

interface InvocationState {
  deadline: number;
  timedOut: boolean;
}

const invocation = new AsyncLocalStorage<InvocationState>();
let delayOverride: number | undefined;
let roundTrips = 0;

function delayMs(): number {
  if (delayOverride !== undefined) return delayOverride;
  const fromEnv = Number(process.env.LOCAL_DB_DELAY_MS ?? 0);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 0;
}

/** Sets the per-call delay (ms); undefined goes back to LOCAL_DB_DELAY_MS. */
export function setDelay(ms: number | undefined): void {
  delayOverride = ms;
}

/** SDK calls made by this process so far (all of them, parallel ones each count). */
export function roundTripCount(): number {
  return roundTrips;
}

/**
 * The sequential depth of the calls made while measuring: each call ends one deeper than the deepest call that had
 * ended when it started, so calls sent together count once and a call waiting on another counts after it. Unlike
 * wall time over the delay, CPU time between calls does not add up (it only matters past a whole delay).
 */
let depthMeter: { deepest: number } | undefined;

export async function measureDepth<T>(fn: () => Promise<T>): Promise<{ result: T; depth: number }> {
  if (depthMeter) throw new Error('measureDepth: already measuring');
  const meter = { deepest: 0 };
  depthMeter = meter;
  try {
    const result = await fn();
    return { result, depth: meter.deepest };
  } finally {
    depthMeter = undefined;
  }
}

/** WeChat's failure for an invocation that ran past its timeout. */
export function timeoutError(api: string, seconds: number): Error {
  return sdkError(api, `Invoking task timed out after ${seconds} seconds`, ERR.FUNCTION_TIMEOUT);
}

function cutOff(api: string): Error | undefined {
  const state = invocation.getStore();
  if (!state) return undefined;
  if (!state.timedOut && Date.now() < state.deadline) return undefined;
  state.timedOut = true;
  return sdkError(api, 'the invocation was stopped: it ran past its timeout', ERR.FUNCTION_TIMEOUT);
}

/** An SDK call as a stop rule sees it. */
export interface CallSite {
  api: string;
  collection?: string;
}

let stopRule: ((call: CallSite) => boolean) | undefined;

/**
 * A test's fault: the invocation running the first SDK call `match` accepts is stopped right after that call has
 * done its work at the far end, as when the instance dies there — the call's own answer is lost and the invocation
 * makes no further SDK call. One shot; undefined clears it.
 */
export function stopAfter(match: ((call: CallSite) => boolean) | undefined): void {
  stopRule = match;
}

function stopHere(call: CallSite): boolean {
  const state = invocation.getStore();
  if (!state || !stopRule?.(call)) return false;
  stopRule = undefined;
  state.timedOut = true;
  return true;
}

/** One SDK call's trip to the cloud and back around `body` (which runs at the far end). */
export async function roundTrip<T>(api: string, body: () => T | Promise<T>, collection?: string): Promise<T> {
  const before = cutOff(api);
  if (before) throw before;
  roundTrips++;
  const meter = depthMeter;
  const from = meter?.deepest ?? 0;
  const delay = delayMs();
  // A call leaves the invocation, as a network call does: even without a delay, other requests are served between the
  // calls of a long job (better-sqlite3 answers synchronously, which would otherwise hold the whole runtime).
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay / 2));
  else await new Promise((resolve) => setImmediate(resolve));
  const result = await body();
  stopHere(collection === undefined ? { api } : { api, collection }); // then cut off below, like a timeout
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay / 2));
  if (meter) meter.deepest = Math.max(meter.deepest, from + 1);
  const after = cutOff(api);
  if (after) throw after;
  return result;
}

/**
 * Runs `fn` as one invocation limited to `timeoutSeconds`; resolves with its result, or rejects with WeChat's
 * timeout error at the deadline (the invocation itself is then cut off, see above).
 */
export function invoke<T>(timeoutSeconds: number, fn: () => Promise<T>): Promise<T> {
  const state: InvocationState = { deadline: Date.now() + timeoutSeconds * 1000, timedOut: false };
  return new Promise<T>((resolve, reject) => {
    // The deadline may be seen first by an SDK call (cutOff) rather than by this timer: either way the caller gets
    // the timeout, exactly once, as soon as the invocation ends or the timer fires.
    const timeOut = () => {
      state.timedOut = true;
      reject(timeoutError('callFunction', timeoutSeconds));
    };
    const timer = setTimeout(timeOut, timeoutSeconds * 1000);
    invocation.run(state, fn).then(
      (value) => {
        clearTimeout(timer);
        if (state.timedOut) timeOut();
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (state.timedOut) timeOut();
        else reject(error);
      },
    );
  });
}

/** The real SDK also takes success/fail/complete callbacks; the stand-in only does the Promise style. */
function rejectCallbackStyle(api: string, options: unknown): void {
  if (options && typeof options === 'object') {
    for (const key of ['success', 'fail', 'complete']) {
      if (key in options) throw unsupported(`the callback style (${key}) of ${api}`);
    }
  }
}

/**
 * Runs the body of an API call: the Promise-style only, every throw (bad input included) becomes a rejection
 * shaped like the real SDK's, and nothing reaches the caller synchronously.
 */
export async function runOperation<T>(api: string, options: unknown, body: () => T | Promise<T>, collection?: string): Promise<T> {
  try {
    rejectCallbackStyle(api, options);
    return await roundTrip(api, body, collection);
  } catch (e) {
    throw toOperationError(api, e);
  }
}
