// Hostile input (issue 10), over HTTP to the local runtime on a 10,000-person town: a resident, a gridworker and the
// town office each send a hostile corpus to every action they may call (1 MB of array-shaped junk, 330,000 empty
// visit members, deep nesting, oversized strings, wrong types, malformed JSON and URLs, oversized bodies and
// uploads) while the officer's sweeps send 5,000 queued messages and other users keep reading.
// - `hostile.error_kb_max`: the largest error answer to the corpus, in KB (target ≤ 8).
// - `hostile.p99_ms_others`: p99 of the other users' ordinary reads meanwhile (target ≤ 100 ms).
// - `hostile.p99_ms_others_quiet`: the same reads before, with nothing else going on (how loaded the machine is).
// - `hostile.held_ms_max`: the longest the runtime's thread went without turning meanwhile (includes the quiet reads).
// - `hostile.resets` / `hostile.internal_errors`: answers that were a connection reset or a 500 (target 0 each).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { z } from 'zod';
import type { Role } from '../src/core/roles';
import { FUNCTION_TABLES } from '../server/functions/registry';
import { MAX_UPLOAD_BYTES } from '../local/server';
import { firstUser, inWorker, openTown, percentile, round, signIn, withHttpRuntime } from './harness';
import { queueMessages, removeMessages } from './notify';

const SWEPT = 5000;
const PREFIX = 'bench-hostile-';
const ATTACKERS: readonly Role[] = ['resident', 'gridworker', 'officer'];

/** The top-level keys of an action's input, so the corpus can put junk in each field. */
function inputKeys(schema: z.ZodTypeAny): string[] {
  let inner = schema;
  while (inner instanceof z.ZodEffects || inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner instanceof z.ZodEffects ? inner.innerType() : inner._def.innerType;
  return inner instanceof z.ZodObject ? Object.keys(inner.shape as object) : [];
}

function targetsOf(role: Role): { fn: string; action: string; keys: string[] }[] {
  return Object.entries(FUNCTION_TABLES).flatMap(([fn, table]) =>
    Object.entries(table)
      .filter(([, def]) => def.roles.includes(role))
      .map(([action, def]) => ({ fn, action, keys: inputKeys(def.input as z.ZodTypeAny) })),
  );
}

interface Outcome {
  errors: { count: number; maxBytes: number; worst: string; resets: number; status500: number; accepted: number };
  quiet: number[];
  samples: number[];
  attackMs: number;
  sweep: { sent: number; sweeps: number; ms: number };
}

export async function hostile(): Promise<Record<string, number>> {
  const dataDir = await openTown(10_000);
  await removeMessages(PREFIX); // a run cut short leaves its queue behind
  await queueMessages(SWEPT, Date.now(), PREFIX);
  const officer = await firstUser('officer');
  const outcome = await withHttpRuntime(dataDir, officer, async ({ base }) => {
    const token = (userId: string) => signIn(base, userId);
    const attackers = await Promise.all(ATTACKERS.map(async (role) => ({ token: await token(await firstUser(role)), targets: targetsOf(role) })));
    // Other users than the attackers, each with an ordinary read of their day.
    const readers = [
      { token: await token(await firstUser('resident', 1)), fn: 'cases', action: 'mine', input: {} },
      { token: await token(await firstUser('gridworker', 1)), fn: 'visits', action: 'worklist', input: { bucket: 'overdue' } },
      { token: await token(await firstUser('cadre')), fn: 'cases', action: 'worklist', input: {} },
    ];
    const sweepToken = await token(officer);
    // How long the runtime's thread (this one) went without turning: what every other request waited at worst.
    const held = monitorEventLoopDelay({ resolution: 5 });
    held.enable();
    const result = await inWorker<Outcome>('hostile-client.mjs', { base, attackers, sweepToken, readers, uploadLimit: MAX_UPLOAD_BYTES, queued: SWEPT, quietReads: 300 });
    held.disable();
    return { ...result, heldMsMax: held.max / 1e6 };
  });
  await removeMessages(PREFIX);
  const { errors, quiet, samples, sweep } = outcome;
  if (sweep.sent < SWEPT) throw new Error(`the sweeps sent ${sweep.sent} of ${SWEPT} queued messages`);
  console.log(
    `hostile: ${errors.count} error answers (${errors.accepted} accepted) in ${(outcome.attackMs / 1000).toFixed(1)} s, largest ${errors.maxBytes} B (${errors.worst}); ` +
      `${sweep.sweeps} sweeps sent ${sweep.sent} in ${(sweep.ms / 1000).toFixed(1)} s; ${samples.length} reads by others, p50 ${percentile(samples, 50).toFixed(1)} ms`,
  );
  return {
    'hostile.error_kb_max': round(errors.maxBytes / 1024),
    'hostile.resets': errors.resets,
    'hostile.internal_errors': errors.status500,
    'hostile.p50_ms_others': round(percentile(samples, 50)),
    'hostile.p99_ms_others': round(percentile(samples, 99)),
    'hostile.p99_ms_others_quiet': round(percentile(quiet, 99)),
    'hostile.held_ms_max': round(outcome.heldMsMax),
  };
}
