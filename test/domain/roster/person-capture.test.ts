import { makeIdNumber } from '../../../src/core/id-number';
import { checkCaptureFlags, personCaptureSchema } from '../../../src/core/roster/person-capture';
import { duplicateError, duplicatesByScope, DUPLICATE_ELSEWHERE_MESSAGE, findDuplicates, type RosterIdentity } from '../../../src/core/roster/duplicates';
import { suggestedRiskTier } from '../../../src/core/risk-tier';

const TODAY = '2026-03-10';
const schema = personCaptureSchema(TODAY);
const ID = makeIdNumber('431123', '1948-05-12', 22); // female
const valid = {
  requestId: 'req-person-0001',
  name: ' 王  秀英 ',
  idNumber: ID,
  phone: '+86 138-1234-5678',
  categories: ['aloneElderly', 'dibao', 'aloneElderly'],
  riskTier: 'priority',
  gridId: 'g01-01',
  address: '清溪镇清溪村1组1号',
};

describe('personCaptureSchema', () => {
  test('normalises and derives birth date and gender from the ID number', () => {
    const p = schema.parse(valid);
    expect(p).toMatchObject({
      name: '王秀英',
      idNumber: ID,
      birthDate: '1948-05-12',
      gender: 'female',
      phone: '13812345678',
      relation: '户主',
      categories: ['aloneElderly', 'dibao'],
      keyHousehold: false,
      floating: false,
      notes: '',
    });
  });

  test('refuses an ID number with a wrong check digit, with a message that says so', () => {
    const wrong = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    const r = schema.safeParse({ ...valid, idNumber: wrong });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['idNumber'], message: '身份证号码最后一位校验码不对，可能有数字输错了，请逐位核对' });
    expect(schema.safeParse({ ...valid, idNumber: makeIdNumber('431123', '2026-03-11', 1) }).success).toBe(false); // born tomorrow
  });

  test('phone: a valid mobile or empty', () => {
    expect(schema.parse({ ...valid, phone: '' }).phone).toBe('');
    expect(schema.parse({ ...valid, phone: undefined }).phone).toBe('');
    expect(schema.safeParse({ ...valid, phone: '1381234567' }).error!.issues[0]!.message).toBe('手机号码应为11位，现在是10位');
  });

  test('a new household needs an address; joining one does not', () => {
    expect(schema.safeParse({ ...valid, address: '' }).error!.issues[0]).toMatchObject({ path: ['address'], message: '新建家庭请填写地址' });
    expect(schema.safeParse({ ...valid, address: '', householdId: 'h000001', relation: '配偶' }).success).toBe(true);
  });

  test('names: letters and the middle dot only; unknown fields refused', () => {
    expect(schema.parse({ ...valid, name: '阿依古丽·买买提' }).name).toBe('阿依古丽·买买提');
    expect(schema.parse({ ...valid, name: '  Anna   Lee ' }).name).toBe('Anna Lee');
    expect(schema.parse({ ...valid, name: '王 秀 英' }).name).toBe('王秀英');
    expect(schema.parse({ ...valid, name: '李\u{20094}' }).name).toBe('李\u{20094}'); // a rare character outside the BMP
    expect(schema.safeParse({ ...valid, name: '王秀英2' }).success).toBe(false);
    expect(schema.safeParse({ ...valid, name: '  ' }).success).toBe(false);
    expect(schema.safeParse({ ...valid, createdBy: 'u-1' }).success).toBe(false);
    expect(schema.safeParse({ ...valid, categories: ['nobody'] }).success).toBe(false);
  });

  test('only the officer sets the key-household flag', () => {
    expect(checkCaptureFlags({ keyHousehold: true }, 'gridworker')).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(checkCaptureFlags({ keyHousehold: true }, 'cadre')).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(checkCaptureFlags({ keyHousehold: true }, 'officer')).toEqual({ ok: true, data: true });
    expect(checkCaptureFlags({ keyHousehold: false }, 'gridworker')).toEqual({ ok: true, data: true });
  });
});

