// The notify function on the real local database: consent credits per template, messages queued from the in-app
// message centre, the sweep sending each entry at most once (two overlapping sweeps), and each error code's
// handling — 43101 no credit, 47003 invalid with the field logged, transient retried with backoff then sent.
import { local } from '../../local/wx-server-sdk';
import { db } from '../../server/platform/cloud';
import { postMessages } from '../../server/platform/messages';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { MAX_ATTEMPTS, RETRY_BACKOFF_MS, type OutboxEntry } from '../../src/core/notify';
import { callAs, freshTown, ok, resetClock, setClock, usersOf, type DemoUser } from './harness';
import { uploadAs } from './uploads';

const NOW = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const PROGRESS = 'LOCAL-case-progress';
const DECISION = 'LOCAL-case-decision';

let resident: DemoUser;
let officer: DemoUser;
let worker: DemoUser;

const timer = (name: string) => FUNCTION_MAINS.notify({ Type: 'Timer', TriggerName: name, Time: new Date().toISOString() }) as Promise<{ ok: boolean; data: Record<string, number> }>;

async function entries(): Promise<OutboxEntry[]> {
  return (await db().collection('outbox').orderBy('createdAt', 'asc').limit(100).get()).data as unknown as OutboxEntry[];
}

async function subscribe(who: DemoUser, templateIds: string[], result: Record<string, string>) {
  return ok(callAs(who.openid, 'notify', 'subscribe', { templateIds, result: { errMsg: 'requestSubscribeMessage:ok', ...result } }));
}

async function post(recipient: DemoUser, count = 1, type = 'stateChanged') {
  const messages = Array.from({ length: count }, (_, i) => ({ recipientUserId: recipient._id, type, title: '办理进度更新', body: `第${i + 1}条：已受理`, link: `case:c${i}` }));
  await postMessages(db(), messages, NOW);
}

beforeEach(async () => {
  await freshTown(NOW);
  setClock(NOW);
  resident = (await usersOf('resident')).find((r) => r.personId)!;
  officer = (await usersOf('officer'))[0]!;
  worker = (await usersOf('gridworker'))[0]!;
});
afterEach(resetClock);

describe('consent (RULES §30)', () => {
  it('lists the templates of the caller’s role with their ids, nothing subscribed yet', async () => {
    const mine = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
    expect(mine.mode).toBe('one-time');
    expect(mine.templates.map((t) => t.key)).toEqual(['caseProgress', 'caseMaterials', 'caseDecision', 'proxyConfirm']);
    expect(mine.templates.find((t) => t.key === 'caseProgress')).toMatchObject({ templateId: PROGRESS, credits: 0, subscribed: false });
    const workers = await ok(callAs(worker.openid, 'notify', 'subscriptions', {}));
    expect(workers.templates.map((t) => t.key)).toEqual(['visitDigest', 'issueOutcome', 'alertRollCall']);
  });

  it('counts only accept, one credit per accepted one-time template, per call', async () => {
    const first = await subscribe(resident, [PROGRESS, DECISION], { [PROGRESS]: 'accept', [DECISION]: 'reject' });
    expect(first.accepted).toEqual([PROGRESS]);
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await subscribe(resident, [DECISION], { [DECISION]: 'ban' });
    const mine = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
    expect(mine.templates.find((t) => t.templateId === PROGRESS)).toMatchObject({ credits: 2, subscribed: true });
    expect(mine.templates.find((t) => t.templateId === DECISION)).toMatchObject({ credits: 0, subscribed: false });
  });

  it('refuses templates that are not configured, and more than 3 at once', async () => {
    const unknown = await callAs(resident.openid, 'notify', 'subscribe', { templateIds: ['nope'], result: { nope: 'accept' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOTIFY.TEMPLATE_UNKNOWN' } });
    const many = await callAs(resident.openid, 'notify', 'subscribe', { templateIds: ['a', 'b', 'c', 'd'], result: {} });
    expect(many).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await db().collection('subscriptions').count()).toMatchObject({ total: 0 });
  });

  it('long-term mode: accept turns the template on without credits, a later reject turns it off', async () => {
    await db().collection('settings').add({ data: { _id: 'town', subscriptionMode: 'long-term' } });
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    let mine = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
    expect(mine.templates.find((t) => t.templateId === PROGRESS)).toMatchObject({ credits: 0, longTerm: true, subscribed: true });
    await post(resident, 3);
    expect((await timer('sendDue')).data).toMatchObject({ sent: 3 });
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'reject' });
    mine = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
    expect(mine.templates.find((t) => t.templateId === PROGRESS)).toMatchObject({ longTerm: false, subscribed: false });
  });
});

