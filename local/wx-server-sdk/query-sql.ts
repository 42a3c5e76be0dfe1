// Condition tree → SQL over `json_extract(doc, '$."path"')`, written so SQLite can use the expression indexes that
// local.ensureIndexes creates: a plain field compares the bare json_extract(...) with `=`, `IN` or a range.
//
// Array semantics (MongoDB/WeChat: `{ tags: 'a' }` matches tags: ['a', 'b']) need json_each, which no index can
// serve, so that form is emitted only for paths the collection has ever stored an array at (tracked by the store).
// Type guards keep comparisons inside one type as WeChat does (json_extract reads true as 1 and an object as its
// JSON text); they are added only where a collision is possible, so the common string/number/date cases stay bare.

import { STORED_DATE_MAX, STORED_DATE_MIN, STORED_STRING_MIN } from './codec';
import { isIdPath, jsonPathLiteral, quoteIdent, typeSql, valueSql } from './field-path';
import type { FieldPath } from './field-path';
import type { Cond, Operand, RangeOp, Test } from './query-parse';

export interface Sql {
  text: string;
  params: unknown[];
}

export interface Order {
  path: string[];
  dir: 'asc' | 'desc';
}

/** Value and JSON-type expressions of one candidate value: a document field or an element of an array. */
interface Ref {
  v: string;
  t: string;
}

const SQL_OP: Record<RangeOp, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** Name of the registered SQLite function that evaluates a regular expression (see store.ts). */
export const REGEXP_FUNCTION = 'stand_in_regexp';

export function whereSql(cond: Cond, arrayPaths: ReadonlySet<string>): Sql {
  const builder = new WhereBuilder(arrayPaths);
  const text = builder.cond(cond);
  return { text, params: builder.params };
}

/** ORDER BY with rowid as the final key: insertion order without orderBy, and a stable order among ties. */
function orderSql(orders: readonly Order[]): string {
  if (orders.length === 0) return 'rowid';
  const keys = orders.map((o) => `${valueSql(o.path)} ${o.dir === 'desc' ? 'DESC' : 'ASC'}`);
  return `${keys.join(', ')}, rowid ${orders[orders.length - 1]!.dir === 'desc' ? 'DESC' : 'ASC'}`;
}

export function selectSql(collection: string, where: Sql, orders: readonly Order[], limit: number, skip: number): Sql {
  return {
    text: `SELECT _id, doc FROM ${quoteIdent(collection)} WHERE ${where.text} ORDER BY ${orderSql(orders)} LIMIT ? OFFSET ?`,
    params: [...where.params, limit, skip],
  };
}

export function countSql(collection: string, where: Sql): Sql {
  return { text: `SELECT count(*) AS total FROM ${quoteIdent(collection)} WHERE ${where.text}`, params: where.params };
}

class WhereBuilder {
  readonly params: unknown[] = [];
  private aliasSeq = 0;

  constructor(private readonly arrayPaths: ReadonlySet<string>) {}

  // Parameters are pushed in the order the SQL text is produced; every template below keeps them in that order.
  private bind(value: unknown): string {
    this.params.push(value);
    return '?';
  }

