// Photos go to cloud storage and only their fileID travels in a call (as WeChat intends). The server issues the path
// first (session.prepareUpload: uploads/<userId>/<purpose>/<ticket>) and later accepts only a path it issued to the
// same user. weapp: Taro.cloud.uploadFile to that path; h5: the local runtime's /api/upload does both steps.
import Taro from '@tarojs/taro';
import { appError, type Result } from '../core/errors';
import type { UploadExtension, UploadPurpose } from '../core/files';
import { call } from './call';
import { newRequestId } from './request-id';
import { getSessionToken } from './session-token';

export interface UploadedFile {
  fileID: string;
  /** The device's own copy (the picker's local path), which an <Image> shows until the form is sent. */
  url: string;
}

function extensionOf(path: string): UploadExtension {
  return /\.png(?:$|\?)/i.test(path) ? 'png' : 'jpg';
}

async function uploadHttp(localPath: string, purpose: UploadPurpose): Promise<Result<UploadedFile>> {
  const sent = await postBytes(await (await fetch(localPath)).arrayBuffer(), purpose);
  return sent.ok ? { ok: true, data: { fileID: sent.data.fileID, url: localPath } } : sent;
}

/** H5: the local runtime's /api/upload issues the path and stores the bytes in one request. */
async function postBytes(bytes: ArrayBuffer, purpose: UploadPurpose): Promise<Result<{ fileID: string }>> {
  const token = getSessionToken();
  const response = await fetch(`/api/upload?purpose=${purpose}&requestId=${newRequestId()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: bytes,
  });
  const body = (await response.json()) as Result<{ fileID: string }>;
  if (!body || typeof body !== 'object' || !('ok' in body)) return { ok: false, error: appError('INTERNAL') };
  return body;
}

/** weapp: the path from session.prepareUpload, then the file straight to cloud storage. */
async function uploadCloud(localPath: string, purpose: UploadPurpose, ext: UploadExtension = extensionOf(localPath)): Promise<Result<UploadedFile>> {
  const issued = await call('session', 'prepareUpload', { requestId: newRequestId(), purpose, ext });
  if (!issued.ok) return issued;
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath: issued.data.cloudPath, filePath: localPath });
  return { ok: true, data: { fileID, url: localPath } };
}

export async function uploadPhoto(localPath: string, purpose: UploadPurpose): Promise<Result<UploadedFile>> {
  try {
    return process.env.TARO_ENV === 'h5' ? await uploadHttp(localPath, purpose) : await uploadCloud(localPath, purpose);
  } catch {
    return { ok: false, error: appError('NETWORK.FAILED', '照片上传失败，请检查网络后重试') };
  }
}

/**
 * A ledger's text as a UTF-8 CSV file in storage (the import job reads it there: a call carries at most 100 KB).
 * weapp writes it to the app's own folder first, then uploads that file.
 */
export async function uploadLedgerText(text: string): Promise<Result<{ fileID: string }>> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const utf8 = new TextEncoder().encode(text);
      return await postBytes(utf8.buffer.slice(utf8.byteOffset, utf8.byteOffset + utf8.byteLength) as ArrayBuffer, 'ledger');
    }
    const path = `${Taro.env.USER_DATA_PATH}/ledger-${Date.now()}.csv`;
    Taro.getFileSystemManager().writeFileSync(path, text, 'utf8');
    return await uploadCloud(path, 'ledger', 'csv');
  } catch {
    return { ok: false, error: appError('NETWORK.FAILED', '文件上传失败，请检查网络后重试') };
  }
}
