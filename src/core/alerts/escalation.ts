// 一拉就响 at the deadline (PRODUCT flow 7): the unreached escalate once, each village's to its cadres and the
// town's to the town office. Which alerts are due, what the escalation records, and who is told how many.
import { isUnreached, unreachedCount, type Alert, type RollCallStatus, type TallyCounts } from './roll-call';

/** Escalation is due once: open, not escalated yet, deadline passed. */
export function escalationDue(alert: Pick<Alert, 'state' | 'escalation' | 'deadlineAt'>, now: number): boolean {
  return alert.state === 'open' && alert.escalation === null && now >= alert.deadlineAt;
}

/** An entry was escalated when the alert was and the person is still unreached. */
export function isEscalatedEntry(alert: Pick<Alert, 'escalation'>, status: RollCallStatus): boolean {
  return alert.escalation !== null && isUnreached(status);
}

/** What an escalation records on the alert: the unreached overall and per village. */
export interface EscalationFigures {
  unreached: number;
  byVillage: { villageId: string; unreached: number }[];
}

export function escalationFigures(overall: TallyCounts, villages: readonly { villageId: string; counts: TallyCounts }[]): EscalationFigures {
  return { unreached: unreachedCount(overall), byVillage: villages.map((v) => ({ villageId: v.villageId, unreached: unreachedCount(v.counts) })) };
}

/** One person told of an escalation: how many are unreached in their area, and which villages (none: the whole town). */
export interface EscalationNotice {
  userId: string;
  count: number;
  villageIds: string[] | null;
}

/**
 * Who is told: each cadre of the villages with someone unreached, of their villages' count; every officer, of the
 * town's. Nobody when everyone was reached.
 */
export function escalationNotices(
  figures: EscalationFigures,
  cadres: readonly { _id: string; villageIds: readonly string[] }[],
  officers: readonly { _id: string }[],
): EscalationNotice[] {
  if (figures.unreached === 0) return [];
  const notices: EscalationNotice[] = cadres.flatMap((cadre) => {
    const mine = figures.byVillage.filter((v) => v.unreached > 0 && cadre.villageIds.includes(v.villageId));
    const count = mine.reduce((sum, v) => sum + v.unreached, 0);
    return count > 0 ? [{ userId: cadre._id, count, villageIds: mine.map((v) => v.villageId) }] : [];
  });
  notices.push(...officers.map((officer) => ({ userId: officer._id, count: figures.unreached, villageIds: null })));
  return notices;
}
