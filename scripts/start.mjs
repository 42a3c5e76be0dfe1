// `npm start`: build what is missing or stale, then serve the demo (H5 + local cloud functions + SQLite).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function run(script) {
  const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('build:functions');
const built = join(root, 'dist-h5', 'index.html');
const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'config')));
if (!existsSync(built) || statSync(built).mtimeMs < sources) run('build:h5');
run('serve');
