// Performs what a case transition asks for: notices to the people it names (in-app message centre), the
// explanation task after a denial, and the referral record a referral case is sent as. The core decides what; this decides who, by the case's grid.
// Durable: a case write carries its effects (`pendingEffects`, keyed `caseId:version`), the action then posts their
// notices under ids from that key, and the clock sweep (sweep.ts) posts any a stop left behind and clears them —
// a notice is stored once whoever posts it, and none is lost to a stop between the write and the posting.
import {
  withPendingEffects,
  type CaseRecord,
  type CreateReferralEffect,
  type Effect,
  type NotifyEffect,
  type PendingAudit,
  type PendingEffects,
} from '../../src/core/cases';
import { MESSAGE_TEXTS } from '../../src/core/notify/catalogue';
import { newReferral, referralRecordSchema } from '../../src/core/referrals/referral';
import { userSchema } from '../../src/core/records';
import { caseSubject, notifyReferralStep } from '../referrals/store';
import { loadSettings } from '../platform/settings';
import { readRecord } from '../platform/store';
import type { ActionContext } from '../platform/action';
import { auditRecord, type AuditInput } from '../platform/audit';
import { COLLECTIONS } from '../platform/collections';
import { addOnce } from '../platform/create-once';
import type { Database } from '../platform/database-port';
import { insertManyOnce } from '../platform/insert-once';
import { postMessages, postMessagesWithIds, type MessageInput } from '../platform/messages';
import { saveCase, sortKeys } from './store';

/** Staff looked up once per sweep rather than once per case (key: the query). */
export type StaffMemo = Map<string, Promise<string[]>>;

function userIds(db: Database, where: Record<string, string>, memo?: StaffMemo): Promise<string[]> {
  const key = JSON.stringify(where);
  const cached = memo?.get(key);
  if (cached) return cached;
  const found = db
    .collection(COLLECTIONS.users)
    .where(where)
    .limit(100)
    .get()
    .then((page) => page.data.map((u) => String(u._id)));
  memo?.set(key, found);
  return found;
}

/** Who a notice goes to: the named user, else the grid's gridworkers, else the town office. */
async function recipients(db: Database, effect: NotifyEffect, memo?: StaffMemo): Promise<string[]> {
  if (effect.userId) return [effect.userId];
  if (effect.recipient === 'gridworker') return userIds(db, { role: 'gridworker', gridIds: effect.gridId }, memo);
  if (effect.recipient === 'officer') return userIds(db, { role: 'officer' }, memo);
  return [];
}

/** A notice an effect asks for, with a key naming what it is about and whom it is for. */
export interface CaseNotice {
  key: string;
  message: MessageInput;
}

/** The notices effects ask for, with their recipients (looked up all at once; staff once per sweep with a memo). */
export async function noticesFor(db: Database, c: CaseRecord, effects: readonly Effect[], memo?: StaffMemo): Promise<CaseNotice[]> {
  const perEffect = await Promise.all(
    effects.map(async (effect, index): Promise<CaseNotice[]> => {
      const about = effect.type === 'notify' && effect.due ? `${effect.due.step}@${effect.due.dueAt}` : String(index);
      if (effect.type === 'createReferral') return [];
      if (effect.type === 'notify') {
        const text = MESSAGE_TEXTS.caseNotice({
          message: effect.message,
          applicantName: c.applicant.name,
          kind: effect.kind,
          state: effect.state,
          due: effect.due,
          audience: effect.recipient === 'resident' ? 'resident' : 'staff',
          ...(c.decision ? { decision: c.decision } : {}),
        });
        return (await recipients(db, effect, memo)).map((recipientUserId) => ({
          key: `${about}:${effect.message}:${recipientUserId}`,
          message: { recipientUserId, type: effect.message, ...text, link: `case:${c._id}` },
        }));
      }
      const assignees = effect.assigneeUserId ? [effect.assigneeUserId] : await userIds(db, { role: 'gridworker', gridIds: effect.gridId }, memo);
      const text = MESSAGE_TEXTS.explanationTask({ applicantName: effect.applicantName, reasons: effect.reasons });
      return assignees.map((recipientUserId) => ({
        key: `${about}:explanationTask:${recipientUserId}`,
        message: { recipientUserId, type: 'explanationTask', ...text, link: `case:${c._id}` },
      }));
    }),
  );
  return perEffect.flat();
}

/**
 * Posts the notices. With `onceKey` each becomes a record with an id derived from it and the notice's key (a job's
 * effects, done again after a cut-off or after losing a race, post nothing twice); without it, notices are new records.
 */
export function postNotices(db: Database, notices: readonly CaseNotice[], at: number, onceKey?: string): Promise<unknown> {
  if (onceKey === undefined) return postMessages(db, notices.map((n) => n.message), at);
  return postMessagesWithIds(db, notices.map((n) => ({ id: `${onceKey}:${n.key}`, message: n.message })), at);
}

export async function performEffects(db: Database, c: CaseRecord, effects: readonly Effect[], at: number, options: { onceKey?: string; memo?: StaffMemo } = {}): Promise<void> {
  await postNotices(db, await noticesFor(db, c, effects, options.memo), at, options.onceKey);
}

/** The audit entry of a stored write, under an id from its key: written once, by the action or by the sweep. */
function auditOf(caseId: string, entry: PendingEffects): AuditInput {
  const { kind, from, to, why } = entry.audit;
  return { collection: COLLECTIONS.cases, recordId: caseId, kind, ...(from ? { from } : {}), to, ...(why ? { why } : {}), key: `${entry.key}:audit` };
}

