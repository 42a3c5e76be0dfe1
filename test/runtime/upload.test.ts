// The local stand-in for photo upload and for WeChat's temporary photo links: a signed-in user uploads to a path the
// session function issues to them; /files/ serves only with a valid unexpired token, only image bytes, typed by them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { createHttpServer } from '../../local/server';
import cloud from '../../local/wx-server-sdk';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { JPEG, PNG } from '../functions/uploads';

let runtime: LocalRuntime;
let server: Server;
let base: string;
let token: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xwg-upload-'));
  runtime = await createLocalRuntime({ dataDir, functions: FUNCTION_MAINS });
  const staticDir = mkdtempSync(join(tmpdir(), 'xwg-static-'));
  writeFileSync(join(staticDir, 'index.html'), 'app');
  server = createHttpServer(runtime, { staticDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = (await fetch(`${base}/api/login`, { method: 'POST', body: JSON.stringify({ userId: 'u-gw-01' }) }).then((r) => r.json())).data.token;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  runtime.close();
});

type UploadAnswer = { ok: boolean; data?: { fileID: string }; error?: { code: string; message: string } };

/** The short-lived link a function would hand out for the file. */
async function linkOf(fileID: string, maxAge = 600): Promise<string> {
  return (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge }] })).fileList[0]!.tempFileURL;
}

async function upload(session: string | undefined, body: Buffer, purpose = 'material') {
  const res = await fetch(`${base}/api/upload?purpose=${purpose}`, { method: 'POST', headers: session ? { authorization: `Bearer ${session}` } : {}, body: new Uint8Array(body) });
  return { status: res.status, json: (await res.json()) as UploadAnswer };
}

it('stores a photo under the uploader\'s own prefix and serves it through its signed link, typed by its bytes', async () => {
  const jpeg = await upload(token, JPEG);
  expect(jpeg.json.ok).toBe(true);
  expect(jpeg.json.data!.fileID).toMatch(/^cloud:\/\/local\/uploads\/u-gw-01\/material\/[0-9a-f]{32}\.jpg$/);
  expect(jpeg.json.data).toEqual({ fileID: jpeg.json.data!.fileID }); // like WeChat's uploadFile: no link
  const served = await fetch(base + (await linkOf(jpeg.json.data!.fileID)));
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/jpeg');
  expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await served.arrayBuffer()).equals(JPEG)).toBe(true);

  const png = await upload(token, PNG, 'visit');
  expect(png.json.data!.fileID).toMatch(/\/uploads\/u-gw-01\/visit\/[0-9a-f]{32}\.png$/);
  expect((await fetch(base + (await linkOf(png.json.data!.fileID)))).headers.get('content-type')).toBe('image/png');
});

it('refuses an upload without a session, of text bytes, or for an unknown purpose', async () => {
  expect(await upload(undefined, JPEG)).toMatchObject({ status: 401, json: { ok: false, error: { code: 'AUTH.REQUIRED' } } });
  expect((await upload(token, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).json.error).toMatchObject({ code: 'INPUT.INVALID', message: '只能上传照片（jpg、png）' });
  expect((await upload(token, JPEG, 'anything')).json.error?.code).toBe('INPUT.INVALID');
});

it('answers 403 with a coded error for a link without a token, with a forged, expired or moved token', async () => {
  const { json } = await upload(token, JPEG);
  const url = new URL(base + (await linkOf(json.data!.fileID)));
  const bare = await fetch(`${base}${url.pathname}`);
  expect(bare.status).toBe(403);
  expect(await bare.json()).toMatchObject({ ok: false, error: { code: 'FILE.LINK_INVALID' } });
  const [expiry, mac] = url.searchParams.get('t')!.split('.');
  expect((await fetch(`${base}${url.pathname}?t=${Number(expiry) + 60_000}.${mac}`)).status).toBe(403);
  const other = (await upload(token, PNG)).json.data!.fileID.replace('cloud://local/', '/files/');
  expect((await fetch(`${base}${other}?t=${url.searchParams.get('t')}`)).status).toBe(403);

  const short = await linkOf(json.data!.fileID, 1);
  expect((await fetch(base + short)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  expect((await fetch(base + short)).status).toBe(403);
});

it('never serves stored bytes that are not an image, even with a valid link', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'uploads/u-gw-01/material/0123456789abcdef0123456789abcdef.jpg', fileContent: Buffer.from('<html><script>alert(1)</script>') });
  const [item] = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })).fileList;
  const res = await fetch(base + item!.tempFileURL);
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
});
