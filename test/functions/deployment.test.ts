// A half-finished deployment shows: each function records the build it runs on its first successful call in an
// instance, and session.me tells the admin which function or app build differs (issue 9, build version).
import { db } from '../../server/platform/cloud';
import { COLLECTIONS } from '../../server/platform/collections';
import { deploymentRecorder } from '../../server/platform/deployments';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { deploymentWarning, THIS_BUILD } from '../../src/core/deployment';
import { all, callAs, freshTown, ok, usersOf, type DemoUser } from './harness';

let admin: DemoUser;
let worker: DemoUser;

beforeAll(async () => {
  await freshTown();
  [admin] = await usersOf('admin');
  [worker] = await usersOf('gridworker');
});

const recorded = async () => Object.fromEntries((await all(COLLECTIONS.deployments)).map((r) => [r._id, r.version]));

describe('deployment versions', () => {
  it('a refused call records nothing; a successful call and a timer run record their build', async () => {
    expect(await callAs(worker!.openid, 'alerts', 'raise', {} as never)).toMatchObject({ ok: false });
    expect(await recorded()).toEqual({});

    await ok(callAs(worker!.openid, 'session', 'me', {}));
    await FUNCTION_MAINS.cases({ Type: 'Timer', TriggerName: 'sweepClocks', Time: new Date().toISOString() });
    expect(await recorded()).toEqual({ session: THIS_BUILD, cases: THIS_BUILD });
  });

  it('the admin sees no warning while every part runs one build; nobody else pays for the check', async () => {
    const me = await ok(callAs(admin!.openid, 'session', 'me', { appVersion: THIS_BUILD }));
    expect(me.deployment).toEqual({ ok: true, version: THIS_BUILD, mismatched: [] });
    expect(deploymentWarning(me.deployment!)).toBeNull();
    expect((await ok(callAs(worker!.openid, 'session', 'me', { appVersion: 'other' }))).deployment).toBeNull();
  });

  it('an old function build and an old app build are named until they are redeployed', async () => {
    // `people` was last started from an older upload; the admin's app is older still.
    await db().collection(COLLECTIONS.deployments).doc('people').set({ data: { fn: 'people', version: '0.1.0+aaa1111', at: 1 } });
    const me = await ok(callAs(admin!.openid, 'session', 'me', { appVersion: '0.0.9+bbb2222' }));
    expect(me.deployment).toEqual({
      ok: false,
      version: THIS_BUILD,
      mismatched: [
        { fn: 'app', version: '0.0.9+bbb2222' },
        { fn: 'people', version: '0.1.0+aaa1111' },
      ],
    });
    expect(deploymentWarning(me.deployment!)).toBe(
      `部署不完整：小程序（版本 0.0.9+bbb2222）、云函数 people（版本 0.1.0+aaa1111）与当前版本 ${THIS_BUILD} 不一致。请用同一次构建重新上传这些部分。`,
    );

    // The new upload's first instance records the current build: only the app is left.
    await deploymentRecorder('people')(db(), Date.now());
    const after = await ok(callAs(admin!.openid, 'session', 'me', { appVersion: '0.0.9+bbb2222' }));
    expect(after.deployment?.mismatched).toEqual([{ fn: 'app', version: '0.0.9+bbb2222' }]);
    expect((await ok(callAs(admin!.openid, 'session', 'me', { appVersion: THIS_BUILD }))).deployment?.ok).toBe(true);
  });

  it('an instance records once: later calls add no database write', async () => {
    const before = await all(COLLECTIONS.deployments);
    await ok(callAs(worker!.openid, 'session', 'me', {}));
    await ok(callAs(worker!.openid, 'session', 'me', {}));
    expect(await all(COLLECTIONS.deployments)).toEqual(before);
  });
});
