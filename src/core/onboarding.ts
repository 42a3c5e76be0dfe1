// Onboarding by invitation and resident linking (issue 9): codes, their lifetimes and limits, the records.
// Nobody ever types or sees an OPENID: staff bind with a one-time code, residents link by name + ID number + phone.
import { z } from 'zod';
import { mobilePhoneSchema } from './contact';
import { normalizeIdNumber } from './id-number';
import { recordMeta } from './records';

/** An invitation is valid for 72 hours from issue (issue 9: "a one-time code valid 72 hours"). */
export const INVITATION_VALID_MS = 72 * 60 * 60 * 1000;

/** Letters and digits nobody confuses when reading them aloud or off paper (no I, L, O, 0, 1). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 12 characters of 31: about 59 bits, far beyond what rate-limited guessing reaches in 72 hours. */
export const INVITATION_CODE_LENGTH = 12;

/** A resident's link code is shown at a visit and typed by the gridworker: short, and alive only minutes. */
export const LINK_CODE_LENGTH = 8;
export const LINK_CODE_VALID_MS = 10 * 60 * 1000;

/** Failed code or match attempts per caller: at most 5 in 10 minutes, then wait (codes cannot be guessed). */
export const ATTEMPT_LIMIT = 5;
export const ATTEMPT_WINDOW_MS = 10 * 60 * 1000;

/** Upper-cases and drops spaces and dashes, so a code read off paper in groups still matches. */
export function normalizeCode(s: string): string {
  return s.replace(/[\s-]+/g, '').toUpperCase();
}

const codePattern = (length: number) => new RegExp(`^[${CODE_ALPHABET}]{${length}}$`);

export const invitationCodeSchema = z
  .string()
  .max(40)
  .transform(normalizeCode)
  .refine((c) => codePattern(INVITATION_CODE_LENGTH).test(c), { message: `邀请码是${INVITATION_CODE_LENGTH}位字母和数字，请核对` });

export const linkCodeSchema = z
  .string()
  .max(20)
  .transform(normalizeCode)
  .refine((c) => codePattern(LINK_CODE_LENGTH).test(c), { message: `关联码是${LINK_CODE_LENGTH}位字母和数字，请核对` });

/** A code of `length` characters from CODE_ALPHABET, from the caller's random bytes (the core does no I/O). */
export function codeFromBytes(bytes: Uint8Array, length: number): string {
  if (bytes.length < length) throw new Error(`codeFromBytes needs ${length} bytes`);
  // 256 is not a multiple of 31: the slight bias of a modulo costs under a tenth of a bit per character.
  return Array.from(bytes.slice(0, length), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export const INVITATION_STATES = ['pending', 'spent', 'revoked'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];
export const INVITATION_STATE_LABELS: Record<InvitationState | 'expired', string> = {
  pending: '待绑定',
  spent: '已绑定',
  revoked: '已撤销',
  expired: '已过期',
};

/** An invitation keeps only a hash of its code: the code itself is shown once, to the admin who issued it. */
export const invitationSchema = z.object({
  ...recordMeta,
  userId: z.string(),
  codeHash: z.string(),
  state: z.enum(INVITATION_STATES),
  expiresAt: z.number(),
  issuedBy: z.string(),
  /** The mini-program code image (admin-only storage path), while the invitation is pending. */
  qrFileId: z.string().optional(),
  spentAt: z.number().optional(),
  revokedAt: z.number().optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** What the admin's list shows for an invitation as of `now` (an unspent one past its expiry reads 已过期). */
export function invitationStatus(inv: Pick<Invitation, 'state' | 'expiresAt'>, now: number): InvitationState | 'expired' {
  return inv.state === 'pending' && inv.expiresAt <= now ? 'expired' : inv.state;
}

export const LINK_REQUEST_STATES = ['pending', 'confirmed', 'refused'] as const;
export type LinkRequestState = (typeof LINK_REQUEST_STATES)[number];
export const LINK_REQUEST_STATE_LABELS: Record<LinkRequestState, string> = {
  pending: '等待网格员确认',
  confirmed: '已关联',
  refused: '网格员未确认',
};

/** A resident's request to be linked to a roster person, confirmed by that person's gridworker. */
export const linkRequestSchema = z.object({
  ...recordMeta,
  residentUserId: z.string(),
  personId: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  state: z.enum(LINK_REQUEST_STATES),
  decidedBy: z.string().optional(),
  decidedAt: z.number().optional(),
});
export type LinkRequest = z.infer<typeof linkRequestSchema>;

/** What the resident types to find their roster person: all three must match exactly. */
export const linkClaimSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(30),
  idNumber: z.string().max(30).transform(normalizeIdNumber),
  phone: mobilePhoneSchema,
});
export type LinkClaim = z.output<typeof linkClaimSchema>;
