// Photos in function tests: tiny real images (the server checks magic bytes) uploaded the way the mini-program does —
// the path from session.prepareUpload, then the bytes straight to storage.
import cloud from '../../local/wx-server-sdk';
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
export async function uploadAs(openid: string, purpose: UploadPurpose = 'material', bytes: Buffer = PNG, ext: 'jpg' | 'png' | 'csv' = 'png'): Promise<string> {
  uploads += 1;
  const { cloudPath } = await ok(callAs(openid, 'session', 'prepareUpload', { requestId: `upload-${uploads}-${Date.now()}`, purpose, ext }));
  return (await cloud.uploadFile({ cloudPath, fileContent: bytes })).fileID;
}
