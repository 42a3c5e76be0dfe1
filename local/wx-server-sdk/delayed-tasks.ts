// `cloud.openapi.cloudbase.addDelayedFunctionTask({ env, functionName, data, delayTime })`: WeChat invokes
// `functionName` once, `delayTime` seconds later, with the JSON `data` as its event and no user identity. The
// stand-in checks the call as WeChat does and records the task with the data (so it survives a restart); the local
// runtime runs due tasks on its timer tick, and tests take them on demand (`local.delayedTasks`).

import { isPlainObject } from './codec';
import { ERR, invalidParam, sdkError, unsupported } from './errors';
import { runOperation } from './invocation';
import { getEnv, getStore } from './runtime';

const API = 'openapi.cloudbase.addDelayedFunctionTask';
/** WeChat's range for delayTime: 6 seconds to 30 days. */
const DELAY_MIN_S = 6;
const DELAY_MAX_S = 30 * 86_400;
/** The stand-in's bound on `data` (WeChat documents none): a follow-up carries a job name, not a payload. */
const DATA_MAX_CHARS = 4096;

export interface DelayedTask {
  seq: number;
  functionName: string;
  /** The JSON text given as `data`. */
  data: string;
  /** When it is due (epoch ms). */
  dueAt: number;
}

/** Functions that exist in this environment (the local runtime and tests register them); others are refused. */
const known = new Set<string>();

export function registerFunctions(names: readonly string[]): void {
  for (const name of names) known.add(name);
}

function check(input: unknown): { functionName: string; data: string; delayTime: number } {
  if (!isPlainObject(input)) throw invalidParam(API, 'the parameter must be an object');
  for (const key of Object.keys(input)) {
    if (!['env', 'functionName', 'data', 'delayTime'].includes(key)) throw unsupported(`the "${key}" parameter of ${API}`);
  }
  const { env, functionName, data, delayTime } = input;
  if (typeof env !== 'string' || env !== getEnv()) throw invalidParam(API, `env ${String(env)} not found`);
  if (typeof functionName !== 'string' || !known.has(functionName)) throw sdkError(API, `function ${String(functionName)} not found`, ERR.SYSTEM);
  if (typeof data !== 'string' || data.length > DATA_MAX_CHARS) throw invalidParam(API, `data must be a JSON string of at most ${DATA_MAX_CHARS} characters`);
  try {
    JSON.parse(data);
  } catch {
    throw invalidParam(API, 'data must be a JSON string');
  }
  if (typeof delayTime !== 'number' || !Number.isInteger(delayTime) || delayTime < DELAY_MIN_S || delayTime > DELAY_MAX_S) {
    throw invalidParam(API, `delayTime must be whole seconds from ${DELAY_MIN_S} to ${DELAY_MAX_S}`);
  }
  return { functionName, data, delayTime };
}

export function addDelayedFunctionTask(input: unknown): Promise<{ errCode: 0; errMsg: string }> {
  return runOperation(API, input, () => {
    const task = check(input);
    getStore()
      .statement('INSERT INTO _delayed_tasks (due_at, function_name, data) VALUES (?, ?, ?)')
      .run(Date.now() + task.delayTime * 1000, task.functionName, task.data);
    return { errCode: 0 as const, errMsg: `${API}:ok` };
  });
}

function rows(sql: string, ...params: unknown[]): DelayedTask[] {
  const found = getStore().statement(sql).all(...params) as { seq: number; function_name: string; data: string; due_at: number }[];
  return found.map((r) => ({ seq: r.seq, functionName: r.function_name, data: r.data, dueAt: r.due_at }));
}

export const delayedTasks = {
  /** Registers the functions that exist here: a task for any other name is refused, as WeChat refuses it. */
  register: registerFunctions,
  /** Tasks not yet run, earliest due first. */
  list(): DelayedTask[] {
    return rows('SELECT seq, function_name, data, due_at FROM _delayed_tasks ORDER BY due_at, seq');
  },
  /** Removes and returns the tasks due by `at` (default now; Infinity: all of them), to be run once each. */
  takeDue(at: number = Date.now()): DelayedTask[] {
    const due = rows('SELECT seq, function_name, data, due_at FROM _delayed_tasks WHERE due_at <= ? ORDER BY due_at, seq', Number.isFinite(at) ? at : Number.MAX_SAFE_INTEGER);
    for (const task of due) getStore().statement('DELETE FROM _delayed_tasks WHERE seq = ?').run(task.seq);
    return due;
  },
};
