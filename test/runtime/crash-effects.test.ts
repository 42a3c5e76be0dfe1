// Durability of multi-write actions (issue 10): SIGKILL the local runtime while case creates (with their notices),
// household visits that escalate, alert raises and a ledger import are in flight. Afterwards the database is intact
// (PRAGMA integrity_check) and, once what a stop leaves is resumed — an unanswered visit or import retried with its
// request id, as the page does, and one timer run (the clock sweep finishes case effects, escalateDue finishes
// raises) — every record written has its audit entry, every effect is carried out exactly once, and no alert is
// half raised. The records are read in-process from the data folder after the last child has stopped.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppDatabase } from '../../local/app-database';
import { TOWN } from '../../local/seed/generate';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { COLLECTIONS } from '../../server/platform/collections';
import { idFor } from '../../server/platform/create-once';
import { makeIdNumber } from '../../src/core/id-number';
import { toCsv } from '../../src/core/roster/csv';
import { IMPORT_TEMPLATE_HEADERS } from '../../src/core/roster/ledger-import';
import { CHECKLIST_KEYS } from '../../src/core/visits/visit-record';
import { all, resetClock, setClock, type Raw } from '../functions/harness';
import { exited, killAll, startRuntime, type RuntimeProcess } from './runtime-process';

jest.setTimeout(180_000);

// No timer runs on its own: what finishes the work after the restart is the one run this test asks for.
const ENV = { LOCAL_CLOCK_CONTROL: '1', LOCAL_SWEEP_INTERVAL_MS: '0' };
// Before the kill every SDK call takes a cloud-like round trip, so a raise or an import spans many calls to land in.
const SLOW = { ...ENV, LOCAL_DB_DELAY_MS: '10' };


afterAll(killAll);

