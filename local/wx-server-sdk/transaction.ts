// `db.runTransaction(async (transaction) => …)`: documents by id only, as in WeChat.
//
// Optimistic concurrency, because the callback is async and other callers interleave at every await: the first
// touch of a document records its stored text; writes go to a private working copy; at commit, inside one
// synchronous BEGIN IMMEDIATE transaction, every recorded document is checked unchanged and the working copies
// are written. If another caller changed one meanwhile, the callback runs again on fresh data (bounded, like the
// real SDK's retries), so two concurrent increments of one counter both land. A throw in the callback writes
// nothing and rejects with that error.

import { decodeValue, withId } from './codec';
import type { StoredDoc } from './codec';
import { ERR, invalidParam, missingDocument, sdkError, toOperationError, unsupported } from './errors';
import { roundTrip, runOperation } from './invocation';
import { getStore, storeFor } from './runtime';
import { checkCollectionName } from './store';
import type { Store } from './store';
import { updatedDoc } from './update-apply';
import { checkDocId, readAddInput, readSetInput, readUpdateInput } from './write-input';

/** The real SDK retries a conflicting transaction 3 times by default. */
const DEFAULT_RETRIES = 3;

interface Entry {
  collection: string;
  id: string;
  /** Stored text when first touched (null: did not exist). */
  base: string | null;
  /** Working copy (null: absent). */
  current: StoredDoc | null;
  dirty: boolean;
}

class TransactionState {
  private readonly entries = new Map<string, Entry>();
  finished = false;
  aborted = false;
  abortReason: unknown;

  checkOpen(api: string): void {
    if (this.finished) throw invalidParam(api, 'the transaction has already finished');
    if (this.aborted) throw invalidParam(api, 'the transaction has been rolled back');
  }

