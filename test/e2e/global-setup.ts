// Starts the local runtime exactly as `npm start` serves it (bundled functions, H5 build) on a fresh database.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const port = 21000 + Math.floor(Math.random() * 20000);
  const dataDir = mkdtempSync(join(tmpdir(), 'xwg-e2e-'));
  // `node --import tsx` keeps it one process, so a kill reaches the server itself (the tsx CLI forks a child).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'local', 'server-cli.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOCAL_CLOCK_CONTROL: '1', LOCAL_SWEEP_INTERVAL_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('已启动')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`local runtime exited (${code}): ${output}`)));
  });
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  (globalThis as { __E2E_RUNTIME__?: unknown }).__E2E_RUNTIME__ = child;
}
