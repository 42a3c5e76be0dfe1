// Contract: `openapi.cloudbase.addDelayedFunctionTask` is checked as WeChat checks it (env, a known function, data a
// JSON string, delayTime 6 s – 30 days, Promise style only), costs a round trip, and records one task that is taken
// once when due.
import { cloud, freshDb, local } from './helpers';

const add = (options: object) => (cloud.openapi.cloudbase.addDelayedFunctionTask as unknown as (o: object) => Promise<{ errCode: number; errMsg: string }>)(options);
const valid = { env: 'local', functionName: 'people', data: JSON.stringify({ Type: 'FollowUp', Job: 'continueImports' }), delayTime: 6 };

beforeEach(async () => {
  await freshDb();
  local.delayedTasks.register(['people']);
});

it('records a task due delayTime seconds later and answers like WeChat', async () => {
  const before = local.roundTrips();
  const at = Date.now();
  await expect(add(valid)).resolves.toEqual({ errCode: 0, errMsg: 'openapi.cloudbase.addDelayedFunctionTask:ok' });
  expect(local.roundTrips() - before).toBe(1);
  const [task] = local.delayedTasks.list();
  expect(task).toMatchObject({ functionName: 'people', data: valid.data });
  expect(task!.dueAt).toBeGreaterThanOrEqual(at + 6000);
  expect(task!.dueAt).toBeLessThan(Date.now() + 6000 + 50);
});

it('hands a task out once, and only when it is due', async () => {
  await add(valid);
  await add({ ...valid, delayTime: 30 * 86_400 });
  expect(local.delayedTasks.takeDue()).toEqual([]);
  expect(local.delayedTasks.takeDue(Date.now() + 7000)).toHaveLength(1);
  expect(local.delayedTasks.takeDue(Date.now() + 7000)).toEqual([]);
  expect(local.delayedTasks.takeDue(Number.POSITIVE_INFINITY)).toHaveLength(1);
  expect(local.delayedTasks.list()).toEqual([]);
});

it.each([
  ['a delay under 6 s', { delayTime: 5 }],
  ['a delay over 30 days', { delayTime: 30 * 86_400 + 1 }],
  ['a delay that is not whole seconds', { delayTime: 6.5 }],
  ['data that is not a string', { data: { Job: 'x' } }],
  ['data that is not JSON', { data: 'Job=x' }],
  ['data over the size bound', { data: JSON.stringify({ pad: 'x'.repeat(5000) }) }],
  ['another environment', { env: 'prod-123' }],
  ['a function that does not exist', { functionName: 'nope' }],
])('refuses %s and records nothing', async (_what, change) => {
  await expect(add({ ...valid, ...change })).rejects.toMatchObject({ errCode: expect.any(Number), errMsg: expect.stringContaining('addDelayedFunctionTask:fail') });
  expect(local.delayedTasks.list()).toEqual([]);
});

it('refuses parameters it does not know and the callback style', async () => {
  await expect(add({ ...valid, priority: 1 })).rejects.toThrow(/not supported/);
  await expect(add({ ...valid, success: () => undefined })).rejects.toThrow(/not supported/);
});

it('is gone after a reset, like the data', async () => {
  await add(valid);
  local.reset();
  expect(local.delayedTasks.list()).toEqual([]);
});
