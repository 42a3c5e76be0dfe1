// The local runtime's HTTP surface, in process: demo sign-in, signed sessions, routing, coded errors.
import { createLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { join } from 'node:path';
import { signSession } from '../../local/session';
import { timerTriggers } from '../../local/timer-triggers';
import cloud from '../../local/wx-server-sdk';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await createLocalRuntime({ dataDir: ':memory:', functions: FUNCTION_MAINS });
});

async function login(userId: string): Promise<string> {
  const res = await runtime.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId } });
  expect(res.status).toBe(200);
  return (res.body as { ok: true; data: { token: string } }).data.token;
}

function callWith(token: string | undefined, fn: string, body: unknown) {
  return runtime.dispatch({ method: 'POST', path: `/api/call/${fn}`, headers: token ? { authorization: `Bearer ${token}` } : {}, body });
}

describe('local runtime', () => {
  it('lists demo users of every role and signs in as one of them', async () => {
    const res = await runtime.dispatch({ method: 'GET', path: '/api/demo-users', headers: {} });
    const users = (res.body as { ok: true; data: { userId: string; role: string }[] }).data;
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['resident', 'gridworker', 'cadre', 'officer', 'admin']));
    const officer = users.find((u) => u.role === 'officer')!;
    const me = await callWith(await login(officer.userId), 'session', { action: 'me' });
    expect(me.body).toMatchObject({ ok: true, data: { userId: officer.userId, role: 'officer' } });
  });

  it('signs in as a fresh WeChat user: a new resident with an opaque id each time, bindable by invitation', async () => {
    const fresh = async () => {
      const res = await runtime.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { fresh: true } });
      return (res.body as { ok: true; data: { token: string } }).data.token;
    };
    const [a, b] = [await fresh(), await fresh()];
    const meA = (await callWith(a, 'session', { action: 'me' })).body as { ok: true; data: { userId: string; role: string } };
    const meB = (await callWith(b, 'session', { action: 'me' })).body as { ok: true; data: { userId: string; role: string } };
    expect(meA.data.role).toBe('resident');
    expect(meA.data.userId).not.toBe(meB.data.userId);
    // A staff member waiting for their invitation is not in the sign-in list and cannot be signed in as.
    const admin = await login('u-admin');
    const made = (await callWith(admin, 'admin', { action: 'createUser', input: { requestId: 'runtime-invite-01', name: '待绑定', role: 'officer' } })).body as { ok: true; data: { user: { _id: string }; invitation: { code: string } } };
    const listed = (await runtime.dispatch({ method: 'GET', path: '/api/demo-users', headers: {} })).body as { ok: true; data: { userId: string }[] };
    expect(listed.data.map((u) => u.userId)).not.toContain(made.data.user._id);
    expect((await runtime.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId: made.data.user._id } })).body).toMatchObject({ ok: false });
    expect((await callWith(a, 'session', { action: 'bindStaff', input: { code: made.data.invitation.code } })).body).toMatchObject({ ok: true, data: { role: 'officer' } });
    expect((await callWith(a, 'session', { action: 'me' })).body).toMatchObject({ ok: true, data: { userId: made.data.user._id, role: 'officer' } });
  });

  it('refuses a call with no session, a forged one, or an expired one', async () => {
    expect((await callWith(undefined, 'session', { action: 'me' })).body).toMatchObject({ ok: false, error: { code: 'AUTH.REQUIRED' } });
    const token = await login('u-officer');
    const [payload] = token.split('.');
    const forged = `${payload}.${'A'.repeat(43)}`;
    expect((await callWith(forged, 'session', { action: 'me' })).body).toMatchObject({ ok: false, error: { code: 'AUTH.INVALID_SESSION' } });
    const otherSecret = signSession('not-the-runtime-secret', { openid: 'x', userId: 'u-officer' }, Date.now());
    expect((await callWith(otherSecret, 'session', { action: 'me' })).status).toBe(401);
    const expired = signSession('whatever', { openid: 'x', userId: 'u-officer' }, 0);
    expect((await callWith(expired, 'session', { action: 'me' })).body).toMatchObject({ ok: false, error: { code: 'AUTH.INVALID_SESSION' } });
  });

  it('answers unknown functions, unknown users and unknown routes with coded errors', async () => {
    const token = await login('u-officer');
    expect((await callWith(token, 'nosuchfn', { action: 'x' })).body).toMatchObject({ ok: false, error: { code: 'FUNCTION.UNKNOWN' } });
    expect((await callWith(token, 'session', { action: 'x' })).body).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
    expect((await runtime.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId: 'ghost' } })).body).toMatchObject({ ok: false, error: { code: 'RECORD.NOT_FOUND' } });
    expect((await runtime.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: [] })).body).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect((await runtime.dispatch({ method: 'GET', path: '/api/nothing', headers: {} })).status).toBe(404);
  });
});

