// Contract: the stand-in is as strict as WeChat cloud about time — every SDK call costs a round trip when a delay is
// set, and an invocation past its timeout fails with WeChat's error and can make no further call.
import { freshDb, local } from './helpers';
import type { Database } from '../../local/wx-server-sdk';

let db: Database;

beforeEach(async () => {
  db = await freshDb('items');
});

afterEach(() => local.setDelay(undefined));

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await work();
  return Date.now() - started;
}

it('adds the delay to every call, so sequential calls cost one round trip each and parallel calls one in all', async () => {
  local.setDelay(30);
  const sequential = await elapsed(async () => {
    for (let i = 0; i < 4; i++) await db.collection('items').add({ data: { i } });
  });
  const parallel = await elapsed(() => Promise.all([0, 1, 2, 3].map(() => db.collection('items').where({}).get())));
  expect(sequential).toBeGreaterThanOrEqual(4 * 30 - 5);
  expect(parallel).toBeLessThan(2 * 30);
});

it('counts a transaction commit as a round trip of its own', async () => {
  local.setDelay(20);
  const before = local.roundTrips();
  await db.runTransaction(async (tx) => {
    await tx.collection('items').doc('a').set({ data: { n: 1 } });
  });
  expect(local.roundTrips() - before).toBe(2);
});

it('fails an invocation at its timeout with errCode -504003 and lets it write nothing afterwards', async () => {
  local.setDelay(50);
  const writing = local.invoke({ OPENID: 'o-1' }, 0.3, async () => {
    for (let i = 0; i < 40; i++) await db.collection('items').add({ data: { i } });
    return 'finished';
  });
  await expect(writing).rejects.toMatchObject({ errCode: -504003 });
  local.setDelay(undefined);
  const atDeadline = (await db.collection('items').count()).total;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect((await db.collection('items').count()).total).toBe(atDeadline);
  expect(atDeadline).toBeLessThan(40);
});

it('answers an invocation that finishes in time, with its identity', async () => {
  const result = await local.invoke({ OPENID: 'o-2' }, 1, async () => {
    await db.collection('items').add({ data: { who: 'x' } });
    return (await import('../../local/wx-server-sdk')).getWXContext().OPENID;
  });
  expect(result).toBe('o-2');
});

it('answers the timeout when an SDK call meets the deadline before the timer fires', async () => {
  const answer = local.invoke({ OPENID: 'o-3' }, 0.05, async () => {
    const until = Date.now() + 80;
    while (Date.now() < until); // busy past the deadline: the timer cannot fire first
    await db.collection('items').add({ data: { late: true } });
    return 'finished';
  });
  await expect(answer).rejects.toMatchObject({ errCode: -504003 });
  // An invocation that swallows the refused call and returns still ends in the timeout, having written nothing.
  const swallowing = local.invoke({}, 0.05, async () => {
    const until = Date.now() + 80;
    while (Date.now() < until);
    return db.collection('items').add({ data: { late: true } }).then(() => 'written', () => 'swallowed');
  });
  await expect(swallowing).rejects.toMatchObject({ errCode: -504003 });
  expect((await db.collection('items').count()).total).toBe(0);
});

it('measures the sequential depth of calls: sent together they count once, one after another each', async () => {
  local.setDelay(5);
  const { depth, result } = await local.roundTripDepth(async () => {
    await db.collection('items').add({ data: { n: 1 } });
    await Promise.all([0, 1, 2, 3].map(() => db.collection('items').where({}).get()));
    await Promise.all([db.collection('items').count(), db.collection('items').add({ data: { n: 2 } }).then(() => db.collection('items').count())]);
    return 'done';
  });
  expect(result).toBe('done');
  expect(depth).toBe(4);
});

it('stops an invocation right after the chosen call (a test fault): that write lands, its answer and every later call do not', async () => {
  await db.createCollection('other');
  local.stopAfter((call) => call.api === 'collection.add' && call.collection === 'items');
  let after = 'not reached';
  const run = local.invoke({}, 5, async () => {
    await db.collection('other').add({ data: { n: 0 } }); // not the chosen call
    await db.collection('items').add({ data: { n: 1 } });
    after = 'reached';
    await db.collection('items').add({ data: { n: 2 } });
  });
  await expect(run).rejects.toMatchObject({ errCode: -504003 });
  expect(after).toBe('not reached');
  expect((await db.collection('items').get()).data.map((d) => d.n)).toEqual([1]);
  // One shot: the next invocation runs whole.
  await local.invoke({}, 5, () => db.collection('items').add({ data: { n: 3 } }));
  expect((await db.collection('items').count()).total).toBe(2);
});
