import { makeIdNumber } from '../../../src/core/id-number';
import {
  formatImportError,
  IMPORT_COLUMNS,
  IMPORT_ROWS_MAX,
  IMPORT_TEMPLATE_HEADERS,
  importTemplateCsv,
  validateImportRows,
} from '../../../src/core/roster/ledger-import';

const TODAY = '2026-03-10';
const HEAD = makeIdNumber('431123', '1944-05-12', 22); // 81 years old
const SPOUSE = makeIdNumber('431123', '1946-02-01', 31);
const CHILD = makeIdNumber('431123', '2016-09-03', 40);
const OTHER_HEAD = makeIdNumber('431123', '1980-01-01', 51);

type Row = Record<string, string>;
const headRow = (over: Row = {}): Row => ({
  姓名: '王秀英',
  身份证号: HEAD,
  手机号: '13812345678',
  与户主关系: '户主',
  户主身份证号: '',
  网格编号: '431123101001-01',
  住址: '清溪镇清溪村1组1号',
  人员类别: '独居老人、低保',
  风险等级: '',
  重点户: '是',
  流动人口: '否',
  残疾等级: '',
  备注: '',
  ...over,
});
const memberRow = (over: Row = {}): Row => headRow({ 姓名: '李建国', 身份证号: SPOUSE, 手机号: '', 与户主关系: '配偶', 户主身份证号: HEAD, 住址: '', 人员类别: '', 重点户: '', ...over });
const ctx = { today: TODAY, gridCodes: ['431123101001-01', '431123101001-02'] };

describe('the template', () => {
  test('Chinese headers defined once, required ones first among them', () => {
    expect(IMPORT_TEMPLATE_HEADERS).toEqual(['姓名', '身份证号', '手机号', '与户主关系', '户主身份证号', '网格编号', '住址', '人员类别', '风险等级', '重点户', '流动人口', '残疾等级', '备注']);
    expect(IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.header)).toEqual(['姓名', '身份证号', '与户主关系', '网格编号']);
  });

  test('CSV with a BOM, the header row and an example row that itself imports cleanly', () => {
    const csv = importTemplateCsv();
    expect(csv.startsWith('\uFEFF姓名,身份证号,')).toBe(true);
    const [header, example] = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    const row = Object.fromEntries(header!.map((h, i) => [h, example![i] ?? '']));
    const r = validateImportRows([row], { today: TODAY });
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(1);
  });
});

