// Local stand-in for the part of wx-server-sdk our cloud functions use, on SQLite (better-sqlite3). Cloud-function
// code imports 'wx-server-sdk' and runs unchanged: jest and the local bundler alias that name to this file.
// Everything outside the supported subset throws "wx-server-sdk stand-in: <what> is not supported".
//
// The named export `local` is not part of wx-server-sdk: it is the control panel for the local runtime and tests.

import { runWithContext, getWXContext } from './context';
import type { WXContext } from './context';
import { Database } from './database';
import { unsupported } from './errors';
import { deleteFile, downloadFile, FILES_URL_PREFIX, getTempFileURL, readStoredFile, uploadFile, verifyTempFileURL } from './files';
import { failNextSends, outbox, sendSubscribeMessage } from './outbox';
import { getPhoneNumber, getUnlimited } from './openapi-local';
import { addDelayedFunctionTask, delayedTasks } from './delayed-tasks';
import { closeStore, configure, filesDir, getDataDir, getStore, resetAll, setEnv, storeFor } from './runtime';
import type { LocalConfig } from './runtime';
import type { Query } from './collection';
import { checkCollectionName } from './store';
import { invoke, measureDepth, roundTripCount, setDelay, stopAfter, type CallSite } from './invocation';
import type { IndexDecl } from './store';

export { CollectionReference, DocumentReference, Query, MAX_LIMIT } from './collection';
export type { DocumentData } from './collection';
export { LogicCommand, QueryCommand, UpdateCommand } from './commands';
export type { Command } from './commands';
export { DbRegExp, ServerDate } from './codec';
export { Database } from './database';
export type { DbRegExpConstructor, RegExpOptions } from './database';
export { UnsupportedError } from './errors';
export type { SdkError } from './errors';
export { Transaction, TransactionCollection, TransactionDocument } from './transaction';
export type { WXContext } from './context';
export type { OutboxEntry, SubscribeMessage } from './outbox';
export type { DelayedTask } from './delayed-tasks';
export type { LocalConfig } from './runtime';
export type { IndexDecl } from './store';

/** Stands for "the env this function runs in"; locally that is always the one local env. */
export const DYNAMIC_CURRENT_ENV: unique symbol = Symbol('DYNAMIC_CURRENT_ENV');

export interface InitOptions {
  env?: string | symbol | Record<string, string>;
  traceUser?: boolean;
}

/** Remembers the env (reported as getWXContext().ENV); nothing else to set up locally. */
export function init(options?: InitOptions): void {
  setEnv(typeof options?.env === 'string' ? options.env : undefined);
}

export function database(options?: { env?: string | symbol }): Database {
  for (const key of Object.keys(options ?? {})) {
    if (key !== 'env') throw unsupported(`the database option "${key}"`);
  }
  return new Database({ env: typeof options?.env === 'string' ? options.env : undefined });
}

export { getWXContext };

// Property names that inspection (jest, util.inspect, Promise resolution) probes; they must not look like APIs.
function isProbe(key: string | symbol): boolean {
  return typeof key === 'symbol' || /^[_$]/.test(key) || ['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', 'inspect'].includes(key);
}

function unsupportedNamespace<T extends object>(path: string, known: T): T {
  return new Proxy(known, {
    get(target, key, receiver) {
      if (Reflect.has(target, key) || isProbe(key)) return Reflect.get(target, key, receiver);
      return () => {
        throw unsupported(`${path}.${String(key)}`);
      };
    },
  });
}

/** Only subscribeMessage.send, wxacode.getUnlimited, phonenumber.getPhoneNumber and cloudbase.addDelayedFunctionTask exist; any other openapi call throws when called. */
export const openapi = new Proxy(
  {
    subscribeMessage: unsupportedNamespace('openapi.subscribeMessage', { send: sendSubscribeMessage }),
    wxacode: unsupportedNamespace('openapi.wxacode', { getUnlimited }),
    phonenumber: unsupportedNamespace('openapi.phonenumber', { getPhoneNumber }),
    cloudbase: unsupportedNamespace('openapi.cloudbase', { addDelayedFunctionTask }),
  },
  {
    get(target, key, receiver) {
      if (Reflect.has(target, key) || isProbe(key)) return Reflect.get(target, key, receiver);
      return unsupportedNamespace(`openapi.${String(key)}`, {});
    },
  },
);

export { uploadFile, getTempFileURL, deleteFile, downloadFile };

