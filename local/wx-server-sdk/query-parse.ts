// `where(...)` argument → condition tree. Follows the real SDK's reading of a query: an object ANDs its fields;
// a nested plain object means "match these nested fields" (flattened to dot paths), never whole-object equality;
// `_.and` / `_.or` combine query objects at the top level and query commands under a field.

import { LogicCommand, QueryCommand, UpdateCommand } from './commands';
import { DbRegExp, encodeString, encodeValue, isDate, isNativeRegExp, isPlainObject, ServerDate } from './codec';
import type { EncodeContext } from './codec';
import { invalidParam, unsupported } from './errors';
import { parseFieldPath } from './field-path';

/** A query operand, typed so that SQL generation can keep comparisons within one type as WeChat does. */
export type Operand =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'num'; v: number }
  | { t: 'str'; v: string } // encoded as stored
  | { t: 'date'; v: string } // encoded as stored
  | { t: 'json'; kind: 'array' | 'object'; v: string }; // JSON text of the stored form

export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';

export type Test =
  | { op: 'eq'; value: Operand }
  | { op: RangeOp; value: Operand }
  | { op: 'in'; values: Operand[] }
  | { op: 'exists' }
  | { op: 'regex'; source: string; flags: string };

export type Cond =
  | { kind: 'and' | 'or'; items: Cond[] }
  | { kind: 'not'; item: Cond }
  | { kind: 'field'; path: string[]; test: Test };

const API = 'collection.where';

export function parseWhere(query: unknown, now: number): Cond {
  const ctx: EncodeContext = { api: API, now };
  if (query instanceof LogicCommand) return parseTopLogic(query, ctx);
  if (!isPlainObject(query)) throw invalidParam(API, 'the query must be an object');
  const keys = Object.keys(query);
  if (keys.length > 0 && keys.every((k) => query[k] === undefined)) {
    throw invalidParam(API, 'every field of the query is undefined');
  }
  return parseObject(query, [], ctx);
}

function parseTopLogic(cmd: LogicCommand, ctx: EncodeContext): Cond {
  if (cmd.items.length === 0) throw invalidParam(API, `_.${cmd.op}() needs at least one condition`);
  return {
    kind: cmd.op,
    items: cmd.items.map((item) => {
      if (item instanceof LogicCommand) return parseTopLogic(item, ctx);
      if (isPlainObject(item)) return parseObject(item, [], ctx);
      throw invalidParam(API, `a top-level _.${cmd.op}() takes query objects; put a query command under a field`);
    }),
  };
}

function parseObject(obj: Record<string, unknown>, prefix: string[], ctx: EncodeContext): Cond {
  const items: Cond[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue; // dropped, as the real SDK does
    items.push(parseFieldValue([...prefix, ...parseFieldPath(key, API)], value, ctx));
  }
  return items.length === 1 ? items[0]! : { kind: 'and', items };
}

function parseFieldValue(path: string[], value: unknown, ctx: EncodeContext): Cond {
  if (value instanceof QueryCommand) return parseCommand(path, value, ctx);
  if (value instanceof LogicCommand) {
    if (value.items.length === 0) throw invalidParam(API, `_.${value.op}() needs at least one condition`);
    return {
      kind: value.op,
      items: value.items.map((item) =>
        isPlainObject(item) ? parseObject(item, path, ctx) : parseFieldValue(path, item, ctx),
      ),
    };
  }
  if (value instanceof UpdateCommand) throw invalidParam(API, `the update command _.${value.op}() cannot be used in a query`);
  if (value instanceof DbRegExp) return field(path, { op: 'regex', source: value.regexp, flags: value.options });
  if (isNativeRegExp(value)) return field(path, { op: 'regex', source: value.source, flags: regexFlags(value.flags) });
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) throw unsupported(`matching "${path.join('.')}" against an empty object`);
    return parseObject(value, path, ctx);
  }
  return field(path, { op: 'eq', value: operand(value, ctx) });
}

function parseCommand(path: string[], cmd: QueryCommand, ctx: EncodeContext): Cond {
  switch (cmd.op) {
    case 'eq':
      return field(path, { op: 'eq', value: operand(cmd.operand, ctx) });
    case 'neq':
      return { kind: 'not', item: field(path, { op: 'eq', value: operand(cmd.operand, ctx) }) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const value = operand(cmd.operand, ctx);
      if (value.t === 'null' || value.t === 'json') throw unsupported(`_.${cmd.op}() with a ${value.t === 'null' ? 'null' : value.kind} operand`);
      return field(path, { op: cmd.op, value });
    }
    case 'in':
    case 'nin': {
      const values = (cmd.operand as unknown[]).map((v) => operand(v, ctx));
      const test = field(path, { op: 'in', values });
      return cmd.op === 'in' ? test : { kind: 'not', item: test };
    }
    case 'exists': {
      const test = field(path, { op: 'exists' });
      return cmd.operand ? test : { kind: 'not', item: test };
    }
  }
}

function field(path: string[], test: Test): Cond {
  return { kind: 'field', path, test };
}

/** JS RegExp flags that change matching and have a WeChat counterpart; g and y only affect lastIndex. */
function regexFlags(flags: string): string {
  const kept = flags.replace(/[gy]/g, '');
  if (!/^[imsu]*$/.test(kept)) throw unsupported(`RegExp flags "${flags}" in a query`);
  return kept;
}

function operand(v: unknown, ctx: EncodeContext): Operand {
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalidParam(API, `cannot compare with ${v}`);
    return { t: 'num', v };
  }
  if (typeof v === 'string') return { t: 'str', v: encodeString(v) };
  if (isDate(v) || v instanceof ServerDate) return { t: 'date', v: encodeValue(v, ctx) as string };
  if (Array.isArray(v)) return { t: 'json', kind: 'array', v: JSON.stringify(encodeValue(v, ctx)) };
  if (isPlainObject(v)) return { t: 'json', kind: 'object', v: JSON.stringify(encodeValue(v, ctx)) };
  if (v instanceof DbRegExp || isNativeRegExp(v)) throw unsupported('a RegExp inside a query command');
  if (v instanceof QueryCommand || v instanceof LogicCommand || v instanceof UpdateCommand) {
    throw invalidParam(API, 'a db.command cannot be the operand of another command');
  }
  throw unsupported(`a query operand of type ${typeof v}`);
}
