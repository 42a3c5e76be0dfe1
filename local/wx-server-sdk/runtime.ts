// Process-wide state of the stand-in, like the real SDK's module singleton: where the data lives, the open store
// (opened lazily on first use, so importing the module never touches the disk), and the env given to init().

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Store } from './store';

export const MEMORY = ':memory:';

let dataDir: string = process.env.DATA_DIR || '.data';
let store: Store | null = null;
let env: string | undefined;
const resetHooks: (() => void)[] = [];
const configureHooks: (() => void)[] = [];

export interface LocalConfig {
  /** Directory holding db.sqlite and files/; ':memory:' keeps everything in memory (tests). */
  dataDir?: string;
}

/** Closes the open store (an in-memory one is thereby discarded) and points at `config.dataDir`. */
export function configure(config: LocalConfig): void {
  closeStore();
  if (config.dataDir !== undefined) dataDir = config.dataDir;
  for (const hook of configureHooks) hook();
}

export function getDataDir(): string {
  return dataDir;
}

/** Absolute directory of uploaded files, or null when the data lives in memory. */
export function filesDir(): string | null {
  return dataDir === MEMORY ? null : resolve(dataDir, 'files');
}

export function getStore(): Store {
  if (!store) {
    if (dataDir === MEMORY) {
      store = new Store(MEMORY);
    } else {
      mkdirSync(dataDir, { recursive: true });
      store = new Store(join(dataDir, 'db.sqlite'));
    }
  }
  return store;
}

/** The open store, once `collection` is known to exist (WeChat fails on a collection that was never created). */
export function storeFor(collection: string, api: string): Store {
  const open = getStore();
  open.requireCollection(collection, api);
  return open;
}

export function closeStore(): void {
  store?.close();
  store = null;
}

/** Modules holding in-process state (pending send failures, in-memory files) register how to clear it. */
export function onReset(hook: () => void): void {
  resetHooks.push(hook);
}

/** In-process state that belongs to the data (in-memory files) registers how to drop it on configure(). */
export function onConfigure(hook: () => void): void {
  configureHooks.push(hook);
}

export function resetAll(): void {
  getStore().reset();
  for (const hook of resetHooks) hook();
}

export function setEnv(value: string | undefined): void {
  env = value;
}

export function getEnv(): string {
  return env ?? 'local';
}
