// Errors tell no more than reads (RULES §29): whatever an error carries — a conflict's fresh record, a duplicate's
// match, field problems — passes here, for every action, before it leaves the function. Sensitive fields are masked
// as a read by this caller would mask them (a full value shown is audited like a view), OPENIDs never leave, and
// the error has a fixed maximum size whatever the input was.
import type { AppError } from '../../src/core/errors';
import { ID_RESTORING_FIELDS, maskPerson } from '../../src/core/masking';
import type { Caller } from './identity';

/** At most this many field problems are returned for one input (a hostile input can have thousands). */
export const MAX_FIELD_PROBLEMS = 5;
const MAX_TEXT = 80;
/** Details larger than this (as JSON) are dropped: the code and message still say what went wrong. */
export const MAX_DETAILS_BYTES = 4096;

export interface Disclosed {
  error: AppError;
  /** Records whose sensitive fields went out in full: the caller audits them as views. */
  revealed: { collection: string; recordId: string }[];
}

function clip(text: unknown): string {
  const s = String(text);
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
}

function fieldProblems(details: unknown[]): { path: string; message: string }[] {
  return details.slice(0, MAX_FIELD_PROBLEMS).map((d) => {
    const { path, message } = (d ?? {}) as { path?: unknown; message?: unknown };
    return { path: clip(path ?? ''), message: clip(message ?? '') };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy with OPENIDs dropped and ID numbers / phones masked for the caller, at any depth. */
function redact(value: unknown, caller: Caller, revealed: Set<string>, depth = 0): unknown {
  if (depth > 8) return undefined;
  if (Array.isArray(value)) return value.map((v) => redact(v, caller, revealed, depth + 1));
  if (!isRecord(value)) return value;
  const masked = maskPerson(value as { _id?: string; idNumber?: string; phone?: string }, caller.user.role, { viewerPersonId: caller.user.personId });
  const out: Record<string, unknown> = {};
  const idHidden = typeof value.idNumber === 'string' && !masked.revealedFields.includes('idNumber');
  for (const [key, v] of Object.entries(masked.value as Record<string, unknown>)) {
    if (/openid/i.test(key)) continue;
    if (idHidden && ID_RESTORING_FIELDS.includes(key)) continue;
    out[key] = key === 'idNumber' || key === 'phone' ? v : redact(v, caller, revealed, depth + 1);
  }
  if (masked.revealed && typeof value._id === 'string') revealed.add(value._id);
  return out;
}

/** The error as this caller may see it (no caller yet: only field problems, nothing from records). */
export function discloseError(error: AppError, caller: Caller | undefined): Disclosed {
  const { details, ...rest } = error;
  if (details === undefined) return { error: rest, revealed: [] };
  if (Array.isArray(details) && error.code === 'INPUT.INVALID') return { error: { ...rest, details: fieldProblems(details) }, revealed: [] };
  if (!caller) return { error: rest, revealed: [] };
  const ids = new Set<string>();
  const safe = redact(details, caller, ids);
  const text = JSON.stringify(safe);
  if (text === undefined || Buffer.byteLength(text) > MAX_DETAILS_BYTES) return { error: rest, revealed: [] };
  // A conflict names the collection of its record (store.ts); anything else is audited under 'error'.
  const collection = isRecord(details) && typeof details.collection === 'string' ? details.collection : 'error';
  return { error: { ...rest, details: safe }, revealed: [...ids].map((recordId) => ({ collection, recordId })) };
}
