// Staff join by invitation (issue 9): the admin issues a one-time code, valid 72 hours, shown as text and as a
// mini-program code; whoever opens it binds their WeChat to the staff record once (session.bindStaff). Only a hash
// of the code is stored. Re-inviting revokes the old binding at once: the old WeChat is a plain resident again.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import {
  INVITATION_CODE_LENGTH,
  INVITATION_STATE_LABELS,
  INVITATION_VALID_MS,
  invitationSchema,
  invitationStatus,
  type Invitation,
} from '../../../src/core/onboarding';
import { userSchema, type User } from '../../../src/core/records';
import { ROLE_LABELS } from '../../../src/core/roles';
import { recordIdSchema } from '../../../src/core/ids';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { codeHash, newCode } from '../../platform/codes';
import { COLLECTIONS } from '../../platform/collections';
import { opaqueId } from '../../platform/identity';
import { readRecord, recordsByIds, updateVersioned } from '../../platform/store';
import { miniProgramCode, storeAdminImage, temporaryUrls } from '../../platform/wechat-openapi';

/**
 * A staff record waiting for its WeChat: the unique `openid` index (which counts a missing field as one shared
 * null, docs/platform-notes.md) needs a value of its own, and no real OPENID has a colon.
 */
export function unboundOpenid(userId: string): string {
  return `pending:${userId}`;
}

export function isBound(user: Pick<User, 'openid'>): boolean {
  return !user.openid.includes(':');
}

/** Pending invitations of a user end (revoked), audited. */
async function revokePending(ctx: ActionContext, userId: string, why: string): Promise<number> {
  const found = await ctx.db.collection(COLLECTIONS.invitations).where({ userId, state: 'pending' }).limit(20).get();
  for (const raw of found.data) {
    const inv = invitationSchema.parse(raw);
    await updateVersioned(ctx.db, COLLECTIONS.invitations, invitationSchema, inv._id, inv.version, { state: 'revoked', revokedAt: ctx.now }, ctx.now);
    await ctx.audit({ collection: COLLECTIONS.invitations, recordId: inv._id, kind: 'update', from: { state: 'pending' }, to: { state: 'revoked' }, why });
  }
  return found.data.length;
}

/** The QR image; the text code still works when WeChat refuses it (e.g. the cloud-call permission not yet applied). */
async function qrFor(invitationId: string, code: string): Promise<string | undefined> {
  try {
    return await storeAdminImage(`admin/invitations/${invitationId}.png`, await miniProgramCode(code));
  } catch (thrown) {
    console.warn('[admin.invite] no mini-program code:', thrown);
    return undefined;
  }
}

export interface IssuedInvitation {
  invitationId: string;
  /** Shown once, to the admin who issued it; only its hash is stored. */
  code: string;
  expiresAt: number;
  qrUrl: string | null;
}

/** A new invitation for `user` (earlier pending ones are revoked), audited without the code. */
export async function issueInvitation(ctx: ActionContext, user: User): Promise<IssuedInvitation> {
  await revokePending(ctx, user._id, '重新邀请，旧邀请码作废');
  const code = newCode(INVITATION_CODE_LENGTH);
  const invitationId = opaqueId();
  const qrFileId = await qrFor(invitationId, code);
  const record: Invitation = {
    _id: invitationId,
    userId: user._id,
    codeHash: codeHash(code),
    state: 'pending',
    expiresAt: ctx.now + INVITATION_VALID_MS,
    issuedBy: ctx.caller.user._id,
    ...(qrFileId ? { qrFileId } : {}),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 0,
  };
  await ctx.db.collection(COLLECTIONS.invitations).add({ data: record });
  await ctx.audit({ collection: COLLECTIONS.invitations, recordId: invitationId, kind: 'create', to: { userId: user._id, expiresAt: record.expiresAt } });
  return { invitationId, code, expiresAt: record.expiresAt, qrUrl: qrFileId ? ((await temporaryUrls([qrFileId])).get(qrFileId) ?? null) : null };
}

const STAFF = ['gridworker', 'cadre', 'officer', 'admin'] as const;

