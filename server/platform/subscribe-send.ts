// The one place that sends a WeChat subscription message: `cloud.openapi.subscribeMessage.send` (config.json
// permission `subscribeMessage.send`, RULES §31). Locally the stand-in writes its outbox and fails on demand.
// A failure is a value with WeChat's errCode, never a throw.
import cloud from 'wx-server-sdk';
import { openapi } from './cloud';

export interface SubscribeSend {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: 'developer' | 'trial' | 'formal';
}

export type SendOutcome = { ok: true } | { ok: false; errCode: number | undefined; errMsg: string };

type Send = (message: SubscribeSend & { lang: 'zh_CN' }) => Promise<{ errCode?: number; errMsg?: string } | undefined>;

export async function sendSubscribeMessage(message: SubscribeSend): Promise<SendOutcome> {
  try {
    const send = openapi().subscribeMessage.send as unknown as Send;
    const answer = await send({ ...message, lang: 'zh_CN' });
    // The SDK resolves with `{ errCode: 0, errMsg }`; a non-zero code in a resolved answer is a failure too.
    if (answer && typeof answer.errCode === 'number' && answer.errCode !== 0) return { ok: false, errCode: answer.errCode, errMsg: String(answer.errMsg ?? '') };
    return { ok: true };
  } catch (thrown) {
    const e = thrown as { errCode?: unknown; errMsg?: unknown; message?: unknown };
    return {
      ok: false,
      errCode: typeof e?.errCode === 'number' ? e.errCode : undefined,
      errMsg: String(e?.errMsg ?? e?.message ?? thrown),
    };
  }
}

/** The cloud environment this function runs in (its id in WeChat; 'local' in the stand-in). */
export function currentEnv(): string {
  openapi(); // initialises the SDK
  const env: unknown = cloud.getWXContext().ENV;
  return typeof env === 'string' && env ? env : 'local';
}
