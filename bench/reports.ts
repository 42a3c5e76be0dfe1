// Dashboards and exports (issue 12): the town dashboard's latency at 100,000 persons (with 5,000 open cases, after
// the grids' person tallies were taken), and a 10,000-row roster export's time and the memory it takes.
import { db } from '../server/platform/cloud';
import { tallyGrids } from '../server/functions/reports/tally';
import { seedCases } from './cases';
import { firstUser, openTown, round, signIn, withHttpRuntime } from './harness';

/** Runs the tally job to the end (as its timer and follow-ups would); seconds it took. */
async function tallyAll(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const result = (await tallyGrids({ fn: 'reports', db: db(), now: Date.now() })) as { done: boolean };
    if (result.done) return (Date.now() - started) / 1000;
  }
}

async function dashboardLatency(persons: number) {
  const dataDir = await openTown(persons, { marker: 'cases-seeded-v3', seed: () => seedCases(persons / 20) });
  const tallySeconds = await tallyAll();
  const latency = await withHttpRuntime(dataDir, await firstUser('officer'), (load) => load.latency({ fn: 'reports', bodies: [{ action: 'dashboard', input: {} }], runs: 200, warmup: 20 }));
  return { ...latency, tallySeconds };
}

/** One roster export of the whole town by the officer: seconds, and the peak rise of the process's memory meanwhile. */
async function rosterExport(persons: number): Promise<{ seconds: number; peakMb: number; rows: number }> {
  const dataDir = await openTown(persons);
  return withHttpRuntime(dataDir, await firstUser('officer'), async ({ base }) => {
    const token = await signIn(base, await firstUser('officer'));
    const exportOnce = async () => {
      const res = await fetch(`${base}/api/call/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ action: 'export', input: { kind: 'roster' } }) });
      const json = (await res.json()) as { ok: boolean; data: { rows: number }; error?: unknown };
      if (!json.ok) throw new Error(JSON.stringify(json.error));
      return json.data.rows;
    };
    await exportOnce(); // warm-up: code paths compiled, the database's pages cached
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const rows = await exportOnce();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { seconds, peakMb: (peak - baseline) / 1024 / 1024, rows };
  });
}

export async function reports(): Promise<Record<string, number>> {
  const exported = await rosterExport(10_000);
  if (exported.rows !== 10_000) throw new Error(`the roster export wrote ${exported.rows} rows, not 10,000`);
  const town = await dashboardLatency(100_000);
  return {
    'dashboard.p50_ms_100k': round(town.p50),
    'dashboard.p99_ms_100k': round(town.p99),
    'dashboard.tally_s_100k': round(town.tallySeconds),
    'export.rows10k_s': round(exported.seconds),
    'export.rows10k_peak_mb': round(exported.peakMb),
  };
}
