// Private files in the core: which fileIDs are uploads at all, whose and of which environment, and what bytes are images.
import { belongsToEnv, parseUploadFileId, sniffImageType, uploadPath } from '../../src/core/files';

const TICKET = '0123456789abcdef0123456789abcdef';

it('parses only cloud://<host>/uploads/<userId>/<purpose>/<ticket>.<jpg|png>', () => {
  const path = uploadPath('u-gw-01', 'material', TICKET, 'png');
  expect(parseUploadFileId(`cloud://local/${path}`)).toEqual({ host: 'local', path, userId: 'u-gw-01', purpose: 'material', ticketId: TICKET });
  expect(parseUploadFileId(`cloud://env-1a2b.7465-env-1a2b-1300000000/${path}`)?.host).toBe('env-1a2b.7465-env-1a2b-1300000000');
  for (const bad of [
    `https://example.com/${path}`,
    `cloud://local/${path}/`,
    `cloud://local/uploads/u-gw-01/material/../${TICKET}.png`,
    `cloud://local/uploads/u-gw-01/../u-gw-02/material/${TICKET}.png`,
    `cloud://local/uploads/u-gw-01/material/%2e%2e/${TICKET}.png`,
    `cloud://local/uploads/u-gw-01//material/${TICKET}.png`,
    `cloud://local/uploads/u-gw-01/material/${TICKET}.svg`,
    `cloud://local/uploads/u-gw-01/material/${TICKET}.png.html`,
    `cloud://local/uploads/u-gw-01/other/${TICKET}.png`,
    `cloud://local/photos/u-gw-01/material/${TICKET}.png`,
    `cloud://local/uploads/u-gw-01/material/short.png`,
  ]) {
    expect({ bad, parsed: parseUploadFileId(bad) }).toEqual({ bad, parsed: null });
  }
});

it('tells this environment\'s files from another\'s', () => {
  expect(belongsToEnv('local', 'local')).toBe(true);
  expect(belongsToEnv('prod-8g.7072-prod-8g-1300000000', 'prod-8g')).toBe(true);
  expect(belongsToEnv('prod-8gx.7072-prod-8gx-1300000000', 'prod-8g')).toBe(false);
  expect(belongsToEnv('test-1.7465-test-1-1300000000', 'prod-8g')).toBe(false);
  expect(belongsToEnv('local', '')).toBe(false);
});

it('recognises JPEG and PNG by their magic bytes only', () => {
  expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
  expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
  expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull(); // a truncated PNG signature
  expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
  expect(sniffImageType(Buffer.alloc(0))).toBeNull();
});
