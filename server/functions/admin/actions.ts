// The town's structure: villages and their grids with who is responsible (区域定格、网格定人).
import { z } from 'zod';
import { gridSchema, userSchema, villageSchema } from '../../../src/core/records';
import { STAFF_ROLES } from '../../../src/core/roles';
import { COLLECTIONS } from '../../platform/collections';
import { defineAction, type ActionTable } from '../../platform/action';
import { readAllPages } from '../../platform/store';
import { areaActions } from './areas';
import { settingsActions } from './settings';
import { invitationActions } from './invitations';
import { staffActions } from './staff';

export const adminActions = {
  structure: defineAction({
    roles: STAFF_ROLES,
    input: z.object({}).strict(),
    async run({ db }) {
      const [villages, grids, staff] = await Promise.all([
        readAllPages(db, COLLECTIONS.villages, villageSchema),
        readAllPages(db, COLLECTIONS.grids, gridSchema),
        readAllPages(db, COLLECTIONS.users, userSchema, { role: db.command.in(['gridworker', 'cadre']) }),
      ]);
      const users = staff;
      return villages.map((village) => {
        return {
          _id: village._id,
          name: village.name,
          cadres: users.filter((u) => u.role === 'cadre' && u.villageIds.includes(village._id)).map((u) => u.name),
          grids: grids
            .filter((g) => g.villageId === village._id)
            .map((g) => ({
              _id: g._id,
              name: g.name,
              workers: users.filter((u) => u.role === 'gridworker' && u.gridIds.includes(g._id)).map((u) => u.name),
            })),
        };
      });
    },
  }),

  // Issue 4: villages and grids, users and roles, (re)assignment with history.
  ...areaActions,
  ...staffActions,
  // Issue 9: staff join by invitation (one-time code, mini-program code), re-invite, revoke.
  ...invitationActions,
  // The local rules with their docs/rules.md defaults (规则设置).
  ...settingsActions,
} satisfies ActionTable;
