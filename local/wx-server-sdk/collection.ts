// `db.collection(name)` and what hangs off it: immutable query builders (each call returns a new query, as in the
// real SDK), document references, and their operations on the store.

import { applyProjection, parseProjection } from './projection';
import type { Projection } from './projection';
import { decodeDocText, withId } from './codec';
import { invalidParam, missingDocument, unsupported } from './errors';
import { runOperation } from './invocation';
import { parseFieldPath, quoteIdent } from './field-path';
import { parseWhere } from './query-parse';
import type { Cond } from './query-parse';
import { countSql, selectSql, whereSql } from './query-sql';
import type { Order, Sql } from './query-sql';
import { storeFor } from './runtime';
import type { Store } from './store';
import { updatedDoc } from './update-apply';
import { checkDocId, readAddInput, readBatchAddInput, readSetInput, readUpdateInput } from './write-input';

/** A function's `get` returns at most 100 records (WeChat caps it; the client gets 20). */
export const MAX_LIMIT = 100;

const MATCH_ALL: Cond = { kind: 'and', items: [] };

interface QueryState {
  readonly collection: string;
  readonly cond?: Cond;
  readonly orders: readonly Order[];
  readonly limit?: number;
  readonly skip?: number;
  readonly projection?: Projection;
}

interface Row {
  _id: string;
  doc: string;
}

export type DocumentData = Record<string, unknown>;

export class Query {
  /** @internal */
  protected readonly state: QueryState;

  /** @internal */
  constructor(state: QueryState) {
    this.state = state;
  }

  get collectionName(): string {
    return this.state.collection;
  }

  where(query: object): Query {
    // The real SDK silently keeps only the last where(); code relying on a merge would be wrong in WeChat.
    if (this.state.cond) throw unsupported('calling where() twice on one query (WeChat keeps only the last one)');
    return new Query({ ...this.state, cond: parseWhere(query, Date.now()) });
  }

  orderBy(fieldPath: string, order: 'asc' | 'desc'): Query {
    const path = parseFieldPath(fieldPath, 'collection.orderBy');
    if (order !== 'asc' && order !== 'desc') throw invalidParam('collection.orderBy', `order must be "asc" or "desc", got ${String(order)}`);
    // Ordering by the same field again changes its direction in place, as the real SDK's merged order object does.
    const key = path.join('.');
    const orders = this.state.orders.some((o) => o.path.join('.') === key)
      ? this.state.orders.map((o) => (o.path.join('.') === key ? { path, dir: order } : o))
      : [...this.state.orders, { path, dir: order }];
    return new Query({ ...this.state, orders });
  }

  limit(max: number): Query {
    if (!Number.isInteger(max) || max < 0) throw invalidParam('collection.limit', 'limit must be a non-negative integer');
    return new Query({ ...this.state, limit: max });
  }

  skip(offset: number): Query {
    if (!Number.isInteger(offset) || offset < 0) throw invalidParam('collection.skip', 'skip must be a non-negative integer');
    return new Query({ ...this.state, skip: offset });
  }

  field(projection: object): Query {
    return new Query({ ...this.state, projection: parseProjection(projection, 'collection.field') });
  }

  get(options?: object): Promise<{ data: DocumentData[]; errMsg: string }> {
    return runOperation('collection.get', options, () => {
      const store = storeFor(this.state.collection, 'collection.get');
      const rows = store.all<Row>(this.toSelectSql(store));
      const projection = this.state.projection;
      const data = rows.map((row) => {
        const doc = withId(row._id, decodeDocText(row.doc));
        return projection ? applyProjection(doc, projection) : doc;
      });
      return { data, errMsg: 'collection.get:ok' };
    }, this.collectionName);
  }

  /** Counts every match; limit and skip do not apply (as in WeChat). */
  count(options?: object): Promise<{ total: number; errMsg: string }> {
    return runOperation('collection.count', options, () => {
      const store = storeFor(this.state.collection, 'collection.count');
      const row = store.get<{ total: number }>(countSql(this.state.collection, this.whereOf(store)));
      return { total: row?.total ?? 0, errMsg: 'collection.count:ok' };
    }, this.collectionName);
  }

  /** Updates every match (a function may). `stats.updated` counts records whose content changed, as MongoDB's. */
  update(options: { data: object }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const api = 'collection.update';
    return runOperation(api, options, () => {
      this.refuseWindow(api);
      const steps = readUpdateInput(options, api, Date.now());
      const coll = this.state.collection;
      const store = storeFor(coll, api);
      const updated = store.write(() => {
        let count = 0;
        for (const row of store.all<Row>(selectSql(coll, this.whereOf(store), [], -1, 0))) {
          const changed = updatedDoc(row.doc, steps, api);
          if (!changed) continue;
          store.replaceDoc(coll, row._id, changed.doc, changed.text);
          count++;
        }
        return count;
      });
      return { stats: { updated }, errMsg: `${api}:ok` };
    }, this.collectionName);
  }

  remove(options?: object): Promise<{ stats: { removed: number }; errMsg: string }> {
    const api = 'collection.remove';
    return runOperation(api, options, () => {
      this.refuseWindow(api);
      const store = storeFor(this.state.collection, api);
      const where = this.whereOf(store);
      const removed = store.write(() =>
        store.run({ text: `DELETE FROM ${quoteIdent(this.state.collection)} WHERE ${where.text}`, params: where.params }),
      );
      return { stats: { removed }, errMsg: `${api}:ok` };
    }, this.collectionName);
  }

