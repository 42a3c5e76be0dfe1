// The cloud calls of onboarding (WECHAT.md): the invitation's mini-program code (wxacode.getUnlimited, permission
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

/** A short-lived URL for one stored file (never stored; WeChat's default maxAge differs between docs, so pass it). */
export async function temporaryUrl(fileID: string, maxAgeSeconds = 600): Promise<string | null> {
  openapi();
  // The SDK's typings add `void` (the callback style) to the answer.
  const answer = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeSeconds }] })) as { fileList: { tempFileURL?: string; status?: number }[] };
  const first = answer.fileList[0];
  return first && first.status === 0 && first.tempFileURL ? first.tempFileURL : null;
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
