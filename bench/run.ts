// `npm run bench [-- group …]`: sizes and speeds against the targets in the issues; writes bench/results.json
// (flat numbers; a partial run keeps the other groups' last figures). Towns are seeded once into bench/.data/.
import './harness'; // first: installs the wx-server-sdk alias
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cases } from './cases';
import { cloud } from './cloud';
import { root } from './harness';
import { hostile } from './hostile';
import { reads } from './reads';
import { reports } from './reports';
import { notify } from './notify';
import { sizes } from './sizes';
import { visits } from './visits';

const GROUPS: Record<string, () => Record<string, number> | Promise<Record<string, number>>> = { sizes, reads, cases, visits, notify, cloud, hostile, reports };

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in GROUPS));
  if (unknown.length) throw new Error(`unknown bench group(s): ${unknown.join(', ')} (have: ${Object.keys(GROUPS).join(', ')})`);
  const file = join(root, 'bench', 'results.json');
  const results: Record<string, number> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const name of asked.length ? asked : Object.keys(GROUPS)) Object.assign(results, await GROUPS[name]());
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(results);
}

main().catch((thrown) => {
  console.error(thrown);
  process.exit(1);
});
