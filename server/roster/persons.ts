// Person and household persistence shared by the people and visits functions: scope checks, members of a
// household, and person writes that keep the stored visit schedule (`nextVisitDue`, RULES §25) in step.
import { AppFailure } from '../../src/core/errors';
import { householdSchema, personSchema, type Household, type Person } from '../../src/core/records';
import { inScope, type Placement, type Scope } from '../../src/core/roles';
import type { ScheduleSettings } from '../../src/core/visits/schedule';
import { idTailOf, phoneTailOf, plannedVisit } from '../../src/core/visits/person-schedule';
import { COLLECTIONS } from '../platform/collections';
import type { Database, Transaction } from '../platform/database-port';
import { readRecord, recordsByIds } from '../platform/store';

/** Members one household may have (a visit covers at most 30; a get returns at most 100). */
const HOUSEHOLD_MEMBERS_MAX = 100;

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

/** A household's size follows its members on the roster (after a capture or an import added some). */
export async function recountHousehold(db: Database, householdId: string): Promise<void> {
  const { total } = await db.collection(COLLECTIONS.persons).where({ householdId }).count();
  if (total > 0) await db.collection(COLLECTIONS.households).doc(householdId).update({ data: { size: total } });
}

export interface PersonWrite {
  before: Person;
  after: Person;
}

/**
 * Applies `change` to a person and stores it with the schedule recomputed from the result, only if the record is
 * still at the version it was computed from. With `version` (an edit by a person, who saw that version) a stale
 * version is RECORD.CONFLICT with the fresh record; without it (a write the system derives, like a visit's) a
 * concurrent change is re-read and the change applied again. `current` saves the first read when the caller has
 * just read the record.
 */
export async function writePerson(
  db: Database,
  personId: string,
  change: (p: Person) => Partial<Person>,
  options: { settings: ScheduleSettings; now: number; version?: number; current?: Person },
): Promise<PersonWrite> {
  const fresh = () => readRecord(db, COLLECTIONS.persons, personId, personSchema);
  let known = options.current;
  for (let attempt = 0; ; attempt++) {
    const before = known ?? (await fresh());
    known = undefined;
    if (options.version !== undefined && before.version !== options.version) throw new AppFailure('RECORD.CONFLICT', undefined, { collection: COLLECTIONS.persons, current: before });
    const { after, patch } = planWrite(db, before, change(before), options);
    // As store.ts updateVersioned, without reading the record back: the result is known.
    const result = await db
      .collection(COLLECTIONS.persons)
      .where({ _id: personId, version: before.version })
      .update({ data: { ...patch, version: db.command.inc(1) } });
    if (result.stats.updated === 1) return { before, after };
    if (options.version !== undefined || attempt >= 4) throw new AppFailure('RECORD.CONFLICT', undefined, { collection: COLLECTIONS.persons, current: await fresh() });
  }
}

/** The stored form of a change: fields set to undefined become removals; the result as it will be stored. */
function planWrite(db: Database, before: Person, changed: Partial<Person>, options: { settings: ScheduleSettings; now: number }) {
  const after = { ...before, ...changed } as Person;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changed)) {
    if (value === undefined) {
      patch[key] = db.command.remove();
      delete (after as Record<string, unknown>)[key];
    } else patch[key] = value;
  }
  after.nextVisitDue = plannedVisit(after, options.settings, options.now).dueAt;
  after.updatedAt = options.now;
  after.version = before.version + 1;
  const stored: Record<string, unknown> = { ...patch, nextVisitDue: after.nextVisitDue, updatedAt: options.now };
  return { after, patch: stored };
}

/**
 * Several persons changed together in one transaction (a visit's members): each is read, changed and re-planned
 * atomically, so a concurrent edit is never overwritten, and the writes commit at once — with `first`, whatever
 * caused them (the visit itself) in the same commit.
 */
