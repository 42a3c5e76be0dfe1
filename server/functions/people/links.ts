// Linking a resident's WeChat to their roster person (issue 9), the gridworker's side: the pending requests of
// their grids (确认 / 不是本人), and linking at a visit with the code the resident shows. On linking, what the
// resident filed before moves with them, and applications filed for the person become theirs to confirm.
import { z } from 'zod';
import { caseRecordSchema, type CaseRecord } from '../../../src/core/cases';
import { AppFailure } from '../../../src/core/errors';
import { recordIdSchema } from '../../../src/core/ids';
import { maskIdNumber } from '../../../src/core/masking';
import { LINK_REQUEST_STATE_LABELS, linkCodeSchema, linkRequestSchema } from '../../../src/core/onboarding';
import { personSchema, userSchema, type Person, type User } from '../../../src/core/records';
import type { Role } from '../../../src/core/roles';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { limitedAttempt } from '../../platform/attempts';
import { codeHash } from '../../platform/codes';
import { COLLECTIONS } from '../../platform/collections';
import { postMessages } from '../../platform/messages';
import { scopeCondition } from '../../platform/scope-query';
import { readRecord, recordsByIds, updateVersioned } from '../../platform/store';
import { assertInScope, scopedPerson } from '../../roster/persons';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';

const LINK_ROLES: readonly Role[] = ['gridworker', 'cadre'];

/** Cases of a query, every page (a household's or a resident's cases are few). */
async function casesWhere(ctx: ActionContext, where: object): Promise<CaseRecord[]> {
  const found = await ctx.db.collection(COLLECTIONS.cases).where(where).orderBy('_id', 'asc').limit(100).get();
  return found.data.map((raw) => caseRecordSchema.parse(raw));
}

/**
 * Links `resident` to `person`: another account linked to the person before (an old phone) lets go; the resident's
 * own earlier cases get the person and household; cases for the person without an account become the resident's.
 * Cases first and the user last, so a retry after a cut-off finishes the job.
 */
async function linkResident(ctx: ActionContext, resident: User, person: Person, why: string) {
  if (resident.role !== 'resident') throw new AppFailure('INPUT.INVALID', '只能关联居民账号');
  if (resident.personId && resident.personId !== person._id) throw new AppFailure('LINK.ALREADY_LINKED', '这个居民账号已经关联了其他人的登记信息');
  const [mine, forPerson, before] = await Promise.all([
    casesWhere(ctx, { residentUserId: resident._id }),
    casesWhere(ctx, { householdId: person.householdId }),
    ctx.db.collection(COLLECTIONS.users).where({ personId: person._id, role: 'resident' }).limit(10).get(),
  ]);
  const own = mine.filter((c) => !c.applicant.personId);
  const theirs = forPerson.filter((c) => c.applicant.personId === person._id && !c.residentUserId);
  // The cases together, then the accounts together (each step one round trip, however many records it moves).
  await Promise.all([
    ...own.map((c) => updateVersioned(ctx.db, COLLECTIONS.cases, caseRecordSchema, c._id, c.version, { applicant: { ...c.applicant, personId: person._id, name: person.name }, householdId: person.householdId }, ctx.now)),
    ...theirs.map((c) => updateVersioned(ctx.db, COLLECTIONS.cases, caseRecordSchema, c._id, c.version, { residentUserId: resident._id }, ctx.now)),
  ]);
  await ctx.audit(
    ...own.map((c) => ({ collection: COLLECTIONS.cases, recordId: c._id, kind: 'update' as const, to: { personId: person._id, householdId: person.householdId }, why })),
    ...theirs.map((c) => ({ collection: COLLECTIONS.cases, recordId: c._id, kind: 'update' as const, to: { residentUserId: resident._id }, why })),
  );
  const toConfirm = theirs.filter((c) => c.state === 'awaitingConfirmation');
  const previous = before.data.map((raw) => userSchema.parse(raw)).filter((old) => old._id !== resident._id);
  await Promise.all(previous.map((old) => ctx.db.collection(COLLECTIONS.users).doc(old._id).update({ data: { personId: ctx.db.command.remove(), updatedAt: ctx.now, version: ctx.db.command.inc(1) } })));
  await ctx.audit(...previous.map((old) => ({ collection: COLLECTIONS.users, recordId: old._id, kind: 'update' as const, from: { personId: person._id }, to: { personId: null }, why: '本人改用新的微信账号' })));
  if (resident.personId !== person._id) {
    await updateVersioned(ctx.db, COLLECTIONS.users, userSchema, resident._id, resident.version, { personId: person._id }, ctx.now);
    await ctx.audit({ collection: COLLECTIONS.users, recordId: resident._id, kind: 'update', to: { personId: person._id }, why });
  }
  await postMessages(
    ctx.db,
    [
      { recipientUserId: resident._id, type: 'linked', ...MESSAGE_TEXTS.linked({ personName: person.name }), link: 'link' },
      ...toConfirm.map((c) => ({ recipientUserId: resident._id, type: 'confirmProxy', ...MESSAGE_TEXTS.proxyWaitingAfterLink(), link: `case:${c._id}` })),
    ],
    ctx.now,
  );
  return { personId: person._id, movedOwnCases: own.length, casesToConfirm: toConfirm.length };
}

