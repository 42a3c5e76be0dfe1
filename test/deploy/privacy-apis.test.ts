// Every WeChat privacy API the mini-program uses is in PRIVACY_APIS (src/core/privacy.ts), so the prompt names it
// and docs/deployment.md lists it for the mp console's 用户隐私保护指引; an undeclared one fails only in real
// WeChat (errno 112), so this scan fails first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVACY_APIS } from '../../src/core/privacy';

const ROOT = join(__dirname, '..', '..');

// WeChat's privacy interfaces (小程序隐私协议开发指南, 涉及隐私的接口) that a Taro page could call.
const WECHAT_PRIVACY_APIS = [
  'chooseImage', 'chooseMedia', 'chooseVideo', 'chooseMessageFile', 'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum',
  'getClipboardData', 'setClipboardData', 'getLocation', 'getFuzzyLocation', 'chooseLocation', 'choosePoi',
  'startLocationUpdate', 'startLocationUpdateBackground', 'onLocationChange', 'chooseAddress', 'chooseInvoice',
  'chooseInvoiceTitle', 'chooseLicensePlate', 'getUserProfile', 'getUserInfo', 'authorize', 'getWeRunData',
  'shareToWeRun', 'startRecord', 'getRecorderManager', 'joinVoIPChat', 'createCameraContext', 'createLivePusherContext',
  'openBluetoothAdapter', 'createBLEPeripheralServer', 'startWifi', 'connectWifi', 'getWifiList', 'getConnectedWifi',
  'addPhoneContact', 'addPhoneCalendar', 'addPhoneRepeatCalendar', 'saveFileToDisk', 'startHCE',
];
// Button open types that reach privacy data.
const PRIVACY_OPEN_TYPES = ['getPhoneNumber', 'getRealtimePhoneNumber', 'chooseAvatar', 'getUserInfo'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Each privacy API or open type used in src/, with the first file that uses it. */
function usedPrivacyApis(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sources(join(ROOT, 'src'))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bTaro\.(\w+)\s*\(/g)) {
      if (WECHAT_PRIVACY_APIS.includes(m[1]!) && !used.has(m[1]!)) used.set(m[1]!, file);
    }
    for (const m of code.matchAll(/openType=\{?['"](\w+)['"]/g)) {
      if (PRIVACY_OPEN_TYPES.includes(m[1]!) && !used.has(m[1]!)) used.set(m[1]!, file);
    }
  }
  return used;
}

const declared = new Set(PRIVACY_APIS.map((entry) => entry.api));

describe('privacy APIs', () => {
  it('every privacy API called in src/ is declared in PRIVACY_APIS', () => {
    const used = usedPrivacyApis();
    // The scan finds what the pages really use (photos, spreadsheet files, locations).
    expect([...used.keys()]).toEqual(expect.arrayContaining(['chooseImage', 'chooseMessageFile', 'getLocation', 'chooseLocation']));
    const undeclared = [...used].filter(([api]) => !declared.has(api)).map(([api, file]) => `${api} (${file.slice(ROOT.length + 1)})`);
    expect(undeclared).toEqual([]);
  });

  it('the location APIs of app.json requiredPrivateInfos are declared too', () => {
    // app.config.ts calls Taro's build-time global defineAppConfig.
    (globalThis as { defineAppConfig?: (config: unknown) => unknown }).defineAppConfig = (config) => config;
    const appConfig = jest.requireActual<{ default: { requiredPrivateInfos?: string[] } }>('../../src/app.config').default;
    expect(appConfig.requiredPrivateInfos?.length).toBeGreaterThan(0);
    for (const api of appConfig.requiredPrivateInfos ?? []) expect(declared).toContain(api);
  });

  it('docs/deployment.md lists every declared API for the console', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'deployment.md'), 'utf8');
    for (const { api, declaration } of PRIVACY_APIS) {
      expect(doc).toContain(`\`${api}\``);
      expect(doc).toContain(declaration);
    }
  });
});
