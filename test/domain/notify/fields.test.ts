// RULES §32 field by field: each type's limit, shortened where the meaning survives (thing, name), refused with a
// code where it would not (phrase, number, letter, character_string, phone_number, time, date), never empty.
import { buildTemplateData, fieldTypeOf, FIELD_LIMITS, formatBeijing, formatField } from '../../../src/core/notify';

const NOV2_10AM = Date.UTC(2026, 10, 2, 2, 0); // 2026-11-02 10:00 Beijing

function value(key: string, v: string | number | null | undefined) {
  const r = formatField(key, v);
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

function code(key: string, v: string | number | null | undefined) {
  const r = formatField(key, v);
  return r.ok ? 'ok' : r.error.code;
}

describe('field types come from the key', () => {
  test.each([
    ['thing1', 'thing'],
    ['thing12', 'thing'],
    ['character_string2', 'character_string'],
    ['phone_number3', 'phone_number'],
    ['time4', 'time'],
    ['date5', 'date'],
  ])('%s → %s', (key, type) => expect(fieldTypeOf(key)).toBe(type));

  test('an unknown type is refused', () => {
    expect(fieldTypeOf('amount1')).toBeUndefined();
    expect(code('amount1', '12元')).toBe('NOTIFY.FIELD_TYPE_UNKNOWN');
    expect(code('car_number1', '湘A12345')).toBe('NOTIFY.FIELD_TYPE_UNKNOWN');
  });
});

describe('thing: ≤ 20 characters, shortened with an ellipsis', () => {
  test('20 characters pass unchanged', () => {
    const twenty = '王秀英的低保申请已受理调查期限十一月十日';
    expect([...twenty]).toHaveLength(20);
    expect(value('thing1', twenty)).toBe(twenty);
  });
  test('21 characters become 19 and an ellipsis', () => {
    const out = value('thing1', '王秀英的低保申请已受理调查期限十一月十日前');
    expect([...out]).toHaveLength(FIELD_LIMITS.thing);
    expect(out).toBe('王秀英的低保申请已受理调查期限十一月十…');
  });
  test('counts characters, not UTF-16 units; whitespace collapses', () => {
    expect(value('thing2', '𠀀'.repeat(20))).toBe('𠀀'.repeat(20));
    expect(value('thing2', '  第一行\n第二行  ')).toBe('第一行 第二行');
  });
  test('a cut never splits what a reader sees as one character (a family emoji, a flag)', () => {
    const family = '👨‍👩‍👧'; // five code points, one grapheme
    const out = value('thing1', `王秀英家${'很'.repeat(13)}${family}平安`);
    expect(out).toBe(`王秀英家${'很'.repeat(13)}…`);
    expect(value('thing1', `${'好'.repeat(17)}🇨🇳🇨🇳`)).toBe(`${'好'.repeat(17)}🇨🇳…`);
    expect([...value('thing1', `${'好'.repeat(17)}🇨🇳🇨🇳`)].length).toBeLessThanOrEqual(FIELD_LIMITS.thing);
  });
  test('never empty', () => {
    expect(code('thing1', '')).toBe('NOTIFY.FIELD_EMPTY');
    expect(code('thing1', '   \n')).toBe('NOTIFY.FIELD_EMPTY');
    expect(code('thing1', undefined)).toBe('NOTIFY.FIELD_EMPTY');
    expect(code('thing1', null)).toBe('NOTIFY.FIELD_EMPTY');
  });
});

describe('name: ≤ 10 characters, shortened with an ellipsis', () => {
  test('10 pass, 11 are cut', () => {
    expect(value('name1', '欧阳娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜娜');
    expect(value('name1', '阿卜杜热合曼·买买提明江')).toBe('阿卜杜热合曼·买买…');
  });
  test('never empty', () => expect(code('name1', ' ')).toBe('NOTIFY.FIELD_EMPTY'));
});

describe('phrase: ≤ 5 Chinese characters, refused otherwise', () => {
  test.each(['寒潮', '已受理', '审核不通过'])('%s passes', (p) => expect(value('phrase1', p)).toBe(p));
  test('6 characters are refused, not cut (a cut phrase says something else)', () => {
    expect(code('phrase1', '特大暴雨洪涝')).toBe('NOTIFY.FIELD_TOO_LONG');
  });
  test('only Chinese characters', () => {
    expect(code('phrase1', 'OK')).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('phrase1', '已受理!')).toBe('NOTIFY.FIELD_FORMAT');
  });
  test('never empty', () => expect(code('phrase1', '')).toBe('NOTIFY.FIELD_EMPTY'));
});

describe('number: ≤ 32 digits, refused otherwise', () => {
  test('numbers and numeric text pass; zero is a value', () => {
    expect(value('number1', 12)).toBe('12');
    expect(value('number1', 0)).toBe('0');
    expect(value('number1', '3.5')).toBe('3.5');
    expect(value('number1', '9'.repeat(32))).toBe('9'.repeat(32));
  });
  test('33 digits, words and non-finite numbers are refused', () => {
    expect(code('number1', '9'.repeat(33))).toBe('NOTIFY.FIELD_TOO_LONG');
    expect(code('number1', '12人')).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('number1', Number.NaN)).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('number1', 1e40)).toBe('NOTIFY.FIELD_FORMAT');
  });
});

