// Random and malformed input at every action of every function, from every kind of caller: each answer is a
// valid result or a coded error with a Chinese message (never a crash), and a rejected call changes nothing.
// New actions join automatically: the list comes from the functions' own tables.
import fc from 'fast-check';
import { z } from 'zod';
import { isErrorCode } from '../../src/core/errors';
import { CATEGORIES } from '../../src/core/categories';
import { COLLECTIONS } from '../../server/platform/collections';
import { FUNCTION_MAINS, FUNCTION_TABLES } from '../../server/functions/registry';
import type { FunctionName } from '../../server/functions/api';
import { local } from '../../local/wx-server-sdk';
import { freshTown, snapshot, usersOf } from './harness';

jest.setTimeout(120_000);

let callers: (string | undefined)[] = [];
let knownIds: string[] = [];

beforeAll(async () => {
  await freshTown();
  const roles = ['resident', 'gridworker', 'cadre', 'officer', 'admin'];
  const users = (await Promise.all(roles.map((r) => usersOf(r)))).flat();
  callers = [...users.map((u) => u.openid), 'openid-of-a-stranger', undefined];
  // A stranger's first call creates their own resident record (and every function's first success in an instance
  // records its version): done once here, so each call below is measured on its own.
  for (const openid of ['openid-of-a-stranger']) await local.runWithContext({ OPENID: openid }, () => FUNCTION_MAINS.session({ action: 'me', input: {} }));
  const sample = (await snapshot([COLLECTIONS.persons, COLLECTIONS.grids, COLLECTIONS.villages])) as Record<string, { _id: string }[]>;
  knownIds = [...sample.persons.slice(0, 20), ...sample.grids, ...sample.villages].map((r) => r._id);
});

/** Keys an action's input schema names, so generated objects get past "unknown key" and reach the handler. */
function inputKeys(schema: z.ZodTypeAny): string[] {
  let inner: z.ZodTypeAny = schema;
  while (inner instanceof z.ZodEffects || inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) {
    inner = inner instanceof z.ZodEffects ? inner.innerType() : inner._def.innerType;
  }
  return inner instanceof z.ZodObject ? Object.keys(inner.shape as object) : [];
}

function valueArb(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...knownIds),
    fc.constantFrom(...CATEGORIES),
    fc.string({ maxLength: 600 }),
    fc.integer({ min: -5, max: 1_000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.anything(),
  );
}

function inputArb(keys: string[]): fc.Arbitrary<unknown> {
  const shaped = keys.length
    ? fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), valueArb(), { maxKeys: keys.length + 1 })
    : fc.constant({});
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: fc.anything() });
}

function eventArb(action: string, keys: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: inputArb(keys).map((input) => ({ action, input })) },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.record({ action: fc.oneof(fc.string(), fc.anything()), input: fc.anything() }) },
  );
}


describe.each(Object.keys(FUNCTION_TABLES) as FunctionName[])('%s', (fn) => {
  it.each(Object.keys(FUNCTION_TABLES[fn]))('%s answers any input with a result or a coded error', async (action) => {
    const keys = inputKeys(FUNCTION_TABLES[fn][action].input);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000 }), eventArb(action, keys), async (who, event) => {
        const openid = callers[who % callers.length];
        const before = local.totalChanges();
        const run = () => FUNCTION_MAINS[fn](event);
        const answer = (openid === undefined ? await run() : await local.runWithContext({ OPENID: openid }, run)) as {
          ok: unknown;
          error?: { code: unknown; message: unknown };
        };
        expect(typeof answer.ok).toBe('boolean');
        if (answer.ok === false) {
          expect(isErrorCode(answer.error?.code)).toBe(true);
          expect(answer.error?.code).not.toBe('INTERNAL');
          expect(answer.error?.message).toMatch(/[\u4e00-\u9fa5]/);
          expect(local.totalChanges()).toBe(before); // a rejected call wrote nothing
        }
      }),
      { numRuns: 60 },
    );
  });
});