  entry(collection: string, id: string, api: string): Entry {
    const key = `${collection}\u0000${id}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const base = storeFor(collection, api).readDoc(collection, id) ?? null;
      entry = { collection, id, base, current: base === null ? null : (JSON.parse(base) as StoredDoc), dirty: false };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** True when another caller has changed a document this transaction has seen. */
  isStale(store: Store): boolean {
    for (const e of this.entries.values()) {
      if ((store.readDoc(e.collection, e.id) ?? null) !== e.base) return true;
    }
    return false;
  }

  /** Writes everything or nothing; false on a conflict. */
  commit(): boolean {
    const store = getStore();
    return store.write(() => {
      if (this.isStale(store)) return false;
      for (const e of this.entries.values()) {
        if (!e.dirty) continue;
        if (e.current === null) {
          if (e.base !== null) store.deleteDoc(e.collection, e.id);
        } else if (e.base === null) {
          store.insertDoc(e.collection, e.id, e.current);
        } else {
          const text = JSON.stringify(e.current);
          if (text !== e.base) store.replaceDoc(e.collection, e.id, e.current, text);
        }
      }
      return true;
    });
  }
}

export class Transaction {
  /** @internal */
  constructor(private readonly state: TransactionState) {}

  collection(name: string): TransactionCollection {
    checkCollectionName(name, 'transaction.collection');
    return new TransactionCollection(this.state, name);
  }

  /** Ends the transaction without writing; runTransaction then rejects with `reason`, as in the real SDK. */
  rollback(reason?: unknown): Promise<void> {
    return runOperation('transaction.rollback', undefined, () => {
      this.state.checkOpen('transaction.rollback');
      this.state.aborted = true;
      this.state.abortReason = reason;
    });
  }
}

function queryNotSupported(what: string): (...args: unknown[]) => never {
  return () => {
    throw unsupported(`${what} inside a transaction (a query; transactions work on documents by id)`);
  };
}

export class TransactionCollection {
  /** @internal */
  constructor(
    private readonly state: TransactionState,
    readonly collectionName: string,
  ) {}

  readonly where = queryNotSupported('where()');
  readonly orderBy = queryNotSupported('orderBy()');
  readonly limit = queryNotSupported('limit()');
  readonly skip = queryNotSupported('skip()');
  readonly field = queryNotSupported('field()');
  readonly get = queryNotSupported('collection.get()');
  readonly count = queryNotSupported('collection.count()');
  readonly update = queryNotSupported('collection.update()');
  readonly remove = queryNotSupported('collection.remove()');
  readonly aggregate = queryNotSupported('aggregate()');
  readonly watch = queryNotSupported('watch()');

  doc(id: string): TransactionDocument {
    checkDocId(id, 'collection.doc');
    return new TransactionDocument(this.state, this.collectionName, id);
  }

  add(options: { data: object }): Promise<{ _id: string; errMsg: string }> {
    const api = 'collection.add';
    return runOperation(api, options, () => {
      this.state.checkOpen(api);
      const { id, doc } = readAddInput(options, api, Date.now());
      const entry = this.state.entry(this.collectionName, id, api);
      if (entry.current !== null) throw sdkError(api, `[DuplicateWrite] E11000 duplicate key error (_id ${id})`, ERR.DB_REQUEST_FAIL);
      entry.current = doc;
      entry.dirty = true;
      return { _id: id, errMsg: `${api}:ok` };
    });
  }
}

export class TransactionDocument {
  /** @internal */
  constructor(
    private readonly state: TransactionState,
    readonly collectionName: string,
    readonly _id: string,
  ) {}

  get(): Promise<{ data: Record<string, unknown>; errMsg: string }> {
    const api = 'document.get';
    return runOperation(api, undefined, () => {
      this.state.checkOpen(api);
      const { current } = this.state.entry(this.collectionName, this._id, api);
      if (current === null) throw missingDocument(api, this._id);
      return { data: withId(this._id, decodeValue(current) as Record<string, unknown>), errMsg: `${api}:ok` };
    });
  }

  set(options: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number }; errMsg: string }> {
    const api = 'document.set';
    return runOperation(api, options, () => {
      this.state.checkOpen(api);
      const doc = readSetInput(options, api, Date.now());
      const entry = this.state.entry(this.collectionName, this._id, api);
      const created = entry.current === null ? 1 : 0;
      const updated = !created && JSON.stringify(doc) !== JSON.stringify(entry.current) ? 1 : 0;
      entry.current = doc;
      entry.dirty = true;
      return { _id: this._id, stats: { updated, created }, errMsg: `${api}:ok` };
    });
  }

  update(options: { data: object }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const api = 'document.update';
    return runOperation(api, options, () => {
      this.state.checkOpen(api);
      const steps = readUpdateInput(options, api, Date.now());
      const entry = this.state.entry(this.collectionName, this._id, api);
      const changed = entry.current === null ? undefined : updatedDoc(JSON.stringify(entry.current), steps, api);
      if (!changed) return { stats: { updated: 0 }, errMsg: `${api}:ok` };
      entry.current = changed.doc;
      entry.dirty = true;
      return { stats: { updated: 1 }, errMsg: `${api}:ok` };
    });
  }

  remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    const api = 'document.remove';
    return runOperation(api, undefined, () => {
      this.state.checkOpen(api);
      const entry = this.state.entry(this.collectionName, this._id, api);
      const removed = entry.current === null ? 0 : 1;
      entry.current = null;
      entry.dirty = true;
      return { stats: { removed }, errMsg: `${api}:ok` };
    });
  }
}

function pause(attempt: number): Promise<void> {
  // Jitter spreads the retries of callers that collided, so they do not collide again in lockstep.
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * (attempt + 1)));
}

export async function runTransaction<T>(callback: (transaction: Transaction) => T | Promise<T>, retries: number = DEFAULT_RETRIES): Promise<T> {
  if (typeof callback !== 'function') throw invalidParam('runTransaction', 'the callback must be a function');
  for (let attempt = 0; ; attempt++) {
    const state = new TransactionState();
    let result: T;
    try {
      result = await callback(new Transaction(state));
    } catch (error) {
      // A callback that tripped over data changed under it (an inconsistent read) deserves a fresh run too.
      const retry = attempt < retries && state.isStale(getStore());
      state.finished = true;
      if (retry) {
        await pause(attempt);
        continue;
      }
      throw error;
    }
    if (state.aborted) {
      state.finished = true;
      throw state.abortReason;
    }
    let committed: boolean;
    try {
      committed = await roundTrip('runTransaction', () => state.commit()); // the commit is a round trip too
    } catch (e) {
      throw toOperationError('runTransaction', e); // e.g. a unique index refusing an added record
    } finally {
      state.finished = true;
    }
    if (committed) return result;
    if (attempt >= retries) {
      throw sdkError('runTransaction', `database transaction conflict (gave up after ${retries + 1} attempts)`, ERR.DB_REQUEST_FAIL);
    }
    await pause(attempt);
  }
}
