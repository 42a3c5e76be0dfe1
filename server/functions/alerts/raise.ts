// Raising an alert: one roll-call entry per person on the roll in the chosen villages, one tally per grid, and a
// message to each gridworker at once. Persons are paged by cursor per village (an index range), entries written
// in batch inserts of a few hundred (issue 5: a 100,000-person town in under 2 s). An entry's `_id` is
// `alert:grid:person`, so an alert's entries, and one grid's, are ranges of the primary key: no other index to keep.
import {
  ALERT_REASON_LABELS,
  alertSchema,
  isOnRollCall,
  type Alert,
  type RollCallCriteria,
  type RollCallEntry,
  type RollCallTally,
} from '../../../src/core/alerts/roll-call';
import { COLLECTIONS } from '../../platform/collections';
import type { Command, Database, Doc } from '../../platform/database-port';
import { insertOnce } from '../../platform/insert-once';
import { postMessageOnce } from '../../platform/messages';
import { updateVersioned } from '../../platform/store';
import { usersWithRole } from '../../platform/users';

const PAGE = 100;
const BATCH = 400;

/** An entry's id: the alert, then the grid, then the person — the order lists and marks read them in. */
function entryId(alertId: string, gridId: string, personId: string): string {
  return `${alertId}:${gridId}:${personId}`;
}

/** The `_id` range of an alert's entries, or of one grid's (';' sorts right after ':'). */
export function entryIdRange(_: Command, alertId: string, gridId?: string): object {
  const prefix = gridId === undefined ? `${alertId}:` : `${alertId}:${gridId}:`;
  return _.and(_.gte(prefix), _.lt(`${prefix.slice(0, -1)};`));
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

/** Adds the records in one insert request; when some are in already (a retried raise), adds the rest one by one. */
async function addBatch(db: Database, collection: string, records: readonly (Doc & { _id: string })[]): Promise<void> {
  if (records.length === 0) return;
  try {
    await db.collection(collection).add({ data: [...records] });
  } catch {
    for (const record of records) await insertOnce(db, collection, record);
  }
}

/** The persons of one village that the criteria put on the roll, page by page (cursor on _id). */
async function* rollOf(db: Database, villageId: string, criteria: RollCallCriteria): AsyncGenerator<RollPerson[]> {
  const _ = db.command;
  const who = criteria.includeKeyHouseholds ? _.or({ keyHousehold: true }, { categories: _.in([...criteria.categories]) }) : { categories: _.in([...criteria.categories]) };
  let after = '';
  for (;;) {
    const page = await db
      .collection(COLLECTIONS.persons)
      .where(_.and({ villageId, _id: _.gt(after) }, who))
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field(PERSON_FIELDS)
      .get();
    const persons = page.data as unknown as RollPerson[];
    yield persons.filter((p) => isOnRollCall({ categories: p.categories as never, keyHousehold: p.keyHousehold === true }, criteria));
    if (persons.length < PAGE) return;
    after = persons[persons.length - 1]!._id;
  }
}

/** Who works each grid: the gridworkers to message. */
async function gridworkersByGrid(db: Database): Promise<Map<string, string[]>> {
  const byGrid = new Map<string, string[]>();
  for (const u of await usersWithRole(db, 'gridworker')) for (const g of u.gridIds) byGrid.set(g, [...(byGrid.get(g) ?? []), u._id]);
  return byGrid;
}

/** Fills a raised alert (state `raising`) with its entries and tallies, messages the gridworkers, and opens it. */
export async function populateAlert(db: Database, alert: Alert, now: number): Promise<Alert> {
  const tallies = new Map<string, RollCallTally>();
  let batch: RollCallEntry[] = [];
  for (const villageId of alert.villageIds) {
    for await (const persons of rollOf(db, villageId, alert.criteria)) {
      for (const p of persons) {
        batch.push({
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
        });
        const tally = tallies.get(p.gridId) ?? {
          _id: `${alert._id}:${p.gridId}`,
          createdAt: now,
          updatedAt: now,
          version: 0,
          alertId: alert._id,
          gridId: p.gridId,
          villageId: p.villageId,
          total: 0,
          pending: 0,
          safe: 0,
          needsHelp: 0,
          unreachable: 0,
        };
        tally.total += 1;
        tally.pending += 1;
        tallies.set(p.gridId, tally);
      }
      if (batch.length >= BATCH) {
        await addBatch(db, COLLECTIONS.alertEntries, batch);
        batch = [];
      }
    }
  }
  await addBatch(db, COLLECTIONS.alertEntries, batch);
  await addBatch(db, COLLECTIONS.alertTallies, [...tallies.values()]);

  // The gridworkers are messaged at once (one message each, whatever the number of their grids).
  const perWorker = new Map<string, number>();
  const workers = await gridworkersByGrid(db);
  for (const t of tallies.values()) for (const w of workers.get(t.gridId) ?? []) perWorker.set(w, (perWorker.get(w) ?? 0) + t.total);
  const reason = ALERT_REASON_LABELS[alert.reason];
  for (const [userId, count] of perWorker) {
    await postMessageOnce(
      db,
      `alert:${alert._id}:rollCall:${userId}`,
      {
        recipientUserId: userId,
        type: 'alert.rollCall',
        title: `${reason}预警：请立即点名`,
        body: `您负责的${count}人需逐一联系确认平安。要求：${alert.instructions}`,
        link: `alert:${alert._id}`,
        values: { reason, count, deadline: alert.deadlineAt, instructions: alert.instructions },
      },
      now,
    );
  }
  const total = [...tallies.values()].reduce((sum, t) => sum + t.total, 0);
  return updateVersioned(db, COLLECTIONS.alerts, alertSchema, alert._id, alert.version, { state: 'open', total, escalateAt: alert.deadlineAt }, now);
}
