// The caller's side of onboarding (issue 9): a staff member binds their WeChat with an invitation code; a resident
// asks to be linked to their roster person (name + ID number + phone, confirmed by the gridworker) or shows a link
// code at a visit; the optional phone prefill. Identity is the context's OPENID only, and no answer carries one.
import { z } from 'zod';
import { beijingDate } from '../../../src/core/calendar';
import { normalizePhone } from '../../../src/core/contact';
import { AppFailure, type ErrorCode } from '../../../src/core/errors';
import { parseIdNumber } from '../../../src/core/id-number';
import {
  invitationCodeSchema,
  invitationSchema,
  LINK_CODE_LENGTH,
  LINK_CODE_VALID_MS,
  LINK_REQUEST_STATE_LABELS,
  linkClaimSchema,
  linkRequestSchema,
  type LinkRequest,
} from '../../../src/core/onboarding';
import { gridSchema, personSchema, userSchema } from '../../../src/core/records';
import { ROLE_LABELS, ROLES } from '../../../src/core/roles';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { limitedAttempt } from '../../platform/attempts';
import { codeHash, newCode } from '../../platform/codes';
import { COLLECTIONS } from '../../platform/collections';
import { opaqueId } from '../../platform/identity';
import { postMessages } from '../../platform/messages';
import { readRecord, recordsByIds } from '../../platform/store';
import { phoneNumberOf } from '../../platform/wechat-openapi';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';

/** Why a found invitation binds nothing, or null when it may be used now. */
function invitationProblem(state: string, expiresAt: number, now: number): ErrorCode | null {
  if (state === 'spent') return 'INVITATION.USED';
  if (state === 'revoked') return 'INVITATION.REVOKED';
  if (expiresAt <= now) return 'INVITATION.EXPIRED';
  return null;
}

/** The resident's latest link request, as the resident sees it. */
async function latestRequest(ctx: ActionContext): Promise<LinkRequest | undefined> {
  const found = await ctx.db.collection(COLLECTIONS.linkRequests).where({ residentUserId: ctx.caller.user._id }).orderBy('createdAt', 'desc').limit(1).get();
  return found.data[0] ? linkRequestSchema.parse(found.data[0]) : undefined;
}

async function requestView(ctx: ActionContext, request: LinkRequest) {
  const grid = (await recordsByIds(ctx.db, COLLECTIONS.grids, [request.gridId], (raw) => gridSchema.parse(raw))).get(request.gridId);
  return { requestId: request._id, state: request.state, stateLabel: LINK_REQUEST_STATE_LABELS[request.state], gridName: grid?.name ?? '', createdAt: request.createdAt };
}

