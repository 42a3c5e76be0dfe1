// Package sizes: the weapp main package and total, and the largest cloud-function bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, round } from './harness';

function sizeKb(path: string, skip: (rel: string) => boolean = () => false, rel = ''): number {
  let bytes = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(child)) continue;
    bytes += entry.isDirectory() ? sizeKb(join(path, entry.name), skip, child) * 1024 : statSync(join(path, entry.name)).size;
  }
  return bytes / 1024;
}

function build(script: string): void {
  const run = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`npm run ${script} failed`);
}

export function sizes(): Record<string, number> {
  if (!existsSync(join(root, 'dist', 'app.js'))) build('build:weapp');
  build('build:functions'); // cheap, and the benchmarks must run the current function code
  const dist = join(root, 'dist');
  const bundles = readdirSync(join(root, 'cloudfunctions')).map((name) => statSync(join(root, 'cloudfunctions', name, 'index.js')).size / 1024);
  return {
    // Subpackage roots are under packages/ (app.config.ts); everything else is the main package.
    'weapp.main_kb': round(sizeKb(dist, (rel) => rel === 'packages')),
    'weapp.total_kb': round(sizeKb(dist)),
    // The dashboards' subpackage, which alone carries the chart library (issue 12; target ≤ 1,024).
    'weapp.dashboard_package_kb': round(sizeKb(join(dist, 'packages', 'reports'))),
    'functions.max_bundle_kb': round(Math.max(...bundles)),
  };
}
