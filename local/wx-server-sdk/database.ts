// `cloud.database()`: the entry to collections, commands, serverDate, RegExp and transactions.

import { CollectionReference } from './collection';
import { createCommand } from './commands';
import type { Command } from './commands';
import { DbRegExp, ServerDate } from './codec';
import { ERR, sdkError, unsupported } from './errors';
import { runOperation } from './invocation';
import { getStore } from './runtime';
import { checkCollectionName } from './store';
import { runTransaction } from './transaction';
import type { Transaction } from './transaction';

export interface RegExpOptions {
  regexp: string;
  options?: string;
}

/** Callable with or without `new`, like the real `db.RegExp`. */
export interface DbRegExpConstructor {
  (init: RegExpOptions): DbRegExp;
  new (init: RegExpOptions): DbRegExp;
}

const RegExpFactory = function (init: RegExpOptions): DbRegExp {
  return new DbRegExp(init);
} as unknown as DbRegExpConstructor;

const sharedCommand = createCommand();

export class Database {
  readonly command: Command = sharedCommand;
  readonly RegExp: DbRegExpConstructor = RegExpFactory;

  constructor(readonly config: { env?: string } = {}) {}

  serverDate(options?: { offset?: number }): ServerDate {
    return new ServerDate(options);
  }

  collection(name: string): CollectionReference {
    checkCollectionName(name, 'db.collection');
    return new CollectionReference(name);
  }

  /** Rejects when the collection exists already, as WeChat does. */
  createCollection(name: string): Promise<{ errMsg: string }> {
    return runOperation('createCollection', undefined, () => {
      checkCollectionName(name, 'createCollection');
      if (!getStore().createCollection(name)) {
        throw sdkError('createCollection', `collection ${name} already exists`, ERR.DB_REQUEST_FAIL);
      }
      return { errMsg: 'createCollection:ok' };
    });
  }

  /** Resolves with what the callback returns; `retries` as in the real SDK (default 3). */
  runTransaction<T>(callback: (transaction: Transaction) => T | Promise<T>, retries?: number): Promise<T> {
    return runTransaction(callback, retries);
  }

  startTransaction(): Promise<never> {
    return Promise.reject(unsupported('db.startTransaction() (use runTransaction)'));
  }

  get Geo(): never {
    throw unsupported('db.Geo');
  }
}
