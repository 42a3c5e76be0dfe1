// Contract: how where / orderBy / limit / skip / field / count read the data, as in WeChat's cloud database.
import { addAll, freshDb, pluck } from './helpers';
import type { Database } from '../../local/wx-server-sdk';

let db: Database;

async function names(query: { get(): Promise<{ data: Record<string, unknown>[] }> }): Promise<string[]> {
  return pluck<string>((await query.get()).data, 'name');
}

describe('where', () => {
  beforeEach(async () => {
    db = await freshDb('people');
    await addAll(db, 'people', [
      { name: 'ann', age: 30, grid: 'g1', style: { color: 'red', size: 2 }, tags: ['a', 'b'] },
      { name: 'bob', age: 40, grid: 'g1', style: { color: 'blue', size: 3 }, tags: ['c'] },
      { name: 'cy', age: 50, grid: 'g2', style: { color: 'red', size: 5 }, tags: [] },
      { name: 'dee', grid: 'g2', tags: 'a' },
    ]);
  });

  it('ANDs the fields of one query object', async () => {
    expect(await names(db.collection('people').where({ grid: 'g1', age: 40 }))).toEqual(['bob']);
  });

  it('matches nested fields by dot-path key', async () => {
    expect(await names(db.collection('people').where({ 'style.color': 'red' }))).toEqual(['ann', 'cy']);
  });

  it('reads a nested object as "these nested fields", not whole-object equality', async () => {
    // style also has size, so whole-object equality would match nothing
    expect(await names(db.collection('people').where({ style: { color: 'red' } }))).toEqual(['ann', 'cy']);
    const _ = db.command;
    expect(await names(db.collection('people').where({ style: { color: 'red', size: _.gt(2) } }))).toEqual(['cy']);
  });

  it('refuses an empty nested object and a second where()', () => {
    expect(() => db.collection('people').where({ style: {} })).toThrow(/not supported/);
    expect(() => db.collection('people').where({ grid: 'g1' }).where({ age: 30 })).toThrow(/where\(\) twice/);
  });

  it('ignores undefined fields but refuses a query of only undefined fields', async () => {
    expect(await names(db.collection('people').where({ grid: 'g2', age: undefined }))).toEqual(['cy', 'dee']);
    expect(() => db.collection('people').where({ grid: undefined })).toThrow(/undefined/);
  });

  it('equality on an array field matches when any element matches', async () => {
    expect(await names(db.collection('people').where({ tags: 'a' }))).toEqual(['ann', 'dee']);
    expect(await names(db.collection('people').where({ tags: db.command.eq('c') }))).toEqual(['bob']);
  });

  it('in on an array field matches when any element is in the list', async () => {
    expect(await names(db.collection('people').where({ tags: db.command.in(['b', 'c']) }))).toEqual(['ann', 'bob']);
  });

  it('neq / nin on an array field match only when no element matches (and match a missing field)', async () => {
    const _ = db.command;
    expect(await names(db.collection('people').where({ tags: _.neq('a') }))).toEqual(['bob', 'cy']);
    expect(await names(db.collection('people').where({ tags: _.nin(['a', 'c']) }))).toEqual(['cy']);
    expect(await names(db.collection('people').where({ age: _.neq(30) }))).toEqual(['bob', 'cy', 'dee']);
    expect(await names(db.collection('people').where({ age: _.nin([30, 40]) }))).toEqual(['cy', 'dee']);
  });

  it('an array operand matches the whole array exactly, in order', async () => {
    expect(await names(db.collection('people').where({ tags: ['a', 'b'] }))).toEqual(['ann']);
    expect(await names(db.collection('people').where({ tags: ['b', 'a'] }))).toEqual([]);
    expect(await names(db.collection('people').where({ tags: [] }))).toEqual(['cy']);
  });

  it('dot paths reach into arrays of objects', async () => {
    db = await freshDb('teams');
    await addAll(db, 'teams', [
      { name: 't1', members: [{ id: 'u1', roles: ['lead'] }, { id: 'u2', roles: [] }] },
      { name: 't2', members: [{ id: 'u3', roles: ['member'] }] },
      { name: 't3', members: { id: 'u1', roles: 'lead' } },
    ]);
    expect(await names(db.collection('teams').where({ 'members.id': 'u1' }))).toEqual(['t1', 't3']);
    expect(await names(db.collection('teams').where({ 'members.roles': 'lead' }))).toEqual(['t1', 't3']);
    expect(await names(db.collection('teams').where({ 'members.id': db.command.neq('u1') }))).toEqual(['t2']);
  });

  it('supports every comparison command', async () => {
    const _ = db.command;
    const q = (where: object) => names(db.collection('people').where(where));
    expect(await q({ age: _.eq(30) })).toEqual(['ann']);
    expect(await q({ age: _.gt(30) })).toEqual(['bob', 'cy']);
    expect(await q({ age: _.gte(40) })).toEqual(['bob', 'cy']);
    expect(await q({ age: _.lt(40) })).toEqual(['ann']);
    expect(await q({ age: _.lte(40) })).toEqual(['ann', 'bob']);
    expect(await q({ name: _.in(['bob', 'dee', 'zed']) })).toEqual(['bob', 'dee']);
    expect(await q({ name: _.gte('bob') })).toEqual(['bob', 'cy', 'dee']);
  });

  it('exists(true) and exists(false)', async () => {
    const _ = db.command;
    expect(await names(db.collection('people').where({ age: _.exists(true) }))).toEqual(['ann', 'bob', 'cy']);
    expect(await names(db.collection('people').where({ age: _.exists(false) }))).toEqual(['dee']);
    expect(await names(db.collection('people').where({ 'style.size': _.exists(false) }))).toEqual(['dee']);
  });

  it('null matches null and missing fields', async () => {
    await db.collection('people').add({ data: { name: 'eve', age: null } });
    expect(await names(db.collection('people').where({ age: null }))).toEqual(['dee', 'eve']);
    expect(await names(db.collection('people').where({ age: db.command.exists(true), grid: db.command.exists(false) }))).toEqual(['eve']);
  });

  it('_.and / _.or at the top level, across fields', async () => {
    const _ = db.command;
    expect(await names(db.collection('people').where(_.or([{ age: 30 }, { grid: 'g2' }])))).toEqual(['ann', 'cy', 'dee']);
    expect(await names(db.collection('people').where(_.or({ age: 30 }, { name: 'dee' })))).toEqual(['ann', 'dee']);
    expect(await names(db.collection('people').where(_.and({ grid: 'g1' }, { age: _.gt(35) })))).toEqual(['bob']);
    expect(await names(db.collection('people').where(_.and([{ grid: 'g2' }, _.or({ age: 50 }, { tags: 'a' })])))).toEqual(['cy', 'dee']);
  });

  it('field-level chaining: _.gt(1).and(_.lt(5)), _.or(...) under a field, _.gt().lt()', async () => {
    const _ = db.command;
    expect(await names(db.collection('people').where({ age: _.gt(30).and(_.lt(50)) }))).toEqual(['bob']);
    expect(await names(db.collection('people').where({ age: _.gt(30).lt(50) }))).toEqual(['bob']);
    expect(await names(db.collection('people').where({ age: _.or(_.lt(35), _.gt(45)) }))).toEqual(['ann', 'cy']);
    expect(await names(db.collection('people').where({ age: _.eq(30).or(_.eq(50)) }))).toEqual(['ann', 'cy']);
    expect(await names(db.collection('people').where({ style: _.or({ color: 'blue' }, { size: 5 }) }))).toEqual(['bob', 'cy']);
  });

  it('compares within one type: booleans, numbers, strings and objects do not mix', async () => {
    db = await freshDb('mixed');
    await addAll(db, 'mixed', [
      { name: 'true', v: true },
      { name: 'one', v: 1 },
      { name: 'zero', v: 0 },
      { name: 'str', v: '1' },
      { name: 'obj', v: { a: 1 } },
      { name: 'json-like', v: '{"a":1}' },
    ]);
    const _ = db.command;
    const q = (where: object) => names(db.collection('mixed').where(where));
    expect(await q({ v: true })).toEqual(['true']);
    expect(await q({ v: 1 })).toEqual(['one']);
    expect(await q({ v: '1' })).toEqual(['str']);
    expect(await q({ v: _.gte(0) })).toEqual(['one', 'zero']);
    expect(await q({ v: _.lt('2') })).toEqual(['str']);
    expect(await q({ v: _.gt('') })).toEqual(['str', 'json-like']);
    expect(await q({ v: '{"a":1}' })).toEqual(['json-like']);
    expect(await q({ v: _.eq({ a: 1 }) })).toEqual(['obj']);
    expect(await q({ v: _.in([true, '1']) })).toEqual(['true', 'str']);
  });

  it('db.RegExp and native RegExp match strings (and array elements), never other types', async () => {
    await db.collection('people').add({ data: { name: 'Zhang San', nick: ['zz', 'Zhao'] } });
    await db.collection('people').add({ data: { name: 42 } });
    expect(pluck((await db.collection('people').where({ name: db.RegExp({ regexp: '^zh', options: 'i' }) }).get()).data, 'name')).toEqual(['Zhang San']);
    expect(pluck((await db.collection('people').where({ name: new db.RegExp({ regexp: 'an' }) }).get()).data, 'name')).toEqual(['ann', 'Zhang San']);
    expect(pluck((await db.collection('people').where({ name: /^\d/ }).get()).data, 'name')).toEqual([]);
    expect(pluck((await db.collection('people').where({ nick: /^Zh/ }).get()).data, 'name')).toEqual(['Zhang San']);
    expect(() => db.RegExp({ regexp: 'a', options: 'x' })).toThrow(/not supported/);
  });
});

