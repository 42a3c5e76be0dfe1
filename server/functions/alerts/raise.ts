// Raising an alert: one roll-call entry per person on the roll in the chosen villages, one grid roll per grid, and a
// message to each gridworker, sent at once. The work goes grid by grid, several grids at a time; a grid's persons
// are paged by cursor on the (gridId, _id) index, and each page's entries are written in a batch insert while the
// next page is read. A grid's roll is written once all of its entries are in, so the rolls are the raise's stored
// progress: a raise cut off anywhere is completed by the next retry of the officer's request or by the escalation
// timer, which redo only the grids without a roll; an entry's `_id` (`alert:grid:person`) makes a re-write harmless.
import { ALERT_REASON_LABELS, alertSchema, isOnRollCall, type Alert, type GridRoll, type RollCallCriteria, type RollCallEntry } from '../../../src/core/alerts/roll-call';
import { AppFailure } from '../../../src/core/errors';
import { gridSchema } from '../../../src/core/records';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';
import type { AuditInput } from '../../platform/audit';
import { COLLECTIONS } from '../../platform/collections';
import type { Command, Database } from '../../platform/database-port';
import { insertManyOnce } from '../../platform/insert-once';
import { postMessagesWithIds } from '../../platform/messages';
import { mapLimit } from '../../platform/parallel';
import { readAllPages, updateVersioned } from '../../platform/store';
import { usersWithRole } from '../../platform/users';
import { entryId, gridRollsOf, readAlert } from './store';

const PAGE = 100;
/** Entries per batch insert. */
const BATCH = 400;
/** Grids raised at once: each is a chain of page reads and batch writes. */
const GRIDS_AT_ONCE = 10;
/** One invocation stops taking new pages after this long (the alerts function's timeout is 60 s, config.json). */
export const RAISE_BUDGET_MS = 40_000;

/** The raise's audit entry, keyed: written by the raise, else by its retry or by the timer that finishes it, once. */
export function raiseAuditOf(alert: Alert): AuditInput {
  return { key: `${alert._id}:create`, collection: COLLECTIONS.alerts, recordId: alert._id, kind: 'create', to: { reason: alert.reason, villageIds: alert.villageIds }, why: alert.instructions };
}

/** Works on a raise left unfinished; two invocations racing on it end with the one the other opened. */
export async function continueRaise(db: Database, alert: Alert, now: number, stopAt: number): Promise<Alert> {
  try {
    return await populateAlert(db, alert, now, stopAt);
  } catch (thrown) {
    if (!(thrown instanceof AppFailure && thrown.error.code === 'RECORD.CONFLICT')) throw thrown;
    return readAlert(db, alert._id);
  }
}

const PERSON_FIELDS = { _id: true, householdId: true, gridId: true, villageId: true, name: true, categories: true, keyHousehold: true } as const;

interface RollPerson {
  _id: string;
  householdId: string;
  gridId: string;
  villageId: string;
  name: string;
  categories: string[];
  keyHousehold: boolean;
}

function rollFilter(_: Command, criteria: RollCallCriteria): object {
  const inCategories = { categories: _.in([...criteria.categories]) };
  return criteria.includeKeyHouseholds ? _.or({ keyHousehold: true }, inCategories) : inCategories;
}

function entryOf(alert: Alert, p: RollPerson, now: number): RollCallEntry & { _id: string } {
  return {
    _id: entryId(alert._id, p.gridId, p._id),
    createdAt: now,
    updatedAt: now,
    version: 0,
    alertId: alert._id,
    personId: p._id,
    householdId: p.householdId,
    gridId: p.gridId,
    villageId: p.villageId,
    name: p.name,
    status: 'pending',
  };
}

/**
 * Puts one grid's entries in, then its roll; undefined when the time ran out first (the grid is redone later).
 * Each round trip reads the next page and writes the previous page's entries together.
 */
