// Contract: uploadFile / getTempFileURL / deleteFile against the local file store.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloud, freshDb, local } from './helpers';

let dir: string | undefined;

afterEach(() => {
  local.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

it('stores a file, gives a cloud://local fileID and a /files/ URL, and deletes it', async () => {
  await freshDb();
  const up = await cloud.uploadFile({ cloudPath: 'photos/p1/visit 1.jpg', fileContent: Buffer.from('jpeg') });
  expect(up).toEqual({ fileID: 'cloud://local/photos/p1/visit 1.jpg', statusCode: 200, errMsg: 'uploadFile:ok' });
  expect((await local.files.read(up.fileID))?.toString()).toBe('jpeg');

  const urls = await cloud.getTempFileURL({ fileList: [up.fileID, { fileID: 'cloud://local/none.jpg', maxAge: 60 }] });
  expect(urls.fileList).toEqual([
    { fileID: up.fileID, tempFileURL: expect.stringMatching(/^\/files\/photos\/p1\/visit%201\.jpg\?t=\d+\.[\w-]{43}$/), maxAge: 7200, status: 0, errMsg: 'ok' },
    { fileID: 'cloud://local/none.jpg', tempFileURL: '', maxAge: 60, status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' },
  ]);
  expect((await cloud.downloadFile({ fileID: up.fileID })).fileContent.toString()).toBe('jpeg');
  await expect(cloud.downloadFile({ fileID: 'cloud://local/none.jpg' })).rejects.toThrow(/STORAGE_FILE_NONEXIST/);

  const removed = await cloud.deleteFile({ fileList: [up.fileID, up.fileID] });
  expect(removed.fileList.map((f) => f.status)).toEqual([0, -503003]);
  expect(await local.files.read(up.fileID)).toBeNull();
});

it('writes under <dataDir>/files/<cloudPath> for a directory data store', async () => {
  dir = mkdtempSync(join(tmpdir(), 'stand-in-files-'));
  local.configure({ dataDir: dir });
  await cloud.uploadFile({ cloudPath: 'a/b.txt', fileContent: Buffer.from('hello') });
  expect(readFileSync(join(dir, 'files', 'a', 'b.txt'), 'utf8')).toBe('hello');
  expect(local.files.dir()).toBe(join(dir, 'files'));
  local.reset();
  expect(existsSync(join(dir, 'files'))).toBe(false);
});

it('refuses cloud paths with "..", absolute paths and backslashes', async () => {
  await freshDb();
  for (const cloudPath of ['../escape.txt', 'a/../../b.txt', '/etc/passwd', 'C:/x.txt', 'a\\b.txt', 'a//b.txt', '']) {
    await expect(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toThrow(/uploadFile:fail invalid cloudPath|non-empty/);
  }
  await expect(cloud.getTempFileURL({ fileList: ['cloud://local/../x'] })).rejects.toThrow(/invalid cloudPath/);
  await expect(cloud.deleteFile({ fileList: ['cloud://other-env/x.txt'] })).rejects.toThrow(/not a local fileID/);
  await expect(cloud.uploadFile({ cloudPath: 'x.txt', fileContent: 'text' as unknown as Buffer })).rejects.toThrow(/Buffer/);
});

it('signs temporary URLs for maxAge seconds: the token names one path and expires', async () => {
  await freshDb();
  const up = await cloud.uploadFile({ cloudPath: 'uploads/u1/visit/a.png', fileContent: Buffer.from('png') });
  const before = Date.now();
  const [item] = (await cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 600 }] })).fileList;
  const url = new URL(item!.tempFileURL, 'http://local');
  const token = url.searchParams.get('t');
  const expiresAt = Number(token!.split('.')[0]);
  expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000);
  expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
  expect(local.files.verifyUrl(url.pathname, token)).toBe('uploads/u1/visit/a.png');
  expect(local.files.verifyUrl(url.pathname, token, expiresAt)).toBeNull(); // expired
  expect(local.files.verifyUrl('/files/uploads/u1/visit/b.png', token)).toBeNull(); // another path
  expect(local.files.verifyUrl(url.pathname, `${expiresAt + 1000}.${token!.split('.')[1]}`)).toBeNull(); // longer life
  expect(local.files.verifyUrl(url.pathname, null)).toBeNull();
  expect(local.files.verifyUrl('/files/uploads/../x', token)).toBeNull();
  await expect(cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: -1 }] })).rejects.toThrow(/maxAge/);
});
