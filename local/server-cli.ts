// `npm run serve`: the local runtime over HTTP with the bundled cloud functions (npm start builds first).
import './sdk-alias'; // first: every later import of wx-server-sdk gets the local stand-in
import { join } from 'node:path';
import { loadFunctionBundles } from './function-bundles';
import { createLocalRuntime } from './runtime';
import { createHttpServer } from './server';
import { timerTriggers } from './timer-triggers';

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const port = Number(process.env.PORT ?? 10086);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = process.env.DATA_DIR ?? join(root, '.data');
  // LOCAL_FUNCTIONS=source runs the TypeScript sources (tests that must not depend on a build).
  const functions =
    process.env.LOCAL_FUNCTIONS === 'source'
      ? // loaded only after the SDK alias is in place
        (await import('../server/functions/registry')).FUNCTION_MAINS
      : loadFunctionBundles(join(root, 'cloudfunctions'));
  const timers = timerTriggers(join(root, 'cloudfunctions'));
  const runtime = await createLocalRuntime({ dataDir, functions, timers, seed: process.env.SEED !== '0' });
  // WeChat runs the triggers on their cron; locally they run on an interval (and on demand: POST /api/sweep).
  const sweepEvery = Number(process.env.LOCAL_SWEEP_INTERVAL_MS ?? 60_000);
  const sweeper = sweepEvery > 0 ? setInterval(() => void runtime.runTimers().catch((e) => console.error('[local] timers', e)), sweepEvery) : undefined;
  // Follow-ups a job scheduled (an import the officer watches) run within seconds of coming due, not at the next sweep.
  const followUpEvery = Number(process.env.LOCAL_FOLLOW_UP_INTERVAL_MS ?? 2_000);
  const followUps = followUpEvery > 0 ? setInterval(() => void runtime.runDelayedTasks().catch((e) => console.error('[local] follow-ups', e)), followUpEvery) : undefined;
  const server = createHttpServer(runtime, { staticDir: join(root, 'dist-h5') });
  server.listen(port, host, () => {
    console.log(`小网格·大救助 本地演示已启动: http://${host}:${port}/  (数据目录 ${dataDir})`);
  });
  const stop = () => {
    if (sweeper) clearInterval(sweeper);
    if (followUps) clearInterval(followUps);
    server.close();
    runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((thrown) => {
  console.error(thrown);
  process.exit(1);
});
