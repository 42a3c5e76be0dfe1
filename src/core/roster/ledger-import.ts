// Importing an existing ledger (台账) from Excel/CSV: the template's columns, and row-level validation.
// The caller parses the file into rows keyed by header, calls `validateImportRows`, and writes nothing when
// `errors` is not empty (all or nothing). `rowKey` (the normalised ID number) makes a re-import idempotent.
import { ageOn } from '../calendar';
import { CATEGORY_LABELS, RISK_TIERS, type Category, type RiskTier } from '../categories';
import { normalizeIdNumber, type Gender } from '../id-number';
import { suggestedRiskTier } from '../risk-tier';
import { toCsv } from './csv';
import { DUPLICATE_REASON_LABELS, namePhoneKey } from './duplicates';
import {
  ADDRESS_MAX,
  HEAD_RELATION,
  RELATION_MAX,
  ROSTER_NOTES_MAX,
  idNumberSchema,
  optionalPhoneSchema,
  personNameSchema,
} from './person-capture';

/** Rows one import may carry. */
export const IMPORT_ROWS_MAX = 5_000;

export type ImportField =
  | 'name'
  | 'idNumber'
  | 'phone'
  | 'relation'
  | 'headIdNumber'
  | 'gridCode'
  | 'address'
  | 'categories'
  | 'riskTier'
  | 'keyHousehold'
  | 'floating'
  | 'disabilityGrade'
  | 'notes';

interface ImportColumn {
  key: ImportField;
  header: string;
  required: boolean;
  hint: string;
  example: string;
}

/** The template's columns, in order: the downloadable template and the validation both read this table. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, hint: '必填', example: '王秀英' },
  { key: 'idNumber', header: '身份证号', required: true, hint: '必填，18位', example: '431123194805120229' },
  { key: 'phone', header: '手机号', required: false, hint: '没有可不填', example: '13812345678' },
  { key: 'relation', header: '与户主关系', required: true, hint: '户主、配偶、子、女、孙子、孙女等', example: HEAD_RELATION },
  { key: 'headIdNumber', header: '户主身份证号', required: false, hint: '户主本人不填', example: '' },
  { key: 'gridCode', header: '网格编号', required: true, hint: '必填，见网格列表', example: '431123101001-01' },
  { key: 'address', header: '住址', required: false, hint: '户主必填', example: '清溪镇清溪村1组1号' },
  { key: 'categories', header: '人员类别', required: false, hint: '多个用“、”分隔', example: '独居老人、低保对象' },
  { key: 'riskTier', header: '风险等级', required: false, hint: '高风险、重点、一般；不填按规则推荐', example: '' },
  { key: 'keyHousehold', header: '重点户', required: false, hint: '是/否', example: '否' },
  { key: 'floating', header: '流动人口', required: false, hint: '是/否', example: '否' },
  { key: 'disabilityGrade', header: '残疾等级', required: false, hint: '1–4，无残疾不填', example: '' },
  { key: 'notes', header: '备注', required: false, hint: `不超过${ROSTER_NOTES_MAX}字`, example: '' },
];

export const IMPORT_TEMPLATE_HEADERS: readonly string[] = IMPORT_COLUMNS.map((c) => c.header);
const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ImportField, string>;

/** The template as CSV (UTF-8 BOM so Excel reads the Chinese): the header row and one example row. */
export function importTemplateCsv(): string {
  return toCsv([IMPORT_TEMPLATE_HEADERS, IMPORT_COLUMNS.map((c) => c.example)]);
}

// Short forms people write in ledgers, besides the full labels of `CATEGORY_LABELS`.
const CATEGORY_ALIASES: Readonly<Record<string, Category>> = {
  低保: 'dibao',
  低保户: 'dibao',
  特困: 'tekun',
  五保: 'tekun',
  防返贫监测对象: 'fanpin',
  返贫监测对象: 'fanpin',
  低保边缘: 'dibaoEdge',
  低保边缘家庭: 'dibaoEdge',
  刚性支出困难家庭: 'rigidSpending',
  支出型困难家庭: 'rigidSpending', // RULES §21: the former name
  残疾人: 'disabledInHardship',
};
const CATEGORY_BY_TEXT: ReadonlyMap<string, Category> = new Map<string, Category>([
  ...(Object.entries(CATEGORY_LABELS) as [Category, string][]).map(([k, label]) => [label, k] as [string, Category]),
  ...(Object.entries(CATEGORY_ALIASES) as [string, Category][]),
]);
const TIER_BY_TEXT: ReadonlyMap<string, RiskTier> = new Map<string, RiskTier>([
  ...(Object.entries(RISK_TIERS) as [RiskTier, string][]).map(([k, label]) => [label, k] as [string, RiskTier]),
  ['高', 'high'],
]);
const YES = new Set(['是', 'Y', 'YES', '1', 'TRUE', '√']);
const NO = new Set(['否', 'N', 'NO', '0', 'FALSE', '']);
const GRADE_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4 };

