// Contract: one SQLite file per data directory, durable once a write resolves, shared safely with other processes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { cloud, local } from './helpers';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stand-in-store-'));
  local.configure({ dataDir: dir });
});

afterEach(() => {
  local.close();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps documents, Dates, array tracking and indexes across close and reopen', async () => {
  const db = cloud.database();
  local.ensureIndexes([{ collection: 'people', fields: ['gridId', 'name'] }]);
  await db.collection('people').add({ data: { _id: 'p1', gridId: 'g1', name: 'ann', tags: ['a', 'b'], at: new Date(7) } });
  local.close();

  local.configure({ dataDir: dir });
  const again = cloud.database();
  expect((await again.collection('people').doc('p1').get()).data).toEqual({ _id: 'p1', gridId: 'g1', name: 'ann', tags: ['a', 'b'], at: new Date(7) });
  expect((await again.collection('people').where({ tags: 'b' }).count()).total).toBe(1);
  expect(local.explain(again.collection('people').where({ gridId: 'g1' }).orderBy('name', 'asc')).join('\n')).toMatch(/USING INDEX/);
});

it('keeps its data in <dataDir>/db.sqlite, in WAL mode', async () => {
  await cloud.database().createCollection('people');
  expect(existsSync(join(dir, 'db.sqlite'))).toBe(true);
  const raw = new BetterSqlite3(join(dir, 'db.sqlite'), { readonly: true });
  try {
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  } finally {
    raw.close();
  }
});

it('an acknowledged write survives SIGKILL of the writing process, and this process sees it at once', async () => {
  const db = cloud.database();
  await db.createCollection('people');
  await db.collection('people').doc('p1').set({ data: { n: 1, tags: 'x' } });
  // This process has the collection open and knows of no array at "tags" yet.
  expect((await db.collection('people').where({ tags: 'x' }).count()).total).toBe(1);

  const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'write-then-die.ts'), dir], {
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.signal).toBe('SIGKILL');

  expect((await db.collection('people').doc('p1').get()).data.n).toBe(2);
  // The child stored an array at "tags": element matching must now include its record.
  const names = (await db.collection('people').where({ tags: 'x' }).get()).data.map((d) => d._id);
  expect(names).toEqual(['p1', 'from-child']);
});

it('reset() drops the data but keeps collections and indexes; close() then reopens on the next call', async () => {
  const db = cloud.database();
  local.ensureIndexes([{ collection: 'people', fields: ['name'] }]);
  local.ensureCollections(['notes']);
  await db.collection('people').add({ data: { name: 'ann', tags: ['a'] } });
  await db.collection('notes').add({ data: { text: 'x' } });
  await cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: { thing1: { value: 'v' } } });
  local.reset();
  expect((await db.collection('people').count()).total).toBe(0);
  expect((await db.collection('notes').count()).total).toBe(0);
  expect(local.outbox.list()).toEqual([]);
  expect(local.explain(db.collection('people').where({ name: 'ann' })).join('\n')).toMatch(/USING INDEX/);
  local.close();
  expect((await db.collection('people').add({ data: { name: 'bob' } }))._id).toBeTruthy();
});

describe('local.totalChanges', () => {
  it('counts every row written and nothing for reads', async () => {
    const { local: controls, database } = await import('../../local/wx-server-sdk');
    controls.configure({ dataDir: ':memory:' });
    controls.ensureCollections(['tally']);
    const before = controls.totalChanges();
    await database().collection('tally').add({ data: { n: 1 } });
    await database().collection('tally').get();
    expect(controls.totalChanges()).toBe(before + 1);
  });
});
