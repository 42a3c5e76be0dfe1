// Durability: SIGKILL the local runtime in the middle of a stream of writes; after a restart every
// acknowledged write is there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000);

const root = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'xwg-crash-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;

function startRuntime(): Promise<ChildProcess> {
  // `node --import tsx` keeps it one process, so the kill reaches the server itself (the tsx CLI forks a child).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'local', 'server-cli.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOCAL_FUNCTIONS: 'source' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('已启动')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`runtime exited (${code}): ${output}`)));
  });
}

/** The few fields this test reads from the answers: a login's token, a page of people, one person. */
type Answer = { token?: string; items?: { _id: string; version: number }[]; person?: { notes: string } };

async function api(path: string, body: unknown, token?: string): Promise<{ ok: boolean; data?: Answer; error?: { code: string } }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return res.json();
}

it('keeps every acknowledged write across a SIGKILL', async () => {
  let child = await startRuntime();
  const login = await api('/api/login', { userId: 'u-officer' });
  const token = login.data!.token!;
  const page = await api('/api/call/people', { action: 'list', input: { limit: 50 } }, token);
  const targets = page.data!.items!;
  const acknowledged: { personId: string; notes: string }[] = [];

  // Four writers in flight; the kill lands while some are still unanswered.
  let next = 0;
  const writer = async () => {
    while (next < targets.length) {
      const target = targets[next++];
      const notes = `走访备注 ${target._id}`;
      try {
        const res = await api('/api/call/people', { action: 'updateNotes', input: { personId: target._id, version: target.version, notes } }, token);
        if (res.ok) acknowledged.push({ personId: target._id, notes });
      } catch {
        return; // the connection died with the process: this write was never acknowledged
      }
    }
  };
  const writers = [writer(), writer(), writer(), writer()];
  while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  await Promise.all(writers);
  expect(acknowledged.length).toBeGreaterThanOrEqual(15);
  expect(acknowledged.length).toBeLessThan(targets.length); // the kill really landed mid-stream

  child = await startRuntime();
  try {
    const fresh = (await api('/api/login', { userId: 'u-officer' })).data!.token!;
    for (const write of acknowledged) {
      const res = await api('/api/call/people', { action: 'get', input: { personId: write.personId } }, fresh);
      expect(res.data!.person!.notes).toBe(write.notes);
    }
  } finally {
    child.kill('SIGKILL');
  }
});