export const invitationActions = {
  /**
   * (Re-)invites a staff member: a new code; a WeChat bound to the record is signed out at once (it maps to the
   * record no more), and earlier codes stop working. For a new phone or a new WeChat.
   */
  invite: defineAction({
    roles: ['admin'],
    input: z.object({ userId: recordIdSchema, version: z.number().int().nonnegative() }).strict(),
    async run(ctx, input) {
      const user = await readRecord(ctx.db, COLLECTIONS.users, input.userId, userSchema);
      if (!(STAFF as readonly string[]).includes(user.role)) throw new AppFailure('INPUT.INVALID', '只能邀请工作人员');
      if (user._id === ctx.caller.user._id) throw new AppFailure('INPUT.INVALID', '不能重新邀请自己（会让自己退出登录）');
      let current = user;
      if (isBound(user)) {
        current = await updateVersioned(ctx.db, COLLECTIONS.users, userSchema, user._id, input.version, { openid: unboundOpenid(user._id) }, ctx.now);
        await ctx.audit({ collection: COLLECTIONS.users, recordId: user._id, kind: 'update', from: { bound: true }, to: { bound: false }, why: '重新邀请，原微信解除绑定' });
        // Subscription credits are the old WeChat's (WeChat grants them per OPENID): nothing more goes to it.
        const dropped = await ctx.db.collection(COLLECTIONS.subscriptions).where({ userId: user._id }).remove();
        if (dropped.stats.removed > 0) await ctx.audit({ collection: COLLECTIONS.subscriptions, recordId: user._id, kind: 'delete', why: '重新邀请，原微信的消息订阅作废' });
      } else if (user.version !== input.version) {
        throw new AppFailure('RECORD.CONFLICT', undefined, { collection: COLLECTIONS.users, current: { _id: user._id, version: user.version } });
      }
      return { userId: current._id, version: current.version, ...(await issueInvitation(ctx, current)) };
    },
  }),

  /** Invitations still waiting to be used (and the ones that ran out unused), newest first. */
  invitations: defineAction({
    roles: ['admin'],
    input: z.object({}).strict(),
    async run(ctx) {
      const found = await ctx.db.collection(COLLECTIONS.invitations).where({ state: 'pending' }).orderBy('createdAt', 'desc').limit(100).get();
      const invitations = found.data.map((raw) => invitationSchema.parse(raw));
      const users = await recordsByIds(ctx.db, COLLECTIONS.users, invitations.map((i) => i.userId), (raw) => userSchema.parse(raw));
      const live = invitations.filter((i) => invitationStatus(i, ctx.now) === 'pending');
      const qrUrls = await temporaryUrls(live.flatMap((i) => (i.qrFileId ? [i.qrFileId] : [])));
      const items = invitations.map((inv) => {
        const user = users.get(inv.userId);
        const status = invitationStatus(inv, ctx.now);
        return {
          invitationId: inv._id,
          version: inv.version,
          userId: inv.userId,
          name: user?.name ?? '',
          roleLabel: user ? ROLE_LABELS[user.role] : '',
          expiresAt: inv.expiresAt,
          status,
          statusLabel: INVITATION_STATE_LABELS[status],
          qrUrl: inv.qrFileId && status === 'pending' ? (qrUrls.get(inv.qrFileId) ?? null) : null,
        };
      });
      return { items };
    },
  }),

  /** Withdraws an invitation before it is used: its code binds nothing from now on. */
  revokeInvitation: defineAction({
    roles: ['admin'],
    input: z.object({ invitationId: recordIdSchema, version: z.number().int().nonnegative() }).strict(),
    async run(ctx, input) {
      const inv = await readRecord(ctx.db, COLLECTIONS.invitations, input.invitationId, invitationSchema);
      if (inv.state !== 'pending') throw new AppFailure('INPUT.INVALID', `这个邀请${INVITATION_STATE_LABELS[inv.state]}，不能撤销`);
      const updated = await updateVersioned(ctx.db, COLLECTIONS.invitations, invitationSchema, inv._id, input.version, { state: 'revoked', revokedAt: ctx.now }, ctx.now);
      await ctx.audit({ collection: COLLECTIONS.invitations, recordId: inv._id, kind: 'update', from: { state: 'pending' }, to: { state: 'revoked' }, why: '管理员撤销邀请' });
      return { invitationId: updated._id, state: updated.state };
    },
  }),
} satisfies ActionTable;
