// Contract: where/orderBy compile to SQL that SQLite serves from the expression indexes local.ensureIndexes makes,
// and an indexed page over 100,000 records is fast.
import { freshDb, local } from './helpers';
import type { Database } from '../../local/wx-server-sdk';

let db: Database;

const plan = (query: Parameters<typeof local.explain>[0]) => local.explain(query).join('\n');

beforeEach(async () => {
  db = await freshDb();
  local.ensureIndexes([
    { collection: 'persons', fields: ['gridId', 'name'] },
    { collection: 'persons', fields: ['dueAt'] },
    { collection: 'persons', fields: ['requestId'], unique: true },
    { collection: 'persons', fields: ['tags'] },
  ]);
});

it('where({ a }).orderBy(b).limit(n) is one index search with no sort step, asc and desc', () => {
  const asc = plan(db.collection('persons').where({ gridId: 'g1' }).orderBy('name', 'asc').limit(20));
  expect(asc).toMatch(/SEARCH persons USING INDEX ix:persons:gridId,name \(<expr>=\?\)/);
  expect(asc).not.toMatch(/TEMP B-TREE/);
  const desc = plan(db.collection('persons').where({ gridId: 'g1' }).orderBy('name', 'desc').limit(20));
  expect(desc).toMatch(/USING INDEX ix:persons:gridId,name/);
  expect(desc).not.toMatch(/TEMP B-TREE/);
});

it('_.in([...]), ranges and a cursor page use the index', () => {
  const _ = db.command;
  expect(plan(db.collection('persons').where({ gridId: _.in(['g1', 'g2', 'g3']) }))).toMatch(/USING INDEX ix:persons:gridId,name/);
  expect(plan(db.collection('persons').where({ dueAt: _.lte(new Date()) }))).toMatch(/USING INDEX ix:persons:dueAt \(<expr>>\? AND <expr><\?\)/);
  expect(plan(db.collection('persons').where({ gridId: 'g1', name: _.gt('m') }).orderBy('name', 'asc').limit(20))).toMatch(
    /USING INDEX ix:persons:gridId,name \(<expr>=\? AND <expr>>\?/,
  );
  expect(plan(db.collection('persons').where({ _id: _.in(['a', 'b']) }))).toMatch(/USING INDEX sqlite_autoindex_persons_1/);
});

it('array-aware matching is emitted only for paths that have held an array', async () => {
  await db.collection('persons').add({ data: { gridId: 'g1', tags: 'plain', requestId: 'r-plain' } });
  expect(plan(db.collection('persons').where({ tags: 'x' }))).toMatch(/USING INDEX ix:persons:tags/);
  await db.collection('persons').add({ data: { gridId: 'g1', tags: ['x', 'y'], requestId: 'r-array' } });
  const afterArray = plan(db.collection('persons').where({ tags: 'x' }));
  expect(afterArray).toMatch(/json_each|SCAN j\d|CORRELATED/i);
  // other paths keep their index
  expect(plan(db.collection('persons').where({ gridId: 'g1' }).orderBy('name', 'asc'))).toMatch(/USING INDEX ix:persons:gridId,name/);
  expect((await db.collection('persons').where({ tags: 'x' }).count()).total).toBe(1);
});

it('a unique index refuses a second record with the same key, and writes nothing', async () => {
  await db.collection('persons').add({ data: { requestId: 'r1', name: 'a' } });
  await expect(db.collection('persons').add({ data: { requestId: 'r1', name: 'b' } })).rejects.toMatchObject({
    errCode: -502001,
    message: expect.stringMatching(/duplicate key/),
  });
  await expect(db.collection('persons').doc('x').set({ data: { requestId: 'r1' } })).rejects.toThrow(/duplicate key/);
  expect((await db.collection('persons').count()).total).toBe(1);
});

it('a unique index treats a missing field as null, as MongoDB does: two records without it collide', async () => {
  await db.collection('persons').add({ data: { name: 'no key 1' } });
  await expect(db.collection('persons').add({ data: { name: 'no key 2' } })).rejects.toMatchObject({ errCode: -502001 });
  await expect(db.collection('persons').add({ data: { name: 'null key', requestId: null } })).rejects.toMatchObject({ errCode: -502001 });
  await expect(db.collection('persons').doc('y').set({ data: { name: 'no key 3' } })).rejects.toThrow(/duplicate key/);
  // Records that carry distinct values are unaffected, and the indexed lookup still uses the unique index.
  await db.collection('persons').add({ data: { requestId: 'r1' } });
  await db.collection('persons').add({ data: { requestId: 'r2' } });
  expect((await db.collection('persons').count()).total).toBe(3);
  expect(plan(db.collection('persons').where({ requestId: 'r1' }))).toMatch(/USING INDEX ux:persons:requestId/);
});

it('an indexed page over 100,000 records takes well under 5 ms', async () => {
  const persons = db.collection('persons');
  for (let i = 0; i < 100_000; i++) {
    await persons.add({ data: { gridId: `g${i % 500}`, name: `name-${(i * 7919) % 100_000}`, villageId: `v${i % 20}`, requestId: `r${i}` } });
  }
  const page = () => persons.where({ gridId: 'g42' }).orderBy('name', 'asc').limit(20).get();
  for (let i = 0; i < 20; i++) await page(); // warm the statement cache and SQLite's page cache
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const start = performance.now();
    const { data } = await page();
    times.push(performance.now() - start);
    expect(data).toHaveLength(20);
  }
  times.sort((a, b) => a - b);
  const median = times[50]!;
  expect(median).toBeLessThan(5);
  const names = (await page()).data.map((d) => d.name as string);
  expect(names).toEqual([...names].sort());
}, 120_000);
