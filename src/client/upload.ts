// Photos go to cloud storage and only their fileID travels in a call (as WeChat intends). The server issues the path
// first (session.prepareUpload: uploads/<userId>/<purpose>/<ticket>) and later accepts only a path it issued to the
// same user. weapp: Taro.cloud.uploadFile to that path; h5: the local runtime's /api/upload does both steps.
import Taro from '@tarojs/taro';
import { appError, type Result } from '../core/errors';
import type { SpreadsheetPurpose, UploadExtension, UploadPurpose } from '../core/files';
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
 * A spreadsheet (.xlsx or CSV) the user picked, to storage for an import to read (a call carries at most 100 KB).
 * H5 sends the file's bytes; weapp uploads the picked file from its temporary path.
 */
export async function uploadSpreadsheet(file: { name: string; bytes?: ArrayBuffer; path?: string }, purpose: SpreadsheetPurpose): Promise<Result<{ fileID: string }>> {
  try {
    if (file.bytes) return await postBytes(file.bytes, purpose);
    return await uploadCloud(file.path!, purpose, /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv');
  } catch {
    return { ok: false, error: appError('NETWORK.FAILED', '文件上传失败，请检查网络后重试') };
  }
}
