// Contract: subscribeMessage.send lands in the local outbox; failures look like the real SDK's.
import { cloud, freshDb, local } from './helpers';
import type { SdkError } from '../../local/wx-server-sdk';

const message = {
  touser: 'o-1',
  templateId: 'tpl-visit',
  page: 'pages/index/index',
  data: { thing1: { value: '入户走访' }, time2: { value: '2026-11-02 10:00' } },
  miniprogramState: 'developer' as const,
};

beforeEach(async () => {
  await freshDb();
});

it('appends to the outbox with the time and the payload, and resolves like the real API', async () => {
  const before = Date.now();
  expect(await cloud.openapi.subscribeMessage.send(message)).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  await cloud.openapi.subscribeMessage.send({ ...message, touser: 'o-2', page: undefined });
  const entries = local.outbox.list();
  expect(entries).toHaveLength(2);
  expect(entries[0]).toEqual({ seq: expect.any(Number), at: expect.any(Date), ...message });
  expect(entries[0]!.at.getTime()).toBeGreaterThanOrEqual(before);
  expect(entries[1]).not.toHaveProperty('page');
  local.outbox.clear();
  expect(local.outbox.list()).toEqual([]);
});

it('failNextSends makes the next sends throw with errCode set, then sends succeed again', async () => {
  local.failNextSends(43101, 2);
  local.failNextSends(-1);
  const errors: SdkError[] = [];
  for (let i = 0; i < 4; i++) {
    await cloud.openapi.subscribeMessage.send(message).catch((e: SdkError) => errors.push(e));
  }
  expect(errors.map((e) => e.errCode)).toEqual([43101, 43101, -1]);
  expect(errors[0]).toBeInstanceOf(Error);
  expect(errors[0]!.message).toMatch(/^openapi\.subscribeMessage\.send:fail 43101/);
  expect(local.outbox.list()).toHaveLength(1);
});

it('checks the payload the way WeChat does (47003 for bad data, 40003 for a missing openid)', async () => {
  const send = (m: object) => cloud.openapi.subscribeMessage.send(m as typeof message).catch((e: SdkError) => e.errCode);
  expect(await send({ ...message, touser: '' })).toBe(40003);
  expect(await send({ ...message, data: { thing1: { value: '' } } })).toBe(47003);
  expect(await send({ ...message, data: { thing1: { value: '这是一段超过二十个字符的走访提醒内容会被微信拒绝的' } } })).toBe(47003);
  expect(await send({ ...message, miniprogramState: 'beta' })).toBe(47003);
  local.failNextSends(47003);
  expect(await send(message)).toBe(47003);
  expect(local.outbox.list()).toEqual([]);
});

it('other openapi calls throw "not supported"', () => {
  const openapi = cloud.openapi as unknown as Record<string, Record<string, () => unknown>>;
  expect(() => openapi.security!.msgSecCheck!()).toThrow('wx-server-sdk stand-in: openapi.security.msgSecCheck is not supported');
  expect(() => openapi.subscribeMessage!.addTemplate!()).toThrow(/openapi\.subscribeMessage\.addTemplate is not supported/);
});