it('describes where each demo user works by village and grid name', async () => {
  const res = await runtime.dispatch({ method: 'GET', path: '/api/demo-users', headers: {} });
  const users = (res.body as { ok: true; data: { role: string; where: string }[] }).data;
  const worker = users.find((u) => u.role === 'gridworker')!;
  expect(worker.where).toMatch(/^[^a-z0-9]*网格$/);
  expect(users.find((u) => u.role === 'officer')!.where).toBe('全镇');
  expect(users.filter((u) => u.role === 'resident').map((u) => u.where)).toContain('尚未登记在册');
});

describe('function timeouts', () => {
  it('answers FUNCTION.TIMEOUT when an invocation runs past its configured timeout, as WeChat cuts it off', async () => {
    const slow = async () => new Promise((resolve) => setTimeout(() => resolve({ ok: true, data: 'late' }), 400));
    const limited = await createLocalRuntime({ dataDir: ':memory:', functions: { ...FUNCTION_MAINS, slow }, timeouts: { slow: 0.1 } });
    const login = await limited.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId: 'u-officer' } });
    const token = (login.body as { ok: true; data: { token: string } }).data.token;
    const res = await limited.dispatch({ method: 'POST', path: '/api/call/slow', headers: { authorization: `Bearer ${token}` }, body: { action: 'x' } });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FUNCTION.TIMEOUT' } });
  });
});

describe('timers and the clock', () => {
  it('fires the declared timer triggers on demand for the town office or the admin only (any session in test mode)', async () => {
    const timed = await createLocalRuntime({ dataDir: ':memory:', functions: FUNCTION_MAINS, timers: timerTriggers(join(__dirname, '..', '..', 'cloudfunctions')) });
    const sweepAs = async (userId?: string) => {
      const login = userId ? await timed.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId } }) : undefined;
      const token = (login?.body as { ok: true; data: { token: string } } | undefined)?.data.token;
      return timed.dispatch({ method: 'POST', path: '/api/sweep', headers: token ? { authorization: `Bearer ${token}` } : {} });
    };
    expect((await sweepAs()).status).toBe(401);
    for (const userId of ['u-res-01', 'u-gw-01', 'u-cadre-01']) {
      expect((await sweepAs(userId)).body).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    }
    for (const userId of ['u-officer', 'u-admin']) {
      expect((await sweepAs(userId)).body).toMatchObject({ ok: true, data: { 'cases.sweepClocks': { ok: true, data: { swept: 0 } } } });
    }
    process.env.LOCAL_CLOCK_CONTROL = '1';
    try {
      expect((await sweepAs('u-gw-01')).body).toMatchObject({ ok: true });
      expect((await sweepAs()).status).toBe(401);
    } finally {
      delete process.env.LOCAL_CLOCK_CONTROL;
    }
  });

  it('runs a follow-up a function scheduled once it is due: a fresh invocation with its data and no OPENID', async () => {
    const seen: unknown[] = [];
    const functions = {
      ...FUNCTION_MAINS,
      later: async (event: unknown) => {
        seen.push({ event, openid: cloud.getWXContext().OPENID });
        return { ok: true, data: null };
      },
    };
    const timed = await createLocalRuntime({ dataDir: ':memory:', functions, timeouts: { later: 1 } });
    const schedule = cloud.openapi.cloudbase.addDelayedFunctionTask as unknown as (o: object) => Promise<unknown>;
    await schedule({ env: 'local', functionName: 'later', data: JSON.stringify({ Type: 'FollowUp', Job: 'x' }), delayTime: 6 });
    expect(await timed.runDelayedTasks()).toEqual({});
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 7000);
    try {
      expect(Object.keys(await timed.runDelayedTasks())).toEqual([expect.stringMatching(/^later\.delayed\./)]);
      expect(await timed.runDelayedTasks()).toEqual({});
    } finally {
      clock.mockRestore();
    }
    expect(seen).toEqual([{ event: { Type: 'FollowUp', Job: 'x' }, openid: undefined }]);
  });

  it('moves the clock only when the runtime was started to allow it', async () => {
    expect((await runtime.dispatch({ method: 'POST', path: '/api/clock', headers: {}, body: { offsetMs: 1 } })).status).toBe(404);
    process.env.LOCAL_CLOCK_CONTROL = '1';
    try {
      const res = await runtime.dispatch({ method: 'POST', path: '/api/clock', headers: {}, body: { offsetMs: 86_400_000 } });
      expect((res.body as { ok: true; data: { now: number } }).data.now).toBeGreaterThan(Date.now() + 86_000_000);
    } finally {
      delete process.env.LOCAL_CLOCK_CONTROL;
      delete process.env.LOCAL_CLOCK_OFFSET_MS;
    }
  });
});
