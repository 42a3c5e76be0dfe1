// The roster (底数清): persons within the caller's scope, masked for roles that do not need full details.
import { z } from 'zod';
import { CATEGORIES, type Category } from '../../../src/core/categories';
import { CASEWORK_ROLES } from '../../../src/core/roles';
import { householdSchema, personSchema } from '../../../src/core/records';
import { maskPerson, personRow, personView } from '../../../src/core/masking';
import { beijingDate } from '../../../src/core/calendar';
import { COLLECTIONS } from '../../platform/collections';
import { defineAction, type ActionTable } from '../../platform/action';
import { scopeCondition } from '../../platform/scope-query';
import { ROSTER_NOTES_MAX } from '../../../src/core/roster/person-capture';
import { readRecord, updateVersioned } from '../../platform/store';
import { scopedPerson } from '../../roster/persons';
import { ledgerActions } from './ledger';
import { linkActions } from './links';
import { rosterActions } from './roster';

const PAGE_MAX = 50;

const listInput = z
  .object({
    gridId: z.string().min(1).max(64).optional(),
    villageId: z.string().min(1).max(64).optional(),
    category: z.enum(CATEGORIES as [Category, ...Category[]]).optional(),
    /** The last _id of the previous page: cursor paging, never a deep skip (docs/platform-notes.md). */
    after: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(PAGE_MAX).default(20),
  })
  .strict();

export const peopleActions = {
  list: defineAction({
    roles: CASEWORK_ROLES,
    input: listInput,
    async run({ caller, db, now }, input) {
      const _ = db.command;
      const condition = scopeCondition(_, caller.scope, input);
      if (input.category) condition.categories = input.category;
      if (input.after) condition._id = _.gt(input.after);
      const found = await db
        .collection(COLLECTIONS.persons)
        .where(condition)
        .orderBy('_id', 'asc')
        .limit(input.limit)
        .get();
      const items = found.data.map((raw) => personRow(personSchema.parse(raw), beijingDate(now)));
      const last = items[items.length - 1];
      return { items, next: items.length === input.limit && last ? last._id : null };
    },
  }),

  get: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ personId: z.string().min(1).max(64) }).strict(),
    async run({ caller, db, audit, now }, input) {
      const person = await scopedPerson(db, caller.scope, input.personId);
      const household = await readRecord(db, COLLECTIONS.households, person.householdId, householdSchema);
      const masked = personView(person, caller.user.role, { today: beijingDate(now) });
      // RULES 29: every view of a sensitive record is logged.
      await audit({ collection: COLLECTIONS.persons, recordId: person._id, kind: 'view', why: masked.revealed ? 'full' : 'masked' });
      return { person: masked.value, household: maskPerson(household, caller.user.role).value };
    },
  }),

  /** Roster notes, written with the version the editor saw (no silent overwrite). */
  updateNotes: defineAction({
    roles: CASEWORK_ROLES,
    input: z
      .object({
        personId: z.string().min(1).max(64),
        version: z.number().int().nonnegative(),
        notes: z.string().max(ROSTER_NOTES_MAX, `备注不能超过${ROSTER_NOTES_MAX}字`),
      })
      .strict(),
    async run({ caller, db, audit, now }, input) {
      const person = await scopedPerson(db, caller.scope, input.personId);
      const updated = await updateVersioned(db, COLLECTIONS.persons, personSchema, person._id, input.version, { notes: input.notes }, now);
      await audit({ collection: COLLECTIONS.persons, recordId: person._id, kind: 'update', from: { notes: person.notes }, to: { notes: updated.notes } });
      return { personId: updated._id, version: updated.version, notes: updated.notes };
    },
  }),

  // Issue 4: capture, search, tier/flag edits, major changes, key households, monitoring facts, ledger import.
  ...rosterActions,
  ...ledgerActions,
  // Issue 9: a resident's WeChat linked to their roster person (requests to confirm, link codes at a visit).
  ...linkActions,
} satisfies ActionTable;
