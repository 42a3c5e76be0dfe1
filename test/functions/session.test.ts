import { db } from '../../server/platform/cloud';
import { postMessages } from '../../server/platform/messages';
import { callAs, freshTown, usersOf } from './harness';

beforeAll(() => freshTown());

describe('session.me', () => {
  it('names each seeded role with its area', async () => {
    for (const role of ['gridworker', 'cadre', 'officer', 'admin', 'resident']) {
      const [user] = await usersOf(role);
      const res = await callAs(user.openid, 'session', 'me', {});
      if (!res.ok) throw new Error(res.error.code);
      expect(res.data).toMatchObject({ userId: user._id, role });
      expect(res.data.grids.map((g) => g._id).sort()).toEqual([...user.gridIds].sort());
    }
  });

  it('treats an OPENID it has never seen as a resident', async () => {
    const res = await callAs('an-openid-never-seen', 'session', 'me', {});
    expect(res).toMatchObject({ ok: true, data: { role: 'resident', personId: null, grids: [] } });
  });
});

describe('session.inbox', () => {
  it('lists only the caller’s messages, newest first, and marks only their own read', async () => {
    const [officer] = await usersOf('officer');
    const [worker] = await usersOf('gridworker');
    await postMessages(db(), [
      { recipientUserId: officer._id, type: 'urgentReport', title: '紧急', body: '一', link: 'case:a' },
      { recipientUserId: worker._id, type: 'stateChanged', title: '进度', body: '二', link: 'case:b' },
    ], 1_000);
    await postMessages(db(), [{ recipientUserId: officer._id, type: 'stateChanged', title: '进度', body: '三', link: 'case:c' }], 2_000);
    const inbox = await callAs(officer.openid, 'session', 'inbox', {});
    if (!inbox.ok) throw new Error(inbox.error.code);
    expect(inbox.data.items.map((m) => m.body)).toEqual(['三', '一']);
    expect(inbox.data.unread).toBe(2);
    const workerMessage = (await callAs(worker.openid, 'session', 'inbox', {})) as { ok: true; data: { items: { _id: string }[] } };
    const marked = await callAs(officer.openid, 'session', 'markRead', { ids: [...inbox.data.items.map((m) => m._id), workerMessage.data.items[0]._id] });
    expect(marked).toMatchObject({ ok: true, data: { marked: 2 } });
    expect(await callAs(worker.openid, 'session', 'inbox', {})).toMatchObject({ ok: true, data: { unread: 1 } });
  });

  it('pages without losing messages posted in the same millisecond (a digest to many at once)', async () => {
    const [officer] = await usersOf('officer');
    await postMessages(db(), Array.from({ length: 25 }, (_, i) => ({ recipientUserId: officer._id, type: 'urgentReport', title: '紧急', body: `第${i}条` })), 5_000);
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page++) {
      const inbox = await callAs(officer.openid, 'session', 'inbox', { limit: 10, ...(before ? { before } : {}) });
      if (!inbox.ok) throw new Error(inbox.error.code);
      seen.push(...inbox.data.items.map((m) => m.body));
      if (!inbox.data.next) break;
      before = inbox.data.next;
    }
    const these = seen.filter((body) => body.startsWith('第'));
    expect(these).toHaveLength(25);
    expect(new Set(these).size).toBe(25);
  });
});
