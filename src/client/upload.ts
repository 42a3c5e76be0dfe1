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
  const bytes = await (await fetch(localPath)).arrayBuffer();
  const token = getSessionToken();
  const response = await fetch(`/api/upload?purpose=${purpose}&requestId=${newRequestId()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: bytes,
  });
  const body = (await response.json()) as Result<{ fileID: string }>;
  if (!body || typeof body !== 'object' || !('ok' in body)) return { ok: false, error: appError('INTERNAL') };
  return body.ok ? { ok: true, data: { fileID: body.data.fileID, url: localPath } } : body;
}

async function uploadCloud(localPath: string, purpose: UploadPurpose): Promise<Result<UploadedFile>> {
  const issued = await call('session', 'prepareUpload', { requestId: newRequestId(), purpose, ext: extensionOf(localPath) });
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
