// One typed client for every cloud function. Types come from the functions' action tables (type-only import).
// weapp: Taro.cloud.callFunction; h5: HTTP to the local runtime, which runs the same function code.
import Taro from '@tarojs/taro';
import { appError, isErrorCode, type Result } from '../core/errors';
import type { Api, FunctionName } from '../../server/functions/api';
import { getSessionToken } from './session-token';

export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

/** Accepts only a well-formed `Result`; anything else from the wire becomes a coded error. */
function asResult<T>(body: unknown): Result<T> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const value = body as { ok: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
    if (value.ok === true) return { ok: true, data: value.data as T };
    if (value.ok === false && value.error && isErrorCode(value.error.code)) {
      const message = typeof value.error.message === 'string' ? value.error.message : undefined;
      return { ok: false, error: { ...appError(value.error.code, message), ...('details' in value.error ? { details: (value.error as { details?: unknown }).details } : {}) } };
    }
  }
  return { ok: false, error: appError('INTERNAL') };
}

async function callHttp(fn: string, action: string, input: unknown): Promise<unknown> {
  const token = getSessionToken();
  const response = await Taro.request({
    url: `/api/call/${fn}`,
    method: 'POST',
    header: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { action, input },
  });
  return response.data;
}

async function callCloud(fn: string, action: string, input: unknown): Promise<unknown> {
  const response = await Taro.cloud.callFunction({ name: fn, data: { action, input } });
  return response.result;
}

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<Result<ActionOutput<F, A>>> {
  try {
    const body = process.env.TARO_ENV === 'h5' ? await callHttp(fn, action, input) : await callCloud(fn, action, input);
    return asResult<ActionOutput<F, A>>(body);
  } catch {
    return { ok: false, error: appError('NETWORK.FAILED') };
  }
}