describe('validateImportRows', () => {
  test('a household: the head and members, keyed by ID number, tier suggested when blank', () => {
    const r = validateImportRows([headRow(), memberRow(), memberRow({ 姓名: '王小明', 身份证号: CHILD, 与户主关系: '孙子', 人员类别: '留守儿童', 风险等级: '重点' })], ctx);
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(3);
    expect(r.rows[0]).toMatchObject({
      row: 2,
      rowKey: HEAD,
      householdKey: HEAD,
      isHead: true,
      birthDate: '1944-05-12',
      gender: 'female',
      categories: ['aloneElderly', 'dibao'],
      riskTier: 'high', // RULES §25: 80+ living alone
      riskTierSuggested: true,
      keyHousehold: true,
      floating: false,
    });
    expect(r.rows[1]).toMatchObject({ row: 3, householdKey: HEAD, isHead: false, relation: '配偶', address: '清溪镇清溪村1组1号', keyHousehold: false, phone: '' });
    expect(r.rows[2]).toMatchObject({ row: 4, categories: ['leftBehindChild'], riskTier: 'priority', riskTierSuggested: false });
  });

  test('a bad ID number is reported with its spreadsheet row and column', () => {
    const wrong = HEAD.slice(0, 17) + (HEAD[17] === '0' ? '1' : '0');
    const r = validateImportRows([headRow({ 身份证号: OTHER_HEAD, 姓名: '赵四' }), headRow({ 身份证号: wrong })], ctx);
    expect(r.errors).toEqual([{ row: 3, field: 'idNumber', column: '身份证号', message: '身份证号码最后一位校验码不对，可能有数字输错了，请逐位核对' }]);
    expect(formatImportError(r.errors[0]!)).toBe('第3行「身份证号」：身份证号码最后一位校验码不对，可能有数字输错了，请逐位核对');
    expect(r.rows.map((p) => p.row)).toEqual([2]);
  });

  test('every problem of a row is reported, not only the first', () => {
    const r = validateImportRows([headRow({ 姓名: '', 手机号: '12345', 网格编号: '999', 人员类别: '低保、外星人', 重点户: '也许', 残疾等级: '五级', 风险等级: '很高' })], ctx);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'name'],
      [2, 'phone'],
      [2, 'gridCode'],
      [2, 'categories'],
      [2, 'keyHousehold'],
      [2, 'disabilityGrade'],
      [2, 'riskTier'],
    ]);
    expect(r.errors.find((e) => e.field === 'name')!.message).toBe('必填');
    expect(r.errors.find((e) => e.field === 'categories')!.message).toContain('不认识的人员类别“外星人”');
    expect(r.errors.find((e) => e.field === 'gridCode')!.message).toBe('没有编号为“999”的网格');
    expect(r.rows).toEqual([]);
  });

  test('the same person twice in the file: the later row is the error', () => {
    const r = validateImportRows([headRow(), headRow({ 姓名: '王秀英' })], ctx);
    expect(r.errors).toEqual([{ row: 3, field: 'idNumber', column: '身份证号', message: '与第2行的身份证号相同' }]);
    const namePhone = validateImportRows([headRow(), headRow({ 身份证号: OTHER_HEAD, 姓名: '王 秀英' })], ctx);
    expect(namePhone.errors).toEqual([{ row: 3, field: 'phone', column: '手机号', message: '与第2行的姓名和手机号都相同，可能是同一个人' }]);
  });

  test('members and their head', () => {
    // Head not in the file nor in the roster.
    expect(validateImportRows([memberRow()], ctx).errors).toEqual([{ row: 2, field: 'headIdNumber', column: '户主身份证号', message: '表格中没有这个户主，花名册中也没有' }]);
    // …but in the roster already: fine.
    expect(validateImportRows([memberRow()], { ...ctx, knownHeadIdNumbers: [HEAD] }).errors).toEqual([]);
    // Head's own row has an error: say where.
    expect(validateImportRows([headRow({ 手机号: '1' }), memberRow()], ctx).errors.map(formatImportError)).toEqual([
      '第2行「手机号」：手机号码应为11位，现在是1位',
      '第3行「户主身份证号」：户主所在的第2行有错误，请先改正',
    ]);
    // A member in another grid than the head.
    expect(validateImportRows([headRow(), memberRow({ 网格编号: '431123101001-02' })], ctx).errors.map(formatImportError)).toEqual(['第3行「网格编号」：与户主（第2行）不在同一网格']);
    // The named head is a member.
    expect(validateImportRows([headRow(), memberRow(), memberRow({ 姓名: '王小明', 身份证号: CHILD, 户主身份证号: SPOUSE, 与户主关系: '孙子' })], ctx).errors.map(formatImportError)).toEqual([
      '第4行「户主身份证号」：第3行的人不是户主',
    ]);
  });

  test('head rows need relation 户主 and an address; a member row is not 户主', () => {
    expect(validateImportRows([headRow({ 与户主关系: '配偶' })], ctx).errors.map(formatImportError)).toEqual(['第2行「与户主关系」：没有填户主身份证号的人是户主，与户主关系应为“户主”']);
    expect(validateImportRows([headRow({ 住址: '' })], ctx).errors.map(formatImportError)).toEqual(['第2行「住址」：户主必须填写住址']);
    expect(validateImportRows([headRow(), memberRow({ 与户主关系: '户主' })], ctx).errors.map(formatImportError)).toEqual(['第3行「户主身份证号」：户主本人不填户主身份证号']);
  });

  test('a missing required column is reported on the header row and nothing else is checked', () => {
    const { 身份证号: _drop, ...noId } = headRow();
    expect(validateImportRows([noId], ctx).errors).toEqual([{ row: 1, field: 'idNumber', column: '身份证号', message: '缺少这一列，请使用导入模板' }]);
  });

  test('headers tolerate a BOM and spaces; cells are trimmed; blank rows are skipped; lower-case x normalised', () => {
    const withX = Array.from({ length: 50 }, (_, k) => makeIdNumber('431123', '1950-03-03', k)).find((id) => id.endsWith('X'))!;
    const raw = Object.fromEntries(Object.entries(headRow({ 身份证号: ` ${withX.toLowerCase()} `, 姓名: ' 王秀英 ' })).map(([k, v], i) => [i === 0 ? `\uFEFF${k}` : ` ${k} `, v]));
    const blank = Object.fromEntries(Object.keys(headRow()).map((k) => [k, ' ']));
    const r = validateImportRows([blank, raw], ctx);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([expect.objectContaining({ row: 3, rowKey: withX, idNumber: withX, name: '王秀英' })]);
  });

  test('aliases for categories, tier and yes/no', () => {
    const r = validateImportRows([headRow({ 人员类别: '特困，支出型困难家庭;低保边缘', 风险等级: '高', 重点户: 'Y', 流动人口: '1', 残疾等级: '二级' })], ctx);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ categories: ['tekun', 'rigidSpending', 'dibaoEdge'], riskTier: 'high', keyHousehold: true, floating: true, disabilityGrade: 2 });
  });

  test('re-importing the same file gives the same keys (the caller makes it a no-op)', () => {
    const rows = [headRow(), memberRow()];
    expect(validateImportRows(rows, ctx).rows.map((p) => p.rowKey)).toEqual(validateImportRows(rows, ctx).rows.map((p) => p.rowKey));
  });

  test(`at most ${IMPORT_ROWS_MAX} rows`, () => {
    const r = validateImportRows(Array.from({ length: IMPORT_ROWS_MAX + 1 }, () => headRow()), ctx);
    expect(r).toEqual({ rows: [], errors: [{ row: 1, field: '*', column: '', message: `一次最多导入${IMPORT_ROWS_MAX}行，现在有${IMPORT_ROWS_MAX + 1}行，请分批导入` }] });
    expect(formatImportError(r.errors[0]!)).toBe(`第1行：一次最多导入${IMPORT_ROWS_MAX}行，现在有${IMPORT_ROWS_MAX + 1}行，请分批导入`);
  });

  test('an empty file has nothing to import and no errors', () => {
    expect(validateImportRows([], ctx)).toEqual({ rows: [], errors: [] });
  });
});