  cond(c: Cond): string {
    switch (c.kind) {
      case 'and':
      case 'or': {
        if (c.items.length === 0) return c.kind === 'and' ? '1' : '0';
        const parts = c.items.map((item) => this.cond(item));
        return parts.length === 1 ? parts[0]! : `(${parts.join(c.kind === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        // IS NOT 1 (rather than NOT) so a missing field, whose comparison is NULL, counts as "not equal".
        return `(${this.cond(c.item)}) IS NOT 1`;
      case 'field':
        if (isIdPath(c.path)) return this.test({ v: '_id', t: `'text'` }, c.test);
        return this.walk('doc', [], c.path, 1, c.test);
    }
  }

  /**
   * Candidates for `rest` (a path relative to the JSON in `source`, which sits at `consumed` in the document):
   * the test holds if it holds for the value reached directly, or, where the path crosses a stored array, for any
   * element. `from` is the shortest prefix of `rest` still to be checked for an array.
   */
  private walk(source: string, consumed: string[], rest: string[], from: number, test: Test): string {
    let cut = -1;
    for (let k = from; k <= rest.length; k++) {
      if (this.arrayPaths.has([...consumed, ...rest.slice(0, k)].join('.'))) {
        cut = k;
        break;
      }
    }
    // exists() is about the field itself, so an array at the end of the path needs no element scan.
    if (cut < 0 || (cut === rest.length && test.op === 'exists')) return this.test(ref(source, rest), test);

    const head = rest.slice(0, cut);
    const tail = rest.slice(cut);
    const alias = `j${++this.aliasSeq}`;
    const isArray = `${typeSql(head, source)} = 'array'`;
    const elements = `json_each(${source}, ${jsonPathLiteral(head)}) AS ${alias}`;
    if (tail.length === 0) {
      const direct = this.test(ref(source, head), test);
      const element = this.test({ v: `${alias}.value`, t: `${alias}.type` }, test);
      return `(${direct} OR (${isArray} AND EXISTS (SELECT 1 FROM ${elements} WHERE ${element})))`;
    }
    const direct = this.walk(source, consumed, rest, cut + 1, test);
    const element = this.walk(`${alias}.value`, [...consumed, ...head], tail, 1, test);
    // CASE, not AND: json_extract on a non-JSON element (a plain string) would raise an error, and only CASE is
    // guaranteed to skip evaluating its branch.
    return (
      `((${typeSql(head, source)} IS NOT 'array' AND ${direct}) OR (${isArray} AND EXISTS (SELECT 1 FROM ${elements}` +
      ` WHERE CASE WHEN ${alias}.type = 'object' THEN ${element} ELSE 0 END)))`
    );
  }

  private test(r: Ref, test: Test): string {
    switch (test.op) {
      case 'eq':
        return this.eq(r, test.value);
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return this.range(r, test.op, test.value);
      case 'in':
        return this.in(r, test.values);
      case 'exists':
        return `${r.t} IS NOT NULL`;
      case 'regex':
        return `(${r.t} = 'text' AND ${REGEXP_FUNCTION}(${r.v}, ${this.bind(test.source)}, ${this.bind(test.flags)}))`;
    }
  }

  private eq(r: Ref, o: Operand): string {
    switch (o.t) {
      case 'null': // matches null and missing, as in WeChat
        return `${r.v} IS NULL`;
      case 'bool':
        return `(${r.v} = ${o.v ? 1 : 0} AND ${r.t} = '${o.v}')`;
      case 'num':
        return o.v === 0 || o.v === 1
          ? `(${r.v} = ${this.bind(o.v)} AND ${r.t} IN ('integer', 'real'))`
          : `${r.v} = ${this.bind(o.v)}`;
      case 'str':
        return looksLikeJson(o.v) ? `(${r.v} = ${this.bind(o.v)} AND ${r.t} = 'text')` : `${r.v} = ${this.bind(o.v)}`;
      case 'date':
        return `${r.v} = ${this.bind(o.v)}`;
      case 'json':
        return `(${r.t} = '${o.kind}' AND ${r.v} = json(${this.bind(o.v)}))`;
    }
  }

  private in(r: Ref, values: readonly Operand[]): string {
    // Operands that need no type guard go into one IN list, which an index serves; the rest are ORed equalities.
    const plain = values.filter(isPlainOperand);
    const guarded = values.filter((v) => !isPlainOperand(v));
    const parts: string[] = [];
    if (plain.length > 0) parts.push(`${r.v} IN (${plain.map((v) => this.bind((v as { v: unknown }).v)).join(', ')})`);
    for (const v of guarded) parts.push(this.eq(r, v));
    if (parts.length === 0) return '0';
    return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
  }

  private range(r: Ref, op: RangeOp, o: Operand): string {
    const below = op === 'lt' || op === 'lte';
    if (o.t === 'bool') return `(${r.t} IN ('true', 'false') AND ${r.v} ${SQL_OP[op]} ${o.v ? 1 : 0})`;
    if (o.t === 'null' || o.t === 'json') throw new Error(`unreachable: range on ${o.t}`); // rejected by the parser
    const cmp = `${r.v} ${SQL_OP[op]} ${this.bind(o.v)}`;
    switch (o.t) {
      case 'num': {
        // SQLite sorts every number below every text, so `< ''` closes an upward range to numbers only; booleans
        // read back as 0/1 and are excluded when the range could include those.
        const upper = below ? '' : ` AND ${r.v} < ''`;
        const booleans = inRange(op, o.v, 0) || inRange(op, o.v, 1) ? ` AND ${r.t} NOT IN ('true', 'false')` : '';
        return `(${cmp}${upper}${booleans})`;
      }
      case 'str': {
        // Stored dates sort below every string; objects and arrays read back as JSON text starting with { or [.
        const lower = ` AND ${r.v} >= ${this.bind(STORED_STRING_MIN)}`;
        const jsonText = !below || o.v > '[' ? ` AND ${r.t} = 'text'` : '';
        return `(${cmp}${lower}${jsonText})`;
      }
      case 'date':
        return below
          ? `(${cmp} AND ${r.v} >= ${this.bind(STORED_DATE_MIN)})`
          : `(${cmp} AND ${r.v} < ${this.bind(STORED_DATE_MAX)})`;
    }
  }
}

function ref(source: string, path: FieldPath): Ref {
  return { v: valueSql(path, source), t: typeSql(path, source) };
}

function looksLikeJson(s: string): boolean {
  return s.startsWith('{') || s.startsWith('[');
}

function isPlainOperand(o: Operand): boolean {
  return o.t === 'date' || (o.t === 'str' && !looksLikeJson(o.v)) || (o.t === 'num' && o.v !== 0 && o.v !== 1);
}

function inRange(op: RangeOp, bound: number, x: number): boolean {
  switch (op) {
    case 'gt':
      return x > bound;
    case 'gte':
      return x >= bound;
    case 'lt':
      return x < bound;
    case 'lte':
      return x <= bound;
  }
}
