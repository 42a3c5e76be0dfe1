// The HTTP front: bad bytes get coded errors and the server keeps serving; static files never escape their folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { createHttpServer, MAX_BODY_BYTES } from '../../local/server';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { db } from '../../server/platform/cloud';
import { postMessages } from '../../server/platform/messages';

let runtime: LocalRuntime;
let server: Server;
let base: string;

beforeAll(async () => {
  runtime = await createLocalRuntime({ dataDir: ':memory:', functions: FUNCTION_MAINS });
  const staticDir = mkdtempSync(join(tmpdir(), 'xwg-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<html>app</html>');
  server = createHttpServer(runtime, { staticDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(path: string, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, json: await res.json() };
}

describe('local HTTP server', () => {
  it('answers malformed JSON and oversized bodies with coded errors and keeps serving', async () => {
    expect(await post('/api/login', '{"userId": ')).toMatchObject({ status: 400, json: { ok: false, error: { code: 'REQUEST.MALFORMED' } } });
    const huge = JSON.stringify({ userId: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const tooLarge = await fetch(base + '/api/login', { method: 'POST', body: huge }).then(async (res) => ({ status: res.status, json: await res.json() }));
    expect(tooLarge).toMatchObject({ status: 413, json: { ok: false, error: { code: 'REQUEST.TOO_LARGE' } } });
    const health = await fetch(base + '/api/health').then((r) => r.json());
    expect(health).toEqual({ ok: true, data: { status: 'ok' } });
  });

  it('answers a malformed URL with a coded error, not a stack trace', async () => {
    const res = await fetch(base + '/api/call/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'REQUEST.MALFORMED', message: expect.any(String) } });
    expect((await fetch(base + '/files/%zz').then((r) => r.status))).toBe(400);
  });

  it('serves the app for unknown paths and never a file outside its folder', async () => {
    expect(await fetch(base + '/some/page').then((r) => r.text())).toBe('<html>app</html>');
    const escaped = await fetch(base + '/%2e%2e/%2e%2e/package.json').then((r) => r.text());
    expect(escaped).toBe('<html>app</html>');
  });
});

describe('a long job does not hold the runtime', () => {
  it('serves HTTP requests while a sweep over thousands of queued messages is still running', async () => {
    const officer = (await db().collection('users').where({ role: 'officer' }).limit(1).get()).data[0]!;
    const messages = Array.from({ length: 2000 }, (_, i) => ({ recipientUserId: String(officer._id), type: 'stateChanged', title: '办理进度更新', body: `第${i}条` }));
    for (let i = 0; i < messages.length; i += 500) await postMessages(db(), messages.slice(i, i + 500), Date.now());
    let sweepDone = false;
    const sweep = FUNCTION_MAINS.notify({ Type: 'Timer', TriggerName: 'sendDue' }).then(() => (sweepDone = true));
    // Every SDK call of the sweep yields to the event loop, as a network call would: the server answers meanwhile.
    const health = await fetch(base + '/api/health').then((r) => r.json());
    expect(health).toEqual({ ok: true, data: { status: 'ok' } });
    expect(sweepDone).toBe(false);
    await sweep;
  });
});
