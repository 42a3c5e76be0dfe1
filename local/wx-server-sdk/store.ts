// The SQLite file behind the stand-in: one table per collection (`_id TEXT PRIMARY KEY, doc TEXT NOT NULL`, the
// document as JSON without its _id), plus small bookkeeping tables whose names start with "_" (a collection name
// cannot). Every method is synchronous; writes run inside BEGIN IMMEDIATE transactions, so a read-modify-write
// is atomic against other callers in this process and against other processes on the same file.
//
// Insertion order is the rowid order. The store never runs VACUUM, which could renumber rowids.

import BetterSqlite3 from 'better-sqlite3';
import { isPlainObject, storedStringText } from './codec';
import type { StoredDoc, StoredValue } from './codec';
import { ERR, invalidParam, sdkError } from './errors';
import { parseFieldPath, quoteIdent, valueSql } from './field-path';
import { REGEXP_FUNCTION } from './query-sql';
import type { Sql } from './query-sql';

export interface IndexDecl {
  collection: string;
  /** Dot paths, ascending. */
  fields: string[];
  unique?: boolean;
}

/** WeChat's rule for collection names; it also keeps them clear of the store's own "_" tables. */
const COLLECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,32}$/;
const STATEMENT_CACHE_SIZE = 256;
const BUSY_TIMEOUT_MS = 5000;

export function checkCollectionName(name: unknown, api: string): asserts name is string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw invalidParam(api, `invalid collection name ${JSON.stringify(name)} (2–33 letters, digits, _ or -)`);
  }
}

export class Store {
  private readonly db: BetterSqlite3.Database;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly collections = new Set<string>();
  /** Per collection, every dot path that has ever held an array (see query-sql.ts for why). */
  private readonly arrayPaths = new Map<string, Set<string>>();
  private dataVersion = -1;
  private readonly transaction: BetterSqlite3.Transaction<(fn: () => unknown) => unknown>;