async function raiseGrid(db: Database, alert: Alert, grid: { _id: string; villageId: string }, now: number, stopAt: number): Promise<GridRoll | undefined> {
  const _ = db.command;
  const who = rollFilter(_, alert.criteria);
  let after = '';
  let total = 0;
  let pending: RollCallEntry[] = [];
  let writing: RollCallEntry[] = [];
  for (;;) {
    if (Date.now() > stopAt) return undefined;
    const [page] = await Promise.all([
      db.collection(COLLECTIONS.persons).where(_.and({ gridId: grid._id, _id: _.gt(after) }, who)).orderBy('_id', 'asc').limit(PAGE).field(PERSON_FIELDS).get(),
      insertManyOnce(db, COLLECTIONS.alertEntries, writing),
    ]);
    const persons = page.data as unknown as RollPerson[];
    const entries = persons.filter((p) => isOnRollCall({ categories: p.categories as never, keyHousehold: p.keyHousehold === true }, alert.criteria)).map((p) => entryOf(alert, p, now));
    total += entries.length;
    pending.push(...entries);
    // Written a few pages at a time: fewer, larger inserts.
    [writing, pending] = pending.length >= BATCH ? [pending, []] : [[], pending];
    if (persons.length < PAGE) break;
    after = persons[persons.length - 1]!._id;
  }
  await insertManyOnce(db, COLLECTIONS.alertEntries, [...writing, ...pending]);
  const roll: GridRoll = { _id: `${alert._id}:${grid._id}`, createdAt: now, updatedAt: now, version: 0, alertId: alert._id, gridId: grid._id, villageId: grid.villageId, total };
  await insertManyOnce(db, COLLECTIONS.alertTallies, [roll]);
  return roll;
}

/**
 * Fills a raised alert (state `raising`) with the entries of its grids not done yet, messages the gridworkers and
 * opens it; when the time runs out first, the alert is answered as it is (still raising) and the work resumes later.
 * RECORD.CONFLICT when another invocation opened it meanwhile.
 */
async function populateAlert(db: Database, alert: Alert, now: number, stopAt: number): Promise<Alert> {
  const _ = db.command;
  const [grids, done, gridworkers] = await Promise.all([
    readAllPages(db, COLLECTIONS.grids, gridSchema, { villageId: _.in(alert.villageIds) }),
    gridRollsOf(db, alert._id),
    usersWithRole(db, 'gridworker'),
  ]);
  const doneIds = new Set(done.map((r) => r.gridId));
  const raised = await mapLimit(
    grids.filter((g) => !doneIds.has(g._id)),
    GRIDS_AT_ONCE,
    (g) => raiseGrid(db, alert, g, now, stopAt),
  );
  if (raised.some((r) => r === undefined)) return alert;
  const rolls = [...done, ...(raised as GridRoll[])];

  // The gridworkers are messaged at once (one message each, whatever the number of their grids).
  const perWorker = new Map<string, number>();
  const rollOf = new Map(rolls.map((r) => [r.gridId, r.total]));
  for (const w of gridworkers) {
    const count = w.gridIds.reduce((sum, g) => sum + (rollOf.get(g) ?? 0), 0);
    if (count > 0) perWorker.set(w._id, count);
  }
  const reason = ALERT_REASON_LABELS[alert.reason];
  await postMessagesWithIds(
    db,
    [...perWorker].map(([userId, count]) => ({
      id: `alert:${alert._id}:rollCall:${userId}`,
      message: {
        recipientUserId: userId,
        type: 'alert.rollCall',
        ...MESSAGE_TEXTS.alertRollCall({ reason: alert.reason, count, instructions: alert.instructions }),
        link: `alert:${alert._id}`,
        values: { reason, count, deadline: alert.deadlineAt, instructions: alert.instructions },
      },
    })),
    now,
  );
  const total = rolls.reduce((sum, r) => sum + r.total, 0);
  return updateVersioned(db, COLLECTIONS.alerts, alertSchema, alert._id, alert.version, { state: 'open', total, escalateAt: alert.deadlineAt }, now);
}
