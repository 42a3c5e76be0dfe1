// Shared by every benchmark: seeded towns (cached in bench/.data/<persons>), the HTTP runtime over them, timing.
import '../local/sdk-alias'; // first: the bundled functions' wx-server-sdk is the local stand-in
import { existsSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { db } from '../server/platform/cloud';
import { COLLECTIONS } from '../server/platform/collections';
import { openAppDatabase } from '../local/app-database';
import { loadFunctionBundles } from '../local/function-bundles';
import { createLocalRuntime } from '../local/runtime';
import { createHttpServer } from '../local/server';
import { timerTriggers } from '../local/timer-triggers';
import { seedTown } from '../local/seed/write';
import { local } from '../local/wx-server-sdk';

export const root = join(__dirname, '..');

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Opens a town's data folder in the stand-in, seeding it first (once) and then `extra` (once per marker). */
export async function openTown(persons: number, extra?: { marker: string; seed: () => Promise<void> }): Promise<string> {
  const dataDir = join(root, 'bench', '.data', String(persons));
  openAppDatabase(dataDir);
  if (!existsSync(join(dataDir, 'seeded'))) {
    local.reset();
    const started = Date.now();
    await seedTown(db(), { persons, now: Date.now() });
    writeFileSync(join(dataDir, 'seeded'), new Date().toISOString());
    console.log(`seeded ${persons} persons in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (extra && !existsSync(join(dataDir, extra.marker))) {
    await extra.seed();
    writeFileSync(join(dataDir, extra.marker), new Date().toISOString());
  }
  return dataDir;
}

export interface LoadPlan {
  fn: string;
  /** Request bodies `{ action, input }`, used in turn; `{{i}}` in them becomes the request's number. */
  bodies: { action: string; input: Record<string, unknown> }[];
  runs: number;
}

export interface Load {
  /** The runtime's address, for a bench that sends its own requests (bench/hostile.ts). */
  base: string;
  /** p50 / p99 in ms of one request at a time, after `warmup`; `follow` pages by the answer's `next` into that input key. */
  latency(plan: LoadPlan & { warmup: number; follow?: string }): Promise<{ p50: number; p99: number }>;
  /** Requests per second with `concurrency` in flight. */
  throughput(plan: LoadPlan & { concurrency: number }): Promise<number>;
}

/** Serves the bundled functions over HTTP on the data folder; the load comes from a client thread signed in as `userId`. */
export async function withHttpRuntime<T>(dataDir: string, userId: string, work: (load: Load) => Promise<T>): Promise<T> {
  const bundles = join(root, 'cloudfunctions');
  const runtime = await createLocalRuntime({ dataDir, functions: loadFunctionBundles(bundles), timers: timerTriggers(bundles), seed: false });
  const server = createHttpServer(runtime, { staticDir: join(root, 'dist-h5') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const token = await signIn(base, userId);
    const client = <R>(mode: string, plan: LoadPlan & object) => inWorker<R>('client-worker.mjs', { base, token, mode, path: `/api/call/${plan.fn}`, ...plan });
    return await work({
      base,
      latency: async (plan) => {
        const samples = await client<number[]>('latency', plan);
        return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
      },
      throughput: (plan) => client<number>('throughput', plan),
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    runtime.close();
  }
}

/** A session token for a demo user, as the sign-in page gets it. */
export async function signIn(base: string, userId: string): Promise<string> {
  const login = (await (await fetch(`${base}/api/login`, { method: 'POST', body: JSON.stringify({ userId }) })).json()) as { ok: boolean; data: { token: string } };
  if (!login.ok) throw new Error(`login as ${userId} failed: ${JSON.stringify(login)}`);
  return login.data.token;
}

/** Runs a bench script (plain JS beside this file) in its own thread, so its work is not counted against the server's. */
export function inWorker<R>(script: string, workerData: unknown): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(join(__dirname, script), { workerData });
    worker.once('message', (m: { result?: R; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m.result as R)));
    worker.once('error', reject);
  });
}

/** The first user of a role in the open town (by id), or the one after `skip` others. */
export async function firstUser(role: string, skip = 0): Promise<string> {
  const found = (await db().collection(COLLECTIONS.users).where({ role }).orderBy('_id', 'asc').skip(skip).limit(1).get()).data;
  if (!found[0]) throw new Error(`the town has no ${role} number ${skip + 1}`);
  return String(found[0]._id);
}
