// A gridworker paging their roster through the HTTP runtime: the scoped read every list screen does.
import { firstUser, openTown, round, withHttpRuntime } from './harness';

async function rosterLatency(persons: number) {
  const dataDir = await openTown(persons);
  // Page after page; at the end of the roster a lap starts again at the first page.
  return withHttpRuntime(dataDir, await firstUser('gridworker'), (load) =>
    load.latency({ fn: 'people', bodies: [{ action: 'list', input: { limit: 20 } }], runs: 1000, warmup: 200, follow: 'after' }),
  );
}

export async function reads(): Promise<Record<string, number>> {
  await rosterLatency(10_000); // warm-up lap: JIT and page cache, so the first town measured is not penalised
  const small = await rosterLatency(10_000);
  const large = await rosterLatency(100_000);
  return {
    'local.read_p50_ms_10k': round(small.p50),
    'local.read_p99_ms_10k': round(small.p99),
    'local.read_p50_ms_100k': round(large.p50),
    'local.read_p99_ms_100k': round(large.p99),
    'local.read_ratio_100k_over_10k': round(large.p99 / small.p99),
  };
}
