// Contract: add / set / update / remove, update commands, serverDate and Date values, and bad input shapes.
import { freshDb } from './helpers';
import type { Database, SdkError } from '../../local/wx-server-sdk';

let db: Database;

async function all(collection: string): Promise<Record<string, unknown>[]> {
  return (await db.collection(collection).get()).data;
}

async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected a rejection');
}

beforeEach(async () => {
  db = await freshDb('people');
});

describe('add', () => {
  it('resolves with a random 32-hex _id, or keeps the _id the data carries', async () => {
    const added = await db.collection('people').add({ data: { name: 'ann' } });
    expect(added).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' });
    expect((await db.collection('people').add({ data: { _id: 'p-1', name: 'bob' } }))._id).toBe('p-1');
    expect((await db.collection('people').doc('p-1').get()).data).toEqual({ _id: 'p-1', name: 'bob' });
  });

  it('refuses a duplicate _id and writes nothing', async () => {
    await db.collection('people').add({ data: { _id: 'p-1', name: 'bob' } });
    const err = await rejection(db.collection('people').add({ data: { _id: 'p-1', name: 'other' } }));
    expect(err.message).toMatch(/^collection\.add:fail .*duplicate key/);
    expect(err.errCode).toBe(-502001);
    expect(await all('people')).toEqual([{ _id: 'p-1', name: 'bob' }]);
  });

  it('rejects bad shapes without writing', async () => {
    const people = db.collection('people') as unknown as { add(o: unknown): Promise<unknown> };
    await expect(people.add(undefined)).rejects.toThrow(/collection\.add:fail/);
    await expect(people.add({})).rejects.toThrow(/options\.data/);
    await expect(people.add({ data: 'ann' })).rejects.toThrow(/options\.data/);
    await expect(people.add({ data: [] })).rejects.toThrow(/empty array/);
    await expect(people.add({ data: [{ name: 'a' }, 'b'] })).rejects.toThrow(/each record/);
    await expect(people.add({ data: { n: db.command.inc(1) } })).rejects.toThrow(/db\.command/);
    await expect(people.add({ data: { 'a.b': 1 } })).rejects.toThrow(/field name/);
    await expect(people.add({ data: { _id: 42 } })).rejects.toThrow(/document id/);
    await expect(people.add({ data: { n: NaN } })).rejects.toThrow(/NaN/);
    await expect(people.add({ data: { name: 'x' }, success: () => undefined })).rejects.toThrow(/callback style/);
    expect(await all('people')).toEqual([]);
  });

  it('an array is one batch: resolves with `_ids` in order; a duplicate refuses the whole batch locally', async () => {
    const added = await db.collection('people').add({ data: [{ _id: 'p-1', name: 'ann' }, { name: 'bob' }] });
    expect(added).toEqual({ _ids: ['p-1', expect.stringMatching(/^[0-9a-f]{32}$/)], errMsg: 'collection.add:ok' });
    const err = await rejection(db.collection('people').add({ data: [{ _id: 'p-2', name: 'cy' }, { _id: 'p-1', name: 'again' }] }));
    expect(err.message).toMatch(/duplicate key/);
    expect((await all('people')).map((p) => p.name).sort()).toEqual(['ann', 'bob']);
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ n: i }));
    await expect(db.collection('people').add({ data: tooMany })).rejects.toThrow(/more than 1000/);
  });

  it('an array inside a transaction is refused as unsupported (no cloud contract to copy)', async () => {
    await expect(
      db.runTransaction(async (tx) => {
        await (tx.collection('people') as unknown as { add(o: unknown): Promise<unknown> }).add({ data: [{ name: 'a' }] });
      }),
    ).rejects.toThrow(/not supported/);
    expect(await all('people')).toEqual([]);
  });

  it('needs the collection to exist, as in WeChat', async () => {
    const err = await rejection(db.collection('nowhere').add({ data: { a: 1 } }));
    expect(err.errCode).toBe(-502005);
    expect(err.message).toMatch(/collection not exists/);
    await expect(db.collection('nowhere').get()).rejects.toThrow(/collection not exists/);
    await expect(db.createCollection('people')).rejects.toThrow(/already exists/);
    expect(() => db.collection('bad name!')).toThrow(/invalid collection name/);
  });
});

