// Spreadsheets people upload (a ledger, a verification campaign's comparison results): the bytes of an .xlsx or a
// .csv, read into a header and rows of strings, each with its 1-based row number in the sheet so errors can name it.
// A CSV is UTF-8 (with or without Excel's BOM) or, when it is not valid UTF-8, GBK — what Excel's plain "CSV" is on a
// Chinese PC. A merged cell reads as its value across the merge (a two-row title over several columns).
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { TextDecoder } from 'node:util';
import { parseCsv } from '../../src/core/roster/csv';
import { AppFailure } from '../../src/core/errors';
import { isXlsxBytes, SPREADSHEET_FILE_MAX_BYTES, type SpreadsheetPurpose } from '../../src/core/files';
import type { ActionContext } from './action';
import { downloadOwnUpload } from './files';

export interface SheetRow {
  /** 1-based row number in the sheet (the header is usually 1). */
  row: number;
  cells: string[];
}

export interface SheetTable {
  header: string[];
  rows: SheetRow[];
}

export interface ReadLimits {
  maxBytes: number;
  /** Data rows (after the header) a file may hold. */
  maxRows: number;
  /** The header is the first row holding this cell (a title row above it, often merged across, is skipped). */
  headerWith?: string;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM dropped), else GBK. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gbk');
  }
}

const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

function tooManyRows(limits: ReadLimits, rows: number): never {
  throw new AppFailure('IMPORT.TOO_MANY_ROWS', `一次最多导入${limits.maxRows}行，这份表格有${rows}行，请分批导入`);
}

/** Header = the first non-empty row (or the first holding `headerWith`); data rows after it, empty rows left out. */
function table(rows: SheetRow[], limits: ReadLimits): SheetTable {
  const filled = rows.filter((r) => !blank(r.cells));
  const at = limits.headerWith === undefined ? 0 : filled.findIndex((r) => r.cells.some((c) => c.replace(/\s/g, '') === limits.headerWith));
  const [head, ...body] = filled.slice(Math.max(0, at));
  if (!head) return { header: [], rows: [] };
  if (body.length > limits.maxRows) tooManyRows(limits, body.length);
  const header = head.cells.map((c) => c.trim());
  return { header, rows: body.map((r) => ({ row: r.row, cells: header.map((_, k) => (r.cells[k] ?? '').trim()) })) };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.isMerged && cell.master !== cell ? cell.master.value : cell.value;
  if (value === null || value === undefined) return '';
  // A date cell (出生日期, 核查日期) reads as its Beijing day; Excel stores the wall-clock date as UTC.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return value.result === undefined || value.result === null ? '' : value.result instanceof Date ? value.result.toISOString().slice(0, 10) : String(value.result);
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array, limits: ReadLimits): Promise<SheetTable> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppFailure('INPUT.INVALID', '无法读取这个 Excel 文件，请另存为 .xlsx 或 CSV 后重新选择');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  // The header and a few blank rows besides the data: refused before any row is read.
  if (sheet.actualRowCount > limits.maxRows + 20) tooManyRows(limits, sheet.actualRowCount - 1);
  const width = sheet.columnCount;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    for (let k = 1; k <= width; k++) cells.push(cellText(r.getCell(k)));
    rows.push({ row: rowNumber, cells });
  });
  return table(rows, limits);
}

/**
 * An uploaded spreadsheet as a header and rows of trimmed strings. Refused: more than `maxBytes`
 * (IMPORT.TOO_MANY_ROWS), more than `maxRows` data rows (IMPORT.TOO_MANY_ROWS), an .xlsx that cannot be read (INPUT.INVALID).
 */
export async function readSpreadsheet(bytes: Uint8Array, limits: ReadLimits): Promise<SheetTable> {
  if (bytes.length > limits.maxBytes) throw new AppFailure('IMPORT.TOO_MANY_ROWS', '文件过大，请分批导入');
  if (isXlsxBytes(bytes)) return readXlsx(bytes, limits);
  // A CSV row may span lines (a quoted line break): its number is the line it starts on.
  const text = decodeCsvBytes(bytes);
  const parsed = parseCsv(text);
  if (parsed.length > limits.maxRows + 20) tooManyRows(limits, parsed.length - 1);
  let line = 1;
  const rows = parsed.map((cells) => {
    const row = { row: line, cells };
    line += 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return row;
  });
  return table(rows, limits);
}

/** Data rows keyed by the header's cells, with their sheet row numbers (for `validateImportRows`-style checks). */
export function keyedRows(sheet: SheetTable): { records: Array<Record<string, string>>; rowNumbers: number[] } {
  return {
    records: sheet.rows.map((r) => Object.fromEntries(sheet.header.map((h, k) => [h, r.cells[k] ?? '']))),
    rowNumbers: sheet.rows.map((r) => r.row),
  };
}

/** A spreadsheet (.xlsx or CSV) the caller uploaded for `purpose`, read into rows (at most `maxRows` data rows). */
export async function readSpreadsheetUpload(ctx: ActionContext, fileId: string, purpose: SpreadsheetPurpose, limits: Omit<ReadLimits, 'maxBytes'>): Promise<SheetTable> {
  return readSpreadsheet(await downloadOwnUpload(ctx, fileId, purpose, SPREADSHEET_FILE_MAX_BYTES), { maxBytes: SPREADSHEET_FILE_MAX_BYTES, ...limits });
}
