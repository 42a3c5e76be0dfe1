// The schedule as stored on a person: `nextVisitDue` (epoch ms) is kept by every write that changes what the
// schedule reads (tier, categories, key-household flag, plan frequency, major changes, a visit), so an overdue list
// is an index range. Also the search tails and the grouping of a due list by household.
import { beijingDate, daysBetween } from '../calendar';
import { normalizePhone } from '../contact';
import { normalizeIdNumber } from '../id-number';
import type { Person } from '../records';
import type { MajorChangeKind } from './major-change';
import { nextVisitDue, visitBucket, type ScheduleSettings, type VisitBucket, type VisitDue } from './schedule';

/** The person fields the schedule reads, as stored. */
export type ScheduledPerson = Pick<Person, 'riskTier' | 'categories' | 'keyHousehold' | 'createdAt'> &
  Partial<Pick<Person, 'centralisedCare' | 'followUpIntervalDays' | 'majorChanges' | 'lastVisitAt'>>;

/** RULES §25: the person's next visit from their stored facts and last visit. */
export function plannedVisit(person: ScheduledPerson, settings: ScheduleSettings, now: number): VisitDue {
  return nextVisitDue(person, person.lastVisitAt ?? null, settings, now);
}

/** What a visit changes on a member: the last visit (never moved back by a late-arriving older visit) and a major change seen. */
export function afterVisit(
  person: Pick<Person, 'lastVisitAt' | 'majorChanges'>,
  visitedAt: number,
  change?: MajorChangeKind,
): Pick<Person, 'lastVisitAt' | 'majorChanges'> {
  const lastVisitAt = Math.max(person.lastVisitAt ?? 0, visitedAt);
  const majorChanges = [...(person.majorChanges ?? [])];
  if (change && !majorChanges.some((c) => c.kind === change && c.at === visitedAt)) majorChanges.push({ kind: change, at: visitedAt });
  return { lastVisitAt, majorChanges };
}

export const SEARCH_TAIL_LENGTH = 4;

/** Last 4 characters of a normalised ID number or phone ('' when shorter), stored for search by tail. */
export function idTailOf(idNumber: string): string {
  const id = normalizeIdNumber(idNumber);
  return id.length >= SEARCH_TAIL_LENGTH ? id.slice(-SEARCH_TAIL_LENGTH) : '';
}

export function phoneTailOf(phone: string): string {
  const p = normalizePhone(phone);
  return p.length >= SEARCH_TAIL_LENGTH ? p.slice(-SEARCH_TAIL_LENGTH) : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Worklists

export interface DueMember {
  _id: string;
  householdId: string;
  nextVisitDue: number;
}

export interface DueHousehold<M extends DueMember> {
  householdId: string;
  /** The earliest due member's due time: one visit covers the household. */
  dueAt: number;
  bucket: VisitBucket;
  members: M[];
}

/** A due list (earliest first) grouped by household, households in order of their earliest member. */
export function groupDueByHousehold<M extends DueMember>(persons: readonly M[], now: number): DueHousehold<M>[] {
  const groups = new Map<string, DueHousehold<M>>();
  for (const p of persons) {
    let g = groups.get(p.householdId);
    if (!g) {
      g = { householdId: p.householdId, dueAt: p.nextVisitDue, bucket: visitBucket(p.nextVisitDue, now), members: [] };
      groups.set(p.householdId, g);
    }
    if (p.nextVisitDue < g.dueAt) {
      g.dueAt = p.nextVisitDue;
      g.bucket = visitBucket(p.nextVisitDue, now);
    }
    g.members.push(p);
  }
  return [...groups.values()].sort((a, b) => a.dueAt - b.dueAt);
}

/** The due time in words, by Beijing dates: '逾期3天', '今天到期', '明天到期', '11月5日到期'. */
export function dueText(dueAt: number, now: number): string {
  const days = daysBetween(beijingDate(now), beijingDate(dueAt));
  if (dueAt < now) return days < 0 ? `逾期${-days}天` : '今天已到期';
  if (days === 0) return '今天到期';
  if (days === 1) return '明天到期';
  const [, m, d] = beijingDate(dueAt).split('-').map(Number);
  return `${m}月${d}日到期`;
}

