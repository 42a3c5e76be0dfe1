// Launch: find out who is calling and send them to their role's home.
// weapp: WeChat identifies the caller; h5: only with a stored demo session, otherwise sign in first.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { getSessionToken, setSessionToken } from '../../client/session-token';
import type { AppError } from '../../core/errors';
import { PageFrame } from '../../components/page-frame';
import { ErrorState, Loading } from '../../components/states';
import { goHome, isAuthError, loadMe } from '../../hooks/use-session';
import { ROUTES } from '../../routes';

export default function LaunchPage() {
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    if (process.env.TARO_ENV === 'h5' && !getSessionToken()) {
      void Taro.reLaunch({ url: ROUTES.login });
      return undefined;
    }
    setError(null);
    loadMe(true).then((result) => {
      if (!live) return;
      if (result.ok) {
        goHome(result.data);
      } else if (isAuthError(result.error)) {
        setSessionToken(null);
        void Taro.reLaunch({ url: ROUTES.login });
      } else {
        setError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <PageFrame title='小网格·大救助' subtitle='区域定格、网格定人、人员定责'>
      {error ? <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} /> : <Loading text='正在确认身份…' />}
    </PageFrame>
  );
}
