// Failed attempts per caller and purpose (a wrong invitation code, a name/ID/phone that matches nobody, a wrong
// link code), limited in the database: functions are stateless, so a counter in memory would limit nothing.
// Each attempt takes a slot first (an atomic increment) and gives it back on success, so calls racing each other
// cannot all slip under the limit.
import { ATTEMPT_LIMIT, ATTEMPT_WINDOW_MS } from '../../src/core/onboarding';
import { AppFailure } from '../../src/core/errors';
import { COLLECTIONS } from './collections';
import type { Database } from './database-port';

export type AttemptPurpose = 'bind' | 'link' | 'linkCode';

/** One counter per caller, purpose and fixed 10-minute window. */
function counterId(purpose: AttemptPurpose, userId: string, at: number): string {
  return `${purpose}:${userId}:${Math.floor(at / ATTEMPT_WINDOW_MS)}`;
}

async function increment(db: Database, id: string, by: number): Promise<boolean> {
  const result = await db.collection(COLLECTIONS.attempts).where({ _id: id }).update({ data: { count: db.command.inc(by) } });
  return result.stats.updated === 1;
}

/**
 * Runs `attempt` if the caller has attempts left in this window; a failure (a throw) keeps the slot taken, a
 * success gives it back. Over the limit: ATTEMPTS.TOO_MANY, and `attempt` is not run.
 */
export async function limitedAttempt<T>(db: Database, purpose: AttemptPurpose, userId: string, at: number, attempt: () => Promise<T>): Promise<T> {
  const id = counterId(purpose, userId, at);
  if (!(await increment(db, id, 1))) {
    try {
      await db.collection(COLLECTIONS.attempts).add({ data: { _id: id, count: 1, purpose, userId, windowEndsAt: (Math.floor(at / ATTEMPT_WINDOW_MS) + 1) * ATTEMPT_WINDOW_MS } });
    } catch {
      await increment(db, id, 1); // a concurrent first attempt created it
    }
  }
  const counter = (await db.collection(COLLECTIONS.attempts).where({ _id: id }).limit(1).get()).data[0];
  if (Number(counter?.count ?? 0) > ATTEMPT_LIMIT) throw new AppFailure('ATTEMPTS.TOO_MANY');
  const result = await attempt();
  await increment(db, id, -1);
  return result;
}