/**
 * Sends the referral records `refer` steps ask for (RULES §20), each under its id from the case, dated by the write:
 * stored, audited (as the officer who referred) and told once, whether the action or the sweep after a stop does it.
 */
async function sendReferrals(db: Database, entries: readonly { c: CaseRecord; e: PendingEffects }[]): Promise<void> {
  const sends = entries.flatMap(({ c, e }) => e.effects.filter((x): x is CreateReferralEffect => x.type === 'createReferral').map((effect) => ({ c, e, effect })));
  if (sends.length === 0) return;
  const settings = await loadSettings(db);
  await Promise.all(
    sends.map(async ({ c, e, effect }) => {
      const { actorId, actorRole, fn, action } = e.audit;
      const actor = await readRecord(db, COLLECTIONS.users, actorId, userSchema);
      const request = { kind: effect.kind, office: effect.office, reason: effect.reason, from: { kind: 'case' as const, caseId: c._id } };
      const made = await addOnce(db, COLLECTIONS.referrals, effect.referralId, () =>
        newReferral(request, caseSubject(c), { now: e.at, actor: { userId: actorId, name: actor.name }, settings }),
      );
      const r = referralRecordSchema.parse(made.record);
      const audit = auditRecord(
        { user: { _id: actorId, role: actorRole } },
        { fn, action, at: e.at },
        { collection: COLLECTIONS.referrals, recordId: r._id, kind: 'create', to: { kind: r.kind, office: r.office, state: r.state, source: r.source.kind }, key: `${e.key}:referral` },
      );
      await Promise.all([insertManyOnce(db, COLLECTIONS.audit, [{ ...audit, _id: `${e.key}:referral` }]), notifyReferralStep(db, r, e.at, actorId)]);
    }),
  );
}

/** Entries pending on a case, to carry out. */
export interface PendingOf {
  c: CaseRecord;
  entries: readonly PendingEffects[];
}

/**
 * Carries out stored entries (left by a stop, or that no longer fit) of one case or of a sweep's page of cases: their
 * messages (with outbox entries) and audit entries go in one batch insert per collection, each stored once, so a
 * page costs a few round trips whether the actions carried them out already or not.
 */
export async function performPending(db: Database, pending: readonly PendingOf[], now: number, memo?: StaffMemo): Promise<void> {
  const entries = pending.flatMap(({ c, entries: own }) => own.map((e) => ({ c, e })));
  if (entries.length === 0) return;
  const notices = await Promise.all(entries.map(({ c, e }) => noticesFor(db, c, e.effects, memo)));
  const messages = entries.flatMap(({ e }, i) => notices[i]!.map((n) => ({ id: `${e.key}:${n.key}`, message: n.message, at: e.at })));
  const audit = entries.map(({ c, e }) => ({ ...auditRecord({ user: { _id: e.audit.actorId, role: e.audit.actorRole } }, { fn: e.audit.fn, action: e.audit.action, at: e.at }, auditOf(c._id, e)), _id: `${e.key}:audit` }));
  await Promise.all([postMessagesWithIds(db, messages, now), insertManyOnce(db, COLLECTIONS.audit, audit), sendReferrals(db, entries)]);
}

/** The stored entry of a write `key` by the caller now. */
function entryOf(ctx: ActionContext, key: string, effects: Effect[], audit: Pick<PendingAudit, 'kind' | 'from' | 'to' | 'why'>): PendingEffects {
  const { caller, fn, action, now } = ctx;
  return { key, at: now, effects, audit: { actorId: caller.user._id, actorRole: caller.user.role, fn, action, ...audit } };
}

/**
 * Adds a new case with its effects and audit entry pending in the same write; when this call made it, writes the
 * audit entry and posts the notices (recipients looked up while the case is written). True when this call made it.
 */
export async function addCaseWithEffects(ctx: ActionContext, built: { record: CaseRecord; effects: Effect[] }, why: string): Promise<boolean> {
  const { db, now } = ctx;
  const id = built.record._id;
  const entry = entryOf(ctx, `${id}:${built.record.version}`, built.effects, { kind: 'create', to: built.record.state, why });
  const { next } = withPendingEffects(built.record, entry);
  const [made, notices] = await Promise.all([addOnce(db, COLLECTIONS.cases, id, () => ({ ...next, ...sortKeys(next) })), noticesFor(db, built.record, built.effects)]);
  if (!made.created) return false;
  await Promise.all([ctx.audit(auditOf(id, entry)), postNotices(db, notices, now, entry.key)]);
  return true;
}

/**
 * Writes a step of case `c` (seen at `version`) with its effects and audit entry pending in the same write, then
 * writes the audit entry and posts the notices. Entries that no longer fit are carried out before the write.
 */
export async function saveCaseWithEffects(ctx: ActionContext, c: CaseRecord, step: { next: CaseRecord; effects: Effect[] }, version: number, why: string): Promise<CaseRecord> {
  const { db, now } = ctx;
  const entry = entryOf(ctx, `${c._id}:${version + 1}`, step.effects, { kind: 'transition', from: c.state, to: step.next.state, why });
  const { next, overflow } = withPendingEffects(step.next, entry);
  if (overflow.length) await performPending(db, [{ c, entries: overflow }], now);
  const [saved, notices] = await Promise.all([saveCase(db, c, next, version, now), noticesFor(db, step.next, step.effects)]);
  await Promise.all([ctx.audit(auditOf(c._id, entry)), postNotices(db, notices, now, entry.key), sendReferrals(db, [{ c: saved, e: entry }])]);
  return saved;
}
