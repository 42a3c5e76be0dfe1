// What an <Image> shows for a stored photo. In WeChat a cloud fileID is itself a valid image source. On H5 the
// local runtime serves its stand-in storage: a fileID 'cloud://local/<path>' is served at '/files/<path>'.
const LOCAL_FILE_PREFIX = 'cloud://local/';
const LOCAL_FILES_URL = '/files/';

export function photoUrl(fileID: string): string {
  if (process.env.TARO_ENV !== 'h5' || !fileID.startsWith(LOCAL_FILE_PREFIX)) return fileID;
  return LOCAL_FILES_URL + fileID.slice(LOCAL_FILE_PREFIX.length).split('/').map(encodeURIComponent).join('/');
}
