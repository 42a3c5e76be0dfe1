// Each deployable folder's config.json fits WeChat cloud (docs/platform-notes.md "WeChat cloud functions"): a timeout the console accepts
// (1–60 s), and timer triggers that name a job the function really runs — a trigger the function does not know
// would answer ACTION.UNKNOWN every time it fires, silently.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { FUNCTION_TIMEOUT_S, jobBudgetMs } from '../../server/platform/jobs';

const FUNCTIONS_DIR = join(__dirname, '..', '..', 'cloudfunctions');
const names = readdirSync(FUNCTIONS_DIR).filter((name) => statSync(join(FUNCTIONS_DIR, name)).isDirectory());

interface FunctionConfig {
  timeout?: unknown;
  triggers?: { name?: unknown; type?: unknown; config?: unknown }[];
}

function configOf(name: string): FunctionConfig {
  return JSON.parse(readFileSync(join(FUNCTIONS_DIR, name, 'config.json'), 'utf8')) as FunctionConfig;
}

function timersOf(name: string): string[] {
  const main = FUNCTION_MAINS[name as keyof typeof FUNCTION_MAINS] as { timers?: string[] } | undefined;
  if (!main) throw new Error(`cloudfunctions/${name} has no function in server/functions/registry.ts`);
  return main.timers ?? [];
}

describe('cloudfunctions/*/config.json', () => {
  it('covers every function of the registry', () => {
    expect([...names].sort()).toEqual(Object.keys(FUNCTION_MAINS).sort());
  });

  it.each(names)('%s: timeout is a whole number of seconds from 1 to 60', (name) => {
    const { timeout } = configOf(name);
    expect(Number.isInteger(timeout)).toBe(true);
    expect(timeout).toBeGreaterThanOrEqual(1);
    expect(timeout).toBeLessThanOrEqual(60);
  });

  it.each(names)('%s: every trigger is a timer with a 7-field cron that names a job the function runs', (name) => {
    const triggers = configOf(name).triggers ?? [];
    const timers = timersOf(name);
    for (const trigger of triggers) {
      expect(trigger.type).toBe('timer');
      expect(String(trigger.config).trim().split(/\s+/)).toHaveLength(7);
      expect(timers).toContain(trigger.name);
    }
    // WeChat gives a function one timer trigger: a second one would not be created on deployment.
    expect(triggers.length).toBeLessThanOrEqual(1);
  });

  it.each(names.filter((name) => timersOf(name).length > 0))('%s: its jobs start chunks for a while and stop in time', (name) => {
    const timeoutMs = Number(configOf(name).timeout) * 1000;
    expect(timeoutMs).toBe(FUNCTION_TIMEOUT_S[name]! * 1000);
    // Room for real work per run, and a margin before the cut-off that outlasts the slowest chunk (a page of 100
    // records, each a few sequential round trips of tens of milliseconds).
    expect(jobBudgetMs(name)).toBeGreaterThanOrEqual(30_000);
    expect(timeoutMs - jobBudgetMs(name)).toBeGreaterThanOrEqual(5_000);
  });
});