export interface ImportRowError {
  /** Spreadsheet row number: the header is row 1, so rows[0] is row 2. */
  row: number;
  /** The column's key (`*` for the file as a whole). */
  field: ImportField | '*';
  /** The column's Chinese header, for display. */
  column: string;
  message: string;
}

export interface ImportedPerson {
  row: number;
  /** Normalised ID number: the same person in a re-import has the same key. */
  rowKey: string;
  /** The household head's normalised ID number (the row's own for a head). */
  householdKey: string;
  isHead: boolean;
  name: string;
  idNumber: string;
  birthDate: string;
  gender: Gender;
  phone: string;
  relation: string;
  gridCode: string;
  /** A member's blank address is the head's. */
  address: string;
  categories: Category[];
  riskTier: RiskTier;
  /** The tier was blank and comes from the rule (RULES §25). */
  riskTierSuggested: boolean;
  keyHousehold: boolean;
  floating: boolean;
  disabilityGrade?: number;
  notes: string;
}

export interface ImportContext {
  /** Beijing date, for ID-number birth dates and ages. */
  today: string;
  /** The town's grid codes; when given, an unknown code is an error. */
  gridCodes?: Iterable<string>;
  /** ID numbers of heads already in the roster, that members in the file may join. */
  knownHeadIdNumbers?: Iterable<string>;
  /** Each record's row number in the sheet (blank rows skipped); by default the header is row 1 and rows follow it. */
  rowNumbers?: readonly number[];
}

export interface ImportValidation {
  rows: ImportedPerson[];
  errors: ImportRowError[];
}

/** "第3行「身份证号」：…" */
export function formatImportError(e: ImportRowError): string {
  return e.field === '*' ? `第${e.row}行：${e.message}` : `第${e.row}行「${e.column}」：${e.message}`;
}

function normalizeHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').replace(/\s+/g, '');
}