describe('letter: ≤ 32 letters', () => {
  test('letters pass; 33 or anything else is refused', () => {
    expect(value('letter1', 'ABC')).toBe('ABC');
    expect(code('letter1', 'A'.repeat(33))).toBe('NOTIFY.FIELD_TOO_LONG');
    expect(code('letter1', 'AB1')).toBe('NOTIFY.FIELD_FORMAT');
  });
});

describe('character_string: ≤ 32 digits, letters and symbols', () => {
  test('a case number passes; 33 characters or Chinese are refused', () => {
    expect(value('character_string1', 'QX-2026-000123')).toBe('QX-2026-000123');
    expect(value('character_string1', 'a'.repeat(32))).toBe('a'.repeat(32));
    expect(code('character_string1', 'a'.repeat(33))).toBe('NOTIFY.FIELD_TOO_LONG');
    expect(code('character_string1', '编号123')).toBe('NOTIFY.FIELD_FORMAT');
  });
});

describe('phone_number: ≤ 17 characters of digits and symbols', () => {
  test('mobile and landline numbers pass; 18 characters or letters are refused', () => {
    expect(value('phone_number1', '13800138000')).toBe('13800138000');
    expect(value('phone_number1', '+86-731-12345678')).toBe('+86-731-12345678');
    expect(code('phone_number1', '1'.repeat(18))).toBe('NOTIFY.FIELD_TOO_LONG');
    expect(code('phone_number1', '138 call me')).toBe('NOTIFY.FIELD_FORMAT');
  });
});

describe('time and date: the set formats, in Beijing time', () => {
  test('an instant is formatted', () => {
    expect(value('time1', NOV2_10AM)).toBe('2026年11月2日 10:00');
    expect(value('date1', NOV2_10AM)).toBe('2026年11月2日');
    // 23:30 UTC is the next day in Beijing.
    expect(formatBeijing(Date.UTC(2026, 11, 31, 16, 5), 'time')).toBe('2027年1月1日 00:05');
  });
  test('text in the set formats passes', () => {
    expect(value('time1', '15:01')).toBe('15:01');
    expect(value('time1', '2019年10月1日 15:01')).toBe('2019年10月1日 15:01');
    expect(value('date1', '2019年10月1日')).toBe('2019年10月1日');
    expect(value('date1', '2019年10月1日 15:01')).toBe('2019年10月1日 15:01');
  });
  test('other text is refused, never cut or guessed', () => {
    expect(code('time1', '2026-11-02 10:00')).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('time1', '25:00')).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('time1', '明天上午')).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('date1', '15:01')).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('date1', '2026年2月30日')).toBe('NOTIFY.FIELD_FORMAT');
    expect(code('date1', Number.POSITIVE_INFINITY)).toBe('NOTIFY.FIELD_FORMAT');
  });
  test('never empty', () => {
    expect(code('time1', '')).toBe('NOTIFY.FIELD_EMPTY');
    expect(code('date1', undefined)).toBe('NOTIFY.FIELD_EMPTY');
  });
});

describe('a template’s data from our values', () => {
  const fields = { thing1: 'title', phrase2: 'reason', number3: 'count', time4: ['deadline', 'createdAt'] };

  test('each field from its source, the first present of a list', () => {
    const r = buildTemplateData(fields, { title: '寒潮预警：请立即点名', reason: '寒潮', count: 12, createdAt: NOV2_10AM });
    expect(r).toEqual({
      ok: true,
      data: { thing1: { value: '寒潮预警：请立即点名' }, phrase2: { value: '寒潮' }, number3: { value: '12' }, time4: { value: '2026年11月2日 10:00' } },
    });
  });

  test('the first refusal names its field', () => {
    const r = buildTemplateData(fields, { title: '点名', reason: '特大暴雨洪涝灾害', count: 1, createdAt: NOV2_10AM });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOTIFY.FIELD_TOO_LONG', details: { field: 'phrase2', type: 'phrase', limit: 5 } } });
    const missing = buildTemplateData(fields, { title: '点名', reason: '寒潮', createdAt: NOV2_10AM });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOTIFY.FIELD_EMPTY', details: { field: 'number3' } } });
  });
});