describe('queueing from the in-app message centre', () => {
  it('a case message to a resident is queued, sent once credited, and stays in the message centre', async () => {
    await subscribe(resident, ['LOCAL-proxy-confirm'], { 'LOCAL-proxy-confirm': 'accept' });
    const person = (await db().collection('persons').where({ _id: resident.personId }).get()).data[0] as { gridId: string };
    const filer = (await usersOf('gridworker')).find((w) => w.gridIds.includes(person.gridId))!;
    await ok(
      callAs(filer.openid, 'cases', 'create', {
        requestId: 'req-proxy-notify-1',
        personId: resident.personId,
        case: { source: 'proxy', kind: 'dibao', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs(filer.openid, 'authorisation') },
      }),
    );
    const queued = (await entries()).filter((e) => e.recipientUserId === resident._id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ state: 'queued', messageType: 'confirmProxy', templateKey: 'proxyConfirm' });

    expect((await timer('sendDue')).data).toMatchObject({ sent: 1 });
    const sent = local.outbox.list();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ touser: resident.openid, templateId: 'LOCAL-proxy-confirm', miniprogramState: 'developer' });
    expect(sent[0]!.page).toMatch(/^pages\/index\/index\?link=case%3A/);
    expect(sent[0]!.data.thing1!.value).toBe('请确认代办申请');
    expect(sent[0]!.data.time3!.value).toBe('2026年11月2日 10:00');
    expect([...String(sent[0]!.data.thing2!.value)].length).toBeLessThanOrEqual(20);

    const inbox = await ok(callAs(resident.openid, 'session', 'inbox', {}));
    expect(inbox.items.map((m) => m.type)).toContain('confirmProxy');
    // The credit was spent: the next one of that template is not sent.
    const standing = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
    expect(standing.templates.find((t) => t.key === 'proxyConfirm')).toMatchObject({ credits: 0 });
  });

  it('types without a template are not queued', async () => {
    await postMessages(db(), [{ recipientUserId: worker._id, type: 'explanationTask', title: '请解释', body: '说明' }], NOW);
    expect(await entries()).toEqual([]);
  });
});

