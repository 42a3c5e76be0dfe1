// 一拉就响 (PRODUCT flow 7): the officer raises and closes alerts; gridworkers (and village cadres) mark their
// people reached-safe / needs-help / unreachable, a household at a time; the board shows counts by village and
// grid; a timer escalates the unreached at the deadline, once.
import { z } from 'zod';
import {
  ALERT_NOTE_MAX_CHARS,
  ALERT_REASON_LABELS,
  alertSchema,
  checkMark,
  countsOf,
  COUNTED_STATUSES,
  escalationDue,
  MARK_STATUSES,
  NO_ESCALATION,
  raiseAlertInputSchema,
  reachedPercent,
  rollCallCriteria,
  rollCallEntrySchema,
  ROLL_CALL_STATUS_LABELS,
  ROLL_CALL_STATUSES,
  summarize,
  unreachedCount,
  type Alert,
  type GridRoll,
  type MarkStatus,
  type RollCallEntry,
  type TallyCounts,
} from '../../../src/core/alerts/roll-call';
import { charCount } from '../../../src/core/text';
import { AppFailure } from '../../../src/core/errors';
import { gridSchema, householdSchema, personSchema, villageSchema, type Person } from '../../../src/core/records';
import { inScope, type Role, type Scope } from '../../../src/core/roles';
import { defineAction, type ActionContext, type ActionTable, type TimerJob } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { createOnce } from '../../platform/create-once';
import type { Database } from '../../platform/database-port';
import { postMessagesWithIds } from '../../platform/messages';
import { mapLimit } from '../../platform/parallel';
import { scopeCondition } from '../../platform/scope-query';
import { cursorSchema, rangePage } from '../../platform/paging';
import { unwrap } from '../../platform/result';
import { readRecord, recordsByIds, updateVersioned } from '../../platform/store';
import { usersWithRole } from '../../platform/users';
import { membersOf, scopedHousehold } from '../../roster/persons';
import { openUrgentCase, urgentCaseId } from './needs-help';
import { entryIdRange, gridRollsOf, populateAlert, RAISE_BUDGET_MS } from './raise';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';

const STAFF: readonly Role[] = ['gridworker', 'cadre', 'officer'];
const MARKERS: readonly Role[] = ['gridworker', 'cadre'];
const idSchema = z.string().min(1).max(100);
const PAGE = 100;

const noteSchema = z
  .string()
  .max(ALERT_NOTE_MAX_CHARS * 2)
  .trim()
  .refine((s) => charCount(s) <= ALERT_NOTE_MAX_CHARS, `最多${ALERT_NOTE_MAX_CHARS}个字`);

function readAlert(db: Database, alertId: string): Promise<Alert> {
  return readRecord(db, COLLECTIONS.alerts, alertId, alertSchema);
}

/** A grid-scoped caller sees an alert only when it covers one of their villages. */
async function villagesOf(db: Database, scope: Scope): Promise<string[] | null> {
  if (scope.kind === 'town') return null;
  if (scope.kind === 'villages') return scope.villageIds;
  if (scope.kind === 'own' || scope.gridIds.length === 0) return [];
  const grids = await db.collection(COLLECTIONS.grids).where({ _id: db.command.in(scope.gridIds) }).limit(PAGE).get();
  return [...new Set(grids.data.map((g) => gridSchema.parse(g).villageId))];
}

async function scopedAlert(ctx: ActionContext, alertId: string): Promise<Alert> {
  const [alert, villages] = await Promise.all([readAlert(ctx.db, alertId), villagesOf(ctx.db, ctx.caller.scope)]);
  if (villages && !alert.villageIds.some((v) => villages.includes(v))) throw new AppFailure('SCOPE.FORBIDDEN');
  return alert;
}

/** Counts at once, at most this many in flight. */
const COUNTS_AT_ONCE = 100;

type GridCounts = Pick<GridRoll, 'gridId' | 'villageId'> & TallyCounts;

/**
 * Each grid's counts, from its roll total and its entries counted by status (a count over the grid's range of
 * entry ids, all grids at once): marks write only their own entries, so no document is hot.
 */
