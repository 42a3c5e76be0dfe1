// Spreadsheets out (issue 12): an .xlsx written in the function with exceljs, stored under the caller's own
// storage prefix (exports/<userId>/…, an opaque user id, never an OPENID) and handed back as a short-lived link.
// Rows come in batches so a caller can page its records into the sheet. Every export is an audit entry.
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { TEMP_URL_MAX_AGE_S } from '../../src/core/files';
import type { ActionContext } from './action';
import { storage } from './cloud';

export interface XlsxSheetSpec {
  name: string;
  columns: Array<{ header: string; key: string; width?: number }>;
  rows: AsyncIterable<Record<string, string | number | null>[]>;
}

export interface XlsxSpec {
  fileName: string;
  sheets: XlsxSheetSpec[];
}

export async function writeXlsx(ctx: ActionContext, spec: XlsxSpec): Promise<{ fileId: string; url: string; rows: number }> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(ctx.now);
  let rows = 0;
  for (const sheetSpec of spec.sheets) {
    const sheet = book.addWorksheet(sheetSpec.name);
    sheet.columns = sheetSpec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    for await (const batch of sheetSpec.rows) {
      sheet.addRows(batch);
      rows += batch.length;
    }
  }
  const content = Buffer.from(await book.xlsx.writeBuffer());
  const name = `${randomBytes(12).toString('hex')}.xlsx`;
  const { fileID } = await storage().uploadFile({ cloudPath: `exports/${ctx.caller.user._id}/${name}`, fileContent: content });
  const [{ fileList: [link] }] = await Promise.all([
    storage().getTempFileURL({ fileList: [{ fileID, maxAge: TEMP_URL_MAX_AGE_S }] }),
    ctx.audit({ collection: 'exports', recordId: name, kind: 'create', to: { fileName: spec.fileName, rows }, why: '导出 Excel' }),
  ]);
  return { fileId: fileID, url: link!.tempFileURL, rows };
}
