// Cloud storage stand-in: files live under <dataDir>/files/<cloudPath> (in memory when dataDir is ':memory:'),
// a fileID is 'cloud://local/<cloudPath>', and the "temporary URL" is the path the local runtime serves them at,
// signed and short-lived like WeChat's: '/files/<cloudPath>?t=<expiry>.<hmac>' is good for `maxAge` seconds.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { ERR, invalidParam, sdkError, unsupported } from './errors';
import { runOperation } from './invocation';
import { filesDir, onConfigure, onReset } from './runtime';

export const FILE_ID_PREFIX = 'cloud://local/';
/** URL prefix under which the local runtime serves uploaded files. */
export const FILES_URL_PREFIX = '/files/';
const DEFAULT_MAX_AGE = 7200;
const NOT_FOUND = { status: ERR.STORAGE_FILE_NOT_EXIST, errMsg: 'STORAGE_FILE_NONEXIST' };

const memoryFiles = new Map<string, Buffer>();
onConfigure(() => memoryFiles.clear());
onReset(() => {
  memoryFiles.clear();
  const dir = filesDir();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A relative path of plain segments: no '..', no '.', no absolute or drive paths, no backslashes. */
function checkCloudPath(cloudPath: unknown, api: string): string {
  if (typeof cloudPath !== 'string' || cloudPath === '') throw invalidParam(api, 'cloudPath must be a non-empty string');
  const bad =
    cloudPath.startsWith('/') ||
    /^[A-Za-z]:/.test(cloudPath) ||
    /[\\\p{Cc}]/u.test(cloudPath) ||
    cloudPath.split('/').some((seg) => seg === '' || seg === '.' || seg === '..');
  if (bad) throw invalidParam(api, `invalid cloudPath ${JSON.stringify(cloudPath)} (relative, no "..")`);
  return cloudPath;
}

function cloudPathOfFileID(fileID: unknown, api: string): string {
  if (typeof fileID !== 'string' || !fileID.startsWith(FILE_ID_PREFIX)) {
    throw invalidParam(api, `not a local fileID: ${JSON.stringify(fileID)} (expected ${FILE_ID_PREFIX}<cloudPath>)`);
  }
  return checkCloudPath(fileID.slice(FILE_ID_PREFIX.length), api);
}

/** Absolute file for a checked cloud path, confirmed to stay inside the files directory. */
function diskPath(dir: string, cloudPath: string): string {
  const full = resolve(dir, cloudPath);
  if (!full.startsWith(dir + sep)) throw new Error(`cloudPath escapes the files directory: ${cloudPath}`);
  return full;
}

/** Signs temporary URLs; per process, so a restart ends every link (they live minutes anyway). */
const signingSecret = randomBytes(32);

function signature(cloudPath: string, expiresAt: number): string {
  return createHmac('sha256', signingSecret).update(`${cloudPath}\n${expiresAt}`).digest('base64url');
}

function tempFileURL(cloudPath: string, maxAgeS: number): string {
  const expiresAt = Date.now() + Math.round(maxAgeS * 1000);
  const path = FILES_URL_PREFIX + cloudPath.split('/').map(encodeURIComponent).join('/');
  return `${path}?t=${expiresAt}.${signature(cloudPath, expiresAt)}`;
}

/**
 * The cloud path a temporary URL names, if its token is this process's and has not expired; else null.
 * `pathname` is the URL's path (still percent-encoded), `token` its `t` query parameter.
 */
export function verifyTempFileURL(pathname: string, token: string | null | undefined, now = Date.now()): string | null {
  if (!pathname.startsWith(FILES_URL_PREFIX) || !token) return null;
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expiresAt = Number(match[1]);
  if (!(expiresAt > now)) return null;
  let cloudPath: string;
  try {
    cloudPath = checkCloudPath(pathname.slice(FILES_URL_PREFIX.length).split('/').map(decodeURIComponent).join('/'), 'local.files.verify');
  } catch {
    return null;
  }
  const expected = Buffer.from(signature(cloudPath, expiresAt));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? cloudPath : null;
}

/** isBuffer / isView rather than instanceof: jest's vm context has its own Uint8Array. */
function toBuffer(content: unknown, api: string): Buffer {
  if (Buffer.isBuffer(content)) return content;
  if (ArrayBuffer.isView(content)) return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (content && typeof (content as { pipe?: unknown }).pipe === 'function') throw unsupported('uploadFile with a stream (pass a Buffer)');
  throw invalidParam(api, 'fileContent must be a Buffer');
}

async function exists(cloudPath: string): Promise<boolean> {
  const dir = filesDir();
  if (!dir) return memoryFiles.has(cloudPath);
  return stat(diskPath(dir, cloudPath)).then(
    (s) => s.isFile(),
    () => false,
  );
}

export function uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; statusCode: number; errMsg: string }> {
  const api = 'uploadFile';
  return runOperation(api, options, async () => {
    if (!options || typeof options !== 'object') throw invalidParam(api, 'options must be an object');
    const cloudPath = checkCloudPath(options.cloudPath, api);
    const content = toBuffer(options.fileContent, api);
    const dir = filesDir();
    if (!dir) {
      memoryFiles.set(cloudPath, Buffer.from(content)); // a copy: the caller may reuse its buffer
    } else {
      // Write aside, flush, then rename: a reader never sees half a file, and the upload is durable once acknowledged.
      const target = diskPath(dir, cloudPath);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    }
    return { fileID: FILE_ID_PREFIX + cloudPath, statusCode: 200, errMsg: `${api}:ok` };
  });
}

type TempFileItem = { fileID: string; tempFileURL: string; maxAge: number; status: number; errMsg: string };

export function getTempFileURL(options: { fileList: (string | { fileID: string; maxAge?: number })[] }): Promise<{ fileList: TempFileItem[]; errMsg: string }> {
  const api = 'getTempFileURL';
  return runOperation(api, options, async () => {
    const list = options?.fileList;
    if (!Array.isArray(list) || list.length === 0 || list.length > 50) throw invalidParam(api, 'fileList must hold 1–50 items');
    const fileList: TempFileItem[] = [];
    for (const item of list) {
      const fileID = typeof item === 'string' ? item : item?.fileID;
      const maxAge = typeof item === 'object' && item.maxAge !== undefined ? item.maxAge : DEFAULT_MAX_AGE;
      if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge <= 0) throw invalidParam(api, 'maxAge must be a positive number of seconds');
      const cloudPath = cloudPathOfFileID(fileID, api);
      fileList.push(
        (await exists(cloudPath))
          ? { fileID: fileID as string, tempFileURL: tempFileURL(cloudPath, maxAge), maxAge, status: 0, errMsg: 'ok' }
          : { fileID: fileID as string, tempFileURL: '', maxAge, ...NOT_FOUND },
      );
    }
    return { fileList, errMsg: `${api}:ok` };
  });
}

