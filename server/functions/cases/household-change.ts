// Issue 15: a rostered resident applying says the household size on the roster is out of date. The case keeps the
// roster's value (placement.ts); the report is recorded as the person's major change (RULES §9, which re-plans their
// visit, RULES §25) and reaches the grid's gridworkers in their message centre, linked to the person.
import type { HouseholdChange } from '../../../src/core/cases';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';
import { personSchema } from '../../../src/core/records';
import type { ActionContext } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { postMessagesWithIds } from '../../platform/messages';
import { readRecord } from '../../platform/store';
import { gridworkersOf } from '../../platform/users';
import { recordMajorChange } from '../../roster/major-change';

export async function reportHouseholdChange(ctx: ActionContext, caseId: string, personId: string, rosterSize: number | undefined, change: HouseholdChange): Promise<void> {
  const { db, now } = ctx;
  const person = await readRecord(db, COLLECTIONS.persons, personId, personSchema);
  const text = MESSAGE_TEXTS.householdChange({ name: person.name, rosterSize, size: change.size, why: change.why });
  const [workers] = await Promise.all([gridworkersOf(db, person.gridId), recordMajorChange(ctx, person, 'householdSize', now, text.body)]);
  await postMessagesWithIds(
    db,
    workers.map((w) => ({ id: `${caseId}:householdChange:${w._id}`, message: { recipientUserId: w._id, type: 'householdChange', ...text, link: `person:${person._id}` } })),
    now,
  );
}
