// Every long job inside cloud limits (issue 9): each job runs under a per-call delay (LOCAL_DB_DELAY_MS) with short
// invocations cut off at random points (WeChat's timeout), and is invoked again until it reports done. Then every
// item was processed exactly once — no message, warning, person or send doubled, none missing — and the totals are
// those of a run that was never cut off.
import { local } from '../../local/wx-server-sdk';
import { COLLECTIONS } from '../../server/platform/collections';
import { db } from '../../server/platform/cloud';
import { postMessages } from '../../server/platform/messages';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { makeIdNumber } from '../../src/core/id-number';
import { IMPORT_TEMPLATE_HEADERS } from '../../src/core/roster/ledger-import';
import { toCsv } from '../../src/core/roster/csv';
import { all, callAs, freshTown, ok, resetClock, setClock, usersOf, type DemoUser, type Raw } from './harness';
import { uploadAs } from './uploads';

jest.setTimeout(120_000);

const SEED_AT = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const SEEDS = [11, 23, 47];
const DELAY_MS = 8;

/** A small seeded generator (mulberry32), so a failing seed can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Runs {
  invocations: number;
  cutOff: number;
}

/**
 * Invokes `call` as one invocation after another, each cut off after a random timeout (none when `rnd` is absent),
 * until one answers and `finished` says the job is done. Between invocations `between` may move time on.
 */
async function untilDone<T>(call: () => Promise<T>, finished: (answer: T) => boolean, rnd?: () => number, between?: () => Promise<void> | void): Promise<Runs> {
  const runs: Runs = { invocations: 0, cutOff: 0 };
  for (;;) {
    runs.invocations += 1;
    if (runs.invocations > 400) throw new Error('the job never finished');
    const timeoutS = rnd ? 0.02 + rnd() * 0.25 : 600;
    try {
      const answer = await local.invoke({ SOURCE: 'test' }, timeoutS, call);
      if (finished(answer)) return runs;
    } catch (thrown) {
      if ((thrown as { errCode?: number }).errCode !== -504003) throw thrown;
      runs.cutOff += 1;
    }
    await between?.();
  }
}

const timer = (fn: keyof typeof FUNCTION_MAINS, name: string) => () => FUNCTION_MAINS[fn]({ Type: 'Timer', TriggerName: name, Time: '' }) as Promise<{ ok: boolean; data: Record<string, unknown> }>;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

function expectEachOnce<T>(items: readonly T[], key: (item: T) => string): void {
  const doubled = [...countBy(items, key)].filter(([, n]) => n > 1);
  expect(doubled).toEqual([]);
}

beforeEach(() => local.setDelay(0));
afterEach(() => {
  local.setDelay(undefined);
  resetClock();
});

describe('the clock sweep over 400 open cases', () => {
  const CASES = 400;

  /** A town with CASES self-reports, then the clock moved past every acknowledgement deadline. */
  async function town(): Promise<{ officers: DemoUser[] }> {
    await freshTown(SEED_AT);
    setClock(SEED_AT);
    const residents = (await usersOf('resident')).filter((r) => r.personId);
    const report = (i: number) => ({ source: 'selfReport', applicant: { name: '本人' }, description: `第${i}件：家里没有收入了`, helpCategory: 'medical', sensitiveInfoConsent: true });
    for (let i = 0; i < CASES; i++) {
      await ok(callAs(residents[i % residents.length]!.openid, 'cases', 'create', { requestId: `job-case-${String(i).padStart(4, '0')}`, case: report(i) } as never));
    }
    setClock(SEED_AT + 3 * 86_400_000);
    return { officers: await usersOf('officer') };
  }

  async function outcome() {
    const cases = await all(COLLECTIONS.cases, { queue: 'open' });
    const messages = (await all(COLLECTIONS.messages)).filter((m) => m.type === 'clockBreached' || m.type === 'clockDueSoon');
    const outbox = (await all(COLLECTIONS.outbox)).filter((e) => messages.some((m) => m._id === e._id));
    return { cases, messages, outbox };
  }

  it('uncut, then cut off at random points under a delay: every case marked and notified exactly once', async () => {
    const { officers } = await town();
    local.setDelay(DELAY_MS);
    await untilDone(timer('cases', 'sweepClocks'), (a) => a.ok && a.data.done === true);
    local.setDelay(0);
    const baseline = await outcome();
    expect(baseline.cases).toHaveLength(CASES);
    expect(baseline.messages.length).toBe(CASES * officers.length);

    for (const seed of SEEDS) {
      await town();
      local.setDelay(DELAY_MS);
      const runs = await untilDone(timer('cases', 'sweepClocks'), (a) => a.ok && a.data.done === true, random(seed));
      local.setDelay(0);
      expect(runs.cutOff).toBeGreaterThan(0);
      const cut = await outcome();
      for (const c of cut.cases) expect((c.clock as { breachedAt?: number }).breachedAt).toEqual(expect.any(Number));
      expectEachOnce(cut.messages, (m) => `${String(m.link)}|${String(m.recipientUserId)}|${String(m.type)}`);
      expect(cut.messages.length).toBe(baseline.messages.length);
      expect(cut.outbox.length).toBe(baseline.outbox.length);
    }
  });
});

