// The escalation timer of 一拉就响 (PRODUCT flow 7): raises left unfinished are completed, and at the deadline the
// unreached go, once, to each village's cadres and to the town office (who is told of what: the core's rule).
import { escalationDue, escalationFigures, escalationNotices } from '../../../src/core/alerts/escalation';
import { ALERT_REASON_LABELS, alertSchema, NO_ESCALATION, summarize, type Alert } from '../../../src/core/alerts/roll-call';
import { AppFailure } from '../../../src/core/errors';
import { villageSchema } from '../../../src/core/records';
import type { TimerJob } from '../../platform/action';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';
import { appendAudit } from '../../platform/audit';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { postMessagesWithIds } from '../../platform/messages';
import { recordsByIds, updateVersioned } from '../../platform/store';
import { usersWithRole } from '../../platform/users';
import { continueRaise, raiseAuditOf } from './raise';
import { countsByGrid, gridRollsOf } from './store';

const PAGE = 100;

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
  const { unreached, byVillage } = escalationFigures(overall, villages);
  const told = escalationNotices({ unreached, byVillage }, cadres, officers);
  if (told.length > 0) {
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
    const notices = told.map((t) => notice(t.userId, t.count, t.villageIds ? t.villageIds.map((v) => names.get(v) ?? v).join('、') : '全镇'));
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
    const alert = alertSchema.parse(raw);
    // A raise cut off before its audit entry and never retried gets it here, on behalf of the officer who raised it.
    const [raised] = await Promise.all([
      continueRaise(db, alert, now, stopAt),
      appendAudit(db, { user: { _id: alert.raisedBy.userId, role: 'officer' } }, { fn: 'alerts', action: 'raise', at: alert.createdAt }, [raiseAuditOf(alert)]),
    ]);
    if (raised.state === 'open') counts.raised += 1;
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
