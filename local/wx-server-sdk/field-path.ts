// Dot paths ('style.color') and the SQL expressions that read them. Queries and index declarations must produce
// byte-identical expressions, otherwise SQLite will not match the query to the expression index; hence one builder.

import { invalidParam, unsupported } from './errors';

export type FieldPath = readonly string[];

/** '_id' lives in its own column (the primary key), not inside the JSON. */
export function isIdPath(path: FieldPath): boolean {
  return path.length === 1 && path[0] === '_id';
}

export function parseFieldPath(path: string, api: string): string[] {
  if (typeof path !== 'string' || path === '') throw invalidParam(api, 'a field path must be a non-empty string');
  const segments = path.split('.');
  for (const seg of segments) {
    if (seg === '') throw invalidParam(api, `invalid field path "${path}"`);
    if (seg.startsWith('$')) throw unsupported(`the operator or field "${seg}" in "${path}" (${api})`);
    // Quotes and control characters could not be embedded in the JSON-path literal below.
    if (/["'\\\p{Cc}]/u.test(seg)) throw invalidParam(api, `invalid character in field path "${path}"`);
    if (/^\d+$/.test(seg)) throw unsupported(`array-index paths like "${path}" (${api})`);
  }
  return segments;
}

/** SQL string literal of the JSON path, every key quoted: '$."style"."color"'. */
export function jsonPathLiteral(path: FieldPath): string {
  return `'$${path.map((seg) => `."${seg}"`).join('')}'`;
}

/** SQL expression for the value at `path` inside the JSON held by `source` (a column or a json_each value). */
export function valueSql(path: FieldPath, source = 'doc'): string {
  if (source === 'doc' && isIdPath(path)) return '_id';
  return `json_extract(${source}, ${jsonPathLiteral(path)})`;
}

/** SQL expression for the JSON type at `path`: 'null', 'true', 'false', 'integer', 'real', 'text', 'array', 'object', or NULL when missing. */
export function typeSql(path: FieldPath, source = 'doc'): string {
  if (source === 'doc' && isIdPath(path)) return `'text'`;
  return `json_type(${source}, ${jsonPathLiteral(path)})`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
