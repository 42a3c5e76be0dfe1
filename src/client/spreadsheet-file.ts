// Spreadsheets in and out of the page. In: H5 picks a file with the browser's chooser, weapp one from a chat
// (chooseMessageFile); the file goes to storage as it is (.xlsx, or CSV in UTF-8 or GBK — the server reads all of
// them). Out: the function writes the .xlsx and answers a short-lived link; H5 downloads it, weapp opens it with
// openDocument (from where it can be forwarded or saved).
import Taro from '@tarojs/taro';
import type { Result } from '../core/errors';
import type { SpreadsheetPurpose } from '../core/files';
import { uploadSpreadsheet } from './upload';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

function pickInBrowser(): Promise<{ name: string; bytes: ArrayBuffer } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT;
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      const reader = new FileReader();
      reader.onload = () => resolve({ name: file.name, bytes: reader.result as ArrayBuffer });
      reader.onerror = () => resolve(null);
      reader.readAsArrayBuffer(file);
    };
    document.body.appendChild(input);
    input.click();
  });
}

async function pickInWeapp(): Promise<{ name: string; path: string } | null> {
  try {
    const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    const file = chosen.tempFiles[0];
    return file ? { name: file.name, path: file.path } : null;
  } catch {
    return null; // cancelled
  }
}

/** Lets the user pick a spreadsheet and uploads it; null when they cancelled. */
export async function pickSpreadsheet(purpose: SpreadsheetPurpose): Promise<Result<{ name: string; fileID: string }> | null> {
  const file = process.env.TARO_ENV === 'h5' ? await pickInBrowser() : await pickInWeapp();
  if (!file) return null;
  const sent = await uploadSpreadsheet(file, purpose);
  return sent.ok ? { ok: true, data: { name: file.name, fileID: sent.data.fileID } } : sent;
}
