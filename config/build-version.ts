// The version every build carries (function bundles and the mini-program alike), so a half-finished deployment
// shows. `npm run build:release` sets BUILD_VERSION to package.json's version + the git commit for both builds;
// any other build gets a stable local value, so rebuilding one part while developing raises no false alarm.
// It lives in config/ because Taro compiles only this folder's TypeScript when it loads config/index.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildVersion(): string {
  return process.env.BUILD_VERSION || `${packageVersion()}-local`;
}

/** package.json's version + the short commit (+dirty when the work tree has uncommitted changes). */
export function releaseVersion(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return `${packageVersion()}+${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? '.dirty' : ''}`;
  } catch {
    return packageVersion();
  }
}
