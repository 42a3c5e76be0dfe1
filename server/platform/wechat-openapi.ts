// The cloud calls of onboarding (docs/platform-notes.md): the invitation's mini-program code (wxacode.getUnlimited, permission
// in cloudfunctions/admin/config.json) kept in admin-only storage and shown through a temporary URL, and the
// optional phone prefill (phonenumber.getPhoneNumber, permission in cloudfunctions/session/config.json).
import cloud from 'wx-server-sdk';
import { openapi } from './cloud';

/** The page an invitation opens; WeChat wants it without a leading "/" (and the page reads `scene`). */
export const BIND_PAGE = 'pages/bind/index';

/**
 * Which version of the mini-program the code opens. 'trial' works before release (with checkPath off); set
 * WXACODE_ENV_VERSION=release in the function's environment once the mini-program is published.
 */
function envVersion(): 'release' | 'trial' | 'develop' {
  const v = process.env.WXACODE_ENV_VERSION;
  return v === 'release' || v === 'develop' ? v : 'trial';
}

type GetUnlimited = (input: { scene: string; page: string; checkPath: boolean; envVersion: string; width: number }) => Promise<{ buffer?: unknown; errCode?: number; errMsg?: string }>;
type GetPhoneNumber = (input: { code: string }) => Promise<{ errCode?: number; phoneInfo?: { purePhoneNumber?: unknown } }>;

/** The mini-program code that opens the bind page with `scene` (≤ 32 characters of WeChat's set). */
export async function miniProgramCode(scene: string): Promise<Buffer> {
  const getUnlimited = openapi().wxacode.getUnlimited as GetUnlimited;
  const answer = await getUnlimited({ scene, page: BIND_PAGE, checkPath: false, envVersion: envVersion(), width: 430 });
  if (!Buffer.isBuffer(answer.buffer)) throw new Error(`wxacode.getUnlimited gave no image (${answer.errCode ?? ''} ${answer.errMsg ?? ''})`);
  return answer.buffer;
}

/** Stores an image under an admin-only path (storage rules deny every client; functions read it). */
export async function storeAdminImage(cloudPath: string, content: Buffer): Promise<string> {
  openapi(); // initialises the SDK
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
  return fileID;
}

/** Short-lived URLs of stored files, by fileID (≤ 50 per call; never stored; pass maxAge, the docs disagree on it). */
export async function temporaryUrls(fileIDs: readonly string[], maxAgeSeconds = 600): Promise<Map<string, string>> {
  openapi();
  const urls = new Map<string, string>();
  for (let i = 0; i < fileIDs.length; i += 50) {
    const fileList = fileIDs.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: maxAgeSeconds }));
    // The SDK's typings add `void` (the callback style) to the answer.
    const answer = (await cloud.getTempFileURL({ fileList })) as { fileList: { fileID: string; tempFileURL?: string; status?: number }[] };
    for (const f of answer.fileList) if (f.status === 0 && f.tempFileURL) urls.set(f.fileID, f.tempFileURL);
  }
  return urls;
}

/** The phone number behind a getPhoneNumber button's one-time code; null when WeChat refuses it (40029 …). */
export async function phoneNumberOf(code: string): Promise<string | null> {
  try {
    const getPhoneNumber = openapi().phonenumber.getPhoneNumber as GetPhoneNumber;
    const answer = await getPhoneNumber({ code });
    const phone = answer.phoneInfo?.purePhoneNumber;
    return typeof phone === 'string' && phone ? phone : null;
  } catch (thrown) {
    console.warn('[phonenumber.getPhoneNumber]', (thrown as { errCode?: unknown })?.errCode ?? thrown);
    return null;
  }
}
