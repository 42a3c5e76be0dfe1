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
    { fileID: up.fileID, tempFileURL: '/files/photos/p1/visit%201.jpg', maxAge: 7200, status: 0, errMsg: 'ok' },
    { fileID: 'cloud://local/none.jpg', tempFileURL: '', maxAge: 60, status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' },
  ]);

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