describe('the sweep (RULES §31)', () => {
  it('two concurrent sweeps send each entry exactly once', async () => {
    for (let i = 0; i < 3; i++) await subscribe(officer, [PROGRESS], { [PROGRESS]: 'accept' });
    await ok(callAs(officer.openid, 'notify', 'subscriptions', {}));
    // An officer holding caseProgress credits (stateChanged reaches officers too); 40 credits for 40 messages.
    await db().collection('subscriptions').where({ userId: officer._id }).update({ data: { credits: 40 } });
    await post(officer, 40);
    const [a, b] = await Promise.all([timer('sendDue'), timer('sendDue')]);
    expect(a.data.sent + b.data.sent).toBe(40);
    expect(a.data.lost + b.data.lost).toBeGreaterThan(0); // they did overlap: each lost claims to the other
    expect(local.outbox.list()).toHaveLength(40);
    const bodies = local.outbox.list().map((m) => m.data.thing2!.value);
    expect(new Set(bodies).size).toBe(40);
    expect((await entries()).every((e) => e.state === 'sent' && e.attempts === 1)).toBe(true);
    // Nothing left: a third sweep sends nothing.
    expect((await timer('sendDue')).data).toMatchObject({ sent: 0 });
  });

  it('no credit of ours → noCredit without calling WeChat; the message stays in-app', async () => {
    await post(resident, 1);
    expect((await timer('sendDue')).data).toMatchObject({ noCredit: 1, sent: 0 });
    expect(local.outbox.list()).toEqual([]);
    expect((await entries())[0]).toMatchObject({ state: 'noCredit', lastError: { code: 'NOT_SUBSCRIBED' } });
    const inbox = await ok(callAs(resident.openid, 'session', 'inbox', {}));
    expect(inbox.items).toHaveLength(1);
  });

  it('43101 → noCredit, our credits follow WeChat, the message stays in-app', async () => {
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await post(resident, 1);
    local.failNextSends(43101);
    expect((await timer('sendDue')).data).toMatchObject({ noCredit: 1 });
    expect((await entries())[0]).toMatchObject({ state: 'noCredit', lastError: { code: 43101 } });
    const standing = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
    expect(standing.templates.find((t) => t.templateId === PROGRESS)).toMatchObject({ credits: 0 });
    expect((await ok(callAs(resident.openid, 'session', 'inbox', {}))).items).toHaveLength(1);
  });

  it('47003 → invalid with the field logged, the credit given back', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
      await post(resident, 1);
      // WeChat's own message names the field, as the stand-in's checker does.
      local.failNextSends(47003);
      expect((await timer('sendDue')).data).toMatchObject({ invalid: 1 });
      const [entry] = await entries();
      expect(entry).toMatchObject({ state: 'invalid', lastError: { code: 47003 } });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/47003/));
      const standing = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
      expect(standing.templates.find((t) => t.templateId === PROGRESS)).toMatchObject({ credits: 1 });
    } finally {
      warn.mockRestore();
    }
  });

  it('a field our formatter refuses → invalid naming the field, before any credit is spent or WeChat is called', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await subscribe(worker, ['LOCAL-alert-roll-call'], { 'LOCAL-alert-roll-call': 'accept' });
      // phrase1 takes the reason: more than 5 Chinese characters cannot be cut without losing the meaning.
      // A roll call is urgent: posting it sends it at once, so it is refused there, and the sweep has nothing left.
      await postMessages(db(), [{ recipientUserId: worker._id, type: 'alert.rollCall', title: '点名', body: '请点名', values: { reason: '特大暴雨洪涝灾害', count: 3, deadline: NOW, instructions: '逐户电话确认' } }], NOW);
      expect((await timer('sendDue')).data).toMatchObject({ invalid: 0, sent: 0 });
      expect((await entries())[0]).toMatchObject({ state: 'invalid', lastError: { code: 'NOTIFY.FIELD_TOO_LONG', field: 'phrase1' } });
      expect(local.outbox.list()).toEqual([]);
      const standing = await ok(callAs(worker.openid, 'notify', 'subscriptions', {}));
      expect(standing.templates.find((t) => t.key === 'alertRollCall')).toMatchObject({ credits: 1 });
    } finally {
      warn.mockRestore();
    }
  });

  it('transient failures retry with backoff, then send; the credit is spent once', async () => {
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await post(resident, 1);
    local.failNextSends(-1, 2);
    expect((await timer('sendDue')).data).toMatchObject({ retry: 1 });
    let [entry] = await entries();
    expect(entry).toMatchObject({ state: 'retry', attempts: 1 });
    expect(entry!.dueAt - NOW).toBeGreaterThanOrEqual(RETRY_BACKOFF_MS[0]);
    expect(entry!.dueAt - NOW).toBeLessThan(RETRY_BACKOFF_MS[0] + 5_000);
    // Not due yet: the next sweep leaves it.
    expect((await timer('sendDue')).data).toMatchObject({ retry: 0, sent: 0 });
    setClock(entry!.dueAt);
    expect((await timer('sendDue')).data).toMatchObject({ retry: 1 });
    [entry] = await entries();
    expect(entry).toMatchObject({ state: 'retry', attempts: 2 });
    setClock(entry!.dueAt);
    expect((await timer('sendDue')).data).toMatchObject({ sent: 1 });
    [entry] = await entries();
    expect(entry).toMatchObject({ state: 'sent', attempts: 3 });
    expect(local.outbox.list()).toHaveLength(1);
    const standing = await ok(callAs(resident.openid, 'notify', 'subscriptions', {}));
    expect(standing.templates.find((t) => t.templateId === PROGRESS)).toMatchObject({ credits: 0 });
  });

  it('gives up after a bounded number of attempts', async () => {
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await post(resident, 1);
    local.failNextSends(-1, MAX_ATTEMPTS);
    let at = NOW;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      setClock(at);
      await timer('sendDue');
      at += 60 * 60_000;
    }
    expect((await entries())[0]).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(local.outbox.list()).toEqual([]);
  });

  it('a send whose sweep died after asking WeChat is not resent after its lease (at most once)', async () => {
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await post(resident, 1);
    const [entry] = await entries();
    await db().collection('outbox').doc(entry!._id).update({ data: { state: 'sending', attempts: 1, dueAt: NOW + 5 * 60_000 } });
    expect((await timer('sendDue')).data).toMatchObject({ failed: 0, sent: 0 });
    setClock(NOW + 6 * 60_000);
    expect((await timer('sendDue')).data).toMatchObject({ failed: 1, sent: 0 });
    expect((await entries())[0]).toMatchObject({ state: 'failed', lastError: { code: 'SEND_UNKNOWN' } });
    expect(local.outbox.list()).toEqual([]);
  });

  it('a claim whose sweep died before asking WeChat is sent after its lease', async () => {
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await post(resident, 1);
    const [entry] = await entries();
    await db().collection('outbox').doc(entry!._id).update({ data: { state: 'claimed', attempts: 1, dueAt: NOW + 5 * 60_000 } });
    expect((await timer('sendDue')).data).toMatchObject({ sent: 0 });
    setClock(NOW + 6 * 60_000);
    expect((await timer('sendDue')).data).toMatchObject({ sent: 1 });
    expect((await entries())[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(local.outbox.list()).toHaveLength(1);
  });

  it('a user cannot start a sweep: timers answer only to trigger invocations without an OPENID', async () => {
    const asUser = await local.runWithContext({ OPENID: officer.openid }, () => FUNCTION_MAINS.notify({ Type: 'Timer', TriggerName: 'sendDue' }));
    expect(asUser).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
  });
});

