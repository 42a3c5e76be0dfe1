// Photos in function tests: tiny real images (the server checks magic bytes) uploaded the way the mini-program does —
// the path from session.prepareUpload, then the bytes straight to storage.
import cloud, { local } from '../../local/wx-server-sdk';
import type { UploadPurpose } from '../../src/core/files';
import { callAs, ok } from './harness';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A minimal JPEG header (SOI, JFIF APP0 …). */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

let uploads = 0;

/** Uploads `bytes` as the user with this OPENID; returns the fileID. */
export async function uploadAs(openid: string, purpose: UploadPurpose = 'material', bytes: Buffer = PNG, ext: 'jpg' | 'png' | 'csv' | 'xlsx' = 'png'): Promise<string> {
  uploads += 1;
  const { cloudPath } = await ok(callAs(openid, 'session', 'prepareUpload', { requestId: `upload-${uploads}-${Date.now()}`, purpose, ext }));
  return (await cloud.uploadFile({ cloudPath, fileContent: bytes })).fileID;
}

/** The bytes behind a temporary link the functions answered (an export), as the browser would fetch them. */
export async function downloadLink(url: string): Promise<Buffer> {
  const [path, query = ''] = url.split('?');
  const cloudPath = local.files.verifyUrl(path!, new URLSearchParams(query).get('t'));
  if (!cloudPath) throw new Error(`not a valid link: ${url}`);
  const bytes = await local.files.read(cloudPath);
  if (!bytes) throw new Error(`no file behind ${url}`);
  return bytes;
}
