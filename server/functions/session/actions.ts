// Who am I: the caller's profile, role and where they work — the app shell's first call.
import { z } from 'zod';
import { PENDING_UPLOADS_MAX, prepareUploadInputSchema } from '../../../src/core/files';
import { fileIdSchema } from '../../../src/core/ids';
import { ROLE_LABELS, ROLES } from '../../../src/core/roles';
import { gridSchema, householdSchema, messageSchema, personSchema, villageSchema, type Household } from '../../../src/core/records';
import { APP_PART, deploymentStatus, THIS_BUILD } from '../../../src/core/deployment';
import { COLLECTIONS } from '../../platform/collections';
import { deployedVersions } from '../../platform/deployments';
import type { Database } from '../../platform/database-port';
import { readAllPages, readRecord } from '../../platform/store';
import { defineAction, type ActionTable } from '../../platform/action';
import { cursorSchema, rangePage } from '../../platform/paging';
import { issueUpload, ownUploadLinks } from '../../platform/files';
import { onboardingActions } from './onboarding';

async function householdOf(db: Database, personId: string): Promise<Household> {
  const person = await readRecord(db, COLLECTIONS.persons, personId, personSchema);
  return readRecord(db, COLLECTIONS.households, person.householdId, householdSchema);
}

export const sessionActions = {
  me: defineAction({
    roles: ROLES,
    // The app sends the version it was built with, so the admin learns of a half-finished deployment.
    input: z.object({ appVersion: z.string().min(1).max(64).optional() }).strict(),
    async run({ caller, db }, input) {
      const { user } = caller;
      const _ = db.command;
      const [grids, villages, deployed, household] = await Promise.all([
        user.gridIds.length
          ? db.collection(COLLECTIONS.grids).where({ _id: _.in(user.gridIds) }).get()
          : Promise.resolve({ data: [] }),
        user.villageIds.length
          ? db.collection(COLLECTIONS.villages).where({ _id: _.in(user.villageIds) }).get()
          : Promise.resolve({ data: [] }),
        // Only the admin acts on it: nobody else pays the extra read.
        user.role === 'admin' ? deployedVersions(db) : Promise.resolve(null),
        // A rostered resident's application shows the roster's household size (issue 15): only they pay these reads.
        user.role === 'resident' && user.personId ? householdOf(db, user.personId) : Promise.resolve(null),
      ]);
      const parts = deployed && [...deployed, ...(input.appVersion ? [{ fn: APP_PART, version: input.appVersion }] : [])];
      return {
        userId: user._id,
        name: user.name,
        role: user.role,
        roleLabel: ROLE_LABELS[user.role],
        personId: user.personId ?? null,
        phone: user.phone ?? null,
        householdSize: household?.size ?? null,
        grids: grids.data.map((g) => gridSchema.pick({ _id: true, name: true, villageId: true }).parse(g)),
        villages: villages.data.map((v) => villageSchema.pick({ _id: true, name: true }).parse(v)),
        deployment: parts && deploymentStatus(THIS_BUILD, parts),
      };
    },
  }),

  /** The caller's message centre, newest first (every notice lives here, whatever WeChat delivers). */
  inbox: defineAction({
    roles: ROLES,
    input: z.object({ before: cursorSchema.optional(), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    async run({ caller, db }, input) {
      const page = await rangePage(db, COLLECTIONS.messages, { where: { recipientUserId: caller.user._id }, field: 'createdAt', order: 'desc', limit: input.limit, after: input.before });
      const items = page.docs.map((m) => messageSchema.parse(m));
      const unread = await db.collection(COLLECTIONS.messages).where({ recipientUserId: caller.user._id, readAt: null }).count();
      return { items, unread: unread.total, next: page.next };
    },
  }),

  /** Marks the caller's own messages read; someone else's ids are simply not matched. */
  markRead: defineAction({
    roles: ROLES,
    input: z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(50) }).strict(),
    async run({ caller, db, now }, input) {
      const _ = db.command;
      const result = await db
        .collection(COLLECTIONS.messages)
        .where({ _id: _.in(input.ids), recipientUserId: caller.user._id, readAt: null })
        .update({ data: { readAt: now } });
      return { marked: result.stats.updated };
    },
  }),

  /** Villages and their grids by name, for anyone: a resident not on the roster says where the need is. */
  areas: defineAction({
    roles: ROLES,
    input: z.object({}).strict(),
    async run({ db }) {
      const [villages, grids] = await Promise.all([readAllPages(db, COLLECTIONS.villages, villageSchema), readAllPages(db, COLLECTIONS.grids, gridSchema)]);
      return villages.map((v) => ({ _id: v._id, name: v.name, grids: grids.filter((g) => g.villageId === v._id).map((g) => ({ _id: g._id, name: g.name })) }));
    },
  }),

  /** Where the caller may upload one photo (weapp uploads straight to storage; only an issued path is accepted later). */
  prepareUpload: defineAction({
    roles: ['resident', 'gridworker', 'cadre', 'officer'],
    input: prepareUploadInputSchema,
    run: (ctx, input) => issueUpload(ctx, input),
  }),

  /** Links to the caller's own uploads not sent yet (thumbnails of a reopened draft); never anyone else's. */
  uploadLinks: defineAction({
    roles: ['resident', 'gridworker', 'cadre', 'officer'],
    input: z.object({ fileIds: z.array(fileIdSchema).min(1).max(PENDING_UPLOADS_MAX) }).strict(),
    run: (ctx, input) => ownUploadLinks(ctx, input.fileIds),
  }),

  // Issue 9: binding a staff WeChat by invitation; a resident's link to their roster person; phone prefill.
  ...onboardingActions,
} satisfies ActionTable;
