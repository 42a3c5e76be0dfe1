// Uploaded spreadsheets (issue 12): .xlsx written by exceljs (merged header cells too), CSV in UTF-8, UTF-8 with
// Excel's BOM and GBK; row numbers as the sheet shows them; bounded by bytes and rows.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readSpreadsheet } from '../../server/platform/spreadsheet-read';

const LIMITS = { maxBytes: 1_000_000, maxRows: 100 };
const CSV = '身份证号,核查结论,说明\r\n431123194805120229,A01,"有车辆,登记在本人名下"\r\n\r\n431123195001010011,B02,\r\n';

async function failure(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'none',
    (e: { error?: { code: string } }) => e.error?.code ?? String(e),
  );
}

describe('readSpreadsheet', () => {
  it('reads UTF-8, UTF-8 with BOM and GBK CSV alike, blank rows left out but counted in row numbers', async () => {
    const expected = {
      header: ['身份证号', '核查结论', '说明'],
      rows: [
        { row: 2, cells: ['431123194805120229', 'A01', '有车辆,登记在本人名下'] },
        { row: 4, cells: ['431123195001010011', 'B02', ''] },
      ],
    };
    expect(await readSpreadsheet(Buffer.from(CSV, 'utf8'), LIMITS)).toEqual(expected);
    expect(await readSpreadsheet(Buffer.from(`\uFEFF${CSV}`, 'utf8'), LIMITS)).toEqual(expected);
    const gbk = iconv.encode(CSV, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(await readSpreadsheet(gbk, LIMITS)).toEqual(expected);
  });

  it('reads a real .xlsx, with a merged title over the header and a merged header cell read across its merge', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('比对结果');
    sheet.addRow(['2026年下半年比对结果']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['身份证号', '核查结论', '说明']);
    sheet.mergeCells('C2:D2');
    sheet.addRow(['431123194805120229', 'A01', '有车辆', '补充']);
    sheet.addRow([]);
    sheet.addRow(['431123195001010011', { richText: [{ text: 'B' }, { text: '02' }] }, new Date(Date.UTC(2026, 10, 3)), null]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const read = await readSpreadsheet(bytes, LIMITS);
    // The title row spans A–D: it is the first non-empty row, so it reads as a header of one value four times.
    expect(read.header).toEqual(['2026年下半年比对结果', '2026年下半年比对结果', '2026年下半年比对结果', '2026年下半年比对结果']);
    expect(read.rows[0]).toEqual({ row: 2, cells: ['身份证号', '核查结论', '说明', '说明'] });
    expect(read.rows.slice(1)).toEqual([
      { row: 3, cells: ['431123194805120229', 'A01', '有车辆', '补充'] },
      { row: 5, cells: ['431123195001010011', 'B02', '2026-11-03', ''] },
    ]);
  });

  it('refuses too many bytes, too many rows, and an .xlsx it cannot read', async () => {
    expect(await failure(readSpreadsheet(Buffer.from(CSV), { maxBytes: 10, maxRows: 100 }))).toBe('IMPORT.TOO_MANY_ROWS');
    const many = `a\n${'1\n'.repeat(150)}`;
    expect(await failure(readSpreadsheet(Buffer.from(many), LIMITS))).toBe('IMPORT.TOO_MANY_ROWS');
    expect(await failure(readSpreadsheet(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), LIMITS))).toBe('INPUT.INVALID');
  });
});