async function countsByGrid(db: Database, rolls: readonly GridRoll[]): Promise<GridCounts[]> {
  const _ = db.command;
  const asks = rolls.flatMap((roll) => COUNTED_STATUSES.map((status) => ({ roll, status })));
  const totals = await mapLimit(asks, COUNTS_AT_ONCE, async ({ roll, status }) => (await db.collection(COLLECTIONS.alertEntries).where({ _id: entryIdRange(_, roll.alertId, roll.gridId), status }).count()).total);
  return rolls.map((roll, i) => {
    const [safe, needsHelp, unreachable] = totals.slice(i * COUNTED_STATUSES.length, (i + 1) * COUNTED_STATUSES.length) as [number, number, number];
    return { gridId: roll.gridId, villageId: roll.villageId, ...countsOf(roll.total, { safe, needsHelp, unreachable }) };
  });
}

/** An alert's overall counts within a scope: over the whole alert in three counts when every grid is in it. */
async function scopedCounts(db: Database, alert: Alert, scope: Scope): Promise<TallyCounts> {
  const rolls = await gridRollsOf(db, alert._id);
  const mine = rolls.filter((r) => inScope(scope, r));
  if (mine.length < rolls.length) return summarize(await countsByGrid(db, mine)).overall;
  const _ = db.command;
  const [safe, needsHelp, unreachable] = await Promise.all(
    COUNTED_STATUSES.map(async (status) => (await db.collection(COLLECTIONS.alertEntries).where({ _id: entryIdRange(_, alert._id), status }).count()).total),
  );
  return countsOf(rolls.reduce((sum, r) => sum + r.total, 0), { safe: safe!, needsHelp: needsHelp!, unreachable: unreachable! });
}

function withPercent(counts: TallyCounts) {
  return { ...counts, reached: counts.safe + counts.needsHelp, unreached: unreachedCount(counts), reachedPercent: reachedPercent(counts) };
}

/**
 * An alert as this caller may see it: its figures (roll total, escalation, closing summary) are those of the
 * caller's own area only (issue 10, leak 6) — `area` holds that area's counts. The town office sees the town's;
 * a cadre their villages' rows; a gridworker no village rows (a village's figures include other grids).
 */
function alertView(a: Alert, scope: Scope, area: TallyCounts) {
  const summary = alertSummary(a);
  if (scope.kind === 'town') return summary;
  const own = (v: { villageId: string }) => scope.kind === 'villages' && scope.villageIds.includes(v.villageId);
  const escalationRows = a.escalation?.byVillage.filter(own) ?? [];
  return {
    ...summary,
    total: area.total,
    escalation: a.escalation && {
      at: a.escalation.at,
      unreached: scope.kind === 'villages' ? escalationRows.reduce((sum, v) => sum + v.unreached, 0) : unreachedCount(area),
      byVillage: escalationRows,
    },
    summary: a.summary && { ...area, reachedPercent: reachedPercent(area), byVillage: a.summary.byVillage.filter(own) },
  };
}

/** An alert with the town's figures: for the town office, and for no one else (alertView). */
function alertSummary(a: Alert) {
  return {
    _id: a._id,
    version: a.version,
    reason: a.reason,
    reasonLabel: ALERT_REASON_LABELS[a.reason],
    villageIds: a.villageIds,
    deadlineAt: a.deadlineAt,
    instructions: a.instructions,
    state: a.state,
    total: a.total,
    raisedBy: a.raisedBy,
    createdAt: a.createdAt,
    escalation: a.escalation,
    closedAt: a.closedAt,
    summary: a.summary,
  };
}

const STATUS_FILTERS = ['all', 'unreached', 'reached', ...ROLL_CALL_STATUSES] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

function statusCondition(db: Database, filter: StatusFilter): unknown {
  const _ = db.command;
  if (filter === 'all') return undefined;
  if (filter === 'unreached') return _.in(['pending', 'unreachable']);
  if (filter === 'reached') return _.in(['safe', 'needsHelp']);
  return filter;
}

