// 一拉就响 (PRODUCT flow 7): the officer raises and closes alerts; gridworkers (and village cadres) mark their
// people reached-safe / needs-help / unreachable, a household at a time; the board shows counts by village and
// grid. Raising is in raise.ts, the mark transaction in mark.ts, the escalation timer in escalation.ts.
import { z } from 'zod';
import { isEscalatedEntry } from '../../../src/core/alerts/escalation';
import {
  ALERT_NOTE_MAX_CHARS,
  alertSchema,
  checkMark,
  closingSummary,
  MARK_STATUSES,
  NO_ESCALATION,
  progressOf,
  raiseAlertInputSchema,
  rollCallCriteria,
  rollCallEntrySchema,
  ROLL_CALL_FILTERS,
  ROLL_CALL_STATUS_LABELS,
  statusesOf,
  summarize,
  type Alert,
} from '../../../src/core/alerts/roll-call';
import { charCount } from '../../../src/core/text';
import { AppFailure } from '../../../src/core/errors';
import { gridSchema, householdSchema, villageSchema } from '../../../src/core/records';
import { inScope, type Role } from '../../../src/core/roles';
import { defineAction, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { createOnce } from '../../platform/create-once';
import { scopeCondition } from '../../platform/scope-query';
import { cursorSchema, rangePage } from '../../platform/paging';
import { unwrap } from '../../platform/result';
import { recordsByIds, updateVersioned } from '../../platform/store';
import { membersOf, scopedHousehold } from '../../roster/persons';
import { markEntries, personsOf } from './mark';
import { openUrgentCase, urgentCaseId } from './needs-help';
import { continueRaise, raiseAuditOf, RAISE_BUDGET_MS } from './raise';
import { countsByGrid, entryIdRange, gridRollsOf, readAlert, scopedAlert, scopedCounts } from './store';
import { villagesOf } from '../../platform/scope-query';
import { alertSummary, alertView } from './views';

const STAFF: readonly Role[] = ['gridworker', 'cadre', 'officer'];
const MARKERS: readonly Role[] = ['gridworker', 'cadre'];
const idSchema = z.string().min(1).max(100);
const PAGE = 100;

const noteSchema = z
  .string()
  .max(ALERT_NOTE_MAX_CHARS * 2)
  .trim()
  .refine((s) => charCount(s) <= ALERT_NOTE_MAX_CHARS, `最多${ALERT_NOTE_MAX_CHARS}个字`);

export const alertActions = {
  /** The officer raises an alert: every person on the roll in those villages becomes an entry; their gridworkers are messaged. */
  raise: defineAction({
    roles: ['officer'],
    input: raiseAlertInputSchema,
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const _ = db.command;
      const stopAt = Date.now() + RAISE_BUDGET_MS;
      const [villages, settings] = await Promise.all([db.collection(COLLECTIONS.villages).where({ _id: _.in(input.villageIds) }).limit(PAGE).get(), ctx.settings()]);
      if (villages.data.length !== input.villageIds.length) throw new AppFailure('RECORD.NOT_FOUND', '有的村（社区）不存在');
      const criteria = rollCallCriteria(settings);
      const deadlineAt = now + input.deadlineHours * 3_600_000;
      const made = await createOnce(db, COLLECTIONS.alerts, { callerId: caller.user._id, requestId: input.requestId }, (id) => {
        const alert: Alert = {
          _id: id,
          createdAt: now,
          updatedAt: now,
          version: 0,
          requestId: input.requestId,
          reason: input.reason,
          villageIds: input.villageIds,
          deadlineHours: input.deadlineHours,
          deadlineAt,
          instructions: input.instructions,
          state: 'raising',
          raisedBy: { userId: caller.user._id, name: caller.user.name },
          criteria: { categories: [...criteria.categories], includeKeyHouseholds: criteria.includeKeyHouseholds },
          total: 0,
          escalateAt: NO_ESCALATION,
          escalation: null,
          closedAt: null,
          closedBy: null,
          summary: null,
        };
        return alert;
      });
      let alert = alertSchema.parse(made.record);
      // Keyed: an invocation cut off between the create and its audit entry writes it on the retry, once.
      if (made.created || alert.state === 'raising') {
        await ctx.audit(raiseAuditOf(alert));
      }
      // A retry of a raise that stopped half way fills in the rest (entries and messages are keyed, so none twice).
      if (alert.state === 'raising') alert = await continueRaise(db, alert, now, stopAt);
      // Still raising: the time ran out; the next retry (the page retries at once) or the timer finishes it.
      return { alertId: alert._id, created: made.created, total: alert.total, deadlineAt: alert.deadlineAt, raising: alert.state === 'raising' };
    },
  }),

  /** Alerts covering the caller's area, newest first, each with its progress within that area. */
  alerts: defineAction({
    roles: STAFF,
    input: z
      .object({ state: z.enum(['open', 'closed']).optional(), before: cursorSchema.optional(), limit: z.number().int().min(1).max(50).default(20) })
      .strict(),
    async run({ db, caller }, input) {
      const _ = db.command;
      const where: Record<string, unknown> = {};
      where.state = input.state ?? _.in(['open', 'closed']);
      const villages = await villagesOf(db, caller.scope);
      if (villages) where.villageIds = _.in(villages);
      const found = await rangePage(db, COLLECTIONS.alerts, { where, field: 'createdAt', order: 'desc', limit: input.limit, after: input.before });
      const items = await Promise.all(
        found.docs.map(async (raw) => {
          const alert = alertSchema.parse(raw);
          const area = await scopedCounts(db, alert, caller.scope);
          return { ...alertView(alert, caller.scope, area), progress: progressOf(area) };
        }),
      );
      return { items, next: found.next };
    },
  }),

  /** The live board: counts by village and grid within the caller's area, percentage reached. */
  board: defineAction({
    roles: STAFF,
    input: z.object({ alertId: idSchema }).strict(),
    async run(ctx, input) {
      const { db, caller } = ctx;
      // The rolls are read beside the scope check; nothing of them is answered unless it passes.
      const [alert, allRolls] = await Promise.all([scopedAlert(ctx, input.alertId), gridRollsOf(db, input.alertId)]);
      const rolls = allRolls.filter((t) => inScope(caller.scope, t));
      const [grids, gridNames, villageNames] = await Promise.all([
        countsByGrid(db, rolls),
        recordsByIds(db, COLLECTIONS.grids, rolls.map((t) => t.gridId), (g) => gridSchema.parse(g).name),
        recordsByIds(db, COLLECTIONS.villages, rolls.map((t) => t.villageId), (v) => villageSchema.parse(v).name),
      ]);
      const { overall, villages } = summarize(grids);
      return {
        alert: alertView(alert, caller.scope, overall),
        overall: progressOf(overall),
        villages: villages.map((v) => ({
          villageId: v.villageId,
          name: villageNames.get(v.villageId) ?? v.villageId,
          ...progressOf(v.counts),
          grids: v.grids.map((g) => ({ gridId: g.gridId, name: gridNames.get(g.gridId) ?? g.gridId, ...progressOf(g.counts) })),
        })),
      };
    },
  }),

  /** Entries in the caller's area (a gridworker: their grids), by status; the unreached list is `status: 'unreached'`. */
  entries: defineAction({
    roles: STAFF,
    input: z
      .object({
        alertId: idSchema,
        status: z.enum(ROLL_CALL_FILTERS).default('all'),
        gridId: idSchema.optional(),
        villageId: idSchema.optional(),
        after: idSchema.optional(),
        limit: z.number().int().min(1).max(PAGE).default(50),
      })
      .strict(),
    async run(ctx, input) {
      const { db, caller } = ctx;
      const _ = db.command;
      const alert = await scopedAlert(ctx, input.alertId);
      scopeCondition(_, caller.scope, input); // a grid or village filter outside the caller's area is refused
      // The grids asked for, within the caller's area: each is a range of entry ids; all of them, one range.
      const tallies = await gridRollsOf(db, alert._id);
      const grids = tallies.filter((t) => inScope(caller.scope, t) && (!input.gridId || t.gridId === input.gridId) && (!input.villageId || t.villageId === input.villageId));
      const ranges = grids.length === tallies.length ? [{ _id: entryIdRange(_, alert._id) }] : grids.map((t) => ({ _id: entryIdRange(_, alert._id, t.gridId) }));
      const conditions: object[] = [ranges.length === 1 ? ranges[0]! : _.or(...ranges)];
      const statuses = statusesOf(input.status);
      if (statuses) conditions.push({ status: statuses.length === 1 ? statuses[0] : _.in([...statuses]) });
      if (input.after) conditions.push({ _id: _.gt(input.after) });
      // The area's counts (for the alert's figures) beside the page, in the same round trip.
      const [found, area] = await Promise.all([
        ranges.length ? db.collection(COLLECTIONS.alertEntries).where(_.and(...conditions)).orderBy('_id', 'asc').limit(input.limit).get() : { data: [] },
        caller.scope.kind === 'town' ? undefined : countsByGrid(db, tallies.filter((t) => inScope(caller.scope, t))).then((grids) => summarize(grids).overall),
      ]);
      const entries = found.data.map((e) => rollCallEntrySchema.parse(e));
      const households = await recordsByIds(db, COLLECTIONS.households, entries.map((e) => e.householdId), (h) => householdSchema.parse(h));
      const last = entries[entries.length - 1];
      return {
        alert: area ? alertView(alert, caller.scope, area) : alertSummary(alert),
        items: entries.map((e) => ({
          ...e,
          statusLabel: ROLL_CALL_STATUS_LABELS[e.status],
          escalated: isEscalatedEntry(alert, e.status),
          headName: households.get(e.householdId)?.headName ?? '',
          address: households.get(e.householdId)?.address ?? '',
        })),
        next: entries.length === input.limit && last ? last._id : null,
      };
    },
  }),

  /** A gridworker (or cadre) marks a household's entries — all of them, or the persons named — with a note. */
  mark: defineAction({
    roles: MARKERS,
    input: z
      .object({
        alertId: idSchema,
        householdId: idSchema,
        personIds: z.array(idSchema).min(1).max(PAGE).optional(),
        status: z.enum(MARK_STATUSES),
        note: noteSchema.optional(),
      })
      .strict(),
    async run(ctx, input) {
      const { db } = ctx;
      const [alert, household] = await Promise.all([scopedAlert(ctx, input.alertId), scopedHousehold(db, ctx.caller.scope, input.householdId)]);
      if (alert.state !== 'open') throw new AppFailure('ALERT.CLOSED');
      const inGrid = { _id: entryIdRange(db.command, alert._id, household.gridId) };
      const [found, members] = await Promise.all([
        db.collection(COLLECTIONS.alertEntries).where(db.command.and(inGrid, { householdId: household._id })).limit(PAGE).get(),
        input.status === 'needsHelp' ? membersOf(db, household._id) : [],
      ]);
      let entries = found.data.map((e) => rollCallEntrySchema.parse(e));
      if (input.personIds) {
        const wanted = new Set(input.personIds);
        if ([...wanted].some((id) => !entries.some((e) => e.personId === id))) throw new AppFailure('INPUT.INVALID', '有的人员不在这一户的点名名单中');
        entries = entries.filter((e) => wanted.has(e.personId));
      }
      if (entries.length === 0) throw new AppFailure('ALERT.NOTHING_TO_MARK');
      for (const e of entries) unwrap(checkMark(e.status, input.status));
      const note = input.note || undefined;
      // Needs help: the household's urgent case (its id known before it exists) is opened while the entries are
      // marked with it; opening is safe to repeat, so a mark retried after a failure of either completes both.
      const caseId = input.status === 'needsHelp' ? urgentCaseId(alert, household) : undefined;
      const [marked] = await Promise.all([
        markEntries(ctx, entries, input.status, note, caseId),
        caseId ? personsOf(db, entries, members).then((persons) => openUrgentCase(ctx, alert, household, persons, note)) : undefined,
      ]);
      await ctx.audit(...marked.map((e) => ({ collection: COLLECTIONS.alertEntries, recordId: e._id, kind: 'update' as const, to: e.status, ...(note ? { why: note } : {}) })));
      return { marked: marked.map((e) => ({ _id: e._id, personId: e.personId, name: e.name, status: e.status, version: e.version })), caseId: caseId ?? null };
    },
  }),

  /** The officer closes an alert; its final counts stay on it as the summary. */
  close: defineAction({
    roles: ['officer'],
    input: z.object({ alertId: idSchema, version: z.number().int().nonnegative() }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const alert = await readAlert(db, input.alertId);
      if (alert.state !== 'open') throw new AppFailure('ALERT.CLOSED');
      if (alert.version !== input.version) throw new AppFailure('RECORD.CONFLICT', undefined, { current: alertSummary(alert) });
      const summary = closingSummary(summarize(await countsByGrid(db, await gridRollsOf(db, alert._id))));
      const closed = await updateVersioned(
        db,
        COLLECTIONS.alerts,
        alertSchema,
        alert._id,
        input.version,
        { state: 'closed', closedAt: now, closedBy: caller.user._id, escalateAt: NO_ESCALATION, summary: db.command.set(summary) },
        now,
      );
      await ctx.audit({ collection: COLLECTIONS.alerts, recordId: alert._id, kind: 'transition', from: 'open', to: 'closed', why: `已联系 ${summary.reachedPercent}%` });
      return alertSummary(closed);
    },
  }),
} satisfies ActionTable;
