// Opens a spreadsheet the server produced, from its short-lived link: in WeChat it is downloaded and opened with
// openDocument (the user can forward or save it from there); on H5 the browser downloads it under its name.
import Taro from '@tarojs/taro';

/** A message for the page once the file is open or downloading. */
export async function openSpreadsheet(url: string, fileName: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return `已下载“${fileName}”`;
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url });
  if (statusCode !== 200) throw new Error(`download ${statusCode}`);
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
  return `已打开“${fileName}”，可从右上角菜单转发或保存`;
}
