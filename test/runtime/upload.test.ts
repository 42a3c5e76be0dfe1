// Local stand-in for direct-to-storage photo upload: signed session required, photo types only, served back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { createHttpServer } from '../../local/server';
import { FUNCTION_MAINS } from '../../server/functions/registry';

let runtime: LocalRuntime;
let server: Server;
let base: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xwg-upload-'));
  runtime = await createLocalRuntime({ dataDir, functions: FUNCTION_MAINS });
  const staticDir = mkdtempSync(join(tmpdir(), 'xwg-static-'));
  writeFileSync(join(staticDir, 'index.html'), 'app');
  server = createHttpServer(runtime, { staticDir, filesDir: join(dataDir, 'files') });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  runtime.close();
});

const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);

async function upload(token: string | undefined, ext: string, body: Buffer = photo) {
  const res = await fetch(`${base}/api/upload?ext=${ext}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: new Uint8Array(body) });
  return { status: res.status, json: (await res.json()) as { ok: boolean; data?: { fileID: string; url: string }; error?: { code: string } } };
}

it('stores a photo for a signed-in user and serves it back', async () => {
  const login = await fetch(`${base}/api/login`, { method: 'POST', body: JSON.stringify({ userId: 'u-gw-01' }) }).then((r) => r.json());
  const { json } = await upload(login.data.token, 'jpg');
  expect(json.ok).toBe(true);
  expect(json.data!.fileID).toMatch(/^cloud:\/\/local\/uploads\/u-gw-01\/.+\.jpg$/);
  const served = Buffer.from(await (await fetch(base + json.data!.url)).arrayBuffer());
  expect(served.equals(photo)).toBe(true);
  expect((await upload(login.data.token, 'exe')).json.error?.code).toBe('INPUT.INVALID');
});

it('refuses an upload without a session', async () => {
  expect(await upload(undefined, 'jpg')).toMatchObject({ status: 401, json: { ok: false, error: { code: 'AUTH.REQUIRED' } } });
});
