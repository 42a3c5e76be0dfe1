// Issues (问题, issue 4): what visits found that the town must fix. Staff see the issues of their area (the
// gridworker sees the outcome); the town office assigns, resolves and reopens them, each change with the version
// the officer saw, audited, and told to the people concerned.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { householdSchema, userSchema } from '../../../src/core/records';
import { inScope, scopeOf, CASEWORK_ROLES } from '../../../src/core/roles';
import {
  assignIssue,
  canViewIssue,
  ISSUE_FILTERS,
  ISSUE_OWNER_ROLES,
  isIssueOverdue,
  issueSchema,
  overdueIssueRange,
  reopenIssue,
  resolveIssue,
  UNRESOLVED_ISSUE_STATES,
  type Issue,
  type IssueTransition,
} from '../../../src/core/visits/issue';
import { visitRecordSchema } from '../../../src/core/visits/visit-record';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { cursorSchema, rangePage } from '../../platform/paging';
import { unwrap } from '../../platform/result';
import { scopeCondition } from '../../platform/scope-query';
import { readRecord, updateVersioned } from '../../platform/store';
import { withHouseholds } from '../../roster/persons';
import { issueLink, notifyOnce } from './notify';
import { ownerCandidates } from './plans';
import { MESSAGE_TEXTS, type MessageText } from '../../../src/core/notify/catalogue';

const idSchema = z.string().min(1).max(64 * 3);
const versionSchema = z.number().int().nonnegative();

async function scopedIssue(ctx: ActionContext, issueId: string): Promise<Issue> {
  const issue = await readRecord(ctx.db, COLLECTIONS.issues, issueId, issueSchema);
  if (!canViewIssue(ctx.caller.user, issue)) throw new AppFailure('SCOPE.FORBIDDEN');
  return issue;
}

/** Stores a transition with the officer's version, audits it, and tells the reporter and the owner. */
async function commit(ctx: ActionContext, issue: Issue, version: number, t: IssueTransition, notice: MessageText) {
  const updated = await updateVersioned(ctx.db, COLLECTIONS.issues, issueSchema, issue._id, version, t.patch, ctx.now);
  await ctx.audit({ collection: COLLECTIONS.issues, recordId: issue._id, kind: 'transition', from: t.from, to: t.to, ...(t.why ? { why: t.why } : {}) });
  const recipients = [updated.reportedBy, updated.ownerId].filter((id): id is string => !!id && id !== ctx.caller.user._id);
  await notifyOnce(
    ctx.db,
    `${issue._id}:${ctx.action}:${updated.version}`,
    recipients,
    { type: `issue.${ctx.action}`, ...notice, link: issueLink(issue._id) },
    ctx.now,
  );
  return updated;
}

export const issueActions = {
  /** Issues of the caller's area (or those the caller owns), earliest deadline first; `overdue`: those past it. */
  issues: defineAction({
    roles: CASEWORK_ROLES,
    input: z
      .object({
        state: z.enum(ISSUE_FILTERS).default('unresolved'),
        gridId: idSchema.optional(),
        villageId: idSchema.optional(),
        mine: z.boolean().default(false),
        after: cursorSchema.optional(),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    async run({ caller, db, now }, input) {
      const _ = db.command;
      const where: Record<string, unknown> = scopeCondition(_, caller.scope, input);
      if (input.mine) where.ownerId = caller.user._id;
      if (input.state === 'unresolved' || input.state === 'overdue') where.state = _.in([...UNRESOLVED_ISSUE_STATES]);
      else if (input.state !== 'all') where.state = input.state;
      // Overdue is a range of the deadline index: the page holds only those, however many are not overdue yet.
      const range = input.state === 'overdue' ? overdueIssueRange(now) : undefined;
      const page = await rangePage(db, COLLECTIONS.issues, { where, field: 'deadlineAt', limit: input.limit, after: input.after, ...(range ? { range } : {}) });
      const issues = page.docs.map((raw) => issueSchema.parse(raw)).map((i) => ({ ...i, overdue: isIssueOverdue(i, now) }));
      return { items: await withHouseholds(db, issues), next: page.next };
    },
  }),

  /** One issue, its household and the visit that found it; for the office also who it can be assigned to. */
  issue: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ issueId: idSchema }).strict(),
    async run(ctx, input) {
      const issue = await scopedIssue(ctx, input.issueId);
      const household = await readRecord(ctx.db, COLLECTIONS.households, issue.householdId, householdSchema);
      const visitRaw = issue.source.kind === 'visit' ? (await ctx.db.collection(COLLECTIONS.visits).where({ _id: issue.source.id }).limit(1).get()).data[0] : undefined;
      const visit = visitRaw ? visitRecordSchema.parse(visitRaw) : null;
      const owners = ctx.caller.user.role === 'officer' ? await ownerCandidates(ctx, issue, ISSUE_OWNER_ROLES) : [];
      return {
        issue: { ...issue, overdue: isIssueOverdue(issue, ctx.now) },
        household: { _id: household._id, headName: household.headName, address: household.address },
        visit: visit ? { _id: visit._id, visitedAt: visit.visitedAt, visitorName: visit.visitorName, notes: visit.notes, photos: visit.photos } : null,
        owners: owners.map((u) => ({ _id: u._id, name: u.name, role: u.role })),
      };
    },
  }),

  assignIssue: defineAction({
    roles: ['officer'],
    input: z.object({ issueId: idSchema, version: versionSchema, ownerId: z.string().min(1).max(64) }).strict(),
    async run(ctx, input) {
      const issue = await scopedIssue(ctx, input.issueId);
      const owner = await readRecord(ctx.db, COLLECTIONS.users, input.ownerId, userSchema);
      if (!inScope(scopeOf(owner), { gridId: issue.gridId, villageId: issue.villageId })) throw new AppFailure('INPUT.INVALID', `${owner.name}不负责这个问题所在的网格或村`);
      const t = unwrap(assignIssue(issue, ctx.caller.user, owner, ctx.now));
      return commit(ctx, issue, input.version, t, MESSAGE_TEXTS.issueAssigned({ ownerName: owner.name, issueTitle: issue.title, state: t.to }));
    },
  }),

  resolveIssue: defineAction({
    roles: ['officer'],
    input: z.object({ issueId: idSchema, version: versionSchema, resolution: z.string().max(2_000) }).strict(),
    async run(ctx, input) {
      const issue = await scopedIssue(ctx, input.issueId);
      const t = unwrap(resolveIssue(issue, ctx.caller.user, input.resolution, ctx.now));
      return commit(ctx, issue, input.version, t, MESSAGE_TEXTS.issueResolved({ issueTitle: issue.title, resolution: t.issue.resolution ?? '' }));
    },
  }),

  reopenIssue: defineAction({
    roles: ['officer'],
    input: z.object({ issueId: idSchema, version: versionSchema, reason: z.string().max(2_000) }).strict(),
    async run(ctx, input) {
      const issue = await scopedIssue(ctx, input.issueId);
      const t = unwrap(reopenIssue(issue, ctx.caller.user, input.reason, ctx.now));
      return commit(ctx, issue, input.version, t, MESSAGE_TEXTS.issueReopened({ issueTitle: issue.title, reason: t.why ?? '' }));
    },
  }),
} satisfies ActionTable;
