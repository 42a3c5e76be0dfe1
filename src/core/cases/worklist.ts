// The town office's worklist over case summaries: open cases, earliest due first, with the due-soon / overdue
// meaning of clock.ts. The database query is the caller's; to page it, store `caseDueAt(case)` as a sort key.
import type { CaseKind, CaseRecord } from './case-record';
import { activeClocks, clockStatus, type CaseClocks, type ClockStatus } from './clock';
import { isOpenState, type CaseState } from './states';
import { availableEvents } from './workflow';

export type CaseSummary = Pick<CaseRecord, '_id' | 'kind' | 'state' | 'gridId' | 'villageId' | 'createdAt' | 'clock' | 'procedureClock' | 'dataCheckClock'>;

export type DueStatus = ClockStatus | 'none';

const SEVERITY: Record<DueStatus, number> = { none: 0, ok: 1, dueSoon: 2, breached: 3 };

/** The worst status of the case's running clocks ('none' when no clock runs). */
export function caseDueStatus(c: Partial<CaseClocks>, now: number): DueStatus {
  let worst: DueStatus = 'none';
  for (const clock of activeClocks(c)) {
    const status = clockStatus(clock, now);
    if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

/** The earliest due instant of the case's running clocks, if any. */
export function caseDueAt(c: Partial<CaseClocks>): number | undefined {
  const due = activeClocks(c).map((clock) => clock.dueAt);
  return due.length ? Math.min(...due) : undefined;
}

/** Earliest due first; cases without a running clock last; then oldest first; then by id (a stable total order). */
export function compareByDue(a: CaseSummary, b: CaseSummary): number {
  const da = caseDueAt(a) ?? Number.POSITIVE_INFINITY;
  const db = caseDueAt(b) ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

export interface WorklistFilter {
  kinds?: CaseKind[];
  villageIds?: string[];
  gridIds?: string[];
  /** Defaults to every open state; name 'closed' to see closed cases. */
  states?: CaseState[];
  /** Only cases with a clock due soon (and none breached). */
  dueSoon?: boolean;
  /** Only cases with a breached clock. With `dueSoon` too: either. */
  overdue?: boolean;
}

export interface Worklist<T> {
  items: T[];
  /** Over the kind / village / grid / state filters, before the due filters: the numbers for the tabs. */
  counts: { total: number; dueSoon: number; overdue: number };
}

export function worklist<T extends CaseSummary>(cases: readonly T[], filter: WorklistFilter, now: number): Worklist<T> {
  const matches = cases.filter(
    (c) =>
      (filter.states ? filter.states.includes(c.state) : isOpenState(c.state)) &&
      (!filter.kinds || filter.kinds.includes(c.kind)) &&
      (!filter.villageIds || filter.villageIds.includes(c.villageId)) &&
      (!filter.gridIds || filter.gridIds.includes(c.gridId)),
  );
  const counts = { total: matches.length, dueSoon: 0, overdue: 0 };
  const items: T[] = [];
  const byDue = filter.dueSoon || filter.overdue;
  for (const c of matches) {
    const status = caseDueStatus(c, now);
    if (status === 'dueSoon') counts.dueSoon++;
    if (status === 'breached') counts.overdue++;
    if (!byDue || (filter.dueSoon && status === 'dueSoon') || (filter.overdue && status === 'breached')) items.push(c);
  }
  return { items: items.sort(compareByDue), counts };
}

/** What a resident's own case waits for from them (我的办件 "等您办理"); withdrawal and linking are left to staff. */
export const RESIDENT_ASKS = ['confirmProxy', 'supplyMaterials'] as const;
export type ResidentAsk = (typeof RESIDENT_ASKS)[number];

export const RESIDENT_ASK_LABELS: Record<ResidentAsk, string> = {
  confirmProxy: '网格员代您提交了申请，请确认或拒绝',
  supplyMaterials: '镇里请您补齐材料',
};

/** PRODUCT flow 2: a proxy application to confirm or refuse; RULES §2: the one missing-materials notice to answer. */
export function residentAsk(c: Pick<CaseRecord, 'kind' | 'state' | 'residentUserId'>, userId: string): ResidentAsk | null {
  const events = availableEvents(c, { userId, role: 'resident' });
  if (events.includes('confirmByResident')) return 'confirmProxy';
  if (c.state === 'materialsRequested' && events.includes('materialsSupplied')) return 'supplyMaterials';
  return null;
}
