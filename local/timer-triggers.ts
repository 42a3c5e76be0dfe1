// What each cloud function declares in its config.json (as WeChat reads it): the timer triggers, so the local
// runtime can fire the same jobs on an interval and on demand, and the timeout it enforces on every invocation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TimerTrigger {
  fn: string;
  name: string;
  /** The 7-field cron WeChat runs it on (informational locally). */
  cron: string;
}

interface FunctionConfig {
  timeout?: number;
  triggers?: { name: string; type: string; config: string }[];
}

/** WeChat's timeout for a function whose config.json names none. */
export const DEFAULT_TIMEOUT_S = 3;

function configs(functionsDir: string): [string, FunctionConfig][] {
  const out: [string, FunctionConfig][] = [];
  for (const fn of readdirSync(functionsDir)) {
    const file = join(functionsDir, fn, 'config.json');
    if (existsSync(file)) out.push([fn, JSON.parse(readFileSync(file, 'utf8')) as FunctionConfig]);
  }
  return out;
}

export function timerTriggers(functionsDir: string): TimerTrigger[] {
  const triggers: TimerTrigger[] = [];
  for (const [fn, config] of configs(functionsDir)) {
    for (const t of config.triggers ?? []) if (t.type === 'timer') triggers.push({ fn, name: t.name, cron: t.config });
  }
  return triggers;
}

/** Each function's timeout in seconds (config.json `timeout`), which the local runtime enforces like WeChat. */
export function functionTimeouts(functionsDir: string): Record<string, number> {
  return Object.fromEntries(configs(functionsDir).map(([fn, config]) => [fn, config.timeout ?? DEFAULT_TIMEOUT_S]));
}