export function downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number; errMsg: string }> {
  const api = 'downloadFile';
  return runOperation(api, options, async () => {
    const fileContent = await readStoredFile(cloudPathOfFileID(options?.fileID, api));
    if (!fileContent) throw sdkError(api, NOT_FOUND.errMsg, ERR.STORAGE_FILE_NOT_EXIST);
    return { fileContent, statusCode: 200, errMsg: `${api}:ok` };
  });
}

type DeleteFileItem = { fileID: string; status: number; errMsg: string };

export function deleteFile(options: { fileList: string[] }): Promise<{ fileList: DeleteFileItem[]; errMsg: string }> {
  const api = 'deleteFile';
  return runOperation(api, options, async () => {
    const list = options?.fileList;
    if (!Array.isArray(list) || list.length === 0 || list.length > 50) throw invalidParam(api, 'fileList must hold 1–50 items');
    const fileList: DeleteFileItem[] = [];
    for (const fileID of list) {
      const cloudPath = cloudPathOfFileID(fileID, api);
      if (!(await exists(cloudPath))) {
        fileList.push({ fileID, ...NOT_FOUND });
        continue;
      }
      const dir = filesDir();
      if (dir) await rm(diskPath(dir, cloudPath));
      else memoryFiles.delete(cloudPath);
      fileList.push({ fileID, status: 0, errMsg: 'ok' });
    }
    return { fileList, errMsg: `${api}:ok` };
  });
}

/** For the local runtime's /files/ route and tests: the content of a stored file (by cloudPath or fileID), or null. */
export async function readStoredFile(cloudPathOrFileID: string): Promise<Buffer | null> {
  const api = 'local.files.read';
  const cloudPath = cloudPathOrFileID.startsWith(FILE_ID_PREFIX)
    ? cloudPathOfFileID(cloudPathOrFileID, api)
    : checkCloudPath(cloudPathOrFileID, api);
  const dir = filesDir();
  if (!dir) return memoryFiles.get(cloudPath) ?? null;
  return readFile(diskPath(dir, cloudPath)).catch(() => null);
}
