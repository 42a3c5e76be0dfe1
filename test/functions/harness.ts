// Runs the real cloud-function handlers against the real local database (SQLite in memory), seeded with
// the demo town, as a given demo user: identity comes from the invocation context, as in WeChat.
import { local } from '../../local/wx-server-sdk';
import { db } from '../../server/platform/cloud';
import type { Result } from '../../src/core/errors';
import type { Api, FunctionName } from '../../server/functions/api';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { COLLECTIONS, INDEXES } from '../../server/platform/collections';
import { seedDemoTownIfEmpty } from '../../local/seed/write';

export async function freshTown(at = Date.UTC(2026, 10, 2, 2, 0)): Promise<void> {
  local.configure({ dataDir: ':memory:' });
  local.reset();
  local.ensureCollections(Object.values(COLLECTIONS));
  local.ensureIndexes(INDEXES);
  await seedDemoTownIfEmpty(db(), at);
}

export function openidOf(userId: string): string {
  return `demo-openid-${userId}`;
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

/** Every record of every collection, for "nothing changed" assertions. */
export async function snapshot(collections: string[]): Promise<Record<string, unknown[]>> {
  const database = db();
  const out: Record<string, unknown[]> = {};
  for (const name of collections) {
    const all: unknown[] = [];
    for (;;) {
      const page = await database.collection(name).orderBy('_id', 'asc').skip(all.length).limit(100).get();
      all.push(...page.data);
      if (page.data.length < 100) break;
    }
    out[name] = all;
  }
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
