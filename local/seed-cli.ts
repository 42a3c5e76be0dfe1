// `npm run seed -- --persons 100000 [--data-dir .data-100k] [--seed 42]`: a fresh town in its own data folder.
import './sdk-alias'; // first: every later import of wx-server-sdk gets the local stand-in
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { local } from './wx-server-sdk';
import { db } from '../server/platform/cloud';
import { openAppDatabase } from './app-database';
import { seedTown } from './seed/write';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { persons: { type: 'string', default: '600' }, 'data-dir': { type: 'string' }, seed: { type: 'string' } },
  });
  const persons = Number(values.persons);
  if (!Number.isInteger(persons) || persons < 1) throw new Error('--persons must be a positive whole number');
  const dataDir = values['data-dir'] ?? (persons === 600 ? '.data' : `.data-${persons}`);
  if (existsSync(dataDir)) rmSync(dataDir, { recursive: true });
  openAppDatabase(dataDir);
  const started = Date.now();
  const result = await seedTown(db(), { persons, now: Date.now(), ...(values.seed ? { seed: Number(values.seed) } : {}) }, (n) => {
    if (n % 50_000 < 1_000) process.stdout.write(`\r${n} persons`);
  });
  local.close();
  console.log(`\nseeded ${result.persons} persons into ${dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`serve it with: DATA_DIR=${dataDir} npm run serve`);
}

main().catch((thrown) => {
  console.error(thrown);
  process.exit(1);
});
