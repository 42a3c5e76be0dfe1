// The HTTP front: bad bytes get coded errors and the server keeps serving; static files never escape their folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { createHttpServer, MAX_BODY_BYTES } from '../../local/server';
import { FUNCTION_MAINS } from '../../server/functions/registry';

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