describe('the monitoring sweep over every household', () => {
  async function town(): Promise<number> {
    await freshTown(SEED_AT);
    setClock(SEED_AT + 86_400_000);
    // Every household is due for its check: those without monitoring facts are only moved on.
    await db().collection(COLLECTIONS.households).where({}).update({ data: { monitorCheckAt: SEED_AT } });
    return (await db().collection(COLLECTIONS.households).count()).total;
  }

  it('stores each warning once and checks each household once, however it is cut off', async () => {
    const households = await town();
    expect(households).toBeGreaterThanOrEqual(150);
    local.setDelay(DELAY_MS);
    await untilDone(timer('visits', 'sweepWarnings'), (a) => a.ok && a.data.done === true);
    local.setDelay(0);
    const baseline = (await all(COLLECTIONS.warnings)).map((w) => w._id).sort();
    expect(baseline.length).toBeGreaterThan(0);

    for (const seed of SEEDS) {
      await town();
      local.setDelay(DELAY_MS);
      const runs = await untilDone(timer('visits', 'sweepWarnings'), (a) => a.ok && a.data.done === true, random(seed));
      local.setDelay(0);
      expect(runs.cutOff).toBeGreaterThan(0);
      expect((await all(COLLECTIONS.warnings)).map((w) => w._id).sort()).toEqual(baseline);
      expect(await db().collection(COLLECTIONS.households).where({ monitorCheckAt: db().command.lte(SEED_AT + 86_400_000) }).count()).toMatchObject({ total: 0 });
    }
  });
});

