// Recording a visit (issue 4): one visit covers a household, each member answered on the checklist. A retry with
// the same requestId stores one visit and no second issue or notice: every id below is derived from the visit's.
import { z } from 'zod';
import { beijingDate, isMinorOn } from '../../../src/core/calendar';
import { AppFailure } from '../../../src/core/errors';
import { FILE_URLS_MAX } from '../../../src/core/files';
import { fileIdSchema } from '../../../src/core/ids';
import { inScope } from '../../../src/core/roles';
import type { Household, Person } from '../../../src/core/records';
import { deriveEscalation, withoutOpenDuplicates } from '../../../src/core/visits/escalation';
import { followUpPlanSchema, type FollowUpPlan } from '../../../src/core/visits/follow-up';
import { issueSchema, UNRESOLVED_ISSUE_STATES } from '../../../src/core/visits/issue';
import { afterVisit, plannedVisit } from '../../../src/core/visits/person-schedule';
import { buildVisitRecord, checkVisitSubmission, visitInputSchema, visitRecordSchema, type VisitRecord } from '../../../src/core/visits/visit-record';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import type { AuditInput } from '../../platform/audit';
import type { TownSettings } from '../../../src/core/settings';
import { COLLECTIONS } from '../../platform/collections';
import { idFor } from '../../platform/create-once';
import type { Transaction } from '../../platform/database-port';
import { checkFileReferences, fileLinks } from '../../platform/files';
import { insertOnce } from '../../platform/insert-once';
import { unwrap } from '../../platform/result';
import { allInOrder } from '../../platform/parallel';
import { readAllPages, readRecord } from '../../platform/store';
import { membersOf, scopedHousehold, writePersonsTogether } from '../../roster/persons';
import { issueLink, notifyOnce, officerIds } from './notify';
import { activePlanOf } from './plans';
import { VISIT_ROLES } from './worklist';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';

const idSchema = z.string().min(1).max(64);
/** Issues and visits shown with a household. */
const HOUSEHOLD_VISITS_MAX = 10;

/**
 * Stores a new visit together with its members' last visit and re-planned next visit (one transaction), then the
 * issues, audit entries and the officer's notice it gives rise to. Not one write: what follows the transaction is
 * re-done idempotently by a retry of the same request (the page retries a lost answer): a retry after a stop
 * half-way finishes the work, and ids derived from the visit's keep every record, entry and message single.
 */