export const onboardingActions = {
  /**
   * Binds the caller's WeChat to the staff record of a valid, unspent, unexpired invitation, once, and spends the
   * code. A WeChat bound to a staff record already cannot take a second one (the admin re-invites instead).
   */
  bindStaff: defineAction({
    roles: ROLES,
    input: z.object({ code: invitationCodeSchema }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      if (caller.user.role !== 'resident') throw new AppFailure('INVITATION.ALREADY_BOUND');
      const bound = await limitedAttempt(db, 'bind', caller.user._id, now, async () => {
        const found = await db.collection(COLLECTIONS.invitations).where({ codeHash: codeHash(input.code) }).limit(1).get();
        if (!found.data[0]) throw new AppFailure('INVITATION.INVALID');
        const seen = invitationSchema.parse(found.data[0]);
        const problem = invitationProblem(seen.state, seen.expiresAt, now);
        if (problem) throw new AppFailure(problem);
        // One transaction: the code is spent, the caller's own resident record lets go of the OPENID (the unique
        // index allows one record per OPENID), and the staff record takes it. A second binder finds it spent.
        return db.runTransaction(async (t) => {
          const inv = invitationSchema.parse((await t.collection(COLLECTIONS.invitations).doc(seen._id).get()).data);
          const again = invitationProblem(inv.state, inv.expiresAt, now);
          if (again) throw new AppFailure(again);
          await t.collection(COLLECTIONS.invitations).doc(inv._id).update({ data: { state: 'spent', spentAt: now, updatedAt: now, version: inv.version + 1 } });
          // The OPENID is let go before it is taken: the unique index checks each write in order.
          await t.collection(COLLECTIONS.users).doc(caller.user._id).update({ data: { openid: `retired:${caller.user._id}`, updatedAt: now, version: caller.user.version + 1 } });
          const staff = userSchema.parse((await t.collection(COLLECTIONS.users).doc(inv.userId).get()).data);
          await t.collection(COLLECTIONS.users).doc(staff._id).update({ data: { openid: caller.openid, updatedAt: now, version: staff.version + 1 } });
          return { invitationId: inv._id, staff };
        });
      });
      await ctx.audit(
        { collection: COLLECTIONS.invitations, recordId: bound.invitationId, kind: 'update', from: { state: 'pending' }, to: { state: 'spent', userId: bound.staff._id } },
        { collection: COLLECTIONS.users, recordId: bound.staff._id, kind: 'update', from: { bound: false }, to: { bound: true }, why: '凭邀请码绑定微信' },
        { collection: COLLECTIONS.users, recordId: caller.user._id, kind: 'update', to: { retired: true }, why: '该微信改用工作账号' },
      );
      return { userId: bound.staff._id, name: bound.staff.name, role: bound.staff.role, roleLabel: ROLE_LABELS[bound.staff.role] };
    },
  }),

  /**
   * A resident asks to be linked to their roster person: an exact match of name, ID number and phone goes to that
   * grid's gridworker to confirm; anything else says only that nothing matched (who exists stays unknown).
   */
  requestLink: defineAction({
    roles: ['resident'],
    input: linkClaimSchema.strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      if (caller.user.personId) throw new AppFailure('LINK.ALREADY_LINKED');
      const id = parseIdNumber(input.idNumber, beijingDate(now));
      if (!id.ok) throw new AppFailure(id.error.code, id.error.message);
      const pending = await latestRequest(ctx);
      if (pending?.state === 'pending') return requestView(ctx, pending);
      const person = await limitedAttempt(db, 'link', caller.user._id, now, async () => {
        const found = await db.collection(COLLECTIONS.persons).where({ idNumber: id.data.idNumber }).limit(10).get();
        const match = found.data.map((raw) => personSchema.parse(raw)).find((p) => p.name === input.name && normalizePhone(p.phone) === input.phone);
        if (!match) throw new AppFailure('LINK.NO_MATCH');
        return match;
      });
      const request: LinkRequest = { _id: opaqueId(), residentUserId: caller.user._id, personId: person._id, gridId: person.gridId, villageId: person.villageId, state: 'pending', createdAt: now, updatedAt: now, version: 0 };
      await db.collection(COLLECTIONS.linkRequests).add({ data: request });
      await ctx.audit({ collection: COLLECTIONS.linkRequests, recordId: request._id, kind: 'create', to: { personId: person._id, state: 'pending' } });
      const workers = await db.collection(COLLECTIONS.users).where({ role: 'gridworker', gridIds: person.gridId }).limit(20).get();
      await postMessages(
        db,
        workers.data.map((w) => ({ recipientUserId: String(w._id), type: 'linkRequest', ...MESSAGE_TEXTS.linkRequest({ personName: person.name }), link: 'linkRequests' })),
        now,
      );
      return requestView(ctx, request);
    },
  }),

  /** Whether the caller is linked, and their latest link request. */
  myLink: defineAction({
    roles: ['resident'],
    input: z.object({}).strict(),
    async run(ctx) {
      const { personId } = ctx.caller.user;
      const person = personId ? await readRecord(ctx.db, COLLECTIONS.persons, personId, personSchema) : undefined;
      const request = await latestRequest(ctx);
      return { linked: person !== undefined, personName: person?.name ?? null, request: request ? await requestView(ctx, request) : null };
    },
  }),

  /** A short-lived code the resident shows at a visit; the gridworker enters it on the person's page. */
  linkCode: defineAction({
    roles: ['resident'],
    input: z.object({}).strict(),
    async run(ctx) {
      if (ctx.caller.user.personId) throw new AppFailure('LINK.ALREADY_LINKED');
      const code = newCode(LINK_CODE_LENGTH);
      const expiresAt = ctx.now + LINK_CODE_VALID_MS;
      // Keyed by the code's hash: the gridworker's entry finds it by id, and the code itself is never stored.
      const id = codeHash(code);
      await ctx.db.collection(COLLECTIONS.linkCodes).add({ data: { _id: id, userId: ctx.caller.user._id, expiresAt, createdAt: ctx.now } });
      await ctx.audit({ collection: COLLECTIONS.linkCodes, recordId: id, kind: 'create', to: { expiresAt } });
      return { code, expiresAt };
    },
  }),

  /** The phone number WeChat holds for the caller, from the getPhoneNumber button's one-time code (optional prefill). */
  phoneNumber: defineAction({
    roles: ROLES,
    input: z.object({ code: z.string().min(1).max(128) }).strict(),
    async run(_ctx, input) {
      const phone = await phoneNumberOf(input.code);
      if (!phone) throw new AppFailure('PHONE_NUMBER.FAILED');
      return { phone };
    },
  }),
} satisfies ActionTable;
