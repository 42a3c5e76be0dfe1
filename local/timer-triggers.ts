// The timer triggers each cloud function declares in its config.json (as WeChat reads them), so the local
// runtime can fire the same jobs on an interval and on demand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TimerTrigger {
  fn: string;
  name: string;
  /** The 7-field cron WeChat runs it on (informational locally). */
  cron: string;
}

export function timerTriggers(functionsDir: string): TimerTrigger[] {
  const triggers: TimerTrigger[] = [];
  for (const fn of readdirSync(functionsDir)) {
    const file = join(functionsDir, fn, 'config.json');
    if (!existsSync(file)) continue;
    const config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: { name: string; type: string; config: string }[] };
    for (const t of config.triggers ?? []) if (t.type === 'timer') triggers.push({ fn, name: t.name, cron: t.config });
  }
  return triggers;
}
