// Who am I: the caller's profile, role and where they work — the app shell's first call.
import { z } from 'zod';
import { ROLE_LABELS, ROLES } from '../../../src/core/roles';
import { gridSchema, villageSchema } from '../../../src/core/records';
import { COLLECTIONS } from '../../platform/collections';
import { defineAction, type ActionTable } from '../../platform/action';

export const sessionActions = {
  me: defineAction({
    roles: ROLES,
    input: z.object({}).strict(),
    async run({ caller, db }) {
      const { user } = caller;
      const _ = db.command;
      const [grids, villages] = await Promise.all([
        user.gridIds.length
          ? db.collection(COLLECTIONS.grids).where({ _id: _.in(user.gridIds) }).get()
          : Promise.resolve({ data: [] }),
        user.villageIds.length
          ? db.collection(COLLECTIONS.villages).where({ _id: _.in(user.villageIds) }).get()
          : Promise.resolve({ data: [] }),
      ]);
      return {
        userId: user._id,
        name: user.name,
        role: user.role,
        roleLabel: ROLE_LABELS[user.role],
        registered: caller.registered,
        personId: user.personId ?? null,
        grids: grids.data.map((g) => gridSchema.pick({ _id: true, name: true, villageId: true }).parse(g)),
        villages: villages.data.map((v) => villageSchema.pick({ _id: true, name: true }).parse(v)),
      };
    },
  }),
} satisfies ActionTable;