function notSupported(name: string): (...args: unknown[]) => never {
  return () => {
    throw unsupported(`cloud.${name}`);
  };
}

export const callFunction = notSupported('callFunction');
export const getOpenData = notSupported('getOpenData');
export const getVoIPSign = notSupported('getVoIPSign');
export const logger = notSupported('logger');
export const CloudID = notSupported('CloudID');

/** Local controls: not part of wx-server-sdk. */
export const local = {
  /** Where the data lives (default process.env.DATA_DIR || '.data'); ':memory:' for tests. Closes any open store. */
  configure(config: LocalConfig): void {
    configure(config);
  },
  dataDir(): string {
    return getDataDir();
  },
  /** Runs `fn` as one invocation whose getWXContext() returns `ctx`. */
  runWithContext<T>(ctx: WXContext, fn: () => T): T {
    return runWithContext(ctx, fn);
  },
  /**
   * Runs `fn` as one invocation with identity `ctx` (none for a timer) cut off after `timeoutSeconds`, as WeChat
   * does with a function's configured timeout: rejects with its timeout error (errCode -504003) at the deadline.
   */
  invoke<T>(ctx: WXContext, timeoutSeconds: number, fn: () => Promise<T>): Promise<T> {
    return runWithContext(ctx, () => invoke(timeoutSeconds, fn));
  },
  /**
   * Test fault: the invocation (run with `invoke`) making the first SDK call `match` accepts stops right after the
   * call's work is done, as if the instance died there; one shot, undefined clears it.
   */
  stopAfter(match: ((call: CallSite) => boolean) | undefined): void {
    stopAfter(match);
  },
  /** Milliseconds added to every SDK call (undefined: LOCAL_DB_DELAY_MS), to imitate cloud round trips. */
  setDelay(ms: number | undefined): void {
    setDelay(ms);
  },
  /** SDK calls made by this process so far. */
  roundTrips(): number {
    return roundTripCount();
  },
  /** Runs `fn` and answers the sequential depth of the SDK calls it made (parallel calls count once; set a delay). */
  roundTripDepth<T>(fn: () => Promise<T>): Promise<{ result: T; depth: number }> {
    return measureDepth(fn);
  },
  /** Creates collections that do not exist yet (WeChat needs each created in the console before use). */
  ensureCollections(names: readonly string[]): void {
    const store = getStore();
    for (const name of names) {
      checkCollectionName(name, 'local.ensureCollections');
      store.createCollection(name);
    }
  },
  /** Creates the collections and their (json_extract) expression indexes; idempotent. */
  ensureIndexes(decls: readonly IndexDecl[]): void {
    getStore().ensureIndexes(decls);
  },
  /** EXPLAIN QUERY PLAN of what `query.get()` would run, e.g. to check that an index is used. */
  explain(query: Query): string[] {
    const store = storeFor(query.collectionName, 'local.explain');
    return store.explain(query.toSelectSql(store));
  },
  /** Rows written so far by this process: a test's cheap proof that a call changed nothing. */
  totalChanges(): number {
    return getStore().totalChanges();
  },
  outbox,
  /** Follow-up invocations recorded by openapi.cloudbase.addDelayedFunctionTask (the local runtime runs them when due). */
  delayedTasks,
  /** Makes the next `count` subscribeMessage.send calls fail with `errCode`. */
  failNextSends(errCode: number, count = 1): void {
    failNextSends(errCode, count);
  },
  files: {
    /** URL prefix of getTempFileURL results, which the local runtime serves. */
    urlPrefix: FILES_URL_PREFIX,
    /** Absolute directory of stored files, or null for ':memory:'. */
    dir: filesDir,
    /** Content of a stored file by cloudPath or fileID, or null. */
    read: readStoredFile,
    /** The cloud path a temporary URL (path + its `t` token) names while it is valid, else null. */
    verifyUrl: verifyTempFileURL,
  },
  /** Deletes all documents, outbox entries, files and pending send failures; keeps collections and indexes. */
  reset(): void {
    resetAll();
  },
  /** Closes the database; the next call reopens it. */
  close(): void {
    closeStore();
  },
};

export type Local = typeof local;

/** The default export mirrors wx-server-sdk's CommonJS module object. */
const cloud = {
  DYNAMIC_CURRENT_ENV,
  init,
  database,
  getWXContext,
  openapi,
  uploadFile,
  getTempFileURL,
  deleteFile,
  callFunction,
  downloadFile,
  getOpenData,
  getVoIPSign,
  logger,
  CloudID,
};

export default cloud;
