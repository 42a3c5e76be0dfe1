// Local demo sign-in: an HMAC-signed session that the runtime maps to the user's OPENID.
// It stands in for WeChat's own identity and is never accepted from a payload.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  openid: string;
  userId: string;
  /** Expiry, epoch ms. */
  exp: number;
}

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signSession(secret: string, claims: Omit<SessionClaims, 'exp'>, now: number): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, exp: now + SESSION_TTL_MS })).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export function verifySession(secret: string, token: string, now: number): SessionClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>;
    if (typeof claims.openid !== 'string' || typeof claims.userId !== 'string' || typeof claims.exp !== 'number') return null;
    return claims.exp > now ? { openid: claims.openid, userId: claims.userId, exp: claims.exp } : null;
  } catch {
    return null;
  }
}
