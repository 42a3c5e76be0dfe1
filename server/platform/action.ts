// A cloud function is a typed table of actions. Every call goes the same way:
// identity from the context → user and scope → role check → input parsed by the core's schema → run → Result.
import type { z } from 'zod';
import { AppFailure, err, ok, type Result } from '../../src/core/errors';
import type { Role } from '../../src/core/roles';
import { appendAudit, type AuditInput } from './audit';
import { callerOpenid, db, type Database } from './cloud';
import { now } from './clock';
import { loadCaller, type Caller } from './identity';
import { installChineseValidationMessages } from '../../src/core/zod-messages';

installChineseValidationMessages();

export interface ActionContext {
  fn: string;
  action: string;
  caller: Caller;
  db: Database;
  now: number;
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds actions of every input/output type
export type ActionTable = Record<string, ActionDef<any, any>>;

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

function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
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
  return async function main(event: unknown): Promise<Result<unknown>> {
    const trigger = timerName(event);
    if (trigger !== undefined) {
      // A trigger has no OPENID; an invocation that merely claims to be one from a user is refused.
      if (callerOpenid() || !Object.prototype.hasOwnProperty.call(timers, trigger)) return err('ACTION.UNKNOWN');
      try {
        return ok(await timers[trigger]({ fn, db: db(), now: now() }));
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
    try {
      const database = db();
      const at = now();
      const caller = await loadCaller(database, openid, at);
      if (!def.roles.includes(caller.user.role)) return err('ROLE.FORBIDDEN');
      const parsed = def.input.safeParse(call.input ?? {});
      if (!parsed.success) return err('INPUT.INVALID', undefined, zodDetails(parsed.error));
      const ctx: ActionContext = {
        fn,
        action: call.action,
        caller,
        db: database,
        now: at,
        audit: (...entries) => appendAudit(database, caller, { fn, action: call.action, at }, entries),
      };
      return ok(await def.run(ctx, parsed.data));
    } catch (thrown) {
      if (thrown instanceof AppFailure) return { ok: false, error: thrown.error };
      if (cutOff(thrown)) throw thrown;
      console.error(`[${fn}.${call.action}]`, thrown);
      return err('INTERNAL');
    }
  };
}
