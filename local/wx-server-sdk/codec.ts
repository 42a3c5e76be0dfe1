// Converts between what cloud functions hand the database ("user values": Date, db.serverDate(), strings …) and
// the JSON stored in SQLite ("stored values").
//
// Dates are stored as tagged strings, "\u0001D" + ISO-8601 (always UTC, fixed width for years 0–9999), rather than
// as {"$date": ms} objects: json_extract() then yields a value that sorts chronologically, so a `dueAt <= now`
// sweep or an `orderBy('createdAt')` compares times *and* can use the same expression index as any other field.
// A user string that itself starts with a control character below \u0002 is escaped as "\u0001S" + string, so the
// tag is unambiguous and every normal string sorts above every tagged value.

import { LogicCommand, QueryCommand, UpdateCommand } from './commands';
import { invalidParam, unsupported } from './errors';

export type StoredValue = null | boolean | number | string | StoredValue[] | StoredDoc;
export interface StoredDoc {
  [key: string]: StoredValue;
}

const DATE_TAG = '\u0001D';
const STRING_ESCAPE = '\u0001S';
/** Bounds of the stored encodings, used to keep a typed range query inside its type (WeChat compares like types). */
export const STORED_DATE_MIN = DATE_TAG;
export const STORED_DATE_MAX = '\u0001E';
export const STORED_STRING_MIN = STRING_ESCAPE;

/** `db.serverDate()`: stands for the time at which the write (or query) is executed. */
export class ServerDate {
  readonly options: { offset: number };
  constructor(options?: { offset?: number }) {
    const offset = options?.offset ?? 0;
    if (typeof offset !== 'number' || !Number.isFinite(offset)) {
      throw invalidParam('db.serverDate', 'options.offset must be a finite number of milliseconds');
    }
    this.options = { offset };
  }
}

/** `db.RegExp({ regexp, options })`. Options as in WeChat: i (case), m (multi-line), s (dot matches newline). */
export class DbRegExp {
  readonly regexp: string;
  readonly options: string;
  constructor(init: { regexp: string; options?: string }) {
    if (!init || typeof init.regexp !== 'string') throw invalidParam('db.RegExp', 'regexp must be a string');
    const options = init.options ?? '';
    if (typeof options !== 'string' || !/^[ims]*$/.test(options)) {
      throw unsupported(`db.RegExp option "${String(options)}" (only i, m, s)`);
    }
    new RegExp(init.regexp, options); // fail now on a bad pattern, not later inside SQLite
    this.regexp = init.regexp;
    this.options = options;
  }
}

/** A realm-independent plain-object test (jest runs modules in a vm context, so `instanceof Object` is unreliable). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function isNativeRegExp(v: unknown): v is RegExp {
  return Object.prototype.toString.call(v) === '[object RegExp]';
}

function encodeDate(d: Date, api: string): string {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw invalidParam(api, 'Invalid Date');
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw unsupported(`a Date outside the years 0–9999 (${api})`);
  return DATE_TAG + d.toISOString();
}

export function encodeString(s: string): string {
  return s.length > 0 && s.charCodeAt(0) < 2 ? STRING_ESCAPE + s : s;
}

/** Field names must be addressable by a dot path later, as in MongoDB. */
function checkFieldName(key: string, api: string): void {
  if (key === '' || key.includes('.') || key.startsWith('$')) {
    throw invalidParam(api, `invalid field name "${key}" (no dots, no leading $)`);
  }
}

/** Encoding context: one write (or query) sees one server time. */
export interface EncodeContext {
  api: string;
  now: number;
}

/** User value → stored value. Anything not representable throws rather than being silently mangled. */
export function encodeValue(v: unknown, ctx: EncodeContext): StoredValue {
  if (v === null) return null;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) throw invalidParam(ctx.api, `cannot store the number ${v}`);
      return v;
    case 'string':
      return encodeString(v);
    case 'object':
      break;
    default:
      throw invalidParam(ctx.api, `cannot store a value of type ${typeof v}`);
  }
  if (Array.isArray(v)) return v.map((item) => (item === undefined ? null : encodeValue(item, ctx)));
  if (isDate(v)) return encodeDate(v, ctx.api);
  if (v instanceof ServerDate) return encodeDate(new Date(ctx.now + v.options.offset), ctx.api);
  if (isPlainObject(v)) {
    const out: StoredDoc = {};
    for (const key of Object.keys(v)) {
      const item = v[key];
      if (item === undefined) continue; // as JSON and the real SDK do
      checkFieldName(key, ctx.api);
      out[key] = encodeValue(item, ctx);
    }
    return out;
  }
  if (v instanceof DbRegExp || isNativeRegExp(v)) throw unsupported(`storing a RegExp as a field value (${ctx.api})`);
  if (v instanceof QueryCommand || v instanceof LogicCommand || v instanceof UpdateCommand) {
    throw invalidParam(ctx.api, 'a db.command cannot be stored as a value here');
  }
  const name = (v as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw unsupported(`storing a ${name} value (${ctx.api})`);
}

/** The user string held by a stored string value, or null when it holds a date. */
export function storedStringText(s: string): string | null {
  if (s.charCodeAt(0) !== 1) return s;
  return s.startsWith(STRING_ESCAPE) ? s.slice(STRING_ESCAPE.length) : null;
}

function decodeString(s: string): string | Date {
  if (s.startsWith(DATE_TAG)) return new Date(s.slice(DATE_TAG.length));
  if (s.startsWith(STRING_ESCAPE)) return s.slice(STRING_ESCAPE.length);
  return s;
}

/** Stored value → user value (fresh objects; the input is not modified). */
export function decodeValue(v: StoredValue): unknown {
  if (typeof v === 'string') return v.charCodeAt(0) === 1 ? decodeString(v) : v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) out[key] = decodeValue(v[key] as StoredValue);
  return out;
}

function reviveTagged(_key: string, v: unknown): unknown {
  return typeof v === 'string' && v.charCodeAt(0) === 1 ? decodeString(v) : v;
}

/** Stored JSON text → user document. JSON.stringify writes \u0001 escaped, so a cheap scan tells whether to revive. */
export function decodeDocText(text: string): Record<string, unknown> {
  return JSON.parse(text, text.includes('\\u0001') ? reviveTagged : undefined) as Record<string, unknown>;
}

/** Decoded user document with `_id` first, as WeChat returns it. */
export function withId(id: string, doc: Record<string, unknown>): Record<string, unknown> {
  return { _id: id, ...doc };
}
