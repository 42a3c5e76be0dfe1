// Shared by the roster, visits and structure function tests: unwrapping a result, reading records, and the demo
// staff around the first gridworker (their cadre, and a gridworker and cadre of another village).
import { db } from '../../server/platform/cloud';
import { usersOf, type DemoUser } from './harness';

export type Raw = Record<string, unknown> & { _id: string };

export async function ok<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function one(collection: string, where: object): Promise<Raw> {
  return (await db().collection(collection).where(where).limit(1).get()).data[0] as Raw;
}

export async function all(collection: string, where: object = {}): Promise<Raw[]> {
  const out: Raw[] = [];
  for (;;) {
    const page = await db().collection(collection).where(where).orderBy('_id', 'asc').skip(out.length).limit(100).get();
    out.push(...(page.data as Raw[]));
    if (page.data.length < 100) return out;
  }
}

export interface Staff {
  officer: DemoUser;
  admin: DemoUser;
  resident: DemoUser;
  worker: DemoUser;
  /** A gridworker of another village. */
  otherWorker: DemoUser;
  /** The cadre of the worker's village. */
  cadre: DemoUser;
  otherCadre: DemoUser;
}

export async function staffAround(): Promise<Staff> {
  const workers = await usersOf('gridworker');
  const worker = workers[0];
  const cadres = await usersOf('cadre');
  return {
    officer: (await usersOf('officer'))[0],
    admin: (await usersOf('admin'))[0],
    resident: (await usersOf('resident'))[0],
    worker,
    otherWorker: workers.find((w) => !w.villageIds.some((v) => worker.villageIds.includes(v)))!,
    cadre: cadres.find((c) => c.villageIds.includes(worker.villageIds[0]))!,
    otherCadre: cadres.find((c) => !c.villageIds.includes(worker.villageIds[0]))!,
  };
}