async function applyVisit(
  ctx: ActionContext,
  visit: VisitRecord,
  isNew: boolean,
  plan: FollowUpPlan | null,
  household: Household,
  members: readonly Person[],
  settings: TownSettings,
) {
  const { db, now } = ctx;
  const names = Object.fromEntries(members.map((m) => [m._id, m.name]));
  const escalation = deriveEscalation(visit, { memberNames: names, plan, settings });

  // RULES §25: the members answered get their last visit and any major change, and their schedule re-planned; a
  // member not seen (没见到本人) stays due unless a major change was reported for them.
  const answered = new Map(visit.members.filter((m) => !m.notSeen || m.majorChange).map((m) => [m.personId, m]));
  const ids = members.filter((m) => answered.has(m._id)).map((m) => m._id);
  const storeVisit = async (tx: Transaction): Promise<boolean> => {
    if (!isNew) return false;
    const ref = tx.collection(COLLECTIONS.visits).doc(visit._id);
    try {
      await ref.get();
      return false; // a concurrent retry stored it first
    } catch {
      const { _id, ...data } = visit;
      await ref.set({ data });
      return true;
    }
  };
  // What the issues and the officer's notice need is read while the visit is written.
  const [{ writes, first: created }, open, officers] = await Promise.all([
    writePersonsTogether(db, ids, (p) => afterVisit(p, visit.visitedAt, answered.get(p._id)!.majorChange), { settings, now, first: storeVisit }),
    escalation.issues.length ? readAllPages(db, COLLECTIONS.issues, issueSchema, { householdId: visit.householdId, state: db.command.in([...UNRESOLVED_ISSUE_STATES]) }) : [],
    escalation.notifyOfficerNow ? officerIds(db) : [],
  ]);
  const schedule = writes.map((w) => ({ personId: w.after._id, name: w.after.name, nextVisitDue: w.after.nextVisitDue! }));

  // Issues for the town: none while the same problem is still open from an earlier visit.
  const ownIds = new Set(escalation.issues.map((i) => i._id));
  const openKeys = open.filter((i) => !ownIds.has(i._id)).map((i) => i.subjectKey);
  const issues = withoutOpenDuplicates(escalation.issues, openKeys);
  await Promise.all(issues.map((issue) => insertOnce(db, COLLECTIONS.issues, issue)));

  // One audit entry for the one transaction: the visit and every member's schedule it moved (from → to); one per issue.
  // Keyed, so a retry after a stop past the transaction writes the entries the stopped call did not, each once (the
  // retry's `from` is then the schedule as the transaction left it).
  const moved = writes.filter((w) => w.after !== w.before);
  const entries: AuditInput[] = [
    {
      key: `${visit._id}:create`,
      collection: COLLECTIONS.visits,
      recordId: visit._id,
      kind: 'create',
      from: { persons: moved.map((w) => ({ personId: w.before._id, lastVisitAt: w.before.lastVisitAt ?? null, nextVisitDue: w.before.nextVisitDue ?? null })) },
      to: {
        householdId: visit.householdId,
        persons: moved.map((w) => ({ personId: w.after._id, lastVisitAt: w.after.lastVisitAt ?? null, nextVisitDue: w.after.nextVisitDue ?? null })),
      },
    },
    ...issues.map((issue): AuditInput => ({ key: `${issue._id}:create`, collection: COLLECTIONS.issues, recordId: issue._id, kind: 'create', to: { type: issue.type, state: issue.state }, why: issue.title })),
  ];

  // RULES §26: a child at risk reaches the officer at once; so does an anomaly on a follow-up visit.
  const notice = async () => {
    if (!escalation.notifyOfficerNow) return;
    const first = issues.find((i) => i.type === 'childAtRisk') ?? issues[0];
    const link = first ? issueLink(first._id) : 'issues';
    const text = MESSAGE_TEXTS.visitAlert({ childAtRisk: issues.some((i) => i.type === 'childAtRisk'), headName: household.headName, address: household.address, reasons: escalation.notifyReasons });
    await notifyOnce(db, `${visit._id}:notify`, officers, { type: 'visit.alert', ...text, link }, now);
  };
  await Promise.all([ctx.audit(...entries), notice()]);
  return { created: created === true, issues, schedule, notified: escalation.notifyOfficerNow, anomaly: escalation.anomaly };
}