/** The persons of entries, from the household's members read beside them; one who has moved since is read by id. */
async function personsOf(db: Database, entries: readonly RollCallEntry[], members: readonly Person[]): Promise<Person[]> {
  const missing = entries.filter((e) => !members.some((m) => m._id === e.personId)).map((e) => e.personId);
  const moved = missing.length ? await recordsByIds(db, COLLECTIONS.persons, missing, (p) => personSchema.parse(p)) : new Map<string, Person>();
  return entries.flatMap((e) => members.find((m) => m._id === e.personId) ?? moved.get(e.personId) ?? []);
}

/** A mark's tries when another mark of the same entries lands first (two staff at one household). */
const MARK_TRIES = 3;

/**
 * Marks entries, each with a version check and nothing else: a mark writes only its own entries, so concurrent
 * marks in one grid never collide. An entry someone else marked meanwhile is read again and re-checked.
 */
async function markEntries(ctx: ActionContext, entries: readonly RollCallEntry[], status: MarkStatus, note: string | undefined, caseId: string | undefined): Promise<RollCallEntry[]> {
  const { db, caller, now } = ctx;
  const marked: RollCallEntry[] = [];
  let todo = entries;
  for (let attempt = 0; todo.length > 0; attempt++) {
    if (attempt === MARK_TRIES) throw new AppFailure('RECORD.CONFLICT');
    if (attempt > 0) {
      const fresh = await recordsByIds(db, COLLECTIONS.alertEntries, todo.map((e) => e._id), (raw) => rollCallEntrySchema.parse(raw));
      todo = todo.map((e) => fresh.get(e._id) ?? e);
    }
    for (const e of todo) unwrap(checkMark(e.status, status));
    const patch = { status, markedBy: caller.user._id, markedAt: now, ...(note ? { note } : {}), ...(caseId ? { caseId } : {}), updatedAt: now };
    const results = await Promise.all(
      todo.map((e) => db.collection(COLLECTIONS.alertEntries).where({ _id: e._id, version: e.version }).update({ data: { ...patch, version: db.command.inc(1) } })),
    );
    todo.forEach((e, i) => {
      if (results[i]!.stats.updated === 1) marked.push({ ...e, ...patch, version: e.version + 1 });
    });
    todo = todo.filter((_e, i) => results[i]!.stats.updated !== 1);
  }
  return marked;
}

