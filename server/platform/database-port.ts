// The subset of the WeChat cloud database our functions use, typed once. wx-server-sdk's own typings return
// callback-style unions (`string | void | IQueryResult`); the real SDK and the local stand-in both satisfy this.

export type Doc = Record<string, unknown>;

/** A query or update command (`_.gt(1)`, `_.inc(1)` …): opaque to our code. */
export type CommandValue = object;

export interface Command {
  eq(value: unknown): CommandValue;
  neq(value: unknown): CommandValue;
  gt(value: unknown): CommandValue;
  gte(value: unknown): CommandValue;
  lt(value: unknown): CommandValue;
  lte(value: unknown): CommandValue;
  in(values: readonly unknown[]): CommandValue;
  nin(values: readonly unknown[]): CommandValue;
  exists(present: boolean): CommandValue;
  and(...conditions: unknown[]): CommandValue;
  or(...conditions: unknown[]): CommandValue;
  inc(by: number): CommandValue;
  set(value: unknown): CommandValue;
  push(value: unknown): CommandValue;
  remove(): CommandValue;
}

export interface Query {
  where(condition: object): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  limit(max: number): Query;
  skip(offset: number): Query;
  field(projection: object): Query;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef {
  get(): Promise<{ data: Doc }>;
  set(options: { data: object }): Promise<{ stats: { updated: number; created: number } }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface CollectionRef extends Query {
  doc(id: string): DocumentRef;
  /** An array is one insert request (wx-server-sdk answers `_ids`); after a failure some records may be in. */
  add(options: { data: object[] }): Promise<{ _ids: string[] }>;
  add(options: { data: object }): Promise<{ _id: string }>;
}

export interface TransactionDocumentRef {
  get(): Promise<{ data: Doc }>;
  set(options: { data: object }): Promise<unknown>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<unknown>;
}

export interface Transaction {
  collection(name: string): { doc(id: string): TransactionDocumentRef; add(options: { data: object }): Promise<{ _id: string }> };
}

export interface Database {
  command: Command;
  collection(name: string): CollectionRef;
  serverDate(): object;
  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>): Promise<T>;
}
