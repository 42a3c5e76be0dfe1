// Validation and encoding of the `{ data }` argument of add / set / update, shared by plain document operations
// and transactions so both refuse the same bad shapes before anything is written.

import { randomUUID } from 'node:crypto';
import { encodeValue, isPlainObject } from './codec';
import type { StoredDoc } from './codec';
import { invalidParam, unsupported } from './errors';
import { parseUpdate } from './update-apply';
import type { UpdateStep } from './update-apply';

/** WeChat ids are 32 hex characters; a record added with its own `_id` keeps it. (randomUUID draws from a
 * cached entropy pool, several times faster than randomBytes per call; 122 random bits.) */
function newDocId(): string {
  return randomUUID().replace(/-/g, '');
}

export function checkDocId(id: unknown, api: string): asserts id is string {
  if (typeof id !== 'string' || id === '' || id.length > 256 || id.charCodeAt(0) < 0x20) {
    throw invalidParam(api, `the document id must be a non-empty string, got ${JSON.stringify(id) ?? String(id)}`);
  }
}

function dataOf(options: unknown, api: string): Record<string, unknown> {
  if (!isPlainObject(options)) throw invalidParam(api, 'options must be an object with a data field');
  const data = options.data;
  if (Array.isArray(data)) throw unsupported(`an array as options.data of ${api}`);
  if (!isPlainObject(data)) throw invalidParam(api, 'options.data must be an object');
  return data;
}

/** `add({ data })`: a random id unless data carries `_id`. */
export function readAddInput(options: unknown, api: string, now: number): { id: string; doc: StoredDoc } {
  return readAddRecord(dataOf(options, api), api, now);
}

/** The most records one batch `add({ data: [...] })` takes locally (a cloud request body is bounded too). */
export const MAX_BATCH_ADD = 1000;

/** `add({ data: [...] })` outside a transaction: every record, each with its id; refused whole when one is bad. */
export function readBatchAddInput(options: unknown, api: string, now: number): { id: string; doc: StoredDoc }[] | undefined {
  if (!isPlainObject(options) || !Array.isArray(options.data)) return undefined;
  const data: unknown[] = options.data;
  if (data.length === 0) throw invalidParam(api, 'options.data should not be an empty array');
  if (data.length > MAX_BATCH_ADD) throw unsupported(`more than ${MAX_BATCH_ADD} records in one ${api}`);
  return data.map((record) => {
    if (!isPlainObject(record)) throw invalidParam(api, 'each record of options.data must be an object');
    return readAddRecord(record, api, now);
  });
}

function readAddRecord(data: Record<string, unknown>, api: string, now: number): { id: string; doc: StoredDoc } {
  const { _id, ...rest } = data;
  let id: string;
  if (_id === undefined) {
    id = newDocId();
  } else {
    checkDocId(_id, api);
    id = _id;
  }
  return { id, doc: encodeValue(rest, { api, now }) as StoredDoc };
}

/** `set({ data })`: the whole new record; it may not name `_id` and may not hold update commands. */
export function readSetInput(options: unknown, api: string, now: number): StoredDoc {
  const data = dataOf(options, api);
  if (Object.keys(data).length === 0) throw invalidParam(api, 'options.data should not be empty');
  if (Object.hasOwn(data, '_id')) throw invalidParam(api, '_id cannot be updated');
  return encodeValue(data, { api, now }) as StoredDoc;
}

export function readUpdateInput(options: unknown, api: string, now: number): UpdateStep[] {
  return parseUpdate(dataOf(options, api), { api, now });
}