describe('the outbox view', () => {
  it('shows the officer what was and would have been sent, with template and fields; not to gridworkers', async () => {
    await subscribe(resident, [PROGRESS], { [PROGRESS]: 'accept' });
    await post(resident, 2);
    await timer('sendDue');
    const view = await ok(callAs(officer.openid, 'notify', 'outbox', {}));
    expect(view.items.map((i) => i.state).sort()).toEqual(['noCredit', 'sent']);
    expect(view.items.map((i) => i.recipient)).toEqual([expect.stringMatching(/（居民）$/), expect.stringMatching(/（居民）$/)]);
    for (const item of view.items) expect(item.preview).toMatchObject({ templateId: PROGRESS });
    expect(await callAs(worker.openid, 'notify', 'outbox', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

describe('daily digest', () => {
  it('goes out from the sender\'s own 10-minute trigger in the morning window only (one timer trigger per function)', async () => {
    const digests = async () => (await db().collection('messages').where({ type: 'visit.digest' }).count()).total;
    setClock(Date.UTC(2026, 10, 2, 0, 20)); // 08:20 Beijing: not yet
    await timer('sendDue');
    expect(await digests()).toBe(0);
    setClock(Date.UTC(2026, 10, 2, 0, 30)); // 08:30: the day's digest
    const run = await timer('sendDue');
    expect(run.data).toMatchObject({ digest: { done: true } });
    const posted = await digests();
    expect(posted).toBeGreaterThan(0);
    setClock(Date.UTC(2026, 10, 2, 0, 40)); // a later run the same morning posts nothing again
    await timer('sendDue');
    expect(await digests()).toBe(posted);
  });


  it('posts each gridworker with visits due tomorrow or overdue one digest a day, and sends it when subscribed', async () => {
    await subscribe(worker, ['LOCAL-visit-digest'], { 'LOCAL-visit-digest': 'accept' });
    const _ = db().command;
    const dueTomorrow = await db().collection('persons').where({ gridId: _.in(worker.gridIds), nextVisitDue: _.and(_.gte(Date.UTC(2026, 10, 2, 16)), _.lt(Date.UTC(2026, 10, 3, 16))) }).count();
    const overdue = await db().collection('persons').where({ gridId: _.in(worker.gridIds), nextVisitDue: _.lt(NOW) }).count();
    const first = await timer('dailyDigest');
    expect(first.ok).toBe(true);
    const second = await timer('dailyDigest');
    expect((second.data as unknown as { digest: { posted: number } }).digest.posted).toBe(0);
    const mine = (await db().collection('messages').where({ recipientUserId: worker._id, type: 'visit.digest' }).get()).data;
    // The demo town's schedule (local/seed) has visits overdue in every grid.
    expect(overdue.total).toBeGreaterThan(0);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toBe(`明天应走访${dueTomorrow.total}人，已逾期${overdue.total}人，请安排走访`);
    const sent = local.outbox.list().filter((m) => m.touser === worker.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({ number1: { value: String(dueTomorrow.total) }, number2: { value: String(overdue.total) }, date3: { value: '2026年11月3日' } });
  });
});
