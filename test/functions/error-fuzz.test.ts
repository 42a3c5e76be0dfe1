// Error details never carry what the caller could not read (issue 10; RULES §28–29): for every action and every
// role, generated inputs — valid ones with real ids, stale versions and other areas' records, and junk — and in
// every error answer no full ID number or phone the caller's role may not see in full for that person, no OPENID
// of any user, no notes of a person outside the caller's scope. The forbidden strings come from the database.
import fc from 'fast-check';
import { FUNCTION_TABLES } from '../../server/functions/registry';
import type { FunctionName } from '../../server/functions/api';
import { COLLECTIONS } from '../../server/platform/collections';
import { seesInFull } from '../../src/core/masking';
import { CASEWORK_ROLES, ROLES, inScope, scopeOf, type Placement, type ScopedUser } from '../../src/core/roles';
import { all, ok, rawCall, type DemoUser, type Raw } from './harness';
import { byRole, generatorFor, persons, realInput, refreshPools, seedTownWithFixtures } from './valid-inputs';

jest.setTimeout(300_000);

const CALLS_PER_ROLE = 12;
/** Roster notes written for the fuzz, each naming its person, so a leaked note is recognised in any answer. */
const NOTE_PREFIX = '机密备注#';

let users: Raw[] = [];
const notesOf = new Map<string, string>();

beforeAll(async () => {
  await seedTownWithFixtures();
  // Notes on two persons of every grid, written by the office.
  const [officer] = byRole.officer;
  const perGrid = new Map<string, Raw[]>();
  for (const p of persons) perGrid.set(String(p.gridId), [...(perGrid.get(String(p.gridId)) ?? []), p].slice(0, 2));
  for (const person of [...perGrid.values()].flat()) {
    const current = (await all(COLLECTIONS.persons, { _id: person._id }))[0];
    await ok(rawCall(officer.openid, 'people', { action: 'updateNotes', input: { personId: person._id, version: Number(current.version), notes: `${NOTE_PREFIX}${person._id}` } }) as never);
    notesOf.set(person._id, `${NOTE_PREFIX}${person._id}`);
  }
});

/** What this caller may not read, from the database as it is now. */
async function forbiddenFor(caller: DemoUser): Promise<string[]> {
  users = await all(COLLECTIONS.users);
  const me = users.find((u) => u.openid === caller.openid) as unknown as DemoUser & ScopedUser;
  const scope = scopeOf(me);
  const out = users.map((u) => String(u.openid));
  for (const person of await all(COLLECTIONS.persons)) {
    const own = me.personId === person._id;
    const sees = inScope(scope, { ...(person as unknown as Placement), personId: person._id });
    for (const field of ['idNumber', 'phone'] as const) {
      const value = String(person[field] ?? '');
      if (value && !(sees && seesInFull(me.role, field, own))) out.push(value);
    }
    const note = notesOf.get(person._id);
    if (note && !(sees && CASEWORK_ROLES.includes(me.role))) out.push(note);
  }
  return out;
}

/** Junk of every shape, beside the valid inputs. */
const junkArb = fc.oneof(fc.anything(), fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 6 }));

describe.each(Object.keys(FUNCTION_TABLES) as FunctionName[])('%s', (fn) => {
  it.each(Object.keys(FUNCTION_TABLES[fn]))('%s: no error shows a field the caller could not read', async (action) => {
    const def = FUNCTION_TABLES[fn][action];
    const name = `${fn}.${action}`;
    for (const role of ROLES) {
      await refreshPools();
      const caller = byRole[role][0];
      const forbidden = await forbiddenFor(caller);
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: generatorFor(def.input).map((v) => ({ valid: v })) }, { weight: 1, arbitrary: junkArb.map((v) => ({ junk: v })) }), fc.infiniteStream(fc.nat()), async (made, stream) => {
          const input = 'valid' in made ? (await realInput(made.valid, name, stream)).input : made.junk;
          const answer = (await rawCall(caller.openid, fn, { action, input })) as { ok: boolean; error?: unknown };
          if (answer.ok) return;
          const sent = JSON.stringify(input) ?? '';
          const text = JSON.stringify(answer.error);
          // What the caller sent is theirs already: only what came from the database counts.
          const leaked = forbidden.filter((value) => text.includes(value) && !sent.includes(value));
          expect({ name, role, leaked }).toEqual({ name, role, leaked: [] });
        }),
        { numRuns: CALLS_PER_ROLE, seed: 20261207 },
      );
    }
  });
});
