// Subscription-message field values within WeChat's rules (RULES §32). A template field's type is its key without
// the trailing number (`thing1` → thing). Where cutting keeps the meaning (a title, a name) the value is shortened
// with an ellipsis; where it would not (a number, a phrase, a phone number, a time) the value is refused with a code.
import { formatInBeijing, isValidDate } from '../calendar';
import { err, ok, type Result } from '../errors';
import { charCount, shortenText } from '../text';

/** RULES §32: the limit of each field type, in characters. */
export const FIELD_LIMITS = {
  thing: 20,
  phrase: 5,
  name: 10,
  number: 32,
  letter: 32,
  character_string: 32,
  phone_number: 17,
} as const;

export const FIELD_TYPES = [...(Object.keys(FIELD_LIMITS) as (keyof typeof FIELD_LIMITS)[]), 'time', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A value as our code holds it: text, a number, or an instant (epoch ms) for time/date fields. */
export type FieldValue = string | number;

/** `thing1` → 'thing', `character_string2` → 'character_string'; undefined for a type we do not know. */
export function fieldTypeOf(key: string): FieldType | undefined {
  const base = key.replace(/\d+$/, '');
  return (FIELD_TYPES as readonly string[]).includes(base) ? (base as FieldType) : undefined;
}


/** An instant in Beijing time: `2026年11月2日 10:00` (time) or `2026年11月2日` (date) — WeChat's set formats. */
export function formatBeijing(ms: number, type: 'time' | 'date'): string {
  return formatInBeijing(ms, type === 'date' ? 'YYYY年M月D日' : 'YYYY年M月D日 HH:mm');
}

const CLOCK = '([01]?\\d|2[0-3]):[0-5]\\d';
const DAY = '(\\d{4})年(\\d{1,2})月(\\d{1,2})日';
/** RULES §32: `15:01` or `2019年10月1日 15:01` for time; `2019年10月1日`, optionally with a time, for date. */
const TIME_FORMAT = new RegExp(`^(?:${CLOCK}|${DAY} ${CLOCK})$`);
const DATE_FORMAT = new RegExp(`^${DAY}(?: ${CLOCK})?$`);

function realDay(text: string): boolean {
  const m = new RegExp(DAY).exec(text);
  if (!m) return true; // a bare clock time
  return isValidDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

const PATTERNS: Partial<Record<FieldType, RegExp>> = {
  phrase: /^[\u4e00-\u9fa5]+$/, // RULES §32: Chinese characters only
  number: /^-?\d+(\.\d+)?$/,
  letter: /^[A-Za-z]+$/,
  character_string: /^[\x21-\x7e]+$/, // digits, letters and symbols
  phone_number: /^\+?[\d\-() ]+$/,
};

export interface FieldProblem {
  field: string;
  type?: string;
  limit?: number;
  value?: string;
}

function refuse(code: 'NOTIFY.FIELD_EMPTY' | 'NOTIFY.FIELD_TOO_LONG' | 'NOTIFY.FIELD_FORMAT' | 'NOTIFY.FIELD_TYPE_UNKNOWN', problem: FieldProblem) {
  return err(code, undefined, problem);
}

/**
 * The text WeChat gets for `key` (its type from the key), or a coded refusal naming the field:
 * NOTIFY.FIELD_EMPTY, NOTIFY.FIELD_TOO_LONG, NOTIFY.FIELD_FORMAT, NOTIFY.FIELD_TYPE_UNKNOWN (RULES §32).
 */
export function formatField(key: string, value: FieldValue | null | undefined): Result<string> {
  const type = fieldTypeOf(key);
  if (!type) return refuse('NOTIFY.FIELD_TYPE_UNKNOWN', { field: key });
  if (value === null || value === undefined) return refuse('NOTIFY.FIELD_EMPTY', { field: key, type });
  if (type === 'time' || type === 'date') {
    if (typeof value === 'number') {
      return Number.isFinite(value) ? ok(formatBeijing(value, type)) : refuse('NOTIFY.FIELD_FORMAT', { field: key, type, value: String(value) });
    }
    const text = value.trim();
    if (text === '') return refuse('NOTIFY.FIELD_EMPTY', { field: key, type });
    const format = type === 'time' ? TIME_FORMAT : DATE_FORMAT;
    return format.test(text) && realDay(text) ? ok(text) : refuse('NOTIFY.FIELD_FORMAT', { field: key, type, value: text });
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return refuse('NOTIFY.FIELD_FORMAT', { field: key, type, value: String(value) });
  // Line breaks and runs of spaces are not shown in a subscription message: one space each.
  const text = String(value).replace(/\s+/g, ' ').trim();
  if (text === '') return refuse('NOTIFY.FIELD_EMPTY', { field: key, type });
  const limit = FIELD_LIMITS[type];
  if (type === 'thing' || type === 'name') return ok(shortenText(text, limit));
  const pattern = PATTERNS[type];
  if (pattern && !pattern.test(text)) return refuse('NOTIFY.FIELD_FORMAT', { field: key, type, value: text });
  if (charCount(text) > limit) return refuse('NOTIFY.FIELD_TOO_LONG', { field: key, type, limit, value: text });
  return ok(text);
}

/** Which of our values fills a template field: a value name, or names tried in order (the first present wins). */
export type FieldSource = string | readonly string[];

/**
 * A template's `data` from our values: each field takes the first of its sources that has a value, formatted by
 * its type. The first refusal stops it, naming the field (RULES §32: no empty value, every limit kept).
 */
export function buildTemplateData(
  fields: Readonly<Record<string, FieldSource>>,
  values: Readonly<Record<string, FieldValue | null | undefined>>,
): Result<Record<string, { value: string }>> {
  const data: Record<string, { value: string }> = {};
  for (const [key, source] of Object.entries(fields)) {
    const names = typeof source === 'string' ? [source] : source;
    const name = names.find((n) => values[n] !== undefined && values[n] !== null && String(values[n]).trim() !== '');
    const formatted = formatField(key, name === undefined ? undefined : values[name]);
    if (!formatted.ok) return formatted;
    data[key] = { value: formatted.data };
  }
  return ok(data);
}
