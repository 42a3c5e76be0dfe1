// Valid inputs at every action: zod-fast-check generates them from each action's own input schema, ids are real
// records of the seeded town and its fixtures (valid-inputs.ts), and callers are mostly of the action's roles,
// often ones whose area holds the record the input names. Every accepted call that changed anything wrote an
// audit entry; every rejected call changed nothing. Each action's handler must be reached at least REACH_MIN
// times (an answer past the identity, role and schema gates), so the assertions cover the handlers themselves,
// not only the gates (test/functions/property.test.ts covers junk).
import fc from 'fast-check';
import { FUNCTION_TABLES } from '../../server/functions/registry';
import type { FunctionName } from '../../server/functions/api';
import { COLLECTIONS } from '../../server/platform/collections';
import { db } from '../../server/platform/cloud';
import { local } from '../../local/wx-server-sdk';
import { ROLES } from '../../src/core/roles';
import { rawCall } from './harness';
import { byRole, covering, generatorFor, realInput, refreshPools, seedTownWithFixtures } from './valid-inputs';

jest.setTimeout(300_000);

const REACH_MIN = 20;
const CALLS_PER_ACTION = 80;
/** Answers that mean the handler never ran: the gates before it. */
const GATE_CODES = new Set(['INPUT.INVALID', 'ROLE.FORBIDDEN', 'AUTH.REQUIRED']);
/** Codes whose failed attempts are counted on purpose (platform/attempts.ts: codes cannot be guessed). */
const COUNTED_ATTEMPTS = new Set(['INVITATION.INVALID', 'INVITATION.USED', 'INVITATION.EXPIRED', 'INVITATION.REVOKED', 'LINK.CODE_INVALID', 'LINK.NO_MATCH', 'ATTEMPTS.TOO_MANY']);

/**
 * Accepted calls whose only writes may be bookkeeping nobody reads as a record: the warning sweep moves each
 * household's next monitoring check (the warnings it raises are audited one by one).
 */
const UNAUDITED_BOOKKEEPING = new Set(['visits.sweepWarnings']);

function auditCount(): Promise<number> {
  return db().collection(COLLECTIONS.audit).count().then((r) => r.total);
}

const reached: Record<string, number> = {};
/** Per action, how often each answer came back: what kept a handler from being reached. */
const answers: Record<string, Record<string, number>> = {};

beforeAll(seedTownWithFixtures);

afterAll(() => {
  const rows = Object.entries(reached).sort((a, b) => a[1] - b[1]);
  console.log(`handler reached (of ${CALLS_PER_ACTION} calls each; min ${rows[0]?.[1]}):\n${rows.map(([a, n]) => `${String(n).padStart(3)}  ${a.padEnd(28)} ${JSON.stringify(answers[a])}`).join('\n')}`);
});

describe.each(Object.keys(FUNCTION_TABLES) as FunctionName[])('%s', (fn) => {
  it.each(Object.keys(FUNCTION_TABLES[fn]))(`%s: handler reached ≥ ${REACH_MIN} times; accepted writes audited, rejections change nothing`, async (action) => {
    await refreshPools(); // records the actions before made are ids for this one
    const def = FUNCTION_TABLES[fn][action];
    const name = `${fn}.${action}`;
    const own = ROLES.filter((r) => def.roles.includes(r)).flatMap((r) => byRole[r]);
    const others = ROLES.filter((r) => !def.roles.includes(r)).flatMap((r) => byRole[r]);
    reached[name] = 0;
    await fc.assert(
      fc.asyncProperty(generatorFor(def.input), fc.integer({ min: 0, max: 9 }), fc.nat(), fc.infiniteStream(fc.nat()), async (generated, dice, who, stream) => {
        const { input, anchor } = await realInput(generated, name, stream);
        // Mostly callers of the action's roles — half of those, when the input names a record, whose area holds it.
        const near = covering(own, anchor);
        const callers = dice === 0 && others.length ? others : dice > 4 && near.length ? near : own;
        const caller = callers[who % callers.length];
        const [changesBefore, auditBefore] = [local.totalChanges(), await auditCount()];
        const answer = (await rawCall(caller.openid, fn, { action, input })) as { ok: boolean; error?: { code: string } };
        const changed = local.totalChanges() - changesBefore;
        const audited = (await auditCount()) - auditBefore;
        if (answer.ok || !GATE_CODES.has(answer.error!.code)) reached[name] += 1;
        const code = answer.ok ? 'ok' : answer.error!.code;
        answers[name] = { ...answers[name], [code]: (answers[name]?.[code] ?? 0) + 1 };
        if (answer.ok) {
          if (changed > 0 && !UNAUDITED_BOOKKEEPING.has(name)) expect({ name, input, audited: audited > 0 }).toEqual({ name, input, audited: true });
        } else if (COUNTED_ATTEMPTS.has(answer.error!.code)) {
          expect(changed).toBeLessThanOrEqual(1); // the failed attempt's counter, nothing else
        } else {
          expect({ name, code: answer.error!.code, changed: changed - audited }).toEqual({ name, code: answer.error!.code, changed: 0 });
        }
      }),
      { numRuns: CALLS_PER_ACTION, seed: 20261206 },
    );
    expect({ name, reached: reached[name] >= REACH_MIN ? 'enough' : reached[name] }).toEqual({ name, reached: 'enough' });
  });
});