  constructor(file: string) {
    this.db = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    // With WAL, NORMAL makes a commit durable against a crash of this process (not against power loss).
    this.db.pragma('synchronous = NORMAL');
    this.db.function(REGEXP_FUNCTION, { deterministic: true }, regexpMatch);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _array_paths (
        collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS _outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, touser TEXT NOT NULL,
        template_id TEXT NOT NULL, payload TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS _delayed_tasks (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, due_at INTEGER NOT NULL, function_name TEXT NOT NULL, data TEXT NOT NULL);
    `);
    this.transaction = this.db.transaction((fn: () => unknown) => fn());
    this.syncExternalChanges();
  }

  /** A cached prepared statement (small LRU: queries with different shapes produce different SQL). */
  statement(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      this.statements.delete(sql);
    } else {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, stmt);
    return stmt;
  }

  all<Row>(sql: Sql): Row[] {
    return this.statement(sql.text).all(...sql.params) as Row[];
  }

  get<Row>(sql: Sql): Row | undefined {
    return this.statement(sql.text).get(...sql.params) as Row | undefined;
  }

  run(sql: Sql): number {
    return this.statement(sql.text).run(...sql.params).changes;
  }

  /** Runs `fn` in one BEGIN IMMEDIATE transaction (a savepoint when nested); a throw rolls everything back. */
  write<T>(fn: () => T): T {
    return this.transaction.immediate(fn) as T;
  }

  /**
   * Another connection (a seed script, a second server) may have created collections or stored arrays at new
   * paths; PRAGMA data_version changes exactly when another connection commits, so reloading is cheap to decide.
   */
  syncExternalChanges(): void {
    const version = this.statement('PRAGMA data_version').pluck().get() as number;
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.collections.clear();
    const tables = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    for (const name of tables) if (COLLECTION_NAME.test(name)) this.collections.add(name);
    this.arrayPaths.clear();
    const rows = this.db.prepare('SELECT collection, path FROM _array_paths').all() as { collection: string; path: string }[];
    for (const row of rows) this.arrayPathSet(row.collection).add(row.path);
  }

  hasCollection(name: string): boolean {
    this.syncExternalChanges();
    return this.collections.has(name);
  }

  /** WeChat fails on a collection that was never created; so does the stand-in (create it with createCollection or ensureIndexes). */
  requireCollection(name: string, api: string): void {
    if (!this.hasCollection(name)) {
      throw sdkError(
        api,
        `database collection not exists. [ResourceNotFound] Db or Table not exist: ${name} ` +
          `(locally: db.createCollection('${name}'), local.ensureCollections or local.ensureIndexes)`,
        ERR.COLLECTION_NOT_EXIST,
      );
    }
  }

  /** Returns false when the collection already existed. */
  createCollection(name: string): boolean {
    if (this.hasCollection(name)) return false;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    this.collections.add(name);
    return true;
  }

  arrayPathsOf(collection: string): ReadonlySet<string> {
    return this.arrayPaths.get(collection) ?? EMPTY_SET;
  }

  readDoc(collection: string, id: string): string | undefined {
    return this.statement(`SELECT doc FROM ${quoteIdent(collection)} WHERE _id = ?`).pluck().get(id) as string | undefined;
  }

  /** Must run inside write(): the array-path bookkeeping commits or rolls back with the document. */
  insertDoc(collection: string, id: string, doc: StoredDoc): void {
    this.noteArrays(collection, doc);
    this.statement(`INSERT INTO ${quoteIdent(collection)} (_id, doc) VALUES (?, ?)`).run(id, JSON.stringify(doc));
  }

  /** Must run inside write(). `text` is JSON.stringify(doc) when the caller already has it. */
  replaceDoc(collection: string, id: string, doc: StoredDoc, text: string = JSON.stringify(doc)): void {
    this.noteArrays(collection, doc);
    this.statement(`UPDATE ${quoteIdent(collection)} SET doc = ? WHERE _id = ?`).run(text, id);
  }

  deleteDoc(collection: string, id: string): number {
    return this.statement(`DELETE FROM ${quoteIdent(collection)} WHERE _id = ?`).run(id).changes;
  }

  private noteArrays(collection: string, doc: StoredDoc): void {
    const known = this.arrayPathSet(collection);
    const found: string[] = [];
    collectArrayPaths(doc, '', found);
    for (const path of found) {
      if (known.has(path)) continue;
      this.statement('INSERT OR IGNORE INTO _array_paths (collection, path) VALUES (?, ?)').run(collection, path);
      known.add(path); // harmless if the write later rolls back: it only makes queries on that path more general
    }
  }

  private arrayPathSet(collection: string): Set<string> {
    let set = this.arrayPaths.get(collection);
    if (!set) this.arrayPaths.set(collection, (set = new Set()));
    return set;
  }

  /** Creates the collections and their expression indexes (idempotent). */
  ensureIndexes(decls: readonly IndexDecl[]): void {
    const api = 'local.ensureIndexes';
    this.write(() => {
      for (const decl of decls) {
        checkCollectionName(decl.collection, api);
        if (!Array.isArray(decl.fields) || decl.fields.length === 0) throw invalidParam(api, 'fields must be a non-empty array');
        const exprs = decl.fields.map((f) => valueSql(parseFieldPath(f, api)));
        this.createCollection(decl.collection);
        if (decl.fields.length === 1 && decl.fields[0] === '_id') continue; // the primary key already is one
        const name = `${decl.unique ? 'ux' : 'ix'}:${decl.collection}:${decl.fields.join(',')}`;
        this.db.exec(
          `CREATE ${decl.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(name)} ` +
            `ON ${quoteIdent(decl.collection)} (${exprs.join(', ')})`,
        );
        // MongoDB (WeChat's database) indexes a missing field as null and a unique index counts nulls as equal, so
        // two records without the field collide; SQLite's NULLs are all distinct. This partial index holds only
        // records missing some field and makes them collide the MongoDB way (a blob never comes out of json_extract).
        if (decl.unique) {
          this.db.exec(
            `CREATE UNIQUE INDEX IF NOT EXISTS ${quoteIdent(`uxnull:${decl.collection}:${decl.fields.join(',')}`)} ` +
              `ON ${quoteIdent(decl.collection)} (${exprs.map((e) => `ifnull(${e}, x'00')`).join(', ')}) ` +
              `WHERE ${exprs.map((e) => `${e} IS NULL`).join(' OR ')}`,
          );
        }
      }
    });
  }

  /** Rows inserted, updated or deleted through this connection so far (SQLite total_changes()). */
  totalChanges(): number {
    return this.db.prepare('SELECT total_changes() AS n').pluck().get() as number;
  }

  /** The EXPLAIN QUERY PLAN lines for a statement. */
  explain(sql: Sql): string[] {
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql.text}`).all(...sql.params) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  /** Deletes every document, the outbox, delayed tasks and the array-path bookkeeping; keeps collections and indexes. */
  reset(): void {
    this.syncExternalChanges();
    this.write(() => {
      for (const name of this.collections) this.db.exec(`DELETE FROM ${quoteIdent(name)}`);
      this.db.exec('DELETE FROM _array_paths; DELETE FROM _outbox; DELETE FROM _delayed_tasks');
    });
    this.arrayPaths.clear();
  }

  close(): void {
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/** Dot paths of every array in the document, descending into arrays of objects without an index ('items.tags'). */
function collectArrayPaths(node: StoredValue, prefix: string, out: string[]): void {
  if (Array.isArray(node)) {
    for (const el of node) if (isPlainObject(el)) collectArrayPaths(el, prefix, out);
    return;
  }
  if (!isPlainObject(node)) return;
  for (const key of Object.keys(node)) {
    const value = (node as StoredDoc)[key]!;
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) out.push(path);
    if (value !== null && typeof value === 'object') collectArrayPaths(value, path, out);
  }
}

const regexCache = new Map<string, RegExp>();

/** SQLite function behind db.RegExp: matches stored strings only (never dates). */
function regexpMatch(value: unknown, source: unknown, flags: unknown): number {
  if (typeof value !== 'string' || typeof source !== 'string' || typeof flags !== 'string') return 0;
  const text = storedStringText(value);
  if (text === null) return 0;
  const key = `${flags}/${source}`;
  let re = regexCache.get(key);
  if (!re) {
    if (regexCache.size >= 500) regexCache.clear();
    re = new RegExp(source, flags);
    regexCache.set(key, re);
  }
  return re.test(text) ? 1 : 0;
}
