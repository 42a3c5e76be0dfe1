// Spreadsheets out (issue 12): a workbook written row page by row page with exceljs's streaming writer, so memory
// holds one page and the compressed output, never the whole sheet; stored under the caller's own storage prefix and
// handed back as a short-lived link (the page opens it with openDocument, or downloads it on H5).
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppFailure } from '../../src/core/errors';
import { exportPath, TEMP_URL_MAX_AGE_S } from '../../src/core/files';
import type { ActionContext } from './action';
import { storage } from './cloud';
import { jobBudgetMs } from './jobs';

export interface XlsxSheet {
  name: string;
  columns: Array<{ header: string; key: string; width?: number }>;
  /** Pages of rows, read as they are written: the source pages its records by cursor. */
  rows: AsyncIterable<Record<string, string | number | null>[]>;
}

export interface XlsxSpec {
  /** What the person sees; the stored file gets an opaque name beside it. */
  fileName: string;
  sheets: XlsxSheet[];
}

/**
 * Writes the workbook and stores it. The rows must arrive within the function's job budget (its timeout less a
 * margin): past it the export stops with EXPORT.TOO_LARGE and stores nothing, rather than being cut off mid-file.
 */
export async function writeXlsx(ctx: ActionContext, spec: XlsxSpec): Promise<{ fileId: string; url: string; rows: number }> {
  const deadline = Date.now() + jobBudgetMs(ctx.fn);
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // No shared strings and no styles: each row is flushed as it is committed (styles only for the header's bold).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  let rows = 0;
  for (const sheet of spec.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    for await (const page of sheet.rows) {
      if (Date.now() > deadline) throw new AppFailure('EXPORT.TOO_LARGE');
      for (const row of page) worksheet.addRow(row).commit();
      rows += page.length;
    }
    worksheet.commit();
  }
  await workbook.commit();
  await finished;
  const cloudPath = exportPath(ctx.caller.user._id, `${ctx.now.toString(36)}${randomBytes(8).toString('hex')}`);
  const { fileID } = await storage().uploadFile({ cloudPath, fileContent: Buffer.concat(parts) });
  const { fileList } = await storage().getTempFileURL({ fileList: [{ fileID, maxAge: TEMP_URL_MAX_AGE_S }] });
  const link = fileList[0];
  if (!link || link.status !== 0) throw new Error(`no link for the export ${fileID}`);
  return { fileId: fileID, url: link.tempFileURL, rows };
}