export const recordActions = {
  /** A household with what the visit form needs: members (no ID numbers or phones), their schedule, plan, issues, visits. */
  household: defineAction({
    roles: VISIT_ROLES,
    input: z.object({ householdId: idSchema }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      // Read at once; nothing is answered unless the household is in the caller's scope.
      const householdId = input.householdId;
      const [household, settings, members, plan, issues, visits] = await Promise.all([
        scopedHousehold(db, caller.scope, householdId),
        ctx.settings(),
        membersOf(db, householdId),
        activePlanOf(db, householdId),
        readAllPages(db, COLLECTIONS.issues, issueSchema, { householdId }),
        db.collection(COLLECTIONS.visits).where({ householdId }).orderBy('visitedAt', 'desc').limit(HOUSEHOLD_VISITS_MAX).get(),
      ]);
      return {
        household: {
          _id: household._id,
          headName: household.headName,
          address: household.address,
          keyHousehold: household.keyHousehold,
          floating: household.floating,
          gridId: household.gridId,
          villageId: household.villageId,
          size: household.size,
        },
        members: members.map((m) => {
          const due = plannedVisit(m, settings, now);
          return {
            personId: m._id,
            name: m.name,
            relation: m.relation,
            gender: m.gender,
            // RULES §26, §29: whether a child (the child-at-risk questions), never the birth date beside a masked ID.
            minor: isMinorOn(m.birthDate, beijingDate(now)),
            categories: m.categories,
            riskTier: m.riskTier,
            lastVisitAt: m.lastVisitAt ?? null,
            nextVisitDue: m.nextVisitDue ?? due.dueAt,
            dueReason: due.reason,
          };
        }),
        plan,
        issues: issues.sort((a, b) => b.createdAt - a.createdAt),
        visits: visits.data.map((raw) => {
          const v = visitRecordSchema.parse(raw);
          return { _id: v._id, visitedAt: v.visitedAt, visitorName: v.visitorName, notes: v.notes, members: v.members.length, photos: v.photos.length };
        }),
      };
    },
  }),

  /** Stores a visit once per requestId, re-plans the members' next visits, raises issues, alerts the officer. */
  record: defineAction({
    roles: VISIT_ROLES,
    input: visitInputSchema,
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const { user } = caller;
      // The visit's id comes from the caller and the request id: a retry finds the visit the first call stored.
      const id = idFor(user._id, input.requestId);
      // Read at once; nothing of the members or the plan is used unless the household is in the caller's scope.
      const [household, members, stored, plan, settings] = await allInOrder([
        scopedHousehold(db, caller.scope, input.householdId),
        membersOf(db, input.householdId),
        db.collection(COLLECTIONS.visits).where({ _id: id }).limit(1).get().then((found) => found.data[0]),
        input.followUp ? readRecord(db, COLLECTIONS.plans, input.followUp.planId, followUpPlanSchema) : null,
        ctx.settings(),
        // The photos must be the caller's own fresh uploads (a retry brings the same ones): checked beside the reads.
        checkFileReferences(ctx, input.photos),
      ]);
      const today = beijingDate(now);
      const checked = unwrap(
        checkVisitSubmission(input, {
          now,
          householdPersonIds: members.map((m) => m._id),
          minorPersonIds: members.filter((m) => isMinorOn(m.birthDate, today)).map((m) => m._id),
          names: Object.fromEntries(members.map((m) => [m._id, m.name])),
        }),
      );
      if (plan && (plan.householdId !== household._id || plan.state !== 'active')) throw new AppFailure('INPUT.INVALID', '跟踪帮扶计划与这一户不符或已结束');
      const visit = stored
        ? visitRecordSchema.parse(stored)
        : buildVisitRecord(checked, { id, visitor: { _id: user._id, name: user.name, role: user.role }, household, now });
      const effects = await applyVisit(ctx, visit, !stored, plan, household, members, settings);
      return {
        visitId: visit._id,
        created: effects.created,
        visitedAt: visit.visitedAt,
        issues: effects.issues.map((i) => ({ _id: i._id, title: i.title, type: i.type, urgent: i.urgent, deadlineAt: i.deadlineAt })),
        notified: effects.notified,
        anomaly: effects.anomaly,
        schedule: effects.schedule,
      };
    },
  }),

  /** Short-lived links to a visit's photos, for staff whose scope covers the visit's grid. */
  fileUrls: defineAction({
    roles: VISIT_ROLES,
    input: z.object({ visitId: idSchema, fileIds: z.array(fileIdSchema).min(1).max(FILE_URLS_MAX) }).strict(),
    async run(ctx, input) {
      const visit = await readRecord(ctx.db, COLLECTIONS.visits, input.visitId, visitRecordSchema);
      if (!inScope(ctx.caller.scope, visit)) throw new AppFailure('SCOPE.FORBIDDEN');
      const attachments = visit.photos.map((fileId) => ({ fileId, kind: 'visit' as const }));
      return fileLinks(ctx, { collection: COLLECTIONS.visits, recordId: visit._id, attachments }, input.fileIds);
    },
  }),
} satisfies ActionTable;
