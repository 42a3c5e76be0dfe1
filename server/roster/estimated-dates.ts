// RULES §34: a holiday arrangement entered for a year the calendar lacked also firms the due dates that monitoring
// warnings and visit issues estimated (Monday–Friday) in it. Pages of the still-open records flagged as estimated,
// by id, as chunks of the holiday recompute job (server/cases/holiday-recompute.ts): each moved date is a versioned
// write audited on behalf of the admin who saved; a record acted on meanwhile keeps its date until the next run.
import { beijingDate } from '../../src/core/calendar';
import { monitoringFactsOf } from '../../src/core/monitoring/facts';
import { UNRESOLVED_WARNING_STATES, warningSchema, type Warning } from '../../src/core/monitoring/warning-record';
import { computeWarnings } from '../../src/core/monitoring/warnings';
import { householdSchema } from '../../src/core/records';
import type { TownSettings } from '../../src/core/settings';
import { issueSchema, UNRESOLVED_ISSUE_STATES, type Issue } from '../../src/core/visits/issue';
import { issueDeadline } from '../../src/core/visits/escalation';
import { appendAudit, type AuditActor } from '../platform/audit';
import { COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/database-port';
import { GET_MAX } from '../platform/paging';
import { recordsByIds, writeVersioned } from '../platform/store';
import { membersOf } from './persons';

export const ESTIMATED_KINDS = ['warnings', 'issues'] as const;
export type EstimatedKind = (typeof ESTIMATED_KINDS)[number];

interface Firming {
  db: Database;
  settings: TownSettings;
  actor: AuditActor;
  /** The settings version: a chunk done again after a cut-off audits nothing twice. */
  settingsVersion: number;
  now: number;
}

interface Moved {
  recordId: string;
  version: number;
  patch: Record<string, unknown>;
  from: string;
  to: string;
}

async function estimatedPage(db: Database, kind: EstimatedKind, after: string | null): Promise<Record<string, unknown>[]> {
  const _ = db.command;
  const where =
    kind === 'warnings'
      ? { dueEstimated: true, state: _.in([...UNRESOLVED_WARNING_STATES]) }
      : { deadlineEstimated: true, state: _.in([...UNRESOLVED_ISSUE_STATES]) };
  const found = await db
    .collection(COLLECTIONS[kind])
    .where(after === null ? where : { ...where, _id: _.gt(after) })
    .orderBy('_id', 'asc')
    .limit(GET_MAX)
    .get();
  return found.data;
}

/** Each warning's due date as its household's facts give it on the new arrangement (the same key: computeWarnings). */
async function movedWarnings(f: Firming, warnings: Warning[]): Promise<Moved[]> {
  const householdIds = [...new Set(warnings.map((w) => w.householdId))];
  const [households, members] = await Promise.all([
    recordsByIds(f.db, COLLECTIONS.households, householdIds, (raw) => householdSchema.parse(raw)),
    Promise.all(householdIds.map((id) => membersOf(f.db, id))),
  ]);
  const computed = new Map(
    householdIds.flatMap((id, i) => {
      const household = households.get(id);
      return household ? computeWarnings(monitoringFactsOf(household, members[i]!), f.settings, f.now).map((w) => [w.key, w] as const) : [];
    }),
  );
  return warnings.flatMap((w) => {
    const next = computed.get(w._id);
    if (!next || (next.dueDate === w.dueDate && next.dueEstimated === w.dueEstimated)) return [];
    return [{ recordId: w._id, version: w.version, patch: { dueDate: next.dueDate, dueAt: next.dueAt, dueEstimated: next.dueEstimated }, from: w.dueDate, to: next.dueDate }];
  });
}

function movedIssues(f: Firming, issues: Issue[]): Moved[] {
  return issues.flatMap((issue) => {
    const next = issueDeadline(issue.type, issue.createdAt, { settings: f.settings });
    if (next.at === issue.deadlineAt && next.estimated === issue.deadlineEstimated) return [];
    return [{ recordId: issue._id, version: issue.version, patch: { deadlineAt: next.at, deadlineEstimated: next.estimated }, from: beijingDate(issue.deadlineAt), to: beijingDate(next.at) }];
  });
}

/** One page of `kind` from `after`: the records whose date moved are written and audited; the next cursor, if any. */
export async function firmEstimatedDates(f: Firming, kind: EstimatedKind, after: string | null): Promise<{ next: string | undefined; moved: number }> {
  const page = await estimatedPage(f.db, kind, after);
  const moved =
    kind === 'warnings' ? await movedWarnings(f, page.map((raw) => warningSchema.parse(raw))) : movedIssues(f, page.map((raw) => issueSchema.parse(raw)));
  const written = await Promise.all(moved.map((m) => writeVersioned(f.db, COLLECTIONS[kind], m.recordId, m.version, m.patch, f.now)));
  const done = moved.filter((_, i) => written[i]);
  if (done.length) {
    const field = kind === 'warnings' ? 'dueDate' : 'deadline';
    await appendAudit(
      f.db,
      f.actor,
      { fn: 'admin', action: 'saveHolidayArrangement', at: f.now },
      done.map((m) => ({
        collection: COLLECTIONS[kind],
        recordId: m.recordId,
        kind: 'update' as const,
        from: { [field]: m.from },
        to: { [field]: m.to },
        why: '节假日安排录入后重算期限',
        key: `holidays:${f.settingsVersion}:${kind}:${m.recordId}:audit`,
      })),
    );
  }
  const last = page[page.length - 1];
  return { next: page.length === GET_MAX && last ? String(last._id) : undefined, moved: done.length };
}
