// Shared by the roster, visits and structure function tests: the demo staff around the first gridworker (their
// cadre, and a gridworker and cadre of another village).
import { usersOf, type DemoUser } from './harness';

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
