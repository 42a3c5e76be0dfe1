// Where a case sits and who may reach it: an existing case read within the caller's scope, and the placement of a
// new one from the caller's own records.
import { beijingDate, isMinorOn } from '../../../src/core/calendar';
import type { CaseRecord, CreateContext } from '../../../src/core/cases';
import { AppFailure } from '../../../src/core/errors';
import { gridSchema, householdSchema, personSchema } from '../../../src/core/records';
import { inScope, type Placement } from '../../../src/core/roles';
import { readCase } from '../../cases/store';
import type { ActionContext } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { readRecord } from '../../platform/store';
import { residentUserIdOf } from '../../platform/users';

function placementOf(c: CaseRecord): Placement {
  return { gridId: c.gridId, villageId: c.villageId, ...(c.residentUserId ? { ownerUserId: c.residentUserId } : {}) };
}

export async function scopedCase(ctx: ActionContext, caseId: string): Promise<CaseRecord> {
  const c = await readCase(ctx.db, caseId);
  if (!inScope(ctx.caller.scope, placementOf(c))) throw new AppFailure('SCOPE.FORBIDDEN');
  return c;
}

/** Where a new case sits, from the caller's own records — never from the payload's word about who or where. */
export async function placementFor(
  ctx: ActionContext,
  personId: string | undefined,
  gridId: string | undefined,
): Promise<{ placement: CreateContext['placement']; applicant: CreateContext['rosterApplicant'] }> {
  const { db, caller } = ctx;
  const ownPerson = caller.user.role === 'resident' ? caller.user.personId : undefined;
  const chosenPerson = caller.user.role === 'resident' ? ownPerson : personId;
  if (chosenPerson) {
    const person = await readRecord(db, COLLECTIONS.persons, chosenPerson, personSchema);
    if (caller.user.role !== 'resident' && !inScope(caller.scope, person)) throw new AppFailure('SCOPE.FORBIDDEN');
    const [household, resident] = await Promise.all([
      readRecord(db, COLLECTIONS.households, person.householdId, householdSchema),
      caller.user.role === 'resident' ? caller.user._id : residentUserIdOf(db, person._id),
    ]);
    return {
      placement: { gridId: person.gridId, villageId: person.villageId, householdId: person.householdId, ...(resident ? { residentUserId: resident } : {}) },
      // RULES §29: whether a minor comes from the roster's birth date, not from the form.
      applicant: { personId: person._id, name: person.name, householdSize: household.size, minor: isMinorOn(person.birthDate, beijingDate(ctx.now)) },
    };
  }
  // Not on the roster (a newcomer, floating population): the grid where the need is, which must exist and be in scope.
  if (!gridId) throw new AppFailure('INPUT.INVALID', '请选择所在网格');
  const grid = await readRecord(db, COLLECTIONS.grids, gridId, gridSchema);
  if (caller.user.role !== 'resident' && !inScope(caller.scope, { gridId: grid._id, villageId: grid.villageId })) throw new AppFailure('SCOPE.FORBIDDEN');
  return { placement: { gridId: grid._id, villageId: grid.villageId }, applicant: undefined };
}
