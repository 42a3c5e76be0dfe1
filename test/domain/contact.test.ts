import { isMobilePhone, mobilePhoneSchema, normalizePhone, parsePhone } from '../../src/core/contact';

describe('mobile phones', () => {
  test('normalises spaces, dashes and the country code', () => {
    expect(normalizePhone('138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('+86-13800138000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
  });

  test('accepts 1[3-9] followed by 9 digits', () => {
    for (const p of ['13012345678', '14512345678', '15912345678', '16612345678', '17712345678', '18812345678', '19912345678']) {
      expect(isMobilePhone(p)).toBe(true);
    }
    expect(parsePhone(' +86 139-1234-5678 ')).toEqual({ ok: true, data: '13912345678' });
  });

  test('rejects landlines, wrong prefixes and wrong lengths with specific messages', () => {
    const message = (s: string) => {
      const r = parsePhone(s);
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(message('12012345678')).toBe('PHONE.INVALID: 手机号码应以13到19开头');
    expect(message('1381234567')).toBe('PHONE.INVALID: 手机号码应为11位，现在是10位');
    expect(message('138123456789')).toContain('11位');
    expect(message('0731-84561234')).toContain('PHONE.INVALID');
    expect(message('138abc45678')).toBe('PHONE.INVALID: 手机号码只能包含数字');
    expect(message('')).toContain('PHONE.INVALID');
    expect(isMobilePhone('11012345678')).toBe(false);
  });

  test('the schema yields the bare number', () => {
    expect(mobilePhoneSchema.parse('+86 138 0013 8000')).toBe('13800138000');
    expect(mobilePhoneSchema.safeParse('12345').success).toBe(false);
  });
});
