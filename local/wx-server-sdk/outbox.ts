// `cloud.openapi.subscribeMessage.send`: instead of WeChat, messages land in a local outbox table (kept with the
// data, so the local runtime can show it). Payloads are checked the way WeChat checks them — most real send
// failures are an over-long `thing` value — and a test can make the next sends fail with a chosen errCode.

import { isPlainObject } from './codec';
import { sdkError, unsupported } from './errors';
import { runOperation } from './invocation';
import type { SdkError } from './errors';
import { getStore, onReset } from './runtime';

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string | number }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface OutboxEntry extends SubscribeMessage {
  seq: number;
  /** When the send was accepted. */
  at: Date;
}

const API = 'openapi.subscribeMessage.send';

const ERROR_TEXT: Record<number, string> = {
  [-1]: 'system error',
  40003: 'invalid openid',
  40037: 'invalid template id',
  43101: 'user refuse to accept the msg',
  47003: 'argument invalid!',
};

/** Maximum characters per template keyword type (WeChat's subscribe-message rules). */
const KEYWORD_MAX_CHARS: Record<string, number> = {
  thing: 20,
  name: 10,
  phrase: 5,
  symbol: 5,
  car_number: 8,
  phone_number: 17,
  character_string: 32,
  number: 32,
  letter: 32,
};

const pendingFailures: number[] = [];
onReset(() => {
  pendingFailures.length = 0;
});

/** Makes the next `count` sends fail with `errCode` (e.g. 43101 refused, 47003 bad argument, -1 transient). */
export function failNextSends(errCode: number, count = 1): void {
  if (!Number.isInteger(errCode) || errCode === 0) throw new Error('failNextSends: errCode must be a non-zero integer');
  for (let i = 0; i < count; i++) pendingFailures.push(errCode);
}

function openapiError(errCode: number, detail?: string): SdkError {
  return sdkError(API, `${errCode} ${detail ?? ERROR_TEXT[errCode] ?? 'error'}`, errCode);
}

function checkMessage(input: unknown): SubscribeMessage {
  if (!isPlainObject(input)) throw openapiError(47003, 'argument invalid! the parameter must be an object');
  for (const key of Object.keys(input)) {
    if (!['touser', 'templateId', 'page', 'data', 'miniprogramState', 'lang'].includes(key)) {
      throw unsupported(`the "${key}" parameter of ${API}`);
    }
  }
  const { touser, templateId, page, data, miniprogramState, lang } = input;
  if (typeof touser !== 'string' || touser === '') throw openapiError(40003);
  if (typeof templateId !== 'string' || templateId === '') throw openapiError(40037);
  if (page !== undefined && typeof page !== 'string') throw openapiError(47003, 'argument invalid! page must be a string');
  if (miniprogramState !== undefined && !['developer', 'trial', 'formal'].includes(miniprogramState as string)) {
    throw openapiError(47003, 'argument invalid! miniprogram_state');
  }
  if (lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(lang as string)) {
    throw openapiError(47003, 'argument invalid! lang');
  }
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw openapiError(47003, 'argument invalid! data is empty');
  for (const key of Object.keys(data)) {
    const item = data[key];
    const value = isPlainObject(item) ? item.value : undefined;
    if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
      throw openapiError(47003, `argument invalid! data.${key}.value is empty`);
    }
    const max = KEYWORD_MAX_CHARS[key.replace(/\d+$/, '')];
    if (max !== undefined && [...String(value)].length > max) {
      throw openapiError(47003, `argument invalid! data.${key}.value exceeds ${max} characters`);
    }
  }
  return input as unknown as SubscribeMessage;
}

export function sendSubscribeMessage(input: SubscribeMessage): Promise<{ errCode: 0; errMsg: string }> {
  return runOperation(API, input, () => {
    const message = checkMessage(input);
    const failure = pendingFailures.shift();
    if (failure !== undefined) throw openapiError(failure);
    const payload: SubscribeMessage = {
      touser: message.touser,
      templateId: message.templateId,
      ...(message.page !== undefined && { page: message.page }),
      data: message.data,
      ...(message.miniprogramState !== undefined && { miniprogramState: message.miniprogramState }),
      ...(message.lang !== undefined && { lang: message.lang }),
    };
    getStore()
      .statement('INSERT INTO _outbox (at, touser, template_id, payload) VALUES (?, ?, ?, ?)')
      .run(Date.now(), payload.touser, payload.templateId, JSON.stringify(payload));
    return { errCode: 0 as const, errMsg: `${API}:ok` };
  });
}

export const outbox = {
  /** Accepted messages, oldest first. */
  list(): OutboxEntry[] {
    const rows = getStore().statement('SELECT seq, at, payload FROM _outbox ORDER BY seq').all() as {
      seq: number;
      at: number;
      payload: string;
    }[];
    return rows.map((r) => ({ seq: r.seq, at: new Date(r.at), ...(JSON.parse(r.payload) as SubscribeMessage) }));
  },
  clear(): void {
    getStore().statement('DELETE FROM _outbox').run();
  },
};
