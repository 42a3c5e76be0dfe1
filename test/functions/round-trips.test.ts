// Issue 9: every interactive action fits WeChat cloud — at most 6 sequential database round trips on its critical
// path (parallel calls count once), measured by the stand-in's depth meter under a per-call delay. A change that
// adds a round trip to one of them fails here, not only in the bench.
import { SCENARIOS, roundTripsOf } from '../../bench/interactive';
import { freshTown } from './harness';

const MAX_ROUND_TRIPS = 6;

beforeAll(() => freshTown());

it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s makes at most 6 sequential round trips', async (_name, scenario) => {
  await roundTripsOf(scenario, 1000, 0); // a warm instance: its cold start recorded the deployed version already
  const { depth } = await roundTripsOf(scenario, 0, 5);
  expect(depth).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
  expect(depth).toBeGreaterThan(0);
});