describe('findDuplicates', () => {
  const existing: RosterIdentity[] = [
    { _id: 'p1', name: '王秀英', idNumber: ID, phone: '13812345678', householdId: 'h1' },
    { _id: 'p2', name: '李建国', idNumber: makeIdNumber('431123', '1950-01-01', 1), phone: '13900001111', householdId: 'h2' },
    { _id: 'p3', name: '李小明', idNumber: makeIdNumber('431123', '2015-06-01', 3), phone: '' },
  ];
  const candidate = (over: Partial<{ _id: string; name: string; idNumber: string; phone: string }>) => ({
    name: '张三',
    idNumber: makeIdNumber('431123', '1980-01-01', 5),
    phone: '',
    ...over,
  });

  test('same ID number (lower-case x and spaces normalised)', () => {
    expect(findDuplicates(candidate({ idNumber: ID }), existing)).toEqual([{ personId: 'p1', householdId: 'h1', name: '王秀英', reason: 'idNumber' }]);
    const withX = Array.from({ length: 50 }, (_, k) => makeIdNumber('431123', '1948-05-12', k)).find((id) => id.endsWith('X'))!;
    expect(withX).toBeDefined();
    const xExisting = [{ _id: 'px', name: '某', idNumber: withX, phone: '' }];
    expect(findDuplicates(candidate({ idNumber: ` ${withX.slice(0, 9)} ${withX.slice(9).toLowerCase()} ` }), xExisting).map((m) => m.personId)).toEqual(['px']);
  });

  test('same name and phone (formatting ignored)', () => {
    expect(findDuplicates(candidate({ name: '李 建国', phone: '+86 139 0000 1111' }), existing)).toEqual([
      { personId: 'p2', householdId: 'h2', name: '李建国', reason: 'namePhone' },
    ]);
  });

  test('same name alone, same phone alone, or both phones empty are not duplicates', () => {
    expect(findDuplicates(candidate({ name: '李建国', phone: '13900002222' }), existing)).toEqual([]);
    expect(findDuplicates(candidate({ name: '李建华', phone: '13900001111' }), existing)).toEqual([]);
    expect(findDuplicates(candidate({ name: '李小明', phone: '' }), existing)).toEqual([]);
  });

  test('a record matching both is reported once; the record being edited is not its own duplicate', () => {
    expect(findDuplicates(candidate({ name: '王秀英', idNumber: ID, phone: '13812345678' }), existing)).toHaveLength(1);
    expect(findDuplicates(candidate({ _id: 'p1', name: '王秀英', idNumber: ID, phone: '13812345678' }), existing)).toEqual([]);
  });

  test("duplicateError links the existing records in the caller's area and names nothing elsewhere (RULES §29)", () => {
    const placed = existing.map((p) => ({ ...p, gridId: p._id === 'p1' ? 'g1' : 'g9', villageId: 'v1' }));
    const matches = findDuplicates(candidate({ idNumber: ID }), placed);
    const mine = duplicatesByScope(matches, { kind: 'grids', gridIds: ['g1'] });
    expect(duplicateError(mine.visible)).toEqual({
      ok: false,
      error: { code: 'PERSON.DUPLICATE', message: '这个人已经登记过了（与“王秀英”身份证号相同）', details: { matches: [{ personId: 'p1', householdId: 'h1', name: '王秀英', reason: 'idNumber' }] } },
    });
    const other = duplicatesByScope(matches, { kind: 'grids', gridIds: ['g2'] });
    expect(other.visible).toEqual([]);
    expect(other.elsewhere.map((m) => m.personId)).toEqual(['p1']);
    expect(duplicateError(other.visible)).toEqual({ ok: false, error: { code: 'PERSON.DUPLICATE', message: DUPLICATE_ELSEWHERE_MESSAGE } });
  });
});

test('suggestedRiskTier lives in the core (RULES §25)', () => {
  expect(suggestedRiskTier({ age: 85, categories: ['emptyNestElderly'] })).toBe('high');
  expect(suggestedRiskTier({ age: 60, categories: [], disabled: true })).toBe('priority');
  expect(suggestedRiskTier({ age: 59, categories: [], dementia: true })).toBe('general');
});
