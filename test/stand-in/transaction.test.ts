// Contract: runTransaction works on documents by id, commits all or nothing, and stays correct under concurrency.
import { freshDb, local } from './helpers';
import type { Database, Transaction } from '../../local/wx-server-sdk';

let db: Database;

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeEach(async () => {
  db = await freshDb('counters', 'cases');
  await db.collection('counters').doc('c1').set({ data: { n: 0 } });
});

async function counter(): Promise<number> {
  return (await db.collection('counters').doc('c1').get()).data.n as number;
}

/** Read, wait (so other callers interleave), write the incremented value back. */
async function increment(transaction: Transaction): Promise<number> {
  const { data } = await transaction.collection('counters').doc('c1').get();
  await tick();
  const next = (data.n as number) + 1;
  await transaction.collection('counters').doc('c1').update({ data: { n: next } });
  return next;
}

it('commits every write together and resolves with the callback result', async () => {
  const result = await db.runTransaction(async (transaction) => {
    const n = await increment(transaction);
    const { _id } = await transaction.collection('cases').add({ data: { no: n, at: new Date(5) } });
    await transaction.collection('cases').doc('fixed').set({ data: { no: 0 } });
    // reads inside the transaction see its own writes
    expect((await transaction.collection('cases').doc(_id).get()).data).toEqual({ _id, no: 1, at: new Date(5) });
    expect((await transaction.collection('counters').doc('c1').get()).data.n).toBe(1);
    return { n, _id };
  });
  expect(result.n).toBe(1);
  expect(await counter()).toBe(1);
  expect((await db.collection('cases').count()).total).toBe(2);
  expect((await db.collection('cases').doc(result._id).get()).data.no).toBe(1);
});

it('writes nothing when the callback throws, and rejects with that very error', async () => {
  const boom = new Error('boom');
  await expect(
    db.runTransaction(async (transaction) => {
      await increment(transaction);
      await transaction.collection('cases').add({ data: { no: 1 } });
      throw boom;
    }),
  ).rejects.toBe(boom);
  expect(await counter()).toBe(0);
  expect((await db.collection('cases').count()).total).toBe(0);
});

it('transaction.rollback(reason) writes nothing and rejects with the reason', async () => {
  await expect(
    db.runTransaction(async (transaction) => {
      await increment(transaction);
      await transaction.rollback('no thanks');
    }),
  ).rejects.toBe('no thanks');
  expect(await counter()).toBe(0);
});

it('concurrent increments of one counter both land (the loser re-runs on fresh data)', async () => {
  let runs = 0;
  const inc = () =>
    db.runTransaction(async (transaction) => {
      runs++;
      return increment(transaction);
    });
  const results = await Promise.all([inc(), inc()]);
  expect(results.sort()).toEqual([1, 2]);
  expect(await counter()).toBe(2);
  expect(runs).toBe(3);
});

it('many concurrent increments land when given enough retries', async () => {
  await Promise.all(Array.from({ length: 8 }, () => db.runTransaction(increment, 20)));
  expect(await counter()).toBe(8);
});

it('a plain write to a document the transaction read forces a re-run', async () => {
  let runs = 0;
  const n = await db.runTransaction(async (transaction) => {
    runs++;
    const { data } = await transaction.collection('counters').doc('c1').get();
    if (runs === 1) await db.collection('counters').doc('c1').update({ data: { n: 100 } });
    await transaction.collection('counters').doc('c1').update({ data: { n: (data.n as number) + 1 } });
    return (data.n as number) + 1;
  });
  expect(runs).toBe(2);
  expect(n).toBe(101);
  expect(await counter()).toBe(101);
});

it('gives up with a conflict error when the data keeps changing', async () => {
  let runs = 0;
  const err = await db
    .runTransaction(async (transaction) => {
      runs++;
      await transaction.collection('counters').doc('c1').get();
      await db.collection('counters').doc('c1').update({ data: { n: db.command.inc(1) } });
      await transaction.collection('counters').doc('c1').update({ data: { touched: true } });
    }, 2)
    .catch((e: Error & { errCode: number }) => e);
  expect(err).toMatchObject({ errCode: -502001, message: expect.stringMatching(/transaction conflict/) });
  expect(runs).toBe(3);
  expect((await db.collection('counters').doc('c1').get()).data).toEqual({ _id: 'c1', n: 3 });
});

it('document operations report like their plain counterparts', async () => {
  await db.runTransaction(async (transaction) => {
    const cases = transaction.collection('cases');
    await expect(cases.doc('none').get()).rejects.toThrow('document.get:fail document with _id none does not exist');
    expect((await cases.doc('none').update({ data: { a: 1 } })).stats.updated).toBe(0);
    expect((await cases.doc('none').remove()).stats.removed).toBe(0);
    expect((await cases.doc('k').set({ data: { a: 1 } })).stats).toEqual({ updated: 0, created: 1 });
    expect((await cases.doc('k').set({ data: { a: 2 } })).stats).toEqual({ updated: 1, created: 0 });
    expect((await cases.doc('k').update({ data: { a: db.command.inc(1) } })).stats.updated).toBe(1);
    await expect(cases.add({ data: { _id: 'k' } })).rejects.toThrow(/duplicate key/);
    await expect(cases.doc('k').update({ data: { _id: 'x' } })).rejects.toThrow(/_id cannot be updated/);
  });
  expect((await db.collection('cases').doc('k').get()).data).toEqual({ _id: 'k', a: 3 });
});

it('a query inside a transaction throws "not supported"', async () => {
  await expect(
    db.runTransaction(async (transaction) => {
      transaction.collection('cases').where({ no: 1 });
    }),
  ).rejects.toThrow(/wx-server-sdk stand-in: where\(\) inside a transaction .* is not supported/);
  await expect(db.runTransaction(async (transaction) => transaction.collection('cases').get())).rejects.toThrow(/not supported/);
});

it('a transaction object cannot be used after it finished', async () => {
  let saved: Transaction | undefined;
  await db.runTransaction(async (transaction) => {
    saved = transaction;
  });
  await expect(saved!.collection('counters').doc('c1').get()).rejects.toThrow(/already finished/);
});

it('a unique index refusing an added record fails the commit and writes nothing', async () => {
  local.ensureIndexes([{ collection: 'cases', fields: ['requestId'], unique: true }]);
  await db.collection('cases').add({ data: { requestId: 'r1' } });
  await expect(
    db.runTransaction(async (transaction) => {
      await increment(transaction);
      await transaction.collection('cases').add({ data: { requestId: 'r1' } });
    }),
  ).rejects.toThrow(/duplicate key/);
  expect(await counter()).toBe(0);
  expect((await db.collection('cases').count()).total).toBe(1);
});
