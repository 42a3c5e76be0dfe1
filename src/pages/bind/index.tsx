// 绑定工作账号 (issue 9): the page an invitation's mini-program code opens (`scene` = the code, still encoded), and
// where a staff member types the code instead. Binding ties this WeChat to the staff record once; then the role's
// home. In the H5 demo a visitor without a session signs in first, as a fresh WeChat user, with the code kept.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '../../client/call';
import { getSessionToken, setSessionToken } from '../../client/session-token';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { FormFoot, FormItem, Notice, TextInput } from '../../components/form';
import { PageFrame } from '../../components/page-frame';
import { ErrorState, Loading } from '../../components/states';
import { useQueryParam } from '../../hooks/use-query-param';
import { goHome, isAuthError, loadMe, type Me } from '../../hooks/use-session';
import { ROUTES, withQuery } from '../../routes';

type Who = { status: 'loading' } | { status: 'ok'; me: Me } | { status: 'error'; message: string };

export default function BindPage() {
  const scene = useQueryParam('scene');
  const [code, setCode] = useState(scene);
  const [who, setWho] = useState<Who>({ status: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const signIn = scene ? withQuery(ROUTES.login, { scene }) : ROUTES.login;
    if (process.env.TARO_ENV === 'h5' && !getSessionToken()) {
      void Taro.reLaunch({ url: signIn });
      return undefined;
    }
    loadMe(true).then((result) => {
      if (!live) return;
      if (result.ok) return setWho({ status: 'ok', me: result.data });
      if (process.env.TARO_ENV === 'h5' && isAuthError(result.error)) {
        setSessionToken(null);
        void Taro.reLaunch({ url: signIn });
        return;
      }
      setWho({ status: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [scene]);

  async function bind(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const res = await call('session', 'bindStaff', { code });
    if (!res.ok) {
      setBusy(false);
      return setError(res.error.message);
    }
    const me = await loadMe(true);
    setBusy(false);
    void Taro.showToast({ title: `已绑定：${res.data.roleLabel}`, icon: 'success' });
    goHome(me.ok ? me.data : { role: res.data.role });
  }

  return (
    <PageFrame title='绑定工作账号' subtitle='凭管理员发给你的邀请码，把这个微信绑定到你的工作账号'>
      {who.status === 'loading' ? <Loading text='正在确认身份…' /> : null}
      {who.status === 'error' ? <ErrorState error={who.message} /> : null}
      {who.status === 'ok' && who.me.role !== 'resident' ? (
        <Card>
          <Notice tone='ok'>
            这个微信已经绑定了工作账号：{who.me.name}（{who.me.roleLabel}）。如需换绑，请联系管理员重新邀请。
          </Notice>
          <Button block onClick={() => goHome(who.me)}>
            进入工作台
          </Button>
        </Card>
      ) : null}
      {who.status === 'ok' && who.me.role === 'resident' ? (
        <Card>
          <FormItem label='邀请码' required hint='12位字母和数字，不区分大小写；72小时内有效，只能用一次'>
            <TextInput label='邀请码' value={code} placeholder='例如 ABCD EFGH JKMN' onChange={setCode} />
          </FormItem>
          <FormFoot error={error}>
            <Button block disabled={busy || !code.trim()} onClick={() => void bind()}>
              {busy ? '正在绑定…' : '绑定'}
            </Button>
          </FormFoot>
        </Card>
      ) : null}
    </PageFrame>
  );
}