export async function writePersonsTogether<T = undefined>(
  db: Database,
  personIds: readonly string[],
  change: (p: Person) => Partial<Person>,
  options: { settings: ScheduleSettings; now: number; first?: (tx: Transaction) => Promise<T> },
): Promise<{ writes: PersonWrite[]; first: T | undefined }> {
  return db.runTransaction(async (tx) => {
    // What must commit with the persons (the visit that changed them) goes first.
    // Each operation is a round trip: the reads go out together (with `first`'s), then the writes together.
    const refs = personIds.map((id) => tx.collection(COLLECTIONS.persons).doc(id));
    const [first, ...read] = await Promise.all([options.first ? options.first(tx) : undefined, ...refs.map((ref) => ref.get())]);
    const writes: PersonWrite[] = [];
    const updates: Promise<unknown>[] = [];
    read.forEach((found, i) => {
      const before = personSchema.parse(found.data);
      const { after, patch } = planWrite(db, before, change(before), options);
      // Nothing to store when the change leaves the record as it is (a retried visit).
      const same = Object.keys(patch).every((k) => k === 'updatedAt' || JSON.stringify(patch[k]) === JSON.stringify(before[k as keyof Person]));
      writes.push({ before, after: same ? before : after });
      if (!same) updates.push(refs[i]!.update({ data: { ...patch, version: after.version } }));
    });
    await Promise.all(updates);
    return { writes, first: first as T | undefined };
  });
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

/** Items of a list with their household's head and address, for display (one query a page). */
export async function withHouseholds<T extends { householdId: string }>(db: Database, items: readonly T[]): Promise<Array<T & { headName: string; address: string }>> {
  const households = await recordsByIds(db, COLLECTIONS.households, items.map((i) => i.householdId), (raw) => householdSchema.parse(raw));
  return items.map((i) => ({ ...i, headName: households.get(i.householdId)?.headName ?? '', address: households.get(i.householdId)?.address ?? '' }));
}

/** A new household in a grid, headed by the person captured or imported with it. */
export function newHouseholdRecord(
  id: string,
  grid: { _id: string; villageId: string },
  head: { name: string; phone: string; address: string; floating: boolean },
  flags: { size: number; keyHousehold: boolean },
  now: number,
): Household {
  return {
    _id: id,
    createdAt: now,
    updatedAt: now,
    version: 0,
    gridId: grid._id,
    villageId: grid.villageId,
    address: head.address,
    headName: head.name,
    phone: head.phone,
    size: flags.size,
    keyHousehold: flags.keyHousehold,
    floating: head.floating,
    notes: '',
  };
}

/** What a capture or an imported ledger row says about a new person. */
export type NewPersonFields = Pick<Person, 'name' | 'idNumber' | 'phone' | 'gender' | 'birthDate' | 'relation' | 'categories' | 'riskTier' | 'floating' | 'notes'> & {
  disabilityGrade?: number | undefined;
};

/** A new roster record: placed in its household, with search tails and its first visit planned (RULES §25). */
export function newPersonRecord(
  id: string,
  f: NewPersonFields,
  household: Pick<Household, '_id' | 'gridId' | 'villageId' | 'keyHousehold'>,
  settings: ScheduleSettings,
  now: number,
): Person {
  const person: Person = {
    _id: id,
    createdAt: now,
    updatedAt: now,
    version: 0,
    householdId: household._id,
    gridId: household.gridId,
    villageId: household.villageId,
    name: f.name,
    idNumber: f.idNumber,
    phone: f.phone,
    gender: f.gender,
    birthDate: f.birthDate,
    relation: f.relation,
    categories: f.categories,
    riskTier: f.riskTier,
    keyHousehold: household.keyHousehold,
    floating: f.floating,
    notes: f.notes,
    lastVisitAt: null,
    idTail: idTailOf(f.idNumber),
    phoneTail: phoneTailOf(f.phone),
  };
  if (f.disabilityGrade !== undefined) person.disabilityGrade = f.disabilityGrade;
  person.nextVisitDue = plannedVisit(person, settings, now).dueAt;
  return person;
}

export { householdSchema, personSchema };