export const linkActions = {
  /** Pending link requests of the caller's grids (a cadre: their villages), oldest first. */
  linkRequests: defineAction({
    roles: LINK_ROLES,
    input: z.object({}).strict(),
    async run(ctx) {
      const where = { ...scopeCondition(ctx.db.command, ctx.caller.scope, {}), state: 'pending' };
      const found = await ctx.db.collection(COLLECTIONS.linkRequests).where(where).orderBy('createdAt', 'asc').limit(100).get();
      const requests = found.data.map((raw) => linkRequestSchema.parse(raw));
      const persons = await recordsByIds(ctx.db, COLLECTIONS.persons, requests.map((r) => r.personId), (raw) => personSchema.parse(raw));
      return {
        items: requests.map((r) => {
          const p = persons.get(r.personId);
          return { requestId: r._id, version: r.version, personId: r.personId, name: p?.name ?? '', idNumber: p ? maskIdNumber(p.idNumber) : '', createdAt: r.createdAt };
        }),
      };
    },
  }),

  /** 确认 (it is them: linked) or 不是本人 (refused); only staff of the person's grid or village. */
  decideLink: defineAction({
    roles: LINK_ROLES,
    input: z.object({ requestId: recordIdSchema, version: z.number().int().nonnegative(), accept: z.boolean() }).strict(),
    async run(ctx, input) {
      const request = await readRecord(ctx.db, COLLECTIONS.linkRequests, input.requestId, linkRequestSchema);
      assertInScope(ctx.caller.scope, request);
      if (request.state !== 'pending') throw new AppFailure('INPUT.INVALID', `这个申请${LINK_REQUEST_STATE_LABELS[request.state]}`);
      // Checked before linking: a stale decision must not link the resident and then fail on the request.
      if (request.version !== input.version) throw new AppFailure('RECORD.CONFLICT', undefined, { collection: COLLECTIONS.linkRequests, current: request });
      const why = input.accept ? '网格员确认居民本人' : '网格员确认不是本人';
      const linked = input.accept
        ? await linkResident(ctx, await readRecord(ctx.db, COLLECTIONS.users, request.residentUserId, userSchema), await readRecord(ctx.db, COLLECTIONS.persons, request.personId, personSchema), why)
        : null;
      const updated = await updateVersioned(ctx.db, COLLECTIONS.linkRequests, linkRequestSchema, request._id, input.version, { state: input.accept ? 'confirmed' : 'refused', decidedBy: ctx.caller.user._id, decidedAt: ctx.now }, ctx.now);
      await ctx.audit({ collection: COLLECTIONS.linkRequests, recordId: request._id, kind: 'update', from: { state: 'pending' }, to: { state: updated.state }, why });
      if (!input.accept) {
        await postMessages(ctx.db, [{ recipientUserId: request.residentUserId, type: 'linkRefused', ...MESSAGE_TEXTS.linkRefused(), link: 'link' }], ctx.now);
      }
      return { requestId: updated._id, state: updated.state, stateLabel: LINK_REQUEST_STATE_LABELS[updated.state], linked };
    },
  }),

  /** At a visit: the resident shows their link code, the gridworker enters (or scans) it on the person's page. */
  linkByCode: defineAction({
    roles: LINK_ROLES,
    input: z.object({ personId: recordIdSchema, code: linkCodeSchema }).strict(),
    async run(ctx, input) {
      const person = await scopedPerson(ctx.db, ctx.caller.scope, input.personId);
      const holder = await limitedAttempt(ctx.db, 'linkCode', ctx.caller.user._id, ctx.now, async () => {
        const id = codeHash(input.code);
        const found = (await ctx.db.collection(COLLECTIONS.linkCodes).where({ _id: id }).limit(1).get()).data[0];
        if (!found || Number(found.expiresAt) <= ctx.now) throw new AppFailure('LINK.CODE_INVALID');
        await ctx.db.collection(COLLECTIONS.linkCodes).doc(id).remove();
        await ctx.audit({ collection: COLLECTIONS.linkCodes, recordId: id, kind: 'delete', why: '关联码已使用' });
        return String(found.userId);
      });
      const resident = await readRecord(ctx.db, COLLECTIONS.users, holder, userSchema);
      return linkResident(ctx, resident, person, '网格员上门核实后关联');
    },
  }),
} satisfies ActionTable;
