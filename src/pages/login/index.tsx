// H5 demo sign-in: pick one of the seeded users. The local runtime signs a session for them;
// in WeChat this page is never needed (the OPENID is the identity).
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, ROLES, type Role } from '../../core/roles';
import { Card } from '../../components/card';
import { LargeTextSwitch } from '../../components/large-text-switch';
import { ListRow } from '../../components/list-row';
import { PageFrame } from '../../components/page-frame';
import { Empty, ErrorState, Loading } from '../../components/states';
import { goHome, startSession } from '../../hooks/use-session';
import { useQueryParam } from '../../hooks/use-query-param';
import { launchLink } from '../../message-links';
import { ROUTES, withQuery } from '../../routes';

export interface DemoUser {
  userId: string;
  name: string;
  role: Role;
  roleLabel: string;
  where: string;
}

const UNREACHABLE = '连不上本地演示服务，请确认已运行 npm start 后刷新页面';

/** GET/POST to the local runtime; a failed transport becomes a Chinese message, a failed result its own. */
async function runtimeRequest<T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  try {
    const response = await Taro.request({ url, method, data, header: { 'content-type': 'application/json' } });
    const body = response.data as { ok?: boolean; data?: T; error?: { message?: string } } | undefined;
    if (body && body.ok === true) return { ok: true, data: body.data as T };
    if (body && body.ok === false && body.error?.message) return { ok: false, message: body.error.message };
    return { ok: false, message: UNREACHABLE };
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
}

type UsersState = { status: 'loading' } | { status: 'ok'; users: DemoUser[] } | { status: 'error'; message: string };

export default function LoginPage() {
  const [state, setState] = useState<UsersState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  // A message link the launch page was opened with, kept through sign-in.
  const link = launchLink(useRouter().params);
  // An invitation code the bind page was opened with (issue 9), kept through a fresh WeChat sign-in.
  const scene = useQueryParam('scene');
  // The page an expired sign-in left (重新登录), to come back to.
  const back = useQueryParam('back');

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    runtimeRequest<DemoUser[]>('GET', '/api/demo-users').then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ok', users: result.data } : { status: 'error', message: result.message });
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  async function signIn(user: DemoUser): Promise<void> {
    if (signingIn) return;
    setSigningIn(user.userId);
    setSignInError(null);
    const result = await runtimeRequest<{ token: string }>('POST', '/api/login', { userId: user.userId });
    setSigningIn(null);
    if (!result.ok) {
      setSignInError(result.message);
      return;
    }
    startSession(result.data.token);
    goHome(user, link, back);
  }

  /** A WeChat user the town has never met: a new staff member with an invitation, or a new resident. */
  async function signInFresh(): Promise<void> {
    if (signingIn) return;
    setSigningIn('fresh');
    setSignInError(null);
    const result = await runtimeRequest<{ token: string }>('POST', '/api/login', { fresh: true });
    setSigningIn(null);
    if (!result.ok) {
      setSignInError(result.message);
      return;
    }
    startSession(result.data.token);
    if (scene) void Taro.reLaunch({ url: withQuery(ROUTES.bind, { scene }) });
    else goHome({ role: 'resident' }, link);
  }

  return (
    <PageFrame title='小网格·大救助' subtitle='本地演示：选择一位演示用户登录'>
      <Card>
        <LargeTextSwitch />
      </Card>
      {signInError ? <ErrorState error={signInError} /> : null}
      <Card title='新用户'>
        <ListRow
          title='以新微信用户身份进入'
          meta={signingIn === 'fresh' ? '正在进入…' : scene ? '用这个新身份绑定邀请码' : '像第一次打开小程序的微信用户：新来的工作人员凭邀请码绑定，居民关联本人信息'}
          onClick={() => void signInFresh()}
        />
      </Card>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorState error={state.message} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {state.status === 'ok' && state.users.length === 0 ? <Empty text='还没有演示用户，请先运行 npm run seed' /> : null}
      {state.status === 'ok'
        ? ROLES.map((role) => {
            const users = state.users.filter((u) => u.role === role);
            if (users.length === 0) return null;
            return (
              <Card key={role} title={ROLE_LABELS[role]}>
                <View data-role={role}>
                  {users.map((user) => (
                    <ListRow
                      key={user.userId}
                      title={user.name}
                      meta={signingIn === user.userId ? '正在登录…' : user.where || undefined}
                      onClick={() => void signIn(user)}
                    />
                  ))}
                </View>
              </Card>
            );
          })
        : null}
      <Text className='ui-section-title'>正式使用时在微信中打开，无需选择身份</Text>
    </PageFrame>
  );
}
