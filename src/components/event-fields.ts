// The building blocks of the event forms (case-events.ts): the answers a form holds, the spec of a field and of an
// event's form, and readers that turn answers into the values an event carries.
import type { UploadedFile } from '../client/upload';
import type { AmountSuggestion, CaseRecord, MissingItem } from '../core/cases';
import type { UploadPurpose } from '../core/files';
import type { Role } from '../core/roles';
import type { ChipOption } from './chips';

export interface FormValues {
  /** Text, amount, date and single-choice answers. */
  text: Record<string, string>;
  /** Multiple-choice answers. */
  picks: Record<string, string[]>;
  photos: Record<string, UploadedFile[]>;
}

export interface FieldSpec {
  key: string;
  kind: 'text' | 'long' | 'amount' | 'date' | 'choice' | 'checks' | 'photos' | 'lines';
  label: string;
  hint?: string;
  /** Must be answered before the event is built (the form names the missing field). */
  required?: boolean;
  options?: ChipOption[];
  /** Photos: how many at most. */
  max?: number;
  /** Photos: what they are for (the upload folder). */
  purpose?: UploadPurpose;
  initial?: string;
  showIf?: (values: FormValues) => boolean;
}

export interface SpecContext {
  c: CaseRecord;
  missing: readonly MissingItem[];
  role: Role;
  /** RULES §33: the server's computed amount for a decision, where the case has the facts for one. */
  amountSuggestion?: AmountSuggestion | null;
}

export interface EventSpec {
  /** A line above the fields: what the step means here. */
  intro?: (ctx: SpecContext) => string | null;
  fields: (ctx: SpecContext) => FieldSpec[];
  build: (values: FormValues, ctx: SpecContext) => unknown;
  /** Why the step cannot succeed yet, shown in place of a submit that would only be refused (issue 15). */
  blocked?: (ctx: SpecContext) => string | null;
  /** Irreversible steps ask once more, with this question. */
  confirm?: (values: FormValues, ctx: SpecContext) => string;
  danger?: boolean;
  /** The button's words where the core's timeline label reads oddly to the person acting (the resident). */
  actionLabel?: string;
}


/** An answer the form can reject before the schema sees it (e.g. an amount that is not a number). */
export class FormInputError extends Error {}

/** Photos per document in a form (an input-size cap, not a rule); the application forms use it too. */
export const MAX_PHOTOS_PER_ITEM = 9;

export const text = (v: FormValues, key: string): string => (v.text[key] ?? '').trim();
export const optional = (v: FormValues, key: string): string | undefined => text(v, key) || undefined;
export const lines = (v: FormValues, key: string): string[] =>
  (v.text[key] ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
export const fileIds = (v: FormValues, key: string): string[] => (v.photos[key] ?? []).map((f) => f.fileID);
export const firstFile = (v: FormValues, key: string): string | undefined => fileIds(v, key)[0];

export function amount(v: FormValues, key: string): number | undefined {
  const raw = text(v, key);
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new FormInputError('金额请填写数字，例如 600 或 600.50');
  return n;
}

export const options = <K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>): ChipOption[] =>
  keys.map((value) => ({ value, label: labels[value] }));

export const noteField = (label = '说明（可不填）'): FieldSpec => ({ key: 'note', kind: 'long', label });
export const reasonField = (label: string): FieldSpec => ({ key: 'reason', kind: 'long', label, required: true });
export const dateField = (key: string, label: string): FieldSpec => ({ key, kind: 'date', label, hint: '不选为今天' });
