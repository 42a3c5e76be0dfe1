// Contract: the module looks like wx-server-sdk to cloud-function code, and every gap in the subset is loud.
import { cloud, freshDb } from './helpers';
import { UnsupportedError } from '../../local/wx-server-sdk';

const UNSUPPORTED = /^wx-server-sdk stand-in: .+ is not supported$/;

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

it("'wx-server-sdk' resolves to the stand-in, with the same API as default and as named exports", () => {
  const sdk = jest.requireActual<Record<string, unknown> & { default: Record<string, unknown> }>('wx-server-sdk');
  expect(sdk.default).toBe(cloud);
  for (const name of ['init', 'database', 'getWXContext', 'openapi', 'uploadFile', 'getTempFileURL', 'deleteFile', 'DYNAMIC_CURRENT_ENV']) {
    expect(sdk[name]).toBeDefined();
    expect(sdk.default[name]).toBe(sdk[name]);
  }
  expect(typeof sdk.DYNAMIC_CURRENT_ENV).toBe('symbol');
  expect(sdk.local).toBeDefined();
  expect(sdk.default).not.toHaveProperty('local'); // local controls are not part of wx-server-sdk
});

it('builders are immutable: each call returns a new query', async () => {
  const db = await freshDb('items');
  await db.collection('items').add({ data: { n: 1 } });
  await db.collection('items').add({ data: { n: 2 } });
  const base = db.collection('items').where({ n: db.command.gte(1) });
  const limited = base.limit(1);
  expect((await base.get()).data).toHaveLength(2);
  expect((await limited.get()).data).toHaveLength(1);
});

it('operations outside the subset throw "wx-server-sdk stand-in: <what> is not supported"', async () => {
  const db = await freshDb('items');
  const _ = db.command as unknown as Record<string, (...args: unknown[]) => unknown>;
  const syncCases: (() => unknown)[] = [
    () => cloud.callFunction({ name: 'x' }),
    () => cloud.getOpenData({ list: [] }),
    () => cloud.logger(),
    () => cloud.database({ throwOnNotFound: false } as never),
    () => _.mul!(2),
    () => _.addToSet!('x'),
    () => _.elemMatch!({}),
    () => (db.command as unknown as { aggregate: unknown }).aggregate,
    () => db.Geo,
    () => db.collection('items').aggregate(),
    () => db.collection('items').watch(),
    () => db.collection('items').where({ $or: [] }),
    () => db.collection('items').where({ 'tags.0': 'x' }),
    () => db.collection('items').where({ n: _.gt!(null) }),
    () => db.collection('items').field({ list: { $slice: 1 } }),
    () => db.command.push({ each: [1], sort: 1 }),
  ];
  for (const run of syncCases) {
    const err = thrown(run);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err.message).toMatch(UNSUPPORTED);
  }
  await expect(db.startTransaction()).rejects.toThrow(UNSUPPORTED);
  await expect(db.collection('items').add({ data: { re: /x/ } })).rejects.toThrow(UNSUPPORTED);
  await expect(db.collection('items').get({ success: () => undefined })).rejects.toThrow(UNSUPPORTED);
});
