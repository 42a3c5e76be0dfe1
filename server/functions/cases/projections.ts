// What the cases function answers with besides the whole record: the summary row of a list (read with only the
// fields it needs), and a worklist's paging cursor over the stored sort keys.
import { z } from 'zod';
import type { HolidayArrangements } from '../../../src/core/holidays';
import { caseDueAt, caseDueStatus, caseRecordSchema, clockLeft, type CaseRecord } from '../../../src/core/cases';
import { NO_DUE } from '../../cases/store';
import type { Database } from '../../platform/database-port';

/** A case's position in a worklist: its due instant (the stored sort key) and id. */
export function cursorOf(c: Pick<CaseRecord, '_id' | 'clock' | 'procedureClock' | 'dataCheckClock'>): { dueAt: number; id: string } {
  return { dueAt: caseDueAt(c) ?? NO_DUE, id: c._id };
}

export function after(_: Database['command'], cursor: { dueAt: number; id: string }): object {
  const dueAt = new Date(cursor.dueAt);
  return _.or({ dueAt: _.gt(dueAt) }, { dueAt, _id: _.gt(cursor.id) });
}

/** The fields a list row needs: lists read only these, not the timeline and checklist (far less to decode). */
export const summaryFields = {
  _id: true,
  version: true,
  kind: true,
  state: true,
  source: true,
  applicant: true,
  gridId: true,
  villageId: true,
  clock: true,
  procedureClock: true,
  dataCheckClock: true,
  explanation: true,
  createdAt: true,
  updatedAt: true,
} as const;
export const caseSummarySchema = caseRecordSchema.pick(summaryFields);
type CaseSummaryRecord = z.infer<typeof caseSummarySchema>;
export const mineSchema = caseSummarySchema.extend({ residentUserId: z.string().optional() });

export function summary(c: CaseSummaryRecord, now: number, arrangements: HolidayArrangements) {
  return {
    _id: c._id,
    version: c.version,
    kind: c.kind,
    state: c.state,
    source: c.source,
    applicantName: c.applicant.name,
    gridId: c.gridId,
    villageId: c.villageId,
    dueAt: caseDueAt(c) ?? null,
    dueStatus: caseDueStatus(c, now),
    clock: c.clock ?? null,
    /** What is left on the step clock, counted here rather than by the phone's clock. */
    clockLeft: c.clock ? clockLeft(c.clock, now, arrangements) : null,
    /** A denial the gridworker still has to explain to the applicant (解释说明). */
    explanationOpen: c.explanation !== undefined && c.explanation.closedAt === undefined,
    updatedAt: c.updatedAt,
  };
}
