// Stand-ins for the two cloud calls of onboarding: wxacode.getUnlimited (an invitation's mini-program code) and
// phonenumber.getPhoneNumber (the optional phone prefill). They check their arguments the way WeChat does
// (docs/platform-notes.md) and answer in its shape; the image is a small valid PNG, not a scannable code.

import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { isPlainObject } from './codec';
import { sdkError, unsupported, type SdkError } from './errors';
import { runOperation } from './invocation';

const UNLIMITED = 'openapi.wxacode.getUnlimited';
const PHONE = 'openapi.phonenumber.getPhoneNumber';

function openapiError(api: string, errCode: number, detail: string): SdkError {
  return sdkError(api, `${errCode} ${detail}`, errCode);
}

/** WeChat's scene: at most 32 visible characters from this set (no %, so nothing percent-encoded). */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const UNLIMITED_KEYS = ['scene', 'page', 'checkPath', 'envVersion', 'width', 'autoColor', 'lineColor', 'isHyaline'];

export interface UnlimitedInput {
  scene: string;
  page?: string;
  checkPath?: boolean;
  envVersion?: string;
  width?: number;
}

export function getUnlimited(input: UnlimitedInput): Promise<{ errCode: 0; errMsg: string; contentType: string; buffer: Buffer }> {
  return runOperation(UNLIMITED, input, () => {
    if (!isPlainObject(input)) throw openapiError(UNLIMITED, 40097, 'invalid args');
    for (const key of Object.keys(input)) if (!UNLIMITED_KEYS.includes(key)) throw unsupported(`the "${key}" parameter of ${UNLIMITED}`);
    const { scene, page, checkPath, envVersion, width } = input;
    if (typeof scene !== 'string' || !SCENE.test(scene)) throw openapiError(UNLIMITED, 40169, 'invalid length for scene, or the data is not json string');
    if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.includes('?') || page === '')) {
      throw openapiError(UNLIMITED, 41030, 'invalid page hint: page must be a path without a leading "/" or a query');
    }
    // No version is published locally: with checkPath on (WeChat's default) the page cannot be found, as before release.
    if (checkPath !== false) throw openapiError(UNLIMITED, 41030, 'invalid page hint: the page is not in the published version (set checkPath: false)');
    if (envVersion !== undefined && !ENV_VERSIONS.includes(envVersion)) throw openapiError(UNLIMITED, 40097, 'invalid args: env_version');
    if (width !== undefined && (typeof width !== 'number' || width < 280 || width > 1280)) throw openapiError(UNLIMITED, 40097, 'invalid args: width');
    return { errCode: 0 as const, errMsg: `${UNLIMITED}:ok`, contentType: 'image/png', buffer: patternPng(`${page ?? ''}?${scene}`) };
  });
}

/** The fixed number the stand-in answers for a `demo-…` code (a real code comes from the getPhoneNumber button). */
export const DEMO_PHONE_NUMBER = '13800138000';

export function getPhoneNumber(input: { code: string }): Promise<{ errCode: 0; errMsg: string; phoneInfo: { phoneNumber: string; purePhoneNumber: string; countryCode: string } }> {
  return runOperation(PHONE, input, () => {
    if (!isPlainObject(input)) throw openapiError(PHONE, 40097, 'invalid args');
    for (const key of Object.keys(input)) if (key !== 'code') throw unsupported(`the "${key}" parameter of ${PHONE}`);
    if (typeof input.code !== 'string' || !input.code.startsWith('demo-')) throw openapiError(PHONE, 40029, 'invalid code');
    return { errCode: 0 as const, errMsg: `${PHONE}:ok`, phoneInfo: { phoneNumber: DEMO_PHONE_NUMBER, purePhoneNumber: DEMO_PHONE_NUMBER, countryCode: '86' } };
  });
}

// ---- a small grey-scale PNG whose pattern follows the input (so two codes look different) ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

const CELLS = 16;
const CELL_PX = 12;

function patternPng(seed: string): Buffer {
  const bits = createHash('sha256').update(seed).digest();
  const size = CELLS * CELL_PX;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1); // filter byte 0, then one grey byte per pixel
    for (let x = 0; x < size; x++) {
      const cell = Math.floor(y / CELL_PX) * CELLS + Math.floor(x / CELL_PX);
      const on = (bits[cell % bits.length]! >> (cell % 8)) & 1;
      row[x + 1] = on ? 0x1f : 0xff;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grey-scale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
