// `npm run build:release`: the function bundles and the weapp for WeChat, both stamped with one release version
// (config/build-version.ts), so session.me can tell the admin when only some parts were uploaded.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { releaseVersion } from '../config/build-version';

const version = releaseVersion();
console.log(`build version ${version}`);
for (const script of ['build:functions', 'build:weapp']) {
  const result = spawnSync('npm', ['run', script], { cwd: join(__dirname, '..'), stdio: 'inherit', env: { ...process.env, BUILD_VERSION: version } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
