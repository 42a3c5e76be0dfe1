import fc from 'fast-check';
import { checkDigit, idNumberUpgradeHint, isValidIdNumber, makeIdNumber, normalizeIdNumber, parseIdNumber, sequenceFor } from '../../src/core/id-number';

const TODAY = '2026-11-29';

describe('checkDigit (ISO 7064 MOD 11-2)', () => {
  test('the GB 11643-1999 examples', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
  });

  test('needs exactly 17 digits', () => {
    expect(() => checkDigit('1101051949123100')).toThrow();
    expect(() => checkDigit('1101051949123100X')).toThrow();
  });
});

describe('parseIdNumber', () => {
  test('accepts valid numbers and reads birth date and gender', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      data: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', regionCode: '110105' },
    });
    expect(parseIdNumber('32031119700506003X', TODAY)).toMatchObject({ ok: true, data: { birthDate: '1970-05-06', gender: 'male' } });
    // The standard's other example has a valid check digit but an 1880 birth date, which no living resident has.
    expect(parseIdNumber('440524188001010014', TODAY)).toMatchObject({ ok: false, error: { message: expect.stringContaining('出生日期') } });
  });

  test('normalises a lowercase x and surrounding spaces', () => {
    const r = parseIdNumber(' 11010519491231002x ', TODAY);
    expect(r).toMatchObject({ ok: true, data: { idNumber: '11010519491231002X' } });
    expect(normalizeIdNumber('1101 0519 4912 3100 2x')).toBe('11010519491231002X');
  });

  test('takes what a Chinese input method types: full-width digits and Ｘ, full-width spaces', () => {
    expect(parseIdNumber('１１０１０５　１９４９１２３１００２Ｘ', TODAY)).toMatchObject({ ok: true, data: { idNumber: '11010519491231002X' } });
    expect(parseIdNumber('11010519491231002ｘ', TODAY)).toMatchObject({ ok: true, data: { idNumber: '11010519491231002X' } });
  });

  test('upgrades a legacy 15-digit number to 18 digits (century 19, computed check digit) and says so', () => {
    const r = parseIdNumber('110105491231002', TODAY);
    expect(r).toEqual({
      ok: true,
      data: { idNumber: '11010519491231002X', upgradedFrom: '110105491231002', birthDate: '1949-12-31', gender: 'female', regionCode: '110105' },
    });
    // The same person found by either form.
    expect(normalizeIdNumber('110105 491231 002')).toBe('11010519491231002X');
    expect(idNumberUpgradeHint('110105491231002', TODAY)).toContain('11010519491231002X');
    expect(idNumberUpgradeHint('11010519491231002X', TODAY)).toBeUndefined();
    // A 15-digit number with an impossible birth date is still refused.
    expect(parseIdNumber('110105491331002', TODAY)).toMatchObject({ ok: false, error: { message: expect.stringContaining('出生日期') } });
  });

  test('rejects a wrong check digit with its own message', () => {
    const r = parseIdNumber('110105194912310021', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ID_NUMBER.INVALID');
      expect(r.error.message).toContain('校验码');
    }
  });

  test('rejects malformed input, bad region, impossible and pre-1900 dates', () => {
    const message = (s: string) => {
      const r = parseIdNumber(s, TODAY);
      return r.ok ? 'ok' : r.error.message;
    };
    expect(message('1101051949123100')).toContain('18位');
    expect(message('11010519491231002Y')).toContain('18位');
    expect(message('X1010519491231002X')).toContain('18位');
    expect(message(makeIdNumber('110105', '1949-12-31', 2).replace(/^1/, '9'))).toContain('地区码');
    expect(message(makeIdNumber('110105', '1949-12-31', 2).replace(/^1/, '0'))).toContain('地区码');
    const feb30 = '43112319560230123';
    expect(message(feb30 + checkDigit(feb30))).toContain('出生日期不正确');
    const month13 = '43112319561301123';
    expect(message(month13 + checkDigit(month13))).toContain('出生日期不正确');
    const y1899 = '43112318991231123';
    expect(message(y1899 + checkDigit(y1899))).toContain('出生日期不正确');
  });

  test('rejects a birth date after today, accepts today', () => {
    const tomorrow = makeIdNumber('431123', '2026-11-30', 11);
    const r = parseIdNumber(tomorrow, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('晚于今天');
    expect(isValidIdNumber(makeIdNumber('431123', '2026-11-29', 11), TODAY)).toBe(true);
  });
});

describe('makeIdNumber', () => {
  test('builds numbers that parse back to the same parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (first, rest, date, seq) => {
          const region = `${first}${String(rest).padStart(5, '0')}`;
          const birthDate = date.toISOString().slice(0, 10);
          const id = makeIdNumber(region, birthDate, seq);
          const r = parseIdNumber(id, TODAY);
          expect(r).toEqual({
            ok: true,
            data: { idNumber: id, birthDate, gender: seq % 2 === 1 ? 'male' : 'female', regionCode: region },
          });
          // Any single-digit change in the first 17 digits breaks the check digit.
          const pos = seq % 17;
          const changed = id.slice(0, pos) + String((Number(id[pos]) + 1 + (rest % 9)) % 10) + id.slice(pos + 1);
          if (changed !== id) expect(checkDigit(changed.slice(0, 17))).not.toBe(id[17]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('sequenceFor gives the gender parity', () => {
    expect(sequenceFor(0, 'female')).toBe(0);
    expect(sequenceFor(0, 'male')).toBe(1);
    expect(sequenceFor(499, 'male')).toBe(999);
  });

  test('rejects bad parts', () => {
    expect(() => makeIdNumber('012345', '1950-01-01', 1)).toThrow();
    expect(() => makeIdNumber('431123', '1950-02-30', 1)).toThrow();
    expect(() => makeIdNumber('431123', '1950-01-01', 1000)).toThrow();
  });
});
