// Runs the real cloud-function handlers against the real local database (SQLite in memory), seeded with
// the demo town, as a given demo user: identity comes from the invocation context, as in WeChat.
import { local } from '../../local/wx-server-sdk';
import { db } from '../../server/platform/cloud';
import type { Result } from '../../src/core/errors';
import type { Api, FunctionName } from '../../server/functions/api';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { openAppDatabase } from '../../local/app-database';
import { seedDemoTownIfEmpty } from '../../local/seed/write';

export async function freshTown(at = Date.UTC(2026, 10, 2, 2, 0)): Promise<void> {
  openAppDatabase(':memory:');
  local.reset();
  local.delayedTasks.register(Object.keys(FUNCTION_MAINS)); // the follow-ups a job schedules may name any function
  await seedDemoTownIfEmpty(db(), at);
}

type Input<F extends FunctionName, A extends keyof Api[F]> = Api[F][A] extends { input: infer I } ? I : never;
type Output<F extends FunctionName, A extends keyof Api[F]> = Api[F][A] extends { output: infer O } ? O : never;

/** Calls fn.action with the caller identified only by OPENID (undefined = no identity, like a timer). */
export async function callAs<F extends FunctionName, A extends keyof Api[F] & string>(
  openid: string | undefined,
  fn: F,
  action: A,
  input: Input<F, A>,
): Promise<Result<Output<F, A>>> {
  const event = { action, input };
  const run = () => FUNCTION_MAINS[fn](event) as Promise<Result<Output<F, A>>>;
  return openid === undefined ? run() : local.runWithContext({ OPENID: openid }, run);
}

/** Raw event, for malformed-input tests. */
export function rawCall(openid: string, fn: FunctionName, event: unknown): Promise<unknown> {
  return local.runWithContext({ OPENID: openid }, () => FUNCTION_MAINS[fn](event));
}

export type Raw = Record<string, unknown> & { _id: string };

/** The data of a call that must succeed (set-up, not under test); a failure throws with its code. */
export async function ok<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function one(collection: string, where: object): Promise<Raw> {
  return (await db().collection(collection).where(where).limit(1).get()).data[0] as Raw;
}

/** Every matching record, paged past the 100-record cap of a get(), in _id order. */
export async function all(collection: string, where: object = {}): Promise<Raw[]> {
  const out: Raw[] = [];
  for (;;) {
    const page = await db().collection(collection).where(where).orderBy('_id', 'asc').skip(out.length).limit(100).get();
    out.push(...(page.data as Raw[]));
    if (page.data.length < 100) return out;
  }
}

/** Every record of every collection, for "nothing changed" assertions. */
export async function snapshot(collections: string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of collections) out[name] = await all(name);
  return out;
}

export interface DemoUser {
  _id: string;
  openid: string;
  role: string;
  gridIds: string[];
  villageIds: string[];
  personId?: string;
}

/** The seeded users of a role, read from the database rather than assumed. */
export async function usersOf(role: string): Promise<DemoUser[]> {
  const found = await db().collection('users').where({ role }).limit(100).get();
  return found.data as unknown as DemoUser[];
}

/** Sets the functions' clock (server/platform/clock.ts) so that "now" is `at`, give or take the test's own run time. */
export function setClock(at: number): void {
  process.env.LOCAL_CLOCK_OFFSET_MS = String(at - Date.now());
}

export function resetClock(): void {
  delete process.env.LOCAL_CLOCK_OFFSET_MS;
}
