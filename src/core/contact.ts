// Mainland mobile phone numbers: 11 digits, 1 then 3–9, then 9 digits.
import { z } from 'zod';
import { err, ok, type Result } from './errors';

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Removes spaces, dashes, dots and brackets, then a leading +86 / 0086 / 86 country code; does not validate. */
export function normalizePhone(s: string): string {
  const compact = s.replace(/[\s\-–—.()（）]/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return m ? m[1]! : compact;
}

export function isMobilePhone(s: string): boolean {
  return MOBILE_PATTERN.test(normalizePhone(s));
}

/** The normalised number, or `PHONE.INVALID` with a specific message. */
export function parsePhone(s: string): Result<string> {
  const phone = normalizePhone(s);
  if (!/^\d+$/.test(phone)) return err('PHONE.INVALID', '手机号码只能包含数字');
  if (phone.length !== 11) return err('PHONE.INVALID', `手机号码应为11位，现在是${phone.length}位`);
  if (!MOBILE_PATTERN.test(phone)) return err('PHONE.INVALID', '手机号码应以13到19开头');
  return ok(phone);
}

/** Form/input schema: accepts spaces, dashes and +86, yields the bare 11 digits. */
export const mobilePhoneSchema = z
  .string()
  .max(32)
  .transform(normalizePhone)
  .refine((p) => MOBILE_PATTERN.test(p), { message: '手机号码不正确' });
