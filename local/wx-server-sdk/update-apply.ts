// `update({ data })`: WeChat reads the data as a partial, deep update. A plain nested object is flattened into dot
// paths, so `{ style: { color } }` sets style.color and leaves style.size alone; `_.set(obj)` replaces a field
// whole; `_.remove()` deletes it; `_.inc(n)` adds; `_.push(...)` appends. `_id` cannot be changed.

import { LogicCommand, QueryCommand, UpdateCommand } from './commands';
import { encodeValue, isPlainObject } from './codec';
import type { EncodeContext, StoredDoc, StoredValue } from './codec';
import { ERR, invalidParam, sdkError } from './errors';
import { parseFieldPath } from './field-path';

export type UpdateStep =
  | { kind: 'set'; path: string[]; value: StoredValue }
  | { kind: 'unset'; path: string[] }
  | { kind: 'inc'; path: string[]; by: number }
  | { kind: 'push'; path: string[]; values: StoredValue[] };

/** Reads update data into steps (throws on bad shapes before anything is written). */
export function parseUpdate(data: unknown, ctx: EncodeContext): UpdateStep[] {
  if (!isPlainObject(data)) throw invalidParam(ctx.api, 'options.data must be an object');
  if (Object.keys(data).length === 0) throw invalidParam(ctx.api, 'options.data should not be empty');
  if (Object.hasOwn(data, '_id')) throw invalidParam(ctx.api, '_id cannot be updated');
  const steps: UpdateStep[] = [];
  collect(data, [], ctx, steps);
  checkNoOverlap(steps, ctx.api);
  return steps;
}

function collect(obj: Record<string, unknown>, prefix: string[], ctx: EncodeContext, steps: UpdateStep[]): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const path = [...prefix, ...parseFieldPath(key, ctx.api)];
    if (value instanceof UpdateCommand) {
      steps.push(commandStep(path, value, ctx));
    } else if (value instanceof QueryCommand || value instanceof LogicCommand) {
      throw invalidParam(ctx.api, `a query command cannot be used in update data (at "${path.join('.')}")`);
    } else if (isPlainObject(value)) {
      // An empty nested object names no field, so it changes nothing — the real SDK's flattening drops it too.
      collect(value, path, ctx, steps);
    } else {
      steps.push({ kind: 'set', path, value: encodeValue(value, ctx) });
    }
  }
}

function commandStep(path: string[], cmd: UpdateCommand, ctx: EncodeContext): UpdateStep {
  switch (cmd.op) {
    case 'set':
      if (cmd.operand === undefined) throw invalidParam(ctx.api, '_.set() needs a value');
      return { kind: 'set', path, value: encodeValue(cmd.operand, ctx) };
    case 'remove':
      return { kind: 'unset', path };
    case 'inc':
      return { kind: 'inc', path, by: cmd.operand as number };
    case 'push':
      return { kind: 'push', path, values: (cmd.operand as unknown[]).map((v) => encodeValue(v ?? null, ctx)) };
  }
}

/** MongoDB refuses an update that touches both a field and something inside it ("conflict"). */
function checkNoOverlap(steps: UpdateStep[], api: string): void {
  const paths = steps.map((s) => s.path.join('.')).sort();
  for (let i = 1; i < paths.length; i++) {
    const prev = paths[i - 1]!;
    const cur = paths[i]!;
    if (cur === prev || cur.startsWith(`${prev}.`)) {
      throw sdkError(api, `Updating the path '${cur}' would create a conflict at '${prev}'`, ERR.DB_REQUEST_FAIL);
    }
  }
}

/**
 * The stored document `text` with the steps applied, and its new text; undefined when they change nothing (WeChat
 * then counts no update). Failures (wrong types on the path) throw and nothing is written.
 */
export function updatedDoc(text: string, steps: readonly UpdateStep[], api: string): { doc: StoredDoc; text: string } | undefined {
  const doc = JSON.parse(text) as StoredDoc;
  applyUpdate(doc, steps, api);
  const after = JSON.stringify(doc);
  return after === text ? undefined : { doc, text: after };
}

/** Applies steps to a stored document in place. */
function applyUpdate(doc: StoredDoc, steps: readonly UpdateStep[], api: string): void {
  for (const step of steps) {
    const key = step.path[step.path.length - 1]!;
    const parent = step.kind === 'unset' ? findParent(doc, step.path) : makeParent(doc, step.path, api);
    if (!parent) continue; // removing under a missing parent: nothing to do
    switch (step.kind) {
      case 'set':
        parent[key] = step.value;
        break;
      case 'unset':
        delete parent[key];
        break;
      case 'inc': {
        const current = parent[key];
        if (current === undefined) parent[key] = step.by;
        else if (typeof current === 'number') parent[key] = current + step.by;
        else throw sdkError(api, `Cannot apply $inc to a value of non-numeric type at '${step.path.join('.')}'`, ERR.DB_REQUEST_FAIL);
        break;
      }
      case 'push': {
        const current = parent[key];
        if (current === undefined) parent[key] = [...step.values];
        else if (Array.isArray(current)) current.push(...step.values);
        else throw sdkError(api, `The field '${step.path.join('.')}' must be an array to push to`, ERR.DB_REQUEST_FAIL);
        break;
      }
    }
  }
}

function findParent(doc: StoredDoc, path: readonly string[]): StoredDoc | undefined {
  let node: StoredValue = doc;
  for (const seg of path.slice(0, -1)) {
    if (!isPlainObject(node)) return undefined;
    node = (node as StoredDoc)[seg] ?? null;
  }
  return isPlainObject(node) ? (node as StoredDoc) : undefined;
}

/**
 * Walks to the parent of `path`, creating missing objects on the way, as MongoDB's $set does. A null or other
 * non-object on the way fails there too: `{ closedBy: { id } }` on a record holding `closedBy: null` is an error
 * in WeChat, so it is one here.
 */
function makeParent(doc: StoredDoc, path: readonly string[], api: string): StoredDoc {
  let node: StoredDoc = doc;
  for (const seg of path.slice(0, -1)) {
    const next: StoredValue | undefined = node[seg];
    if (next === undefined) {
      const created: StoredDoc = {};
      node[seg] = created;
      node = created;
    } else if (isPlainObject(next)) {
      node = next as StoredDoc;
    } else {
      throw sdkError(api, `Cannot create field '${path.join('.')}': '${seg}' is not an object`, ERR.DB_REQUEST_FAIL);
    }
  }
  return node;
}