  watch(): never {
    throw unsupported('watch()');
  }

  /** @internal The SQL this query's get() runs, for local.explain(). */
  toSelectSql(store: Store): Sql {
    // limit(0) counts as unset, like the real SDK; anything above the cap is clamped to it.
    const limit = this.state.limit ? Math.min(this.state.limit, MAX_LIMIT) : MAX_LIMIT;
    return selectSql(this.state.collection, this.whereOf(store), this.state.orders, limit, this.state.skip ?? 0);
  }

  private whereOf(store: Store): Sql {
    return whereSql(this.state.cond ?? MATCH_ALL, store.arrayPathsOf(this.state.collection));
  }

  /**
   * WeChat ignores orderBy/limit/skip on update and remove and touches every match; code that sets them almost
   * certainly meant fewer records, so the stand-in refuses instead of silently widening the write.
   */
  private refuseWindow(api: string): void {
    const s = this.state;
    if (s.orders.length > 0 || s.limit !== undefined || s.skip !== undefined) {
      throw unsupported(`orderBy()/limit()/skip() before ${api} (WeChat ignores them and writes every match)`);
    }
  }
}

export class CollectionReference extends Query {
  constructor(name: string) {
    super({ collection: name, orders: [] });
  }

  doc(id: string): DocumentReference {
    checkDocId(id, 'collection.doc');
    return new DocumentReference(this.collectionName, id);
  }

  /**
   * `data` may be an array (wx-server-sdk sends it as one insertDocument request and answers `_ids`). Locally the
   * batch is all-or-nothing; callers must not count on that, since the cloud may keep the records before a failure.
   */
  add(options: { data: object[] }): Promise<{ _ids: string[]; errMsg: string }>;
  add(options: { data: object }): Promise<{ _id: string; errMsg: string }>;
  add(options: { data: object | object[] }): Promise<{ _id: string; errMsg: string } | { _ids: string[]; errMsg: string }> {
    const api = 'collection.add';
    return runOperation(api, options, () => {
      const now = Date.now();
      const batch = readBatchAddInput(options, api, now);
      const records = batch ?? [readAddInput(options, api, now)];
      const store = storeFor(this.collectionName, api);
      store.write(() => {
        for (const { id, doc } of records) store.insertDoc(this.collectionName, id, doc);
      });
      return batch ? { _ids: records.map((r) => r.id), errMsg: `${api}:ok` } : { _id: records[0]!.id, errMsg: `${api}:ok` };
    }, this.collectionName);
  }

  aggregate(): never {
    throw unsupported('collection.aggregate()');
  }
}

export class DocumentReference {
  constructor(
    readonly collectionName: string,
    readonly _id: string,
    private readonly projection?: Projection,
  ) {}

  field(projection: object): DocumentReference {
    return new DocumentReference(this.collectionName, this._id, parseProjection(projection, 'document.field'));
  }

  /** Rejects with "document with _id … does not exist" when missing, like WeChat. */
  get(options?: object): Promise<{ data: DocumentData; errMsg: string }> {
    const api = 'document.get';
    return runOperation(api, options, () => {
      const text = storeFor(this.collectionName, api).readDoc(this.collectionName, this._id);
      if (text === undefined) throw missingDocument(api, this._id);
      const doc = withId(this._id, decodeDocText(text));
      return { data: this.projection ? applyProjection(doc, this.projection) : doc, errMsg: `${api}:ok` };
    }, this.collectionName);
  }

  /** Replaces the whole record, creating it when missing. */
  set(options: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number }; errMsg: string }> {
    const api = 'document.set';
    return runOperation(api, options, () => {
      const doc = readSetInput(options, api, Date.now());
      const store = storeFor(this.collectionName, api);
      const stats = store.write(() => {
        const before = store.readDoc(this.collectionName, this._id);
        if (before === undefined) {
          store.insertDoc(this.collectionName, this._id, doc);
          return { updated: 0, created: 1 };
        }
        const text = JSON.stringify(doc);
        if (text === before) return { updated: 0, created: 0 };
        store.replaceDoc(this.collectionName, this._id, doc, text);
        return { updated: 1, created: 0 };
      });
      return { _id: this._id, stats, errMsg: `${api}:ok` };
    }, this.collectionName);
  }

  /** Partial update; `stats.updated` is 0 when the record is missing (no error) or unchanged. */
  update(options: { data: object }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const api = 'document.update';
    return runOperation(api, options, () => {
      const steps = readUpdateInput(options, api, Date.now());
      const store = storeFor(this.collectionName, api);
      const updated = store.write(() => {
        const before = store.readDoc(this.collectionName, this._id);
        const changed = before === undefined ? undefined : updatedDoc(before, steps, api);
        if (!changed) return 0;
        store.replaceDoc(this.collectionName, this._id, changed.doc, changed.text);
        return 1;
      });
      return { stats: { updated }, errMsg: `${api}:ok` };
    }, this.collectionName);
  }

  remove(options?: object): Promise<{ stats: { removed: number }; errMsg: string }> {
    const api = 'document.remove';
    return runOperation(api, options, () => {
      const store = storeFor(this.collectionName, api);
      const removed = store.write(() => store.deleteDoc(this.collectionName, this._id));
      return { stats: { removed }, errMsg: `${api}:ok` };
    }, this.collectionName);
  }

  watch(): never {
    throw unsupported('watch()');
  }
}
