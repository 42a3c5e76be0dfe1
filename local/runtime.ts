// The local runtime: the same cloud-function code, the SQLite stand-in underneath, a signed demo session
// in place of WeChat's identity. `dispatch` is the whole HTTP surface; server.ts only moves bytes.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appError, err, type ErrorCode, type Result } from '../src/core/errors';
import { isSpreadsheetPurpose, isXlsxBytes, sniffImageType } from '../src/core/files';
import { ROLE_LABELS, ROLES } from '../src/core/roles';
import { userSchema } from '../src/core/records';
import { COLLECTIONS } from '../server/platform/collections';
import { now } from '../server/platform/clock';
import type { FunctionMain } from '../server/functions/registry';
import cloud, { local } from './wx-server-sdk';
import { db as database } from '../server/platform/cloud';
import { newSecret, signSession, verifySession, type SessionClaims } from './session';
import { openAppDatabase } from './app-database';
import { seedDemoTownIfEmpty } from './seed/write';
import { backfillSchedule } from './seed/schedule';
import { DEFAULT_TIMEOUT_S, functionTimeouts, type TimerTrigger } from './timer-triggers';

export interface HttpRequest {
  method: string;
  path: string;
  query?: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw bytes of an upload (server.ts size-checks and parses). */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  body: Result<unknown>;
}

export interface RuntimeOptions {
  /** Folder of the SQLite file, or ':memory:'. */
  dataDir: string;
  functions: Record<string, FunctionMain>;
  /** Seed the demo town into an empty database (default true). */
  seed?: boolean;
  /** The timer triggers to fire (from the functions' config.json). */
  timers?: TimerTrigger[];
  /** Each function's timeout in seconds; every invocation is cut off after it, as in WeChat (default: config.json). */
  timeouts?: Record<string, number>;
}

export interface LocalRuntime {
  dispatch(request: HttpRequest): Promise<HttpResponse>;
  /** Fires every timer trigger once, as WeChat's scheduler would (no OPENID in the context). */
  runTimers(): Promise<Record<string, unknown>>;
  /** Runs the follow-ups (addDelayedFunctionTask) that are due; runTimers runs them too. */
  runDelayedTasks(): Promise<Record<string, unknown>>;
  close(): void;
}

/** errCode of WeChat's (and the stand-in's) failure for an invocation past its timeout. */
const TIMEOUT_ERR_CODE = -504003;

const TRANSPORT_STATUS: Partial<Record<ErrorCode, number>> = {
  'REQUEST.MALFORMED': 400,
  'AUTH.REQUIRED': 401,
  'AUTH.INVALID_SESSION': 401,
  'FUNCTION.UNKNOWN': 404,
  'REQUEST.TOO_LARGE': 413,
};

function reply(result: Result<unknown>): HttpResponse {
  const status = result.ok ? 200 : (TRANSPORT_STATUS[result.error.code] ?? 200);
  return { status, body: result };
}

function isTimeout(thrown: unknown): boolean {
  return (thrown as { errCode?: unknown } | null)?.errCode === TIMEOUT_ERR_CODE;
}