describe('doc', () => {
  it('throws synchronously for a non-string or empty id', () => {
    expect(() => db.collection('people').doc(42 as unknown as string)).toThrow(/document id/);
    expect(() => db.collection('people').doc('')).toThrow(/document id/);
  });

  it('get() of a missing record rejects with "does not exist"', async () => {
    const err = await rejection(db.collection('people').doc('nope').get());
    expect(err.message).toBe('document.get:fail document with _id nope does not exist');
    expect(err.errCode).toBe(-1);
  });

  it('set() creates when missing and replaces the whole record when present', async () => {
    const people = db.collection('people');
    expect(await people.doc('p1').set({ data: { name: 'ann', style: { color: 'red', size: 2 } } })).toEqual({
      _id: 'p1',
      stats: { updated: 0, created: 1 },
      errMsg: 'document.set:ok',
    });
    expect((await people.doc('p1').set({ data: { name: 'ann b' } })).stats).toEqual({ updated: 1, created: 0 });
    expect((await people.doc('p1').get()).data).toEqual({ _id: 'p1', name: 'ann b' });
    // WeChat's `updated` counts records whose content changed (MongoDB's modified count)
    expect((await people.doc('p1').set({ data: { name: 'ann b' } })).stats).toEqual({ updated: 0, created: 0 });
  });

  it('set() refuses _id, empty data and update commands', async () => {
    const doc = db.collection('people').doc('p1');
    await expect(doc.set({ data: { _id: 'p1', name: 'x' } })).rejects.toThrow(/_id cannot be updated/);
    await expect(doc.set({ data: {} })).rejects.toThrow(/empty/);
    await expect(doc.set({ data: { n: db.command.inc(1) } })).rejects.toThrow(/db\.command/);
    expect(await all('people')).toEqual([]);
  });

  it('remove() reports removed 1, then 0', async () => {
    await db.collection('people').doc('p1').set({ data: { name: 'ann' } });
    expect(await db.collection('people').doc('p1').remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' });
    expect((await db.collection('people').doc('p1').remove()).stats.removed).toBe(0);
  });
});

describe('update', () => {
  const _ = () => db.command;
  const doc = () => db.collection('people').doc('p1');
  const read = async () => (await doc().get()).data;

  beforeEach(async () => {
    await doc().set({ data: { name: 'ann', style: { color: 'red', size: 2 }, tags: ['a'], n: 1, closedBy: null } });
  });

  it('a plain nested object updates only the fields it names', async () => {
    expect(await doc().update({ data: { style: { color: 'blue' } } })).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect(await read()).toMatchObject({ name: 'ann', style: { color: 'blue', size: 2 } });
    await doc().update({ data: { 'style.size': 3, extra: { deep: { x: 1 } } } });
    expect(await read()).toMatchObject({ style: { color: 'blue', size: 3 }, extra: { deep: { x: 1 } } });
  });

  it('_.set(obj) replaces the field whole; _.remove() deletes it', async () => {
    await doc().update({ data: { style: _().set({ color: 'green' }) } });
    expect((await read()).style).toEqual({ color: 'green' });
    await doc().update({ data: { style: _().remove(), 'tags': _().remove() } });
    const after = await read();
    expect(after).not.toHaveProperty('style');
    expect(after).not.toHaveProperty('tags');
  });

  it('_.inc adds (from 0 when missing); _.push appends values, several values, an array or { each }', async () => {
    await doc().update({ data: { n: _().inc(2), fresh: _().inc(-1) } });
    expect(await read()).toMatchObject({ n: 3, fresh: -1 });
    await doc().update({ data: { tags: _().push('b') } });
    await doc().update({ data: { tags: _().push('c', 'd') } });
    await doc().update({ data: { tags: _().push(['e', 'f']) } });
    await doc().update({ data: { tags: _().push({ each: ['g'] }), log: _().push({ at: 1 }) } });
    expect(await read()).toMatchObject({ tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], log: [{ at: 1 }] });
    expect(() => _().push({ each: ['x'], position: 0 })).toThrow(/not supported/);
  });

  it('an empty nested object changes nothing (the real SDK drops it)', async () => {
    expect((await doc().update({ data: { style: {} } })).stats.updated).toBe(0);
    expect((await read()).style).toEqual({ color: 'red', size: 2 });
  });

  it('reports updated 0 for a missing record (no error) and for a no-op', async () => {
    expect((await db.collection('people').doc('missing').update({ data: { n: 1 } })).stats.updated).toBe(0);
    expect((await doc().update({ data: { name: 'ann' } })).stats.updated).toBe(0);
  });

  it('refuses to change _id, bad shapes and type errors, writing nothing', async () => {
    const before = await read();
    await expect(doc().update({ data: { _id: 'p2' } })).rejects.toThrow(/_id cannot be updated/);
    await expect(doc().update({ data: {} })).rejects.toThrow(/empty/);
    await expect(doc().update(undefined as unknown as { data: object })).rejects.toThrow(/options/);
    await expect(doc().update({ data: { name: 'x', n: _().eq(1) } })).rejects.toThrow(/query command/);
    await expect(doc().update({ data: { name: 'x', 'closedBy.id': 'u1' } })).rejects.toThrow(/not an object/);
    await expect(doc().update({ data: { name: 'x', closedBy: { id: 'u1' } } })).rejects.toThrow(/not an object/);
    await expect(doc().update({ data: { name: 'x', tags: _().inc(1) } })).rejects.toThrow(/non-numeric/);
    await expect(doc().update({ data: { name: 'x', n: _().push(1) } })).rejects.toThrow(/must be an array/);
    await expect(doc().update({ data: { style: _().set({}), 'style.color': 'x' } })).rejects.toThrow(/conflict/);
    expect(await read()).toEqual(before);
  });

  it('where().update() updates every match and counts changed records; where().remove() removes every match', async () => {
    await db.collection('people').add({ data: { name: 'bob', grid: 'g1', n: 1 } });
    await db.collection('people').add({ data: { name: 'cy', grid: 'g1', n: 5 } });
    await db.collection('people').add({ data: { name: 'dee', grid: 'g2', n: 1 } });
    const people = db.collection('people');
    expect(await people.where({ grid: 'g1' }).update({ data: { n: _().inc(10) } })).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' });
    expect((await people.where({ grid: 'g1' }).get()).data.map((d) => d.n)).toEqual([11, 15]);
    expect((await people.where({ grid: 'g2' }).update({ data: { n: 1 } })).stats.updated).toBe(0);
    expect(await people.where({ n: _().gt(10) }).remove()).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' });
    expect((await people.count()).total).toBe(2);
  });

  it('a version-checked update lands once: the second writer on the same version updates nothing', async () => {
    await doc().update({ data: { version: 1 } });
    const write = () => db.collection('people').where({ _id: 'p1', version: 1 }).update({ data: { version: _().inc(1) } });
    expect((await write()).stats.updated).toBe(1);
    expect((await write()).stats.updated).toBe(0);
  });

  it('refuses orderBy/limit/skip before update and remove (WeChat would write every match)', async () => {
    const people = db.collection('people');
    await expect(people.where({ name: 'ann' }).limit(1).update({ data: { n: 2 } })).rejects.toThrow(/not supported/);
    await expect(people.where({ name: 'ann' }).orderBy('n', 'asc').remove()).rejects.toThrow(/not supported/);
    expect((await read()).n).toBe(1);
  });
});

