// Appraisal records (民主评议, issue 13): the village cadre records a village meeting on its cases — date, attendees,
// the opinion per case, the minutes photo — and the staff see it on each case it names. Not a workflow step (RULES §6:
// not mandatory since 2021), so no case changes state for it.
import { z } from 'zod';
import { appraisalInputSchema, appraisalRecordSchema, newAppraisal, type AppraisalRecord, type AppraisedCase } from '../../../src/core/appraisal';
import { caseRecordSchema } from '../../../src/core/cases';
import { AppFailure } from '../../../src/core/errors';
import { FILE_URLS_MAX } from '../../../src/core/files';
import { fileIdSchema, recordIdSchema } from '../../../src/core/ids';
import { CASEWORK_ROLES, inScope } from '../../../src/core/roles';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { addOnce, idFor } from '../../platform/create-once';
import { checkFileReferences, fileLinks } from '../../platform/files';
import { unwrap } from '../../platform/result';
import { readRecord, recordsByIds } from '../../platform/store';
import { scopedCase } from './placement';

const LIST_MAX = 50;

/** Staff may read a record of their village, or (gridworkers) one naming a case of their grids. */
async function readableAppraisal(ctx: ActionContext, id: string): Promise<AppraisalRecord> {
  const a = await readRecord(ctx.db, COLLECTIONS.appraisals, id, appraisalRecordSchema);
  const { scope } = ctx.caller;
  if (scope.kind === 'town' || (scope.kind === 'villages' && scope.villageIds.includes(a.villageId))) return a;
  if (scope.kind === 'grids') {
    const cases = await recordsByIds(ctx.db, COLLECTIONS.cases, a.caseIds, (raw) => caseRecordSchema.parse(raw));
    if ([...cases.values()].some((c) => inScope(scope, c))) return a;
  }
  throw new AppFailure('SCOPE.FORBIDDEN');
}

export const appraisalActions = {
  /** The cadre records a meeting of their village; once per requestId. Every case named must be of that village. */
  recordAppraisal: defineAction({
    roles: ['cadre'],
    input: appraisalInputSchema,
    async run(ctx, input) {
      const id = idFor(ctx.caller.user._id, input.requestId);
      let built: Omit<AppraisalRecord, '_id'> | undefined;
      const made = await addOnce(
        ctx.db,
        COLLECTIONS.appraisals,
        id,
        () => built!,
        async () => {
          const found = await recordsByIds(ctx.db, COLLECTIONS.cases, input.items.map((i) => i.caseId), (raw) => caseRecordSchema.parse(raw));
          const cases = new Map<string, AppraisedCase>();
          for (const c of found.values()) {
            if (!inScope(ctx.caller.scope, c)) throw new AppFailure('APPRAISAL.CASE_OUTSIDE_VILLAGE');
            cases.set(c._id, { _id: c._id, villageId: c.villageId, kind: c.kind, applicantName: c.applicant.name });
          }
          built = unwrap(newAppraisal(input, cases, { now: ctx.now, actor: { userId: ctx.caller.user._id, name: ctx.caller.user.name } }));
          await checkFileReferences(ctx, input.minutesFileIds);
        },
      );
      if (made.created) {
        await ctx.audit({ collection: COLLECTIONS.appraisals, recordId: id, kind: 'create', to: { villageId: built!.villageId, heldOn: built!.heldOn, caseIds: built!.caseIds } });
      }
      return appraisalRecordSchema.parse(made.record);
    },
  }),

  /** The appraisals of a case (its page), or of the caller's villages, newest meeting first. */
  appraisals: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ caseId: recordIdSchema.optional() }).strict(),
    async run(ctx, input) {
      const { db, caller } = ctx;
      const _ = db.command;
      let where: Record<string, unknown>;
      if (input.caseId) where = { caseIds: (await scopedCase(ctx, input.caseId))._id };
      else if (caller.scope.kind === 'town') where = {};
      else if (caller.scope.kind === 'villages') where = { villageId: _.in(caller.scope.villageIds) };
      else throw new AppFailure('SCOPE.FORBIDDEN');
      const found = await db.collection(COLLECTIONS.appraisals).where(where).orderBy('heldOn', 'desc').orderBy('_id', 'desc').limit(LIST_MAX).get();
      return { items: found.data.map((raw) => appraisalRecordSchema.parse(raw)) };
    },
  }),

  /** Short-lived links to a record's minutes photos, for whoever may read it. */
  appraisalFileUrls: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ appraisalId: recordIdSchema, fileIds: z.array(fileIdSchema).min(1).max(FILE_URLS_MAX) }).strict(),
    async run(ctx, input) {
      const a = await readableAppraisal(ctx, input.appraisalId);
      return fileLinks(ctx, { collection: COLLECTIONS.appraisals, recordId: a._id, attachments: a.minutesFileIds.map((fileId) => ({ fileId, kind: 'review' as const })) }, input.fileIds);
    },
  }),
} satisfies ActionTable;
