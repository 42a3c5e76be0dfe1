// Referral persistence (RULES §20), shared by the `referrals` function and the cases function's clock sweep: the
// record read by the core's schema, versioned saves that replace nested fields whole, the notices of a step, and the
// rows an export reads.
import { beijingDate } from '../../src/core/calendar';
import { MESSAGE_TEXTS } from '../../src/core/notify/catalogue';
import {
  isReferralOverdue,
  OPEN_REFERRAL_STATES,
  REFERRAL_KIND_LABELS,
  REFERRAL_OUTCOME_LABELS,
  REFERRAL_STATE_LABELS,
  referralRecordSchema,
  type ReferralFilter,
  type ReferralKind,
  type ReferralRecord,
  type ReferralSubject,
} from '../../src/core/referrals/referral';
import type { CaseRecord } from '../../src/core/cases/case-record';
import { userSchema } from '../../src/core/records';
import type { Scope } from '../../src/core/roles';
import { COLLECTIONS } from '../platform/collections';
import { idFor } from '../platform/create-once';
import type { Database } from '../platform/database-port';
import { postMessagesWithIds } from '../platform/messages';
import { scopeCondition } from '../platform/scope-query';
import { readAllPages, readRecord, updateVersioned, writeVersioned } from '../platform/store';

/** A case as the subject of a referral: its applicant, household, place and resident account. */
export function caseSubject(c: CaseRecord): ReferralSubject {
  return {
    caseId: c._id,
    personId: c.applicant.personId ?? null,
    householdId: c.householdId ?? null,
    name: c.applicant.name,
    gridId: c.gridId,
    villageId: c.villageId,
    residentUserId: c.residentUserId ?? null,
    sourceId: c._id,
  };
}

export function readReferral(db: Database, id: string): Promise<ReferralRecord> {
  return readRecord(db, COLLECTIONS.referrals, id, referralRecordSchema);
}

/** The fields a step changes; nested ones whole (a plain object would be merged into the stored one). */
function patchOf(db: Database, next: ReferralRecord): Record<string, unknown> {
  const _ = db.command;
  return {
    state: next.state,
    clock: next.clock === null ? null : _.set(next.clock),
    dueAt: next.dueAt,
    sweepAt: next.sweepAt,
    decision: next.decision === null ? null : _.set(next.decision),
    steps: _.set(next.steps),
  };
}

/** Saves a step at the version the officer saw (RECORD.CONFLICT with the fresh record otherwise). */
export function saveReferral(db: Database, next: ReferralRecord, version: number, at: number): Promise<ReferralRecord> {
  return updateVersioned(db, COLLECTIONS.referrals, referralRecordSchema, next._id, version, patchOf(db, next), at, next);
}

/** The sweep's write: only if nobody changed the referral since it was read. */
export function saveReferralIfUnchanged(db: Database, prev: ReferralRecord, next: ReferralRecord, at: number): Promise<boolean> {
  return writeVersioned(db, COLLECTIONS.referrals, prev._id, prev.version, patchOf(db, next), at);
}

/** The link a referral's message opens: each role's own page (src/message-links.ts). */
export const referralLink = (id: string) => `referral:${id}`;

/**
 * Tells the grid's gridworkers (who follow the family up) and, once there is an answer, the linked resident; each
 * message once per referral version and recipient, so a retried step posts nothing twice.
 */
export async function notifyReferralStep(db: Database, r: ReferralRecord, at: number, exceptUserId: string): Promise<void> {
  const workers = await readAllPages(db, COLLECTIONS.users, userSchema, { role: 'gridworker', gridIds: r.gridId });
  const staff = MESSAGE_TEXTS.referralStep({ name: r.name, kind: r.kind, office: r.office, state: r.state, decision: r.decision, audience: 'staff' });
  const cause = `referral:${r._id}:${r.version}`;
  const items = workers
    .filter((w) => w._id !== exceptUserId)
    .map((w) => ({ id: idFor(cause, w._id), message: { recipientUserId: w._id, type: 'referral.step', ...staff, link: referralLink(r._id) } }));
  if (r.residentUserId && r.state === 'decided') {
    const resident = MESSAGE_TEXTS.referralStep({ name: r.name, kind: r.kind, office: r.office, state: r.state, decision: r.decision, audience: 'resident' });
    items.push({ id: idFor(cause, r.residentUserId), message: { recipientUserId: r.residentUserId, type: 'referral.outcome', ...resident, link: referralLink(r._id) } });
  }
  await postMessagesWithIds(db, items, at);
}

/** The board's conditions: the caller's area, then the filters (a state, the open ones, or those overdue). */
export function boardCondition(
  db: Database,
  scope: Scope,
  filter: { state: ReferralFilter; kind?: ReferralKind | undefined; villageId?: string | undefined; caseId?: string | undefined },
): Record<string, unknown> {
  const _ = db.command;
  const where = scopeCondition(_, scope, filter.villageId ? { villageId: filter.villageId } : {});
  if (filter.kind) where.kind = filter.kind;
  if (filter.caseId) where.caseId = filter.caseId;
  if (filter.state === 'open' || filter.state === 'overdue') where.state = _.in([...OPEN_REFERRAL_STATES]);
  else if (filter.state !== 'all') where.state = filter.state;
  return where;
}

/** One referral as a flat row of words and numbers, for an export (Excel) of the board. */
export interface ReferralRow {
  id: string;
  name: string;
  kind: string;
  office: string;
  state: string;
  sentOn: string;
  dueDate: string;
  overdue: boolean;
  outcome: string;
  amountYuan: number | null;
  service: string;
}

/** One referral as words and numbers, for the export (reports.export kind `referrals`). */
export function referralRow(r: ReferralRecord, now: number): ReferralRow {
  return {
    id: r._id,
    name: r.name,
    kind: REFERRAL_KIND_LABELS[r.kind],
    office: r.office,
    state: REFERRAL_STATE_LABELS[r.state],
    sentOn: beijingDate(r.createdAt),
    dueDate: r.clock?.dueDate ?? '',
    overdue: isReferralOverdue(r, now),
    outcome: r.decision ? REFERRAL_OUTCOME_LABELS[r.decision.outcome] : '',
    amountYuan: r.decision?.amountYuan ?? null,
    service: r.decision?.service ?? '',
  };
}