describe('orderBy / limit / skip / field / count', () => {
  beforeEach(async () => {
    db = await freshDb('items');
  });

  it('without orderBy, records come in insertion order', async () => {
    await addAll(db, 'items', ['m', 'c', 'x', 'a'].map((name) => ({ name })));
    expect(await names(db.collection('items'))).toEqual(['m', 'c', 'x', 'a']);
    expect(await names(db.collection('items').where({ name: db.command.in(['a', 'x', 'm']) }))).toEqual(['m', 'x', 'a']);
  });

  it('orders by several fields, asc and desc; ties stay stable (insertion order, reversed under desc)', async () => {
    await addAll(db, 'items', [
      { name: 'a', grid: 'g2', rank: 1 },
      { name: 'b', grid: 'g1', rank: 2 },
      { name: 'c', grid: 'g2', rank: 3 },
      { name: 'd', grid: 'g1', rank: 2 },
      { name: 'e', grid: 'g1', rank: 9 },
    ]);
    expect(await names(db.collection('items').orderBy('grid', 'asc').orderBy('rank', 'desc'))).toEqual(['e', 'd', 'b', 'c', 'a']);
    expect(await names(db.collection('items').orderBy('rank', 'desc'))).toEqual(['e', 'c', 'd', 'b', 'a']);
    expect(await names(db.collection('items').orderBy('rank', 'asc'))).toEqual(['a', 'b', 'd', 'c', 'e']);
    expect(() => db.collection('items').orderBy('rank', 'up' as 'asc')).toThrow(/asc/);
  });

  it('orders dates by time and nested fields by dot path', async () => {
    await addAll(db, 'items', [
      { name: 'late', at: new Date('2026-03-01T00:00:00Z'), meta: { n: 2 } },
      { name: 'early', at: new Date('2025-12-31T23:59:59Z'), meta: { n: 3 } },
      { name: 'mid', at: new Date('2026-01-15T08:00:00Z'), meta: { n: 1 } },
    ]);
    expect(await names(db.collection('items').orderBy('at', 'asc'))).toEqual(['early', 'mid', 'late']);
    expect(await names(db.collection('items').orderBy('meta.n', 'desc'))).toEqual(['early', 'late', 'mid']);
  });

  it('caps get() at 100 records: by default and when limit() asks for more', async () => {
    await addAll(db, 'items', Array.from({ length: 150 }, (_, i) => ({ name: `n${i}`, i })));
    expect((await db.collection('items').get()).data).toHaveLength(100);
    expect((await db.collection('items').limit(1000).get()).data).toHaveLength(100);
    expect((await db.collection('items').limit(20).get()).data).toHaveLength(20);
    const page = (await db.collection('items').orderBy('i', 'asc').skip(130).limit(50).get()).data;
    expect(pluck(page, 'i')).toEqual(Array.from({ length: 20 }, (_, k) => 130 + k));
    expect((await db.collection('items').where({ i: db.command.gte(10) }).limit(5).count()).total).toBe(140);
    expect(() => db.collection('items').limit(2.5)).toThrow();
    expect(() => db.collection('items').skip(-1)).toThrow();
  });

  it('count() counts every match', async () => {
    await addAll(db, 'items', [{ g: 1 }, { g: 2 }, { g: 1 }]);
    expect(await db.collection('items').where({ g: 1 }).count()).toEqual({ total: 2, errMsg: 'collection.count:ok' });
    expect((await db.collection('items').count()).total).toBe(3);
  });

  it('field() includes or excludes, keeps _id unless excluded, and reaches nested fields', async () => {
    const [id] = await addAll(db, 'items', [{ name: 'a', secret: 's', style: { color: 'red', size: 2 }, list: [{ x: 1, y: 2 }] }]);
    const get = async (projection: object) => (await db.collection('items').field(projection).get()).data[0];
    expect(await get({ name: true })).toEqual({ _id: id, name: 'a' });
    expect(await get({ name: true, _id: false })).toEqual({ name: 'a' });
    expect(await get({ 'style.color': true })).toEqual({ _id: id, style: { color: 'red' } });
    expect(await get({ 'list.y': true })).toEqual({ _id: id, list: [{ y: 2 }] });
    expect(await get({ secret: false, 'style.size': false, list: false })).toEqual({ _id: id, name: 'a', style: { color: 'red' } });
    expect((await db.collection('items').doc(id!).field({ name: 1 }).get()).data).toEqual({ _id: id, name: 'a' });
    expect(() => db.collection('items').field({ name: true, secret: false })).toThrow(/mix/);
  });
});