const LEDGER_ROWS = 200;
const ledgerId = (i: number) => makeIdNumber('431123', new Date(Date.UTC(1941, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), 300 + (i % 50));
function ledgerCsv(): string {
  const row = (cells: Record<string, string>) => IMPORT_TEMPLATE_HEADERS.map((h) => cells[h] ?? '');
  const rows = Array.from({ length: LEDGER_ROWS }, (_, i) =>
    row({
      姓名: `${'赵钱孙李'[i % 4]}${'春夏秋冬'[Math.floor(i / 4) % 4]}${'一二三四五六七八'[Math.floor(i / 16) % 8]}`,
      身份证号: ledgerId(i),
      与户主关系: i % 2 === 0 ? '户主' : '配偶',
      户主身份证号: i % 2 === 0 ? '' : ledgerId(i - 1),
      网格编号: `${TOWN.code}001-01`,
      住址: `清溪镇崩溃测试村${Math.floor(i / 2)}号`,
    }),
  );
  return toCsv([IMPORT_TEMPLATE_HEADERS, ...rows]);
}

const fine = (personId: string) => ({ personId, ...Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered'])) });

interface Sent {
  fn: string;
  action: string;
  input: Record<string, unknown>;
  /** The caller's user id and session. */
  userId: string;
  token: string;
  answered: boolean;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

function integrity(dataDir: string): string {
  const file = new BetterSqlite3(join(dataDir, 'db.sqlite'));
  try {
    return String(file.pragma('integrity_check', { simple: true }));
  } finally {
    file.close();
  }
}

async function signIn(runtime: RuntimeProcess, userId: string): Promise<string> {
  return (await runtime.api('/api/login', { userId })).data.token as string;
}

// How long the raises and the import run before the kill: early (raises before their first rolls, the import
// before its job exists) and late (raises answered or not, the import part-way, visits past their transaction).
it.each([150, 700])('keeps the database intact and every multi-write action whole across a SIGKILL %i ms into the raises', async (killAfterMs) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xwg-crash-effects-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  let runtime = await startRuntime(dataDir, port, SLOW);
  const users: { userId: string; role: string; where: string }[] = (await (await fetch(`${runtime.base}/api/demo-users`)).json()).data;
  const officer = await signIn(runtime, 'u-officer');
  const workerIds = users.filter((u) => u.role === 'gridworker').map((u) => u.userId);
  const residentIds = users.filter((u) => u.role === 'resident' && u.where !== '尚未登记在册').map((u) => u.userId); // on the roster
  const workers = await Promise.all(workerIds.slice(0, 4).map(async (userId) => ({ userId, token: await signIn(runtime, userId) })));
  const residents = await Promise.all(residentIds.slice(0, 6).map(async (userId) => ({ userId, token: await signIn(runtime, userId) })));
  const households: { userId: string; token: string; householdId: string; memberIds: string[] }[] = [];
  for (const w of workers) {
    const list = await runtime.api('/api/call/visits', { action: 'worklist', input: { bucket: 'overdue', limit: 20 } }, w.token);
    for (const h of list.data.households) households.push({ ...w, householdId: h.householdId, memberIds: h.members.map((m: { _id: string }) => m._id) });
  }
  expect(households.length).toBeGreaterThan(10);

  const csv = ledgerCsv();
  expect((await runtime.api('/api/call/people', { action: 'import', input: { csv, dryRun: true } }, officer)).data).toMatchObject({ toCreate: LEDGER_ROWS, errors: [] });

  const sent: Sent[] = [];
  let dead = false;
  const send = async (s: Omit<Sent, 'answered'>) => {
    const entry = { ...s, answered: false };
    sent.push(entry);
    try {
      const res = await runtime.api(`/api/call/${s.fn}`, { action: s.action, input: s.input }, s.token);
      if (!res.ok) throw new Error(`${s.fn}.${s.action}: ${res.error?.code} ${res.error?.message ?? ''}`);
      entry.answered = true;
    } catch (thrown) {
      if (!dead) throw thrown; // before the kill every call must succeed
    }
  };
  // Streams of each kind at once; the kill lands while some of each are unanswered.
  // Many at once, so that at the kill some are between their case write and their notices.
  const CASE_STREAMS = 8;
  const VISIT_STREAMS = 3;
  const caseStream = async (first: number) => {
    for (let i = first; !dead; i += CASE_STREAMS) {
      const { userId, token } = residents[i % residents.length]!;
      const input = { requestId: `crash-case-${String(i).padStart(4, '0')}`, case: { source: 'selfReport', applicant: { name: '本人' }, description: `第${i}件：家里没有收入了`, helpCategory: 'medical', sensitiveInfoConsent: true } };
      await send({ fn: 'cases', action: 'create', input, userId, token });
    }
  };
  const visitStream = async (first: number) => {
    for (let i = first; !dead && i < households.length; i += VISIT_STREAMS) {
      const h = households[i]!;
      // Every visit escalates: a child at risk makes an urgent issue and alerts every officer at once.
      const members = h.memberIds.map((id, k) => (k === 0 ? { ...fine(id), childAtRisk: true } : fine(id)));
      await send({ fn: 'visits', action: 'record', input: { requestId: `crash-visit-${String(i).padStart(4, '0')}`, householdId: h.householdId, visitedAt: Date.now() - 60_000, members }, userId: h.userId, token: h.token });
    }
  };
  const raise = (i: number, villageIds: string[]) =>
    send({ fn: 'alerts', action: 'raise', input: { requestId: `crash-alert-${i}`, reason: 'coldWave', villageIds, deadlineHours: 2, instructions: '寒潮降温，请逐户确认取暖安全' }, userId: 'u-officer', token: officer });
  const importStream = () => send({ fn: 'people', action: 'import', input: { csv, requestId: 'crash-import-1' }, userId: 'u-officer', token: officer });

  const streams = [...Array.from({ length: CASE_STREAMS }, (_, k) => caseStream(k)), ...Array.from({ length: VISIT_STREAMS }, (_, k) => visitStream(k))];
  const answered = (fn: string) => sent.filter((s) => s.fn === fn && s.answered).length;
  const enough = async () => {
    while (answered('cases') < 10 || answered('visits') < 3) await new Promise((r) => setTimeout(r, 5));
  };
  await Promise.race([enough(), Promise.all(streams)]); // a stream failing before the kill fails the test
  // The long multi-write actions go out last, so the kill lands inside them.
  streams.push(raise(0, ['v01', 'v02']), raise(1, ['v03', 'v04']), importStream());
  await new Promise((r) => setTimeout(r, killAfterMs));
  dead = true;
  runtime.kill();
  await Promise.all([exited(runtime.child), ...streams]);
  expect(sent.some((s) => !s.answered)).toBe(true); // the kill really landed mid-stream
  expect(integrity(dataDir)).toBe('ok');
  // Restart (sessions stay valid: the same signing secret). The pages retry an unanswered visit and the import with
  // their request ids; an unanswered raise and case are left to the timer run, as when the officer closed the page.
  runtime = await startRuntime(dataDir, port, ENV);
  for (const s of sent.filter((x) => !x.answered && x.fn === 'visits')) {
    expect(await runtime.api(`/api/call/${s.fn}`, { action: s.action, input: s.input }, s.token)).toMatchObject({ ok: true });
  }
  // The import goes on in follow-ups (every 2 s locally) and each retry, until done.
  let importDone = false;
  for (let i = 0; i < 120 && !importDone; i++) {
    const job = await runtime.api('/api/call/people', { action: 'import', input: { csv, requestId: 'crash-import-1' } }, officer);
    importDone = job.ok === true && job.data.state === 'done';
    if (!importDone) await new Promise((r) => setTimeout(r, 500));
  }
  expect(importDone).toBe(true);
  // One timer run past the grace the actions have to carry out their own effects.
  expect(await runtime.api('/api/clock', { offsetMs: 3 * 60_000 }, officer)).toMatchObject({ ok: true });
  expect(await runtime.api('/api/sweep', {}, officer)).toMatchObject({ ok: true });
  runtime.kill();
  await exited(runtime.child);
  expect(integrity(dataDir)).toBe('ok');

  // A second timer run, in-process on the same data: it adds nothing.
  openAppDatabase(dataDir);
  const counted = async () => ({
    messages: (await all(COLLECTIONS.messages)).length,
    audit: (await all(COLLECTIONS.audit)).length,
    entries: (await all(COLLECTIONS.alertEntries)).length,
  });
  const firstRun = await counted();
  setClock(Date.now() + 3 * 60_000);
  try {
    expect(await FUNCTION_MAINS.cases({ Type: 'Timer', TriggerName: 'sweepClocks' })).toMatchObject({ ok: true, data: { swept: 0, cleared: 0 } });
    expect(await FUNCTION_MAINS.alerts({ Type: 'Timer', TriggerName: 'escalateDue' })).toMatchObject({ ok: true, data: { raised: 0 } });
  } finally {
    resetClock();
  }
  expect(await counted()).toEqual(firstRun);

  // The invariants, read from the data folder.
  const audit = await all(COLLECTIONS.audit);
  const audited = countBy(audit.filter((a) => a.kind !== 'view'), (a) => `${a.collection}|${a.recordId}|${a.kind}`);
  const messages = await all(COLLECTIONS.messages);
  const once = (rows: Raw[], key: (r: Raw) => string) => expect([...countBy(rows, key)].filter(([, n]) => n > 1)).toEqual([]);

  // Cases: every create the server stored — answered or not — is audited once, its notices posted once, none pending.
  const cases = (await all(COLLECTIONS.cases)).filter((c) => String(c.requestId).startsWith('crash-case-'));
  for (const s of sent.filter((x) => x.fn === 'cases' && x.answered)) expect(cases.some((c) => c.requestId === s.input.requestId)).toBe(true);
  expect(cases.length).toBeGreaterThanOrEqual(answered('cases'));
  for (const c of cases) {
    expect(audited.get(`cases|${c._id}|create`)).toBe(1);
    expect(c.pendingEffects).toBeUndefined();
    const notices = messages.filter((m) => m.link === `case:${c._id}`);
    expect(notices.length).toBeGreaterThan(0); // the officers are told of every new report
    once(notices, (m) => `${m.recipientUserId}|${m.type}`);
  }

  // Visits: each stored once with its audit entry, its issue audited, and each officer alerted once.
  const visitIds = sent.filter((s) => s.fn === 'visits').map((s) => idFor(s.userId, String(s.input.requestId)));
  const visits = (await all(COLLECTIONS.visits)).filter((v) => visitIds.includes(v._id));
  expect(visits.length).toBeGreaterThanOrEqual(answered('visits'));
  const issues = await all(COLLECTIONS.issues);
  const officers = (await all(COLLECTIONS.users, { role: 'officer' })).map((u) => u._id);
  const messageIds = new Set(messages.map((m) => m._id));
  for (const v of visits) {
    expect(audited.get(`visits|${v._id}|create`)).toBe(1);
    for (const i of issues.filter((x) => x._id.startsWith(`${v._id}:`))) expect(audited.get(`issues|${i._id}|create`)).toBe(1);
    for (const o of officers) expect(messageIds.has(idFor(`${v._id}:notify`, o))).toBe(true);
  }

  // Alerts: none half raised — each open with one entry per person on its roll, its rolls adding up, audited once,
  // each gridworker messaged once.
  // (A raise killed before its alert was stored left nothing: absent is whole too.)
  const alerts = (await all(COLLECTIONS.alerts)).filter((a) => String(a.requestId).startsWith('crash-alert-'));
  const entries = await all(COLLECTIONS.alertEntries);
  const tallies = await all(COLLECTIONS.alertTallies);
  for (const a of alerts) {
    expect(a.state).toBe('open');
    const own = entries.filter((e) => e.alertId === a._id);
    const rolls = tallies.filter((t) => t.alertId === a._id);
    expect(own.length).toBe(a.total);
    expect(rolls.reduce((sum, r) => sum + Number(r.total), 0)).toBe(a.total);
    expect(audited.get(`alerts|${a._id}|create`)).toBe(1);
    once(messages.filter((m) => m.link === `alert:${a._id}`), (m) => String(m.recipientUserId));
  }

  // The ledger import: every row once, each audited once, the job done and audited.
  const ids = new Set(Array.from({ length: LEDGER_ROWS }, (_, i) => ledgerId(i)));
  const imported = (await all(COLLECTIONS.persons)).filter((p) => ids.has(String(p.idNumber)));
  expect(imported).toHaveLength(LEDGER_ROWS);
  for (const p of imported) expect(audited.get(`persons|${p._id}|create`)).toBe(1);
  const jobs = await all(COLLECTIONS.jobs, { kind: 'ledgerImport' });
  expect(jobs).toEqual([expect.objectContaining({ done: true })]);
  expect(audited.get(`jobs|${jobs[0]!._id}|create`)).toBe(1);
});