function sessionSecret(dataDir: string): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  if (dataDir === ':memory:') return newSecret();
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, newSecret(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function bearer(headers: HttpRequest['headers']): string | undefined {
  const value = headers.authorization ?? headers.Authorization;
  const header = Array.isArray(value) ? value[0] : value;
  const match = header ? /^Bearer (\S+)$/.exec(header) : null;
  return match?.[1];
}

export async function createLocalRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  openAppDatabase(options.dataDir);
  const db = database();
  if (options.seed !== false) await seedDemoTownIfEmpty(db, now());
  // A demo town seeded before the visit schedule existed gets it once (issue 4); a fresh one returns at once.
  if (options.seed !== false) await backfillSchedule(db);
  const secret = sessionSecret(options.dataDir);
  const timeouts = options.timeouts ?? functionTimeouts(join(__dirname, '..', 'cloudfunctions'));
  local.delayedTasks.register(Object.keys(options.functions));

  /** The sign-in list: each demo user with where they work (or live), by name. */
  async function demoUsers(): Promise<Result<unknown>> {
    const [found, grids, villages] = await Promise.all([
      // Oldest first: the seeded town before the residents that fresh WeChat sign-ins add (issue 9).
      db.collection(COLLECTIONS.users).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(100).get(),
      db.collection(COLLECTIONS.grids).limit(100).get(),
      db.collection(COLLECTIONS.villages).limit(100).get(),
    ]);
    const names = new Map<string, string>();
    for (const v of villages.data) names.set(String(v._id), String(v.name));
    for (const g of grids.data) names.set(String(g._id), String(g.name));
    // Only records a WeChat is bound to: a staff member still waiting for their invitation has no OPENID to sign in as.
    const users = found.data.map((raw) => userSchema.parse(raw)).filter((u) => !u.openid.includes(':'));
    users.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
    const data = [];
    for (const u of users) {
      let where = u.gridIds.length ? u.gridIds.map((id) => names.get(id) ?? id).join('、') : u.villageIds.map((id) => names.get(id) ?? id).join('、');
      if (u.role === 'officer' || u.role === 'admin') where = '全镇';
      if (u.role === 'resident') {
        const person = u.personId ? (await db.collection(COLLECTIONS.persons).where({ _id: u.personId }).limit(1).get()).data[0] : undefined;
        where = person ? `${names.get(String(person.gridId)) ?? ''}` : '尚未登记在册';
      }
      data.push({ userId: u._id, name: u.name, role: u.role, roleLabel: ROLE_LABELS[u.role], where });
    }
    return { ok: true, data };
  }

  /**
   * A WeChat user the town has never met (issue 9: a new staff member binding an invitation, a resident linking):
   * a fresh random OPENID in WeChat's shape (28 characters). Its first call creates its resident record, as in WeChat.
   */
  async function loginFresh(): Promise<Result<unknown>> {
    if (!options.functions.session) return err('FUNCTION.UNKNOWN');
    const openid = `o${randomBytes(21).toString('base64url')}`;
    const me = (await local.runWithContext({ OPENID: openid, SOURCE: 'local' }, () => options.functions.session({ action: 'me', input: {} }, {}))) as Result<{ userId: string }>;
    if (!me.ok) return me;
    return { ok: true, data: { token: signSession(secret, { openid, userId: me.data.userId }, now()) } };
  }

  async function login(body: unknown): Promise<Result<unknown>> {
    if (typeof body === 'object' && body !== null && (body as { fresh?: unknown }).fresh === true) return loginFresh();
    const userId = typeof body === 'object' && body !== null ? (body as { userId?: unknown }).userId : undefined;
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > 64) return err('INPUT.INVALID', '请选择一位演示用户');
    const found = await db.collection(COLLECTIONS.users).where({ _id: userId }).limit(1).get();
    if (!found.data[0]) return err('RECORD.NOT_FOUND', '没有这位演示用户');
    const user = userSchema.parse(found.data[0]);
    if (user.openid.includes(':')) return err('RECORD.NOT_FOUND', '这位人员还没有绑定微信，请用邀请码绑定');
    return { ok: true, data: { token: signSession(secret, { openid: user.openid, userId: user._id }, now()) } };
  }

  function session(request: HttpRequest): Result<SessionClaims> {
    const token = bearer(request.headers);
    if (!token) return err('AUTH.REQUIRED');
    const claims = verifySession(secret, token, now());
    return claims ? { ok: true, data: claims } : err('AUTH.INVALID_SESSION');
  }

  /**
   * Stands in for the mini-program's upload: as in WeChat, session.prepareUpload issues this signed-in user's path
   * (uploads/<userId>/<purpose>/…), then the bytes go to storage. Only photos (JPEG/PNG by their bytes) are taken.
   */
  async function upload(request: HttpRequest): Promise<Result<unknown>> {
    const who = session(request);
    if (!who.ok) return who;
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) return err('INPUT.INVALID', '没有收到文件');
    const purpose = request.query?.get('purpose');
    // A photo is a photo by its bytes; a spreadsheet (.xlsx by its zip header, else CSV) the import job reads and checks itself.
    const type = purpose && isSpreadsheetPurpose(purpose) ? (isXlsxBytes(request.body) ? 'xlsx' : 'csv') : sniffImageType(request.body);
    if (!type) return err('INPUT.INVALID', '只能上传照片（jpg、png）');
    const ext = type === 'csv' || type === 'xlsx' ? type : type === 'image/png' ? 'png' : 'jpg';
    const input = { requestId: request.query?.get('requestId') ?? randomBytes(12).toString('hex'), purpose, ext };
    const issued = await callFunction('session', { ...request, body: { action: 'prepareUpload', input } });
    if (!issued.ok) return issued;
    const { cloudPath } = issued.data as { cloudPath: string };
    const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: request.body });
    return { ok: true, data: { fileID } };
  }

  async function callFunction(name: string, request: HttpRequest): Promise<Result<unknown>> {
    if (!Object.prototype.hasOwnProperty.call(options.functions, name)) return err('FUNCTION.UNKNOWN');
    const who = session(request);
    if (!who.ok) return who;
    const claims = who.data;
    try {
      return (await invoke(name, { OPENID: claims.openid, SOURCE: 'local' }, request.body)) as Result<unknown>;
    } catch (thrown) {
      if (isTimeout(thrown)) return err('FUNCTION.TIMEOUT');
      console.error(`[local] ${name} threw`, thrown);
      return { ok: false, error: appError('INTERNAL') };
    }
  }

  /** One invocation of `name`, cut off at its configured timeout like WeChat's. */
  function invoke(name: string, context: { OPENID?: string; SOURCE: string }, event: unknown): Promise<unknown> {
    const main = options.functions[name];
    return local.invoke(context, timeouts[name] ?? DEFAULT_TIMEOUT_S, () => main(event, {}));
  }

  /** Follow-ups that functions scheduled (addDelayedFunctionTask) and are due: each a fresh invocation, no OPENID. */
  async function runDelayedTasks(results: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    for (const task of local.delayedTasks.takeDue()) {
      if (!options.functions[task.functionName]) continue;
      results[`${task.functionName}.delayed.${task.seq}`] = await invoke(task.functionName, { SOURCE: 'delayed' }, JSON.parse(task.data)).catch((thrown: unknown) =>
        isTimeout(thrown) ? err('FUNCTION.TIMEOUT') : Promise.reject(thrown),
      );
    }
    return results;
  }

  async function runTimers(): Promise<Record<string, unknown>> {
    const results: Record<string, unknown> = {};
    await runDelayedTasks(results);
    for (const trigger of options.timers ?? []) {
      if (!options.functions[trigger.fn]) continue;
      const event = { Type: 'Timer', TriggerName: trigger.name, Time: new Date(now()).toISOString() };
      // A job cut off by its timeout resumes in the next run from what it stored; the other triggers still run.
      results[`${trigger.fn}.${trigger.name}`] = await invoke(trigger.fn, { SOURCE: 'timer' }, event).catch((thrown: unknown) =>
        isTimeout(thrown) ? err('FUNCTION.TIMEOUT') : Promise.reject(thrown),
      );
    }
    return results;
  }

  /** Local only, and only when LOCAL_CLOCK_CONTROL=1: move the functions' clock (deadline and sweep tests). */
  function setClock(body: unknown): Result<unknown> {
    if (process.env.LOCAL_CLOCK_CONTROL !== '1') return err('FUNCTION.UNKNOWN', '没有这个接口');
    const offsetMs = typeof body === 'object' && body !== null ? (body as { offsetMs?: unknown }).offsetMs : undefined;
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) return err('INPUT.INVALID', 'offsetMs 应为数字');
    process.env.LOCAL_CLOCK_OFFSET_MS = String(offsetMs);
    return { ok: true, data: { now: now() } };
  }

  /**
   * Every timer trigger at once, on demand (issue 10): a sweep is heavy, so only the town office or the admin may
   * ask for one — or anyone signed in when the runtime runs in test mode (LOCAL_CLOCK_CONTROL=1, the e2e tests).
   */
  async function sweep(request: HttpRequest): Promise<Result<unknown>> {
    const who = session(request);
    if (!who.ok) return who;
    if (process.env.LOCAL_CLOCK_CONTROL !== '1') {
      const found = await db.collection(COLLECTIONS.users).where({ openid: who.data.openid }).limit(1).get();
      const role: unknown = found.data[0]?.role;
      if (role !== 'officer' && role !== 'admin') return err('ROLE.FORBIDDEN');
    }
    return { ok: true, data: await runTimers() };
  }

  async function route(request: HttpRequest): Promise<Result<unknown>> {
    const { method, path } = request;
    if (method === 'GET' && path === '/api/health') return { ok: true, data: { status: 'ok' } };
    if (method === 'GET' && path === '/api/demo-users') return demoUsers();
    if (method === 'POST' && path === '/api/login') return login(request.body);
    if (method === 'POST' && path === '/api/upload') return upload(request);
    if (method === 'POST' && path === '/api/clock') return setClock(request.body);
    if (method === 'POST' && path === '/api/sweep') return sweep(request);
    const call = /^\/api\/call\/([A-Za-z0-9_-]{1,40})$/.exec(path);
    if (method === 'POST' && call) return callFunction(call[1], request);
    return err('FUNCTION.UNKNOWN', '没有这个接口');
  }

  return {
    async dispatch(request) {
      return reply(await route(request));
    },
    runTimers,
    runDelayedTasks,
    close() {
      local.close();
    },
  };
}
