// The local runtime as a child process on its own data folder, for tests that kill it (SIGKILL) and start it again.
// Every child started here is killed by `killAll` (call it in afterAll): a failing test must not leave one behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const children = new Set<ChildProcess>();

export interface RuntimeProcess {
  child: ChildProcess;
  base: string;
  /** A POST to the runtime's API, answered with its JSON Result. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an action's answer as each test reads it, over HTTP
  api(path: string, body: unknown, token?: string): Promise<{ ok: boolean; data?: any; error?: { code: string; message?: string } }>;
  kill(): void;
}

export function startRuntime(dataDir: string, port: number, env: Record<string, string> = {}): Promise<RuntimeProcess> {
  // `node --import tsx` keeps it one process, so the kill reaches the server itself (the tsx CLI forks a child).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'local', 'server-cli.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOCAL_FUNCTIONS: 'source', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const base = `http://127.0.0.1:${port}`;
  const api: RuntimeProcess['api'] = async (path, body, token) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('已启动')) resolve({ child, base, api, kill: () => child.kill('SIGKILL') });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`runtime exited (${code}): ${output}`)));
  });
}

/** SIGKILLs every child still running (for afterAll). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Resolves once `child` has exited (after a kill). */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}
