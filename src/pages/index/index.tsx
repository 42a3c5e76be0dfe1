// Launch: find out who is calling and send them to their role's home — and, when a tapped subscription message
// opened the app (`?link=`), on to the page it links to.
// weapp: WeChat identifies the caller; h5: only with a stored demo session, otherwise sign in first (the link kept).
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { getSessionToken, setSessionToken } from '../../client/session-token';
import type { AppError } from '../../core/errors';
import { PageFrame } from '../../components/page-frame';
import { ErrorState, Loading } from '../../components/states';
import { goHome, isAuthError, loadMe } from '../../hooks/use-session';
import { launchLink } from '../../message-links';
import { ROUTES, withQuery } from '../../routes';

export default function LaunchPage() {
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const link = launchLink(useRouter().params);
  const login = link ? withQuery(ROUTES.login, { link }) : ROUTES.login;

  useEffect(() => {
    let live = true;
    if (process.env.TARO_ENV === 'h5' && !getSessionToken()) {
      void Taro.reLaunch({ url: login });
      return undefined;
    }
    setError(null);
    loadMe(true).then((result) => {
      if (!live) return;
      if (result.ok) {
        goHome(result.data, link);
      } else if (process.env.TARO_ENV === 'h5' && isAuthError(result.error)) {
        // Only the local demo signs in; the weapp build has no sign-in page (WeChat names the caller).
        setSessionToken(null);
        void Taro.reLaunch({ url: login });
      } else {
        setError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [attempt, link, login]);

  return (
    <PageFrame title='小网格·大救助' subtitle='区域定格、网格定人、人员定责'>
      {error ? <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} /> : <Loading text='正在确认身份…' />}
    </PageFrame>
  );
}
