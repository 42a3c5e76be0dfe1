// Contract: the stand-in's wxacode.getUnlimited and phonenumber.getPhoneNumber check their arguments as WeChat does
// (docs/platform-notes.md) and answer in its shape; anything else under openapi stays unsupported and loud.
import { cloud } from './helpers';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ok = { scene: 'ABCD2345EFGH', page: 'pages/bind/index', checkPath: false, envVersion: 'trial' };

describe('openapi.wxacode.getUnlimited', () => {
  it('answers a PNG for a valid scene and page, different per scene', async () => {
    const a = await cloud.openapi.wxacode.getUnlimited(ok);
    expect(a).toMatchObject({ errCode: 0, contentType: 'image/png' });
    expect(Buffer.isBuffer(a.buffer)).toBe(true);
    expect(a.buffer.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const b = await cloud.openapi.wxacode.getUnlimited({ ...ok, scene: 'ZZZZ2345EFGH' });
    expect(b.buffer.equals(a.buffer)).toBe(false);
    // Every character WeChat allows in a scene, 32 of them.
    await expect(cloud.openapi.wxacode.getUnlimited({ ...ok, scene: "aZ09!#$&'()*+,/:;=?@-._~abcdefgh" })).resolves.toMatchObject({ errCode: 0 });
  });

  it('refuses a scene over 32 characters or with other characters (no %, so nothing percent-encoded)', async () => {
    for (const scene of ['', 'A'.repeat(33), 'a%20b', '中文', 'a b']) {
      await expect(cloud.openapi.wxacode.getUnlimited({ ...ok, scene })).rejects.toMatchObject({ errCode: 40169 });
    }
  });

  it('refuses a page with a leading "/" or a query, and any page while checkPath is on (nothing is published locally)', async () => {
    await expect(cloud.openapi.wxacode.getUnlimited({ ...ok, page: '/pages/bind/index' })).rejects.toMatchObject({ errCode: 41030 });
    await expect(cloud.openapi.wxacode.getUnlimited({ ...ok, page: 'pages/bind/index?scene=1' })).rejects.toMatchObject({ errCode: 41030 });
    const { checkPath: _omitted, ...defaults } = ok;
    await expect(cloud.openapi.wxacode.getUnlimited(defaults)).rejects.toMatchObject({ errCode: 41030 });
    await expect(cloud.openapi.wxacode.getUnlimited({ ...ok, envVersion: 'beta' })).rejects.toMatchObject({ errCode: 40097 });
    await expect(cloud.openapi.wxacode.getUnlimited({ ...ok, width: 100 })).rejects.toMatchObject({ errCode: 40097 });
  });

  it('throws on parameters it does not implement', async () => {
    await expect(cloud.openapi.wxacode.getUnlimited({ ...ok, hyaline: true } as never)).rejects.toThrow(/not supported/);
    const wxacode = cloud.openapi.wxacode as unknown as Record<string, (input: object) => unknown>;
    expect(() => wxacode.createQRCode({})).toThrow(/not supported/);
  });
});

describe('openapi.phonenumber.getPhoneNumber', () => {
  it('answers the demo number for a demo- code, 40029 for any other', async () => {
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code: 'demo-1' })).resolves.toMatchObject({ errCode: 0, phoneInfo: { purePhoneNumber: '13800138000', countryCode: '86' } });
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code: 'a-wx-login-code' })).rejects.toMatchObject({ errCode: 40029 });
  });
});
