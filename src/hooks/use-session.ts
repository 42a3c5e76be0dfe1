// Who is signed in. Loaded once per app run and shared by every page; an expired or missing session
// on H5 sends the user back to sign-in with the token cleared.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { call, type ActionOutput } from '../client/call';
import { setSessionToken } from '../client/session-token';
import { THIS_BUILD } from '../core/deployment';
import type { AppError, Result } from '../core/errors';
import { messageLinkRoute } from '../message-links';
import { HOME_OF, ROUTES, withQuery } from '../routes';

export type Me = ActionOutput<'session', 'me'>;

let cached: Me | null = null;

export function isAuthError(error: AppError): boolean {
  return error.code.startsWith('AUTH.');
}

export async function loadMe(fresh = false): Promise<Result<Me>> {
  if (cached && !fresh) return { ok: true, data: cached };
  const result = await call('session', 'me', { appVersion: THIS_BUILD });
  cached = result.ok ? result.data : null;
  return result;
}

/** Drops the remembered profile, so the next loadMe asks the server again. */
export function forgetMe(): void {
  cached = null;
}

/** Records a new H5 session. */
export function startSession(token: string): void {
  setSessionToken(token);
  forgetMe();
}

/** The page on screen with its query, to come back to after signing in again; null on the sign-in pages. */
function currentPage(): string | null {
  const router = Taro.getCurrentInstance().router;
  const path = router?.path.split('?')[0];
  if (!path || !isReturnPage(path)) return null;
  const query = Object.entries(router?.params ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !entry[0].startsWith('$') && entry[0] !== 'stamp')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** A page of the app other than launch and sign-in (a `back` query could otherwise name anything). */
function isReturnPage(url: string): boolean {
  const path = url.split('?')[0];
  return path !== ROUTES.login && path !== ROUTES.launch && (Object.values(ROUTES) as string[]).includes(path ?? '');
}

/** Ends the H5 session; with `comeBack`, sign-in returns to the page on screen. */
export function signOut(options: { comeBack?: boolean } = {}): void {
  setSessionToken(null);
  forgetMe();
  const back = options.comeBack ? currentPage() : null;
  void Taro.reLaunch({ url: back ? withQuery(ROUTES.login, { back }) : ROUTES.login });
}

/**
 * The role's home; with a message link (a launch from a tapped subscription message), then the page it opens on
 * top of the home, so 返回 leads home.
 */
export function goHome(me: Pick<Me, 'role'>, link?: string | null, back?: string | null): void {
  const target = link ? messageLinkRoute(link, me.role) : back && isReturnPage(back) ? back : null;
  void Taro.reLaunch({ url: HOME_OF[me.role] })
    .then(() => (target ? Taro.navigateTo({ url: target }) : undefined))
    .catch(() => undefined);
}

/** The area a user works in, in words: their grids, their villages, or the whole town. */
export function areaOf(me: Pick<Me, 'role' | 'grids' | 'villages'>): string {
  switch (me.role) {
    case 'officer':
    case 'admin':
      return '全镇';
    case 'resident':
      return '本人事项';
    case 'cadre':
      return me.villages.length ? me.villages.map((v) => v.name).join('、') : '尚未分配村(居)';
    case 'gridworker':
      return me.grids.length ? me.grids.map((g) => g.name).join('、') : '尚未分配网格';
  }
}

export type SessionState = { status: 'loading' } | { status: 'ok'; me: Me } | { status: 'error'; error: AppError };

export function useSession(): SessionState & { reload: () => void } {
  const [state, setState] = useState<SessionState>(cached ? { status: 'ok', me: cached } : { status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    if (attempt > 0) setState({ status: 'loading' });
    loadMe(attempt > 0).then((result) => {
      if (!live) return;
      if (result.ok) {
        setState({ status: 'ok', me: result.data });
        return;
      }
      if (process.env.TARO_ENV === 'h5' && isAuthError(result.error)) {
        signOut({ comeBack: true });
        return;
      }
      setState({ status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