describe('serverDate and Date values', () => {
  it('serverDate() becomes the current time at write, in add, set and update, with an optional offset', async () => {
    const before = Date.now();
    const { _id } = await db.collection('people').add({ data: { createdAt: db.serverDate(), due: db.serverDate({ offset: 60_000 }) } });
    await db.collection('people').doc(_id).update({ data: { updatedAt: db.serverDate(), log: db.command.push({ at: db.serverDate() }) } });
    const after = Date.now();
    const data = (await db.collection('people').doc(_id).get()).data as Record<string, unknown> & { log: { at: Date }[] };
    for (const value of [data.createdAt, data.updatedAt, data.log[0]!.at]) {
      expect(value).toBeInstanceOf(Date);
      expect((value as Date).getTime()).toBeGreaterThanOrEqual(before);
      expect((value as Date).getTime()).toBeLessThanOrEqual(after);
    }
    expect((data.due as Date).getTime() - (data.createdAt as Date).getTime()).toBe(60_000);
  });

  it('Date values round-trip as Date objects, also nested and in arrays', async () => {
    const at = new Date('2026-11-02T02:00:00.123Z');
    const { _id } = await db.collection('people').add({ data: { at, nested: { at }, list: [at] } });
    const { data } = await db.collection('people').doc(_id).get();
    expect(data).toEqual({ _id, at, nested: { at }, list: [at] });
    expect(data.at).toBeInstanceOf(Date);
  });

  it('comparisons against a Date compare the times, and never match strings or numbers', async () => {
    const _ = db.command;
    await db.collection('people').add({ data: { name: 'past', dueAt: new Date('2026-01-01T00:00:00Z') } });
    await db.collection('people').add({ data: { name: 'future', dueAt: new Date('2027-01-01T00:00:00Z') } });
    await db.collection('people').add({ data: { name: 'string', dueAt: '2026-06-01T00:00:00Z' } });
    await db.collection('people').add({ data: { name: 'number', dueAt: Date.UTC(2026, 5, 1) } });
    const names = async (where: object) => (await db.collection('people').where(where).get()).data.map((d) => d.name);
    const mid = new Date('2026-06-01T00:00:00Z');
    expect(await names({ dueAt: _.lt(mid) })).toEqual(['past']);
    expect(await names({ dueAt: _.gte(mid) })).toEqual(['future']);
    expect(await names({ dueAt: new Date('2026-01-01T00:00:00Z') })).toEqual(['past']);
    expect(await names({ dueAt: _.lte(db.serverDate()) })).toEqual(['past']);
    expect(await names({ dueAt: _.in([new Date('2027-01-01T00:00:00Z'), '2026-06-01T00:00:00Z']) })).toEqual(['future', 'string']);
  });

  it('strings that start with control characters survive (they share the date tag space)', async () => {
    const odd = '\u0001D2026-01-01T00:00:00.000Z';
    const { _id } = await db.collection('people').add({ data: { odd, zero: '\u0000x' } });
    expect((await db.collection('people').doc(_id).get()).data).toEqual({ _id, odd, zero: '\u0000x' });
    expect((await db.collection('people').where({ odd }).count()).total).toBe(1);
  });

  it('refuses Invalid Date', async () => {
    await expect(db.collection('people').add({ data: { at: new Date('nope') } })).rejects.toThrow(/Invalid Date/);
  });
});