/** Works on a raise left unfinished; two invocations racing on it end with the one the other opened. */
async function continueRaise(db: Database, alert: Alert, now: number, stopAt: number): Promise<Alert> {
  try {
    return await populateAlert(db, alert, now, stopAt);
  } catch (thrown) {
    if (!(thrown instanceof AppFailure && thrown.error.code === 'RECORD.CONFLICT')) throw thrown;
    return readAlert(db, alert._id);
  }
}

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
        await ctx.audit({ key: `${alert._id}:create`, collection: COLLECTIONS.alerts, recordId: alert._id, kind: 'create', to: { reason: alert.reason, villageIds: alert.villageIds }, why: alert.instructions });
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
          return { ...alertView(alert, caller.scope, area), progress: withPercent(area) };
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
        overall: withPercent(overall),
        villages: villages.map((v) => ({
          villageId: v.villageId,
          name: villageNames.get(v.villageId) ?? v.villageId,
          ...withPercent(v.counts),
          grids: v.grids.map((g) => ({ gridId: g.gridId, name: gridNames.get(g.gridId) ?? g.gridId, ...withPercent(g.counts) })),
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
        status: z.enum(STATUS_FILTERS).default('all'),
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
      const status = statusCondition(db, input.status);
      if (status) conditions.push({ status });
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
          escalated: alert.escalation !== null && (e.status === 'pending' || e.status === 'unreachable'),
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
      const { overall, villages } = summarize(await countsByGrid(db, await gridRollsOf(db, alert._id)));
      const summary = {
        ...overall,
        reachedPercent: reachedPercent(overall),
        byVillage: villages.map((v) => ({ villageId: v.villageId, ...v.counts, reachedPercent: reachedPercent(v.counts) })),
      };
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

/**
 * At the deadline, once: the unreached go to each village's cadre and to the town office. The notices go first
 * (each keyed, so never twice, and sent at once) and the alert is marked after, so a stop in between loses nothing:
 * the next sweep finds the alert still due, posts nothing new and marks it.
 */
async function escalate(db: Database, alert: Alert, now: number): Promise<boolean> {
  const [grids, names, cadres, officers] = await Promise.all([
    gridRollsOf(db, alert._id).then((rolls) => countsByGrid(db, rolls)),
    recordsByIds(db, COLLECTIONS.villages, alert.villageIds, (v) => villageSchema.parse(v).name),
    usersWithRole(db, 'cadre'),
    usersWithRole(db, 'officer'),
  ]);
  const { villages, overall } = summarize(grids);
  const byVillage = villages.map((v) => ({ villageId: v.villageId, unreached: unreachedCount(v.counts) }));
  const unreached = unreachedCount(overall);
  if (unreached > 0) {
    const reason = ALERT_REASON_LABELS[alert.reason];
    const notice = (userId: string, count: number, where: string) => ({
      id: `alert:${alert._id}:escalated:${userId}`,
      message: {
        recipientUserId: userId,
        type: 'alert.escalated',
        ...MESSAGE_TEXTS.alertEscalated({ reason: alert.reason, count, where }),
        link: `alert:${alert._id}`,
        values: { reason, count, deadline: alert.deadlineAt },
      },
    });
    const notices = cadres.flatMap((cadre) => {
      const mine = byVillage.filter((v) => v.unreached > 0 && cadre.villageIds.includes(v.villageId));
      const count = mine.reduce((sum, v) => sum + v.unreached, 0);
      return count > 0 ? [notice(cadre._id, count, mine.map((v) => names.get(v.villageId) ?? v.villageId).join('、'))] : [];
    });
    notices.push(...officers.map((officer) => notice(officer._id, unreached, '全镇')));
    await postMessagesWithIds(db, notices, now);
  }
  try {
    // The version check makes it once, even when two sweeps overlap: only one of them moves the alert.
    await updateVersioned(db, COLLECTIONS.alerts, alertSchema, alert._id, alert.version, { escalation: db.command.set({ at: now, unreached, byVillage }), escalateAt: NO_ESCALATION }, now);
  } catch (thrown) {
    if (thrown instanceof AppFailure && thrown.error.code === 'RECORD.CONFLICT') return false;
    throw thrown;
  }
  return true;
}

/** One timer run stops taking new work after this long (the alerts function's timeout is 60 s, config.json). */
const SWEEP_BUDGET_MS = 40_000;

/**
 * Every 5 minutes (config.json): raises left unfinished are completed, then open alerts whose deadline has passed
 * escalate their unreached, once — a page at a time within a time budget. An escalated alert leaves the due range
 * (its escalateAt moves far ahead), so that range is the stored cursor: a run cut off anywhere leaves the rest due.
 */
export const escalateDue: TimerJob = async ({ db, now }) => {
  const _ = db.command;
  const stopAt = Date.now() + SWEEP_BUDGET_MS;
  const counts = { raised: 0, escalated: 0 };
  const raising = await db.collection(COLLECTIONS.alerts).where({ state: 'raising' }).orderBy('escalateAt', 'asc').limit(PAGE).get();
  for (const raw of raising.data) {
    if (Date.now() > stopAt) return counts;
    if ((await continueRaise(db, alertSchema.parse(raw), now, stopAt)).state === 'open') counts.raised += 1;
  }
  for (;;) {
    const due = await db.collection(COLLECTIONS.alerts).where({ state: 'open', escalateAt: _.lte(now) }).orderBy('escalateAt', 'asc').limit(PAGE).get();
    let moved = 0;
    for (const raw of due.data) {
      if (Date.now() > stopAt) return counts;
      const alert = alertSchema.parse(raw);
      if (escalationDue(alert, now) && (await escalate(db, alert, now))) moved += 1;
    }
    counts.escalated += moved;
    // A short page was the last; a page where nothing moved (all taken by an overlapping run) is left for the next run.
    if (due.data.length < PAGE || moved === 0) return counts;
  }
};
