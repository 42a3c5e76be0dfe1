// Durability: SIGKILL the local runtime in the middle of a stream of writes; after a restart every
// acknowledged write is there.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, startRuntime } from './runtime-process';

jest.setTimeout(60_000);

const dataDir = mkdtempSync(join(tmpdir(), 'xwg-crash-'));
const port = 20000 + Math.floor(Math.random() * 20000);

afterAll(killAll);

it('keeps every acknowledged write across a SIGKILL', async () => {
  let runtime = await startRuntime(dataDir, port);
  const login = await runtime.api('/api/login', { userId: 'u-officer' });
  const token = login.data.token as string;
  const page = await runtime.api('/api/call/people', { action: 'list', input: { limit: 50 } }, token);
  const targets: { _id: string; version: number }[] = page.data.items;
  const acknowledged: { personId: string; notes: string }[] = [];

  // Four writers in flight; the kill lands while some are still unanswered.
  let next = 0;
  const writer = async () => {
    while (next < targets.length) {
      const target = targets[next++];
      const notes = `走访备注 ${target._id}`;
      try {
        const res = await runtime.api('/api/call/people', { action: 'updateNotes', input: { personId: target._id, version: target.version, notes } }, token);
        if (res.ok) acknowledged.push({ personId: target._id, notes });
      } catch {
        return; // the connection died with the process: this write was never acknowledged
      }
    }
  };
  const writers = [writer(), writer(), writer(), writer()];
  while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 5));
  runtime.kill();
  await Promise.all(writers);
  expect(acknowledged.length).toBeGreaterThanOrEqual(15);
  expect(acknowledged.length).toBeLessThan(targets.length); // the kill really landed mid-stream

  runtime = await startRuntime(dataDir, port);
  const fresh = (await runtime.api('/api/login', { userId: 'u-officer' })).data.token as string;
  for (const write of acknowledged) {
    const res = await runtime.api('/api/call/people', { action: 'get', input: { personId: write.personId } }, fresh);
    expect(res.data.person.notes).toBe(write.notes);
  }
});
