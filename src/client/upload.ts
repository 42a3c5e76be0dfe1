// Photos go straight to cloud storage and only their fileID travels in a call (as WeChat intends).
// weapp: Taro.cloud.uploadFile; h5: the local runtime's /api/upload stands in for cloud storage.
import Taro from '@tarojs/taro';
import { appError, type Result } from '../core/errors';
import { getSessionToken } from './session-token';

export interface UploadedFile {
  fileID: string;
  /** What an <Image> can show: the cloud fileID itself in weapp, a served path on h5. */
  url: string;
}

function extensionOf(path: string): string {
  const match = /\.(jpe?g|png)(?:$|\?)/i.exec(path);
  return match ? match[1].toLowerCase() : 'jpg';
}

async function uploadHttp(localPath: string): Promise<unknown> {
  const bytes = await (await fetch(localPath)).arrayBuffer();
  const token = getSessionToken();
  const response = await fetch(`/api/upload?ext=${extensionOf(localPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: bytes,
  });
  return response.json();
}

async function uploadCloud(localPath: string): Promise<UploadedFile> {
  const cloudPath = `uploads/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${extensionOf(localPath)}`;
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath });
  return { fileID, url: fileID };
}

export async function uploadPhoto(localPath: string): Promise<Result<UploadedFile>> {
  try {
    if (process.env.TARO_ENV !== 'h5') return { ok: true, data: await uploadCloud(localPath) };
    const body = (await uploadHttp(localPath)) as Result<UploadedFile>;
    return body && typeof body === 'object' && 'ok' in body ? body : { ok: false, error: appError('INTERNAL') };
  } catch {
    return { ok: false, error: appError('NETWORK.FAILED', '照片上传失败，请检查网络后重试') };
  }
}
