// A CSV file in and out of the page. H5: the browser's file chooser and a download; weapp: a file from a chat
// (chooseMessageFile) and the clipboard. Excel's plain "CSV" is GBK in Chinese Windows: decoded as such on H5;
// in WeChat, save as "CSV UTF-8".
import Taro from '@tarojs/taro';

function decode(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

function pickInBrowser(): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      void file.arrayBuffer().then((bytes) => resolve({ name: file.name, text: decode(bytes) }));
    };
    document.body.appendChild(input);
    input.click();
  });
}

/** The chosen CSV file's text, or null when the user cancelled. */
export async function pickCsvFile(): Promise<{ name: string; text: string } | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser();
  try {
    const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] });
    const file = chosen.tempFiles[0];
    if (!file) return null;
    const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string;
    return { name: file.name, text };
  } catch {
    return null;
  }
}

/** Offers `text` as a file: a download on H5; in WeChat it is copied, to paste into a file on a computer. */
export async function saveCsvFile(filename: string, text: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
    return `已下载“${filename}”`;
  }
  await Taro.setClipboardData({ data: text });
  return '模板内容已复制，请粘贴到电脑上的表格文件中';
}
