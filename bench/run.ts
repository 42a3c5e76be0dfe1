// `npm run bench`: sizes and speeds against the targets in the issues; writes bench/results.json (flat numbers).
// Large towns are seeded once into bench/.data/<persons> and reused.
import '../local/sdk-alias'; // first: the bundled functions' wx-server-sdk is the local stand-in
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { db } from '../server/platform/cloud';
import { COLLECTIONS, INDEXES } from '../server/platform/collections';
import { loadFunctionBundles } from '../local/function-bundles';
import { createLocalRuntime } from '../local/runtime';
import { createHttpServer } from '../local/server';
import { seedTown } from '../local/seed/write';
import { local } from '../local/wx-server-sdk';

const root = join(__dirname, '..');
const results: Record<string, number> = {};

function sizeKb(path: string, skip: (rel: string) => boolean = () => false, rel = ''): number {
  let bytes = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(child)) continue;
    bytes += entry.isDirectory() ? sizeKb(join(path, entry.name), skip, child) * 1024 : statSync(join(path, entry.name)).size;
  }
  return bytes / 1024;
}

function ensureBuilt(script: string, marker: string): void {
  if (existsSync(join(root, marker))) return;
  const run = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`npm run ${script} failed`);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function sizes(): void {
  ensureBuilt('build:weapp', 'dist/app.js');
  ensureBuilt('build:functions', 'cloudfunctions/session/index.js');
  const dist = join(root, 'dist');
  // Subpackage roots are under packages/ (app.config.ts); everything else is the main package.
  results['weapp.main_kb'] = round(sizeKb(dist, (rel) => rel === 'packages'));
  results['weapp.total_kb'] = round(sizeKb(dist));
  const bundles = readdirSync(join(root, 'cloudfunctions')).map((name) => statSync(join(root, 'cloudfunctions', name, 'index.js')).size / 1024);
  results['functions.max_bundle_kb'] = round(Math.max(...bundles));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function seededDataDir(persons: number): Promise<string> {
  const dataDir = join(root, 'bench', '.data', String(persons));
  const marker = join(dataDir, 'seeded');
  if (existsSync(marker)) return dataDir;
  local.configure({ dataDir });
  local.reset();
  local.ensureCollections(Object.values(COLLECTIONS));
  local.ensureIndexes(INDEXES);
  const started = Date.now();
  await seedTown(db(), { persons, now: Date.now() });
  local.close();
  writeFileSync(marker, new Date().toISOString());
  console.log(`seeded ${persons} persons in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dataDir;
}

/** A gridworker paging their roster through the HTTP runtime: the scoped read every list screen does. */
async function readLatency(persons: number): Promise<{ p50: number; p99: number }> {
  const dataDir = await seededDataDir(persons);
  const runtime = await createLocalRuntime({ dataDir, functions: loadFunctionBundles(join(root, 'cloudfunctions')), seed: false });
  const server = createHttpServer(runtime, { staticDir: join(root, 'dist-h5') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown, token?: string) =>
    (await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json();
  const [worker] = (await db().collection(COLLECTIONS.users).where({ role: 'gridworker' }).orderBy('_id', 'asc').limit(1).get()).data;
  const login = await post('/api/login', { userId: worker._id });
  if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login)}`);
  const { data } = login;
  const samples: number[] = [];
  let after: string | undefined;
  for (let i = 0; i < 1200; i++) {
    const started = process.hrtime.bigint();
    const res = await post('/api/call/people', { action: 'list', input: { limit: 20, ...(after ? { after } : {}) } }, data.token);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    after = res.data.next ?? undefined; // a full lap starts again at the first page
    if (i >= 200) samples.push(elapsed); // after warm-up
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  runtime.close();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main(): Promise<void> {
  sizes();
  await readLatency(10_000); // warm-up lap: JIT and page cache, so the first town measured is not penalised
  const small = await readLatency(10_000);
  const large = await readLatency(100_000);
  results['local.read_p50_ms_10k'] = round(small.p50);
  results['local.read_p99_ms_10k'] = round(small.p99);
  results['local.read_p50_ms_100k'] = round(large.p50);
  results['local.read_p99_ms_100k'] = round(large.p99);
  results['local.read_ratio_100k_over_10k'] = round(large.p99 / small.p99);
  writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(results);
}

main().catch((thrown) => {
  console.error(thrown);
  process.exit(1);
});