describe('the outbox sender over 400 queued messages', () => {
  const ENTRIES = 400;
  const TEMPLATE = 'LOCAL-case-progress';

  async function town(): Promise<void> {
    await freshTown(SEED_AT);
    setClock(SEED_AT);
    local.outbox.clear();
    const officer = (await usersOf('officer'))[0]!;
    await ok(callAs(officer.openid, 'notify', 'subscribe', { templateIds: [TEMPLATE], result: { errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept' } }));
    await db().collection(COLLECTIONS.subscriptions).where({ userId: officer._id }).update({ data: { credits: ENTRIES } });
    const messages = Array.from({ length: ENTRIES }, (_, i) => ({ recipientUserId: officer._id, type: 'stateChanged', title: '办理进度更新', body: `第${i + 1}条：已受理`, link: `case:c${i}` }));
    await postMessages(db(), messages, SEED_AT);
  }

  it('sends each entry at most once and leaves none behind: a claim cut off before WeChat is retried', async () => {
    for (const seed of SEEDS) {
      await town();
      let at = SEED_AT;
      local.setDelay(DELAY_MS);
      // Between invocations time passes beyond a claim's lease, so what a cut-off left claimed is taken up again.
      const runs = await untilDone(timer('notify', 'sendDue'), (a) => a.ok && a.data.done === true, random(seed), () => setClock((at += 6 * 60_000)));
      // One more sweep after the last lease ran out finishes what the last cut-off left.
      setClock(at + 6 * 60_000);
      await untilDone(timer('notify', 'sendDue'), (a) => a.ok && a.data.done === true);
      local.setDelay(0);
      expect(runs.cutOff).toBeGreaterThan(0);
      const entries = await all(COLLECTIONS.outbox);
      const sends = local.outbox.list();
      expectEachOnce(sends, (m) => String(m.data.thing2!.value));
      expect(entries).toHaveLength(ENTRIES);
      const byState = countBy(entries, (e) => (e.state === 'failed' ? `failed:${(e.lastError as { code: string }).code}` : String(e.state)));
      // Nothing is left unfinished; the only entries not known sent are those cut off after asking WeChat.
      expect([...byState.keys()].filter((k) => k !== 'sent' && k !== 'failed:SEND_UNKNOWN')).toEqual([]);
      const unknown = byState.get('failed:SEND_UNKNOWN') ?? 0;
      expect(unknown).toBeLessThanOrEqual(runs.cutOff * 10);
      expect(sends.length).toBeGreaterThanOrEqual(byState.get('sent') ?? 0);
      expect(sends.length).toBeLessThanOrEqual(ENTRIES);
    }
  });
});

describe('the daily digest over 300 gridworkers', () => {
  const EXTRA_WORKERS = 300;

  async function town(): Promise<void> {
    await freshTown(SEED_AT);
    setClock(SEED_AT);
    const grids = (await all(COLLECTIONS.grids)).map((g) => g._id);
    const workers = Array.from({ length: EXTRA_WORKERS }, (_, i) => ({
      _id: `job-worker-${String(i).padStart(3, '0')}`,
      openid: `openid-job-worker-${i}`,
      name: `网格员${i}`,
      role: 'gridworker',
      gridIds: [grids[i % grids.length]],
      villageIds: [],
      createdAt: SEED_AT,
      updatedAt: SEED_AT,
      version: 0,
    }));
    for (let i = 0; i < workers.length; i += 100) await Promise.all(workers.slice(i, i + 100).map((w) => db().collection(COLLECTIONS.users).add({ data: w })));
  }

  const digests = async () => (await all(COLLECTIONS.messages)).filter((m) => m.type === 'visit.digest');

  it('posts one digest per worker and day, however it is cut off', async () => {
    await town();
    local.setDelay(DELAY_MS);
    await untilDone(timer('notify', 'dailyDigest'), (a) => a.ok && (a.data.digest as { done: boolean }).done);
    local.setDelay(0);
    const baseline = (await digests()).map((m) => m._id).sort();
    expect(baseline.length).toBeGreaterThan(EXTRA_WORKERS);

    for (const seed of SEEDS) {
      await town();
      local.setDelay(DELAY_MS);
      const runs = await untilDone(timer('notify', 'dailyDigest'), (a) => a.ok && (a.data.digest as { done: boolean }).done, random(seed));
      local.setDelay(0);
      expect(runs.cutOff).toBeGreaterThan(0);
      const posted = await digests();
      expect(posted.map((m) => m._id).sort()).toEqual(baseline);
      const queued = (await all(COLLECTIONS.outbox)).filter((e) => e.messageType === 'visit.digest');
      expect(queued.map((e) => e._id).sort()).toEqual(baseline);
    }
  });
});

describe('the ledger import of 500 rows', () => {
  const ROWS = 500;
  const row = (cells: Record<string, string>) => IMPORT_TEMPLATE_HEADERS.map((h) => cells[h] ?? '');
  const idOf = (i: number) => makeIdNumber('431123', new Date(Date.UTC(1940, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), 700 + (i % 50));

  /** Households of two: a head and a spouse, in the officer's town. */
  async function ledger(): Promise<string> {
    const grids = await all(COLLECTIONS.grids);
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const head = i % 2 === 0;
      const code = String(grids[Math.floor(i / 2) % grids.length]!.code);
      return row({
        姓名: `${'赵钱孙李周吴郑王'[i % 8]}${'春夏秋冬梅兰竹菊'[Math.floor(i / 8) % 8]}${'一二三四五六七八'[Math.floor(i / 64) % 8]}`,
        身份证号: idOf(i),
        与户主关系: head ? '户主' : '配偶',
        户主身份证号: head ? '' : idOf(i - 1),
        网格编号: code,
        住址: `清溪镇导入村${Math.floor(i / 2)}号`,
      });
    });
    return toCsv([IMPORT_TEMPLATE_HEADERS, ...rows]);
  }

  async function imported() {
    const ids = new Set(Array.from({ length: ROWS }, (_, i) => idOf(i)));
    const persons = (await all(COLLECTIONS.persons)).filter((p) => ids.has(String(p.idNumber)));
    const households = await all(COLLECTIONS.households, { _id: db().command.in([...new Set(persons.map((p) => String(p.householdId)))].slice(0, 100)) });
    const audits = (await all(COLLECTIONS.audit, { collection: COLLECTIONS.persons, kind: 'create' })).filter((a) => persons.some((p) => p._id === a.recordId));
    return { persons, households, audits };
  }

  it('writes every row once with its household, whether the answer comes at once or the import is cut off and resumed', async () => {
    for (const seed of [0, ...SEEDS]) {
      await freshTown(SEED_AT);
      setClock(SEED_AT);
      const officer = (await usersOf('officer'))[0]!;
      // A whole ledger is a file the officer uploads (far more than a call may carry); the job reads it from storage.
      const fileId = await uploadAs(officer.openid, 'ledger', Buffer.from(await ledger(), 'utf8'), 'csv');
      const check = await ok(callAs(officer.openid, 'people', 'import', { fileId, dryRun: true }));
      expect(check).toMatchObject({ toCreate: ROWS, households: ROWS / 2, errors: [] });
      const rnd = seed ? random(seed) : undefined;
      local.setDelay(DELAY_MS);
      // The officer presses 导入 again after each lost answer (the same requestId), and follow-ups run in between.
      let turn = 0;
      const runs = await untilDone(
        () => (turn++ % 2 === 0 ? local.runWithContext({ OPENID: officer.openid }, () => FUNCTION_MAINS.people({ action: 'import', input: { fileId, requestId: `job-import-${seed}` } })) : FUNCTION_MAINS.people({ Type: 'FollowUp', Job: 'continueImports' })),
        (a) => (a as { ok: boolean; data?: { state?: string } }).data?.state === 'done',
        rnd,
      );
      local.setDelay(0);
      if (rnd) expect(runs.cutOff).toBeGreaterThan(0);
      const { persons, households, audits } = await imported();
      expect(persons).toHaveLength(ROWS);
      expectEachOnce(persons, (p) => String(p.idNumber));
      expectEachOnce(audits, (a) => String(a.recordId));
      expect(audits).toHaveLength(ROWS);
      for (const h of households) expect(h.size).toBe(2);
      const done = (await all(COLLECTIONS.jobs, { kind: 'ledgerImport' })) as Raw[];
      expect(done).toEqual([expect.objectContaining({ done: true, counts: { created: ROWS, households: ROWS / 2 } })]);
    }
  });
});
