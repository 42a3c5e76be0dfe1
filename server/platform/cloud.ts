// The one place that touches wx-server-sdk. In WeChat this is the real SDK; locally and in tests the
// bundler / jest alias it to the SQLite stand-in (local/wx-server-sdk), with the same semantics.
import cloud from 'wx-server-sdk';
import type { Database } from './database-port';

export type { Database } from './database-port';

let initialised = false;

function ensureInit(): void {
  if (initialised) return;
  // DYNAMIC_CURRENT_ENV is typed as a symbol, but init() is typed to take a string (docs/platform-notes.md).
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialised = true;
}

let database: Database | undefined;

export function db(): Database {
  ensureInit();
  database ??= cloud.database() as unknown as Database;
  return database;
}

/** The caller's OPENID from the invocation context; undefined for timer triggers. */
export function callerOpenid(): string | undefined {
  ensureInit();
  const openid: unknown = cloud.getWXContext().OPENID;
  return typeof openid === 'string' && openid.length > 0 ? openid : undefined;
}

export function openapi(): typeof cloud.openapi {
  ensureInit();
  return cloud.openapi;
}

/** The storage subset the functions use (wx-server-sdk's typings return callback-style unions). */
export interface Storage {
  getTempFileURL(options: { fileList: { fileID: string; maxAge: number }[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
}

export function storage(): Storage {
  ensureInit();
  return cloud as unknown as Storage;
}

/** The cloud environment this invocation runs in (its fileIDs are `cloud://<env>.<bucket>/…`). */
export function currentEnv(): string {
  ensureInit();
  const env: unknown = cloud.getWXContext().ENV;
  return typeof env === 'string' ? env : '';
}