/** Validates every row and the rows together (duplicates within the file, households). Blank rows are skipped. */
export function validateImportRows(input: ReadonlyArray<Readonly<Record<string, string>>>, ctx: ImportContext): ImportValidation {
  const errors: ImportRowError[] = [];
  const fail = (row: number, field: ImportField | '*', message: string) =>
    errors.push({ row, field, column: field === '*' ? '' : HEADER_OF[field], message });

  if (input.length > IMPORT_ROWS_MAX) {
    fail(1, '*', `一次最多导入${IMPORT_ROWS_MAX}行，现在有${input.length}行，请分批导入`);
    return { rows: [], errors };
  }
  // Cells by normalised header.
  const rows = input.map((raw) => {
    const cells = new Map<string, string>();
    for (const [h, v] of Object.entries(raw)) cells.set(normalizeHeader(h), typeof v === 'string' ? v.trim() : String(v ?? '').trim());
    return cells;
  });
  const present = new Set(rows.flatMap((r) => [...r.keys()]));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !present.has(c.header));
  if (rows.length > 0 && missing.length > 0) {
    for (const c of missing) fail(1, c.key, '缺少这一列，请使用导入模板');
    return { rows: [], errors };
  }

  const gridCodes = ctx.gridCodes ? new Set(ctx.gridCodes) : null;
  const idSchema = idNumberSchema(ctx.today);
  const parsed: ImportedPerson[] = [];
  /** Row of each ID number as written, valid or not (to point a member at its head's faulty row). */
  const rowOfId = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = ctx.rowNumbers?.[index] ?? index + 2;
    const cell = (k: ImportField) => cells.get(HEADER_OF[k]) ?? '';
    if (IMPORT_COLUMNS.every((c) => cell(c.key) === '')) return;
    const writtenId = normalizeIdNumber(cell('idNumber'));
    if (writtenId && !rowOfId.has(writtenId)) rowOfId.set(writtenId, row);
    const before = errors.length;
    const required = (k: ImportField) => {
      const v = cell(k);
      if (v === '') fail(row, k, '必填');
      return v;
    };
    const message = (e: { issues: { message: string }[] }) => e.issues[0]?.message ?? '格式不正确';

    const nameR = personNameSchema.safeParse(required('name'));
    if (cell('name') !== '' && !nameR.success) fail(row, 'name', message(nameR.error));
    const idR = idSchema.safeParse(required('idNumber'));
    if (cell('idNumber') !== '' && !idR.success) fail(row, 'idNumber', message(idR.error));
    const phoneR = optionalPhoneSchema.safeParse(cell('phone'));
    if (!phoneR.success) fail(row, 'phone', message(phoneR.error));
    const relation = required('relation');
    if (relation.length > RELATION_MAX) fail(row, 'relation', `不能超过${RELATION_MAX}字`);
    const gridCode = required('gridCode');
    if (gridCode && gridCodes && !gridCodes.has(gridCode)) fail(row, 'gridCode', `没有编号为“${gridCode}”的网格`);
    const address = cell('address');
    if (address.length > ADDRESS_MAX) fail(row, 'address', `不能超过${ADDRESS_MAX}字`);
    const notes = cell('notes');
    if (notes.length > ROSTER_NOTES_MAX) fail(row, 'notes', `不能超过${ROSTER_NOTES_MAX}字`);

    const categories: Category[] = [];
    for (const token of cell('categories').split(/[、,，;；/\s]+/).filter(Boolean)) {
      const c = CATEGORY_BY_TEXT.get(token);
      if (c) {
        if (!categories.includes(c)) categories.push(c);
      } else fail(row, 'categories', `不认识的人员类别“${token}”，可填：${Object.values(CATEGORY_LABELS).join('、')}`);
    }
    const yesNo = (k: 'keyHousehold' | 'floating') => {
      const v = cell(k).toUpperCase();
      if (YES.has(v)) return true;
      if (!NO.has(v)) fail(row, k, '请填“是”或“否”');
      return false;
    };
    const keyHousehold = yesNo('keyHousehold');
    const floating = yesNo('floating');
    let disabilityGrade: number | undefined;
    const gradeText = cell('disabilityGrade').replace(/级$/, '');
    if (gradeText !== '') {
      const g = GRADE_DIGITS[gradeText] ?? (/^[1-4]$/.test(gradeText) ? Number(gradeText) : undefined);
      if (g === undefined) fail(row, 'disabilityGrade', '残疾等级应为1到4级');
      else disabilityGrade = g;
    }
    const tierText = cell('riskTier');
    const tier = tierText === '' ? undefined : TIER_BY_TEXT.get(tierText);
    if (tierText !== '' && !tier) fail(row, 'riskTier', '风险等级应为“高风险”“重点”或“一般”');

    const headText = cell('headIdNumber');
    let head: string | undefined;
    if (headText !== '') {
      const h = idSchema.safeParse(headText);
      if (h.success) head = h.data.idNumber;
      else fail(row, 'headIdNumber', message(h.error));
    }

    if (errors.length > before || !nameR.success || !idR.success || !phoneR.success) return;
    const id = idR.data;
    const isHead = head === undefined || head === id.idNumber;
    if (isHead && relation !== HEAD_RELATION) fail(row, 'relation', `没有填户主身份证号的人是户主，与户主关系应为“${HEAD_RELATION}”`);
    if (!isHead && relation === HEAD_RELATION) fail(row, 'headIdNumber', '户主本人不填户主身份证号');
    if (isHead && address === '') fail(row, 'address', '户主必须填写住址');
    if (errors.length > before) return;

    // RULES §25: a blank tier takes the suggested one.
    const riskTier = tier ?? suggestedRiskTier({ age: ageOn(id.birthDate, ctx.today), categories, disabled: disabilityGrade !== undefined });
    const person: ImportedPerson = {
      row,
      rowKey: id.idNumber,
      householdKey: head ?? id.idNumber,
      isHead,
      name: nameR.data,
      idNumber: id.idNumber,
      birthDate: id.birthDate,
      gender: id.gender,
      phone: phoneR.data,
      relation,
      gridCode,
      address,
      categories,
      riskTier,
      riskTierSuggested: tier === undefined,
      keyHousehold,
      floating,
      notes,
    };
    if (disabilityGrade !== undefined) person.disabilityGrade = disabilityGrade;
    parsed.push(person);
  });

  // Across rows: the same person twice; members and their household head.
  const byId = new Map<string, ImportedPerson>();
  const byNamePhone = new Map<string, ImportedPerson>();
  const accepted: ImportedPerson[] = [];
  for (const p of parsed) {
    const sameId = byId.get(p.rowKey);
    if (sameId) {
      fail(p.row, 'idNumber', `与第${sameId.row}行的身份证号相同`);
      continue;
    }
    // The same rule as at capture (findDuplicates), between the rows of the file.
    const namePhone = namePhoneKey(p);
    const samePerson = namePhone ? byNamePhone.get(namePhone) : undefined;
    if (samePerson) {
      fail(p.row, 'phone', `与第${samePerson.row}行的${DUPLICATE_REASON_LABELS.namePhone}，可能是同一个人`);
      continue;
    }
    byId.set(p.rowKey, p);
    if (namePhone) byNamePhone.set(namePhone, p);
    accepted.push(p);
  }
  const knownHeads = new Set(ctx.knownHeadIdNumbers ?? []);
  const ok: ImportedPerson[] = [];
  for (const p of accepted) {
    if (!p.isHead) {
      const head = byId.get(p.householdKey);
      if (head && !head.isHead) {
        fail(p.row, 'headIdNumber', `第${head.row}行的人不是户主`);
        continue;
      }
      if (!head && !knownHeads.has(p.householdKey)) {
        const headRow = rowOfId.get(p.householdKey);
        fail(p.row, 'headIdNumber', headRow ? `户主所在的第${headRow}行有错误，请先改正` : '表格中没有这个户主，花名册中也没有');
        continue;
      }
      if (head && head.gridCode !== p.gridCode) {
        fail(p.row, 'gridCode', `与户主（第${head.row}行）不在同一网格`);
        continue;
      }
      if (head && p.address === '') p.address = head.address;
    }
    ok.push(p);
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows: ok, errors };
}
