// 18-digit resident identity number (公民身份号码, GB 11643-1999):
// 6-digit region code · 8-digit birth date YYYYMMDD · 3-digit sequence (odd = male, even = female) · check digit.
import { err, ok, type Result } from './errors';
import { isValidDate } from './calendar';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type Gender = 'male' | 'female';
export const GENDER_LABELS: Readonly<Record<Gender, string>> = { male: '男', female: '女' };

export interface ParsedIdNumber {
  /** Normalised: 18 characters, a lowercase x turned into X. */
  idNumber: string;
  /** The legacy 15-digit number it was upgraded from, if it was one (the user is told). */
  upgradedFrom?: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  gender: Gender;
  regionCode: string;
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits ('0'–'9' or 'X'). */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`checkDigit needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * A legacy 15-digit number (before 1999: 6-digit region, YYMMDD born in the 1900s, 3-digit sequence) as its
 * 18-digit form: century 19 inserted, check digit computed (GB 11643-1999).
 */
export function upgradeLegacyIdNumber(fifteen: string): string {
  const first17 = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}`;
  return first17 + checkDigit(first17);
}

/** Full-width digits and Ｘ (typed with a Chinese input method) made ASCII, every space removed, x upper-cased. */
function cleanIdNumber(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Cleans the typing and upgrades a legacy 15-digit number to 18 digits; does not validate. */
export function normalizeIdNumber(s: string): string {
  const cleaned = cleanIdNumber(s);
  return /^\d{15}$/.test(cleaned) ? upgradeLegacyIdNumber(cleaned) : cleaned;
}

/**
 * Validates an ID number as of `today` ('YYYY-MM-DD', Beijing date): format, region code, a real birth date not
 * in the future and not before 1900, and the check digit. Each failure has its own message.
 */
export function parseIdNumber(s: string, today: string): Result<ParsedIdNumber> {
  const cleaned = cleanIdNumber(s);
  const idNumber = normalizeIdNumber(cleaned);
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    return err('ID_NUMBER.INVALID', '身份证号码应为18位（前17位是数字，最后一位是数字或X），或15位旧号码');
  }
  if (!/^[1-8]/.test(idNumber)) {
    return err('ID_NUMBER.INVALID', '身份证号码前6位的地区码不正确（第一位应为1到8）');
  }
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isValidDate(birthDate) || birthDate < '1900-01-01') {
    return err('ID_NUMBER.INVALID', '身份证号码中的出生日期不正确（第7到14位）');
  }
  if (birthDate > today) {
    return err('ID_NUMBER.INVALID', '身份证号码中的出生日期晚于今天，请核对');
  }
  if (checkDigit(idNumber.slice(0, 17)) !== idNumber[17]) {
    return err('ID_NUMBER.INVALID', '身份证号码最后一位校验码不对，可能有数字输错了，请逐位核对');
  }
  const gender: Gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
  const parsed: ParsedIdNumber = { idNumber, birthDate, gender, regionCode: idNumber.slice(0, 6) };
  if (cleaned !== idNumber && cleaned.length === 15) parsed.upgradedFrom = cleaned;
  return ok(parsed);
}

/** What a form says under a valid legacy number: it is kept as its 18-digit form. */
export function idNumberUpgradeHint(s: string, today: string): string | undefined {
  const r = parseIdNumber(s, today);
  return r.ok && r.data.upgradedFrom ? `这是15位旧身份证号，已按国家标准升级为18位：${r.data.idNumber}` : undefined;
}

/** Convenience for checks that need only yes/no. */
export function isValidIdNumber(s: string, today: string): boolean {
  return parseIdNumber(s, today).ok;
}

/**
 * Builds a valid ID number (for generators and tests). `seq3` is 0–999 or a 3-digit string; its parity is the
 * gender (odd = male). Throws on malformed parts.
 */
export function makeIdNumber(region6: string, birthDate: string, seq3: number | string): string {
  if (!/^[1-8]\d{5}$/.test(region6)) throw new Error(`bad region code "${region6}"`);
  if (!isValidDate(birthDate)) throw new Error(`bad birth date "${birthDate}"`);
  const seq = typeof seq3 === 'number' ? String(seq3).padStart(3, '0') : seq3;
  if (!/^\d{3}$/.test(seq)) throw new Error(`bad sequence "${seq3}"`);
  const first17 = `${region6}${birthDate.replace(/-/g, '')}${seq}`;
  return first17 + checkDigit(first17);
}

/** The sequence number that gives a gender: 2k + 1 for male, 2k for female (k = 0…499). */
export function sequenceFor(k: number, gender: Gender): number {
  return 2 * (k % 500) + (gender === 'male' ? 1 : 0);
}
