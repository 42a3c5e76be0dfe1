import { callAs, freshTown, usersOf } from './harness';

beforeAll(() => freshTown());

describe('session.me', () => {
  it('names each seeded role with its area', async () => {
    for (const role of ['gridworker', 'cadre', 'officer', 'admin', 'resident']) {
      const [user] = await usersOf(role);
      const res = await callAs(user.openid, 'session', 'me', {});
      if (!res.ok) throw new Error(res.error.code);
      expect(res.data).toMatchObject({ userId: user._id, role, registered: true });
      expect(res.data.grids.map((g) => g._id).sort()).toEqual([...user.gridIds].sort());
    }
  });

  it('treats an OPENID it has never seen as a resident', async () => {
    const res = await callAs('an-openid-never-seen', 'session', 'me', {});
    expect(res).toMatchObject({ ok: true, data: { role: 'resident', registered: false, grids: [] } });
  });
});
