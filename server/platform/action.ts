// A cloud function is a typed table of actions. Every call goes the same way:
// identity from the context → user and scope → role check → input parsed by the core's schema → run → Result.
import type { z } from 'zod';
import { AppFailure, appError, err, ok, type AppError, type Err, type Result } from '../../src/core/errors';
import type { Role } from '../../src/core/roles';
import { appendAudit, type AuditInput } from './audit';
import { callerOpenid, db, type Database } from './cloud';
import { COLLECTIONS } from './collections';
import { now } from './clock';
import { deploymentRecorder } from './deployments';
import { discloseError, MAX_FIELD_PROBLEMS } from './disclose';
import { INPUT_ARRAY_MAX, overlongArray } from './input-guard';
import { loadCaller, type Caller } from './identity';
import { loadSettings } from './settings';
import type { TownSettings } from '../../src/core/settings';
import { installChineseValidationMessages } from '../../src/core/zod-messages';

installChineseValidationMessages();

export interface ActionContext {
  fn: string;
  action: string;
  caller: Caller;
  db: Database;
  now: number;
  /** The town settings, read beside the caller (one round trip for both). */
  settings(): Promise<TownSettings>;
  audit(...entries: AuditInput[]): Promise<void>;
}

export interface ActionDef<S extends z.ZodTypeAny, O> {
  roles: readonly Role[];
  input: S;
  run(ctx: ActionContext, input: z.output<S>): Promise<O>;
}

export function defineAction<S extends z.ZodTypeAny, O>(def: ActionDef<S, O>): ActionDef<S, O> {
  return def;
}

/** Actions of every input and output type (`run` is a method, so its input parameter is checked bivariantly). */
export type ActionTable = Record<string, ActionDef<z.ZodTypeAny, unknown>>;

/** The client-facing shape of a table: input and output of each action. */
export type ActionTypes<T extends ActionTable> = {
  [A in keyof T]: T[A] extends ActionDef<infer S, infer O> ? { input: z.input<S>; output: O } : never;
};

export interface CallEvent {
  action: string;
  input?: unknown;
}

function parseEvent(event: unknown): CallEvent | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const { action, input } = event as Record<string, unknown>;
  return typeof action === 'string' ? { action, input } : undefined;
}

/** Field problems for the form; a hostile input can have thousands, so only the first few are kept (disclose.ts). */
function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, MAX_FIELD_PROBLEMS).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Work a timer trigger or a follow-up runs (config.json `triggers`; platform/jobs.ts): no caller, the function acts for the town. */
export type TimerJob = (ctx: { fn: string; db: Database; now: number }) => Promise<unknown>;

/**
 * A WeChat timer trigger invocation (`{ Type: 'Timer', TriggerName, Time }`), or a follow-up a job scheduled to
 * continue sooner than its next trigger (`{ Type: 'FollowUp', Job }`, platform/jobs.ts): both run a timer job.
 */
function timerName(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { Type, TriggerName, Job } = event as Record<string, unknown>;
  if (Type === 'Timer' && typeof TriggerName === 'string') return TriggerName;
  return Type === 'FollowUp' && typeof Job === 'string' ? Job : undefined;
}

/** WeChat's error for an invocation past its timeout: the instance is stopped, there is no one left to answer. */
const TIMEOUT_ERR_CODE = -504003;

function cutOff(thrown: unknown): boolean {
  return (thrown as { errCode?: unknown } | null)?.errCode === TIMEOUT_ERR_CODE;
}

export function createMain(fn: string, table: ActionTable, timers: Record<string, TimerJob> = {}) {
  const recordDeployment = deploymentRecorder(fn);
  const main = async function main(event: unknown): Promise<Result<unknown>> {
    const trigger = timerName(event);
    if (trigger !== undefined) {
      // A trigger has no OPENID; an invocation that merely claims to be one from a user is refused.
      if (callerOpenid() || !Object.prototype.hasOwnProperty.call(timers, trigger)) return err('ACTION.UNKNOWN');
      try {
        const database = db();
        const at = now();
        const done = ok(await timers[trigger]({ fn, db: database, now: at }));
        await recordDeployment(database, at);
        return done;
      } catch (thrown) {
        if (cutOff(thrown)) throw thrown;
        console.error(`[${fn}.${trigger}]`, thrown);
        return err('INTERNAL');
      }
    }
    const call = parseEvent(event);
    if (!call) return err('REQUEST.MALFORMED');
    if (!Object.prototype.hasOwnProperty.call(table, call.action)) return err('ACTION.UNKNOWN');
    const def = table[call.action];
    const openid = callerOpenid();
    if (!openid) return err('AUTH.REQUIRED');
    const database = db();
    const at = now();
    const origin = { fn, action: call.action, at };
    let caller: Caller | undefined;
    /** Every failure leaves through here: its details are disclosed as a read by this caller would be. */
    const fail = async (error: AppError): Promise<Err> => {
      const disclosed = discloseError(error, caller);
      if (caller && disclosed.revealed.length > 0) {
        await appendAudit(database, caller, origin, disclosed.revealed.map((r) => ({ ...r, kind: 'view' as const, why: `error:${error.code}` })));
      }
      return { ok: false, error: disclosed.error };
    };
    try {
      const settings = loadSettings(database);
      settings.catch(() => undefined); // an action that never asks for them does not fail for them
      const { created, ...loaded } = await loadCaller(database, openid, at);
      caller = loaded;
      if (created) {
        await appendAudit(database, caller, origin, [{ collection: COLLECTIONS.users, recordId: caller.user._id, kind: 'create', to: { role: 'resident' }, why: '首次使用，建立居民账号' }]);
      }
      if (!def.roles.includes(caller.user.role)) return err('ROLE.FORBIDDEN');
      const overlong = overlongArray(call.input);
      if (overlong !== undefined) return await fail(appError('INPUT.INVALID', `最多${INPUT_ARRAY_MAX}项`, [{ path: overlong, message: `最多${INPUT_ARRAY_MAX}项` }]));
      const parsed = def.input.safeParse(call.input ?? {});
      if (!parsed.success) return await fail(appError('INPUT.INVALID', parsed.error.issues[0]?.message.slice(0, 80), zodDetails(parsed.error)));
      const known = caller;
      const ctx: ActionContext = {
        fn,
        action: call.action,
        caller: known,
        db: database,
        now: at,
        settings: () => settings,
        audit: (...entries) => appendAudit(database, known, origin, entries),
      };
      const done = ok(await def.run(ctx, parsed.data));
      await recordDeployment(database, at); // once per instance (a cold start's extra round trip)
      return done;
    } catch (thrown) {
      if (cutOff(thrown)) throw thrown;
      if (thrown instanceof AppFailure) return fail(thrown.error).catch(() => err('INTERNAL'));
      console.error(`[${fn}.${call.action}]`, thrown);
      return err('INTERNAL');
    }
  };
  // The trigger names it answers, for the check against config.json `triggers` (test/deploy).
  return Object.assign(main, { timers: Object.keys(timers) });
}
