// Person and household persistence shared by the people and visits functions: scope checks, members of a
// household, and person writes that keep the stored visit schedule (`nextVisitDue`, RULES §25) in step.
import { AppFailure } from '../../src/core/errors';
import { householdSchema, personSchema, type Household, type Person } from '../../src/core/records';
import { inScope, type Placement, type Scope } from '../../src/core/roles';
import type { ScheduleSettings } from '../../src/core/visits/schedule';
import { plannedVisit } from '../../src/core/visits/person-schedule';
import { COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/database-port';
import { readRecord, updateVersioned } from '../platform/store';

/** Members one household may have (a visit covers at most 30; a get returns at most 100). */
export const HOUSEHOLD_MEMBERS_MAX = 100;

export function assertInScope(scope: Scope, at: Placement): void {
  if (!inScope(scope, at)) throw new AppFailure('SCOPE.FORBIDDEN');
}

export async function scopedHousehold(db: Database, scope: Scope, householdId: string): Promise<Household> {
  const household = await readRecord(db, COLLECTIONS.households, householdId, householdSchema);
  assertInScope(scope, household);
  return household;
}

export async function scopedPerson(db: Database, scope: Scope, personId: string): Promise<Person> {
  const person = await readRecord(db, COLLECTIONS.persons, personId, personSchema);
  assertInScope(scope, person);
  return person;
}

export async function membersOf(db: Database, householdId: string): Promise<Person[]> {
  const found = await db.collection(COLLECTIONS.persons).where({ householdId }).orderBy('_id', 'asc').limit(HOUSEHOLD_MEMBERS_MAX).get();
  return found.data.map((raw) => personSchema.parse(raw));
}

/** By id, in one query per 100 ids; missing ids are left out. */
export async function recordsByIds<T>(db: Database, collection: string, ids: Iterable<string>, parse: (raw: unknown) => T): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, T>();
  for (let i = 0; i < unique.length; i += 100) {
    const found = await db.collection(collection).where({ _id: db.command.in(unique.slice(i, i + 100)) }).limit(100).get();
    for (const raw of found.data) out.set(String(raw._id), parse(raw));
  }
  return out;
}

export interface PersonWrite {
  before: Person;
  after: Person;
}

/**
 * Applies `change` to a person and stores it with the schedule recomputed from the result. With `version` (an
 * edit by a person, who saw that version) a stale version is RECORD.CONFLICT with the fresh record; without it
 * (a write the system derives, like a visit's) a concurrent change is re-read and the change applied again.
 */
export async function writePerson(
  db: Database,
  personId: string,
  change: (p: Person) => Partial<Person>,
  options: { settings: ScheduleSettings; now: number; version?: number },
): Promise<PersonWrite> {
  for (let attempt = 0; ; attempt++) {
    const before = await readRecord(db, COLLECTIONS.persons, personId, personSchema);
    const version = options.version ?? before.version;
    const changed = change(before);
    const merged = { ...before, ...changed } as Person;
    const patch: Record<string, unknown> = {};
    // A field changed to undefined is removed from the record.
    for (const [key, value] of Object.entries(changed)) {
      if (value === undefined) {
        patch[key] = db.command.remove();
        delete (merged as Record<string, unknown>)[key];
      } else patch[key] = value;
    }
    patch.nextVisitDue = plannedVisit(merged, options.settings, options.now).dueAt;
    try {
      const after = await updateVersioned(db, COLLECTIONS.persons, personSchema, personId, version, patch, options.now);
      return { before, after };
    } catch (thrown) {
      if (options.version !== undefined || attempt >= 4 || !(thrown instanceof AppFailure) || thrown.error.code !== 'RECORD.CONFLICT') throw thrown;
    }
  }
}

/** The household's members re-planned after a change to what they share (key-household flag, plan frequency). */
export async function writeMembers(
  db: Database,
  householdId: string,
  change: (p: Person) => Partial<Person>,
  options: { settings: ScheduleSettings; now: number },
): Promise<PersonWrite[]> {
  const out: PersonWrite[] = [];
  for (const member of await membersOf(db, householdId)) out.push(await writePerson(db, member._id, change, options));
  return out;
}

export { householdSchema, personSchema };
