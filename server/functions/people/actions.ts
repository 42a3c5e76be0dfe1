// The roster (底数清): persons within the caller's scope, masked for roles that do not need full details.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { CATEGORIES, type Category } from '../../../src/core/categories';
import { inScope, STAFF_ROLES } from '../../../src/core/roles';
import { householdSchema, personSchema } from '../../../src/core/records';
import { maskPerson } from '../../../src/core/masking';
import { COLLECTIONS } from '../../platform/collections';
import { defineAction, type ActionTable } from '../../platform/action';
import { scopeCondition } from '../../platform/scope-query';

const PAGE_MAX = 50;

const listInput = z
  .object({
    gridId: z.string().min(1).max(64).optional(),
    villageId: z.string().min(1).max(64).optional(),
    category: z.enum(CATEGORIES as [Category, ...Category[]]).optional(),
    /** The last _id of the previous page: cursor paging, never a deep skip (TOOLCHAIN.md). */
    after: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(PAGE_MAX).default(20),
  })
  .strict();

export const peopleActions = {
  list: defineAction({
    roles: STAFF_ROLES,
    input: listInput,
    async run({ caller, db }, input) {
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
      const items = found.data.map((raw) => maskPerson(personSchema.parse(raw), caller.user.role).person);
      const last = items[items.length - 1];
      return { items, next: items.length === input.limit && last ? last._id : null };
    },
  }),

  get: defineAction({
    roles: STAFF_ROLES,
    input: z.object({ personId: z.string().min(1).max(64) }).strict(),
    async run({ caller, db, audit }, input) {
      const found = await db.collection(COLLECTIONS.persons).where({ _id: input.personId }).limit(1).get();
      if (!found.data[0]) throw new AppFailure('RECORD.NOT_FOUND');
      const person = personSchema.parse(found.data[0]);
      if (!inScope(caller.scope, person)) throw new AppFailure('SCOPE.FORBIDDEN');
      const household = householdSchema.parse(
        (await db.collection(COLLECTIONS.households).doc(person.householdId).get()).data,
      );
      const masked = maskPerson(person, caller.user.role);
      // RULES 29: every view of a sensitive record is logged.
      await audit({ collection: COLLECTIONS.persons, recordId: person._id, kind: 'view', why: masked.revealed ? 'full' : 'masked' });
      return { person: masked.person, household };
    },
  }),
} satisfies ActionTable;
