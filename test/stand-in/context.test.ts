// Contract: getWXContext() reports the identity of the current invocation only.
import { cloud, local } from './helpers';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => cloud.init());

it('outside any invocation (a timer trigger) there is no OPENID', () => {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  expect(cloud.getWXContext()).toEqual({ OPENID: undefined, APPID: undefined, UNIONID: undefined, ENV: 'local', SOURCE: undefined });
});

it('inside runWithContext it reports that identity, across awaits, and returns the function result', async () => {
  const result = await local.runWithContext({ OPENID: 'o-1', APPID: 'wx-app', SOURCE: 'wx_client' }, async () => {
    await later(1);
    return cloud.getWXContext();
  });
  expect(result).toEqual({ OPENID: 'o-1', APPID: 'wx-app', UNIONID: undefined, ENV: 'local', SOURCE: 'wx_client' });
  expect(cloud.getWXContext().OPENID).toBeUndefined();
});

it('concurrent invocations never see each other', async () => {
  const seen = await Promise.all(
    ['a', 'b', 'c', 'd'].map((openid, i) =>
      local.runWithContext({ OPENID: openid }, async () => {
        const first = cloud.getWXContext().OPENID;
        await later(10 - i * 3); // finish in the reverse order of starting
        return [first, cloud.getWXContext().OPENID];
      }),
    ),
  );
  expect(seen).toEqual([['a', 'a'], ['b', 'b'], ['c', 'c'], ['d', 'd']]);
});

it('reports the env given to init()', () => {
  cloud.init({ env: 'prod-123' });
  expect(cloud.getWXContext().ENV).toBe('prod-123');
  expect(local.runWithContext({ OPENID: 'x' }, () => cloud.getWXContext().ENV)).toBe('prod-123');
});
