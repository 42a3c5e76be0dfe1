// `db.command` (usually aliased `_`): the query and update operators. These objects only describe an operation;
// query-parse.ts and update-apply.ts give them meaning.

import { invalidParam, unsupported } from './errors';

export type QueryOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists';
export type LogicOp = 'and' | 'or';
export type UpdateOp = 'set' | 'remove' | 'inc' | 'push';

/** `_.and(a, b)` and `_.and([a, b])` mean the same, as in the real SDK. */
function expressions(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as unknown[])] : [...args];
}

abstract class Combinable {
  and(...exprs: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...expressions(exprs)]);
  }
  or(...exprs: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...expressions(exprs)]);
  }
}

/** `_.and(...)` / `_.or(...)`: of query objects at the top level, of query commands under a field. */
export class LogicCommand extends Combinable {
  constructor(
    readonly op: LogicOp,
    readonly items: readonly unknown[],
  ) {
    super();
  }
}

/** A comparison on one field; chaining another comparison ANDs it, like `_.gt(1).lt(5)`. */
export class QueryCommand extends Combinable {
  constructor(
    readonly op: QueryOp,
    readonly operand: unknown,
  ) {
    super();
  }
  eq(v: unknown): LogicCommand {
    return this.and(queryCommand('eq', v));
  }
  neq(v: unknown): LogicCommand {
    return this.and(queryCommand('neq', v));
  }
  gt(v: unknown): LogicCommand {
    return this.and(queryCommand('gt', v));
  }
  gte(v: unknown): LogicCommand {
    return this.and(queryCommand('gte', v));
  }
  lt(v: unknown): LogicCommand {
    return this.and(queryCommand('lt', v));
  }
  lte(v: unknown): LogicCommand {
    return this.and(queryCommand('lte', v));
  }
  in(v: unknown[]): LogicCommand {
    return this.and(queryCommand('in', v));
  }
  nin(v: unknown[]): LogicCommand {
    return this.and(queryCommand('nin', v));
  }
  exists(v: boolean): LogicCommand {
    return this.and(queryCommand('exists', v));
  }
}

/** An update operator on one field. */
export class UpdateCommand {
  constructor(
    readonly op: UpdateOp,
    readonly operand: unknown,
  ) {}
}

function queryCommand(op: QueryOp, operand: unknown): QueryCommand {
  if ((op === 'in' || op === 'nin') && !Array.isArray(operand)) {
    throw invalidParam(`db.command.${op}`, 'the argument must be an array');
  }
  if (op === 'exists' && typeof operand !== 'boolean') {
    throw invalidParam('db.command.exists', 'the argument must be a boolean');
  }
  return new QueryCommand(op, operand);
}

/** `_.push(v)`, `_.push(v1, v2)`, `_.push([v1, v2])` and `_.push({ each: [...] })`, as the real SDK reads them. */
function pushCommand(args: unknown[]): UpdateCommand {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first) && Object.hasOwn(first, 'each')) {
    const modifiers = first as Record<string, unknown>;
    for (const key of Object.keys(modifiers)) {
      if (key !== 'each') throw unsupported(`db.command.push with "${key}"`);
    }
    if (!Array.isArray(modifiers.each)) throw invalidParam('db.command.push', 'each must be an array');
    return new UpdateCommand('push', [...modifiers.each]);
  }
  if (args.length === 0) throw invalidParam('db.command.push', 'nothing to push');
  return new UpdateCommand('push', Array.isArray(first) ? [...first] : [...args]);
}

function notSupported(name: string): () => never {
  return () => {
    throw unsupported(`db.command.${name}`);
  };
}

export interface Command {
  eq(v: unknown): QueryCommand;
  neq(v: unknown): QueryCommand;
  gt(v: unknown): QueryCommand;
  gte(v: unknown): QueryCommand;
  lt(v: unknown): QueryCommand;
  lte(v: unknown): QueryCommand;
  in(v: unknown[]): QueryCommand;
  nin(v: unknown[]): QueryCommand;
  exists(v: boolean): QueryCommand;
  and(...exprs: unknown[]): LogicCommand;
  or(...exprs: unknown[]): LogicCommand;
  set(v: unknown): UpdateCommand;
  remove(): UpdateCommand;
  inc(n: number): UpdateCommand;
  push(...values: unknown[]): UpdateCommand;
  /** Operators of the real SDK the stand-in leaves out: calling one throws. */
  readonly [unsupportedOperator: string]: unknown;
}

const UNSUPPORTED_OPERATORS = [
  'mul', 'min', 'max', 'rename', 'bit', 'pop', 'shift', 'unshift', 'addToSet', 'pull', 'pullAll',
  'nor', 'not', 'mod', 'all', 'elemMatch', 'size', 'geoNear', 'geoWithin', 'geoIntersects', 'expr',
];

export function createCommand(): Command {
  const command: Record<string, unknown> = {
    eq: (v: unknown) => queryCommand('eq', v),
    neq: (v: unknown) => queryCommand('neq', v),
    gt: (v: unknown) => queryCommand('gt', v),
    gte: (v: unknown) => queryCommand('gte', v),
    lt: (v: unknown) => queryCommand('lt', v),
    lte: (v: unknown) => queryCommand('lte', v),
    in: (v: unknown[]) => queryCommand('in', v),
    nin: (v: unknown[]) => queryCommand('nin', v),
    exists: (v: boolean) => queryCommand('exists', v),
    and: (...exprs: unknown[]) => new LogicCommand('and', expressions(exprs)),
    or: (...exprs: unknown[]) => new LogicCommand('or', expressions(exprs)),
    set: (v: unknown) => new UpdateCommand('set', v),
    remove: () => new UpdateCommand('remove', undefined),
    inc: (n: number) => {
      if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidParam('db.command.inc', 'the argument must be a number');
      return new UpdateCommand('inc', n);
    },
    push: (...values: unknown[]) => pushCommand(values),
  };
  for (const name of UNSUPPORTED_OPERATORS) command[name] = notSupported(name);
  for (const name of ['aggregate', 'project']) {
    Object.defineProperty(command, name, {
      enumerable: false,
      get: () => {
        throw unsupported(`db.command.${name}`);
      },
    });
  }
  return Object.freeze(command) as Command;
}
