// `field({ a: true })` keeps only the named fields (and _id unless `_id: false`); `field({ a: false })` drops the
// named fields. Mixing the two (other than for _id) is an error in MongoDB, so it is one here.

import { isPlainObject } from './codec';
import { invalidParam, unsupported } from './errors';
import { parseFieldPath } from './field-path';

export interface Projection {
  mode: 'include' | 'exclude';
  paths: string[][];
  includeId: boolean;
}

export function parseProjection(spec: unknown, api: string): Projection {
  if (!isPlainObject(spec)) throw invalidParam(api, 'the projection must be an object');
  let includeId = true;
  let mode: Projection['mode'] | undefined;
  const paths: string[][] = [];
  for (const key of Object.keys(spec)) {
    const raw = spec[key];
    if (typeof raw !== 'boolean' && raw !== 0 && raw !== 1) {
      throw unsupported(`the projection value for "${key}" (only true/false/1/0)`);
    }
    const keep = raw === true || raw === 1;
    if (key === '_id') {
      includeId = keep;
      continue;
    }
    const wanted = keep ? 'include' : 'exclude';
    if (mode && mode !== wanted) throw invalidParam(api, 'a projection cannot mix included and excluded fields');
    mode = wanted;
    paths.push(parseFieldPath(key, api));
  }
  return { mode: mode ?? 'exclude', paths, includeId };
}

/** Applies a projection to a decoded document (which the caller owns and may be modified). */
export function applyProjection(doc: Record<string, unknown>, p: Projection): Record<string, unknown> {
  let out: Record<string, unknown>;
  if (p.mode === 'include') {
    out = {};
    if (p.includeId && '_id' in doc) out._id = doc._id;
    for (const path of p.paths) pick(doc, path, out);
  } else {
    out = doc;
    for (const path of p.paths) drop(out, path);
  }
  if (!p.includeId) delete out._id;
  return out;
}

/** Copies the value at `path` from `src` into `dst`; through an array, into each object element (as MongoDB). */
function pick(src: unknown, path: readonly string[], dst: Record<string, unknown>): void {
  if (!isPlainObject(src)) return;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in src)) return;
  const value = src[head];
  if (rest.length === 0) {
    dst[head] = value;
  } else if (isPlainObject(value)) {
    const sub = isPlainObject(dst[head]) ? (dst[head] as Record<string, unknown>) : {};
    pick(value, rest, sub);
    dst[head] = sub;
  } else if (Array.isArray(value)) {
    const objects = value.filter(isPlainObject);
    const subs = Array.isArray(dst[head]) ? (dst[head] as Record<string, unknown>[]) : objects.map(() => ({}));
    objects.forEach((el, i) => pick(el, rest, subs[i]!));
    dst[head] = subs;
  }
}

function drop(node: unknown, path: readonly string[]): void {
  if (Array.isArray(node)) {
    for (const el of node) drop(el, path);
    return;
  }
  if (!isPlainObject(node)) return;
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) delete node[head];
  else drop(node[head], rest);
}
