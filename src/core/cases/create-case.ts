// A new case from each source (PRODUCT flows 1–2): its first state, its first clock, its checklist and consents.
import { z } from 'zod';
import { beijingDate, isMinorOn } from '../calendar';
import { parseIdNumber } from '../id-number';
import { mobilePhoneSchema } from '../contact';
import { err, ok, type Result } from '../errors';
import { fileIdSchema, FILES_PER_ITEM_MAX } from '../ids';
import type { Role } from '../roles';
import {
  APPLICATION_KINDS,
  applicantSchema,
  type Applicant,
  HELP_CATEGORIES,
  locationSchema,
  REPORT_MAX_PHOTOS,
  selfReportTextSchema,
  textSchema,
  URGENCIES,
  type CaseKind,
  type CaseRecord,
} from './case-record';
import type { TransitionContext } from './context';
import { notify, type Effect } from './effects';
import { startStepClock } from './limits';
import { checklistFor, CONSENT_KEYS, MATERIAL_KEYS, type Consents } from './materials';
import { ENTRY_STATES } from './graph';
import { isOpenState } from './states';
import { intakeClock } from './case-clocks';
import { reachable } from './workflow';

// Who the applicant is on the roster (personId, household size) is resolved and scope-checked on the server from the
// caller's records, never taken from the payload; unknown keys (a `minor` sent by the form) are dropped. Only
// someone not on the roster gives their household size (the roster's replaces a given one; issue 15).
// RULES §29: whether a minor comes from the roster's birth date or, for someone not on the roster, the ID number given.
const applicantInputSchema = applicantSchema
  .omit({ personId: true, minor: true })
  .extend({ idNumber: z.string().trim().max(30).optional() });
const photosSchema = z.array(fileIdSchema).max(REPORT_MAX_PHOTOS, `最多上传${REPORT_MAX_PHOTOS}张照片`);
const materialsInputSchema = z.array(z.object({ key: z.enum(MATERIAL_KEYS), fileIds: z.array(fileIdSchema).min(1).max(FILES_PER_ITEM_MAX) })).max(MATERIAL_KEYS.length);

/** 求助: a resident reports hardship in their own words. */
export const selfReportInputSchema = z.object({
  source: z.literal('selfReport'),
  applicant: applicantInputSchema,
  description: selfReportTextSchema,
  helpCategory: z.enum(HELP_CATEGORIES),
  photoFileIds: photosSchema.optional(),
  location: locationSchema.optional(),
  contactPhone: mobilePhoneSchema.optional(),
  // RULES §28: a report carries sensitive information (health, hardship, location): separate consent.
  sensitiveInfoConsent: z.literal(true, { errorMap: () => ({ message: '请先阅读并同意敏感个人信息处理规则' }) }),
});

/** 主动发现: a gridworker or cadre reports a person or household found in hardship. */
export const discoveryInputSchema = z.object({
  source: z.literal('discovery'),
  applicant: applicantInputSchema,
  description: textSchema,
  helpCategory: z.enum(HELP_CATEGORIES),
  urgency: z.enum(URGENCIES),
  photoFileIds: photosSchema.optional(),
  location: locationSchema.optional(),
});

/** 帮办代办: a worker files an application in a resident's name with the signed authorisation (RULES §1, §12). */
export const proxyApplicationInputSchema = z.object({
  source: z.literal('proxy'),
  kind: z.enum(APPLICATION_KINDS),
  applicant: applicantInputSchema,
  authorisationPhotoFileId: fileIdSchema,
  materials: materialsInputSchema.optional(),
  /** Consents the resident signed on paper, photographed. */
  paperConsents: z.array(z.object({ key: z.enum(CONSENT_KEYS), fileIds: z.array(fileIdSchema).min(1).max(FILES_PER_ITEM_MAX) })).max(CONSENT_KEYS.length).optional(),
  note: textSchema.optional(),
});

/**
 * Issue 15: a rostered resident says the roster's household size is out of date. The case keeps the roster's value;
 * the report reaches the gridworker as a major change (RULES §9), who checks and corrects the roster.
 */
export const householdChangeSchema = z.object({
  size: z.number({ invalid_type_error: '请填写现在的家庭人口' }).int().positive().max(50),
  why: textSchema,
});
export type HouseholdChange = z.infer<typeof householdChangeSchema>;

/** A resident applies in the mini-program, consenting online (RULES §1, §3, §28). */
export const directApplicationInputSchema = z.object({
  source: z.literal('direct'),
  kind: z.enum(APPLICATION_KINDS),
  applicant: applicantInputSchema,
  householdChange: householdChangeSchema.optional(),
  materials: materialsInputSchema.optional(),
  // RULES §28: the separate sensitive-information consent comes first; RULES §3 pledge and authorisation with it.
  consents: z.array(z.enum(CONSENT_KEYS)).max(CONSENT_KEYS.length).refine((list) => list.includes('sensitiveInfo'), '请先同意敏感个人信息处理规则'),
});

/** Another agency passes a case to the town; the office triages it like a report. */
export const referralInInputSchema = z.object({
  source: z.literal('referralIn'),
  from: textSchema,
  applicant: applicantInputSchema,
  description: textSchema,
  helpCategory: z.enum(HELP_CATEGORIES),
  urgency: z.enum(URGENCIES),
});

export const newCaseInputSchema = z.discriminatedUnion('source', [
  selfReportInputSchema,
  discoveryInputSchema,
  proxyApplicationInputSchema,
  directApplicationInputSchema,
  referralInInputSchema,
]);
export type NewCaseInput = z.input<typeof newCaseInputSchema>;

/** Who may create a case from each source. */
export const CREATE_ROLES: Readonly<Record<NewCaseInput['source'], readonly Role[]>> = {
  selfReport: ['resident'],
  discovery: ['gridworker', 'cadre'],
  proxy: ['gridworker', 'cadre'],
  direct: ['resident'],
  referralIn: ['officer'],
};

export interface CreateContext extends TransitionContext {
  /** The new record's id (the store's or the caller's). */
  id: string;
  /** The client's request id: a retry with it returns the first record (the caller's lookup). */
  requestId?: string;
  /** Where the case sits, from the caller's records (the household, or the resident's user), never from the payload. */
  placement: { gridId: string; villageId: string; householdId?: string; residentUserId?: string };
  /** The applicant's roster facts, resolved and scope-checked by the caller; they override the form's word. */
  rosterApplicant?: Pick<Applicant, 'personId' | 'name' | 'householdSize' | 'minor'>;
}

/**
 * A new case. Reports (self-report, discovery, referral in) wait for triage with the acknowledgement clock running;
 * a proxy application waits for the resident's confirmation with no clock (急难: with the help clock); a direct application is at the town with
 * its intake clock. Errors: INPUT.INVALID, ROLE.FORBIDDEN.
 */
export function createCase(input: NewCaseInput, ctx: CreateContext): Result<{ record: CaseRecord; effects: Effect[] }> {
  const parsed = newCaseInputSchema.safeParse(input);
  if (!parsed.success) return err('INPUT.INVALID', parsed.error.issues[0]?.message, parsed.error.flatten());
  const { actor, now } = ctx;
  // The ID number only tells whether an unrostered applicant is a minor; it is not kept on the case (RULES §28–29).
  const { idNumber, ...given } = parsed.data.applicant;
  let minor = false;
  if (idNumber && !ctx.rosterApplicant) {
    const id = parseIdNumber(idNumber, beijingDate(now));
    if (!id.ok) return id;
    minor = isMinorOn(id.data.birthDate, beijingDate(now));
  }
  const data = { ...parsed.data, applicant: { ...given, minor, ...ctx.rosterApplicant } };
  if (parsed.data.source === 'direct' && parsed.data.householdChange && !ctx.rosterApplicant) return err('INPUT.INVALID', '还没有登记在册，不能报告家庭人口变化');
  if (!CREATE_ROLES[data.source].includes(actor.role)) return err('ROLE.FORBIDDEN', undefined, { source: data.source, role: actor.role });

  const kind: CaseKind = data.source === 'proxy' || data.source === 'direct' ? data.kind : 'unclassified';
  const materials = checklistFor(kind, data.applicant);
  if (data.source === 'proxy' || data.source === 'direct') {
    for (const supplied of data.materials ?? []) {
      const at = materials.findIndex((item) => item.key === supplied.key);
      if (at < 0) return err('INPUT.INVALID', '这项材料不在本申请的清单中', { key: supplied.key });
      materials[at] = { ...materials[at]!, provided: true, fileIds: supplied.fileIds };
    }
  }
  const consents: Consents = {};
  const online = (key: keyof Consents) => (consents[key] = { at: now, byUserId: actor.userId, method: 'online', fileIds: [] });
  if (data.source === 'selfReport') online('sensitiveInfo');
  if (data.source === 'direct') data.consents.forEach(online);
  if (data.source === 'proxy') {
    for (const { key, fileIds } of data.paperConsents ?? []) consents[key] = { at: now, byUserId: actor.userId, method: 'paper', fileIds };
  }

  const state = ENTRY_STATES[data.source];
  const record: CaseRecord = {
    _id: ctx.id,
    createdAt: now,
    updatedAt: now,
    version: 0,
    kind,
    source: data.source,
    state,
    gridId: ctx.placement.gridId,
    villageId: ctx.placement.villageId,
    applicant: data.applicant,
    createdBy: { userId: actor.userId, role: actor.role },
    clockHistory: [],
    materials,
    consents,
    investigations: [],
    publicNotices: [],
    linkedCaseIds: [],
    timeline: [{ at: now, actorId: actor.userId, actorRole: actor.role, from: null, to: state, event: 'create' }],
  };
  if (ctx.requestId !== undefined) record.requestId = ctx.requestId;
  if (ctx.placement.householdId !== undefined) record.householdId = ctx.placement.householdId;
  // A resident files in their own name; a worker's filing names the resident's user when the caller knows it.
  const residentUserId = actor.role === 'resident' ? actor.userId : ctx.placement.residentUserId;
  if (residentUserId !== undefined) record.residentUserId = residentUserId;

  if (data.source === 'selfReport' || data.source === 'discovery' || data.source === 'referralIn') {
    const report: NonNullable<CaseRecord['report']> = {
      description: data.description,
      helpCategory: data.helpCategory,
      urgency: data.source === 'selfReport' ? 'normal' : data.urgency,
      photoFileIds: data.source === 'referralIn' ? [] : (data.photoFileIds ?? []),
    };
    if (data.source !== 'referralIn' && data.location) report.location = data.location;
    if (data.source === 'selfReport' && data.contactPhone) report.contactPhone = data.contactPhone;
    record.report = report;
    if (data.source === 'referralIn') record.referredFrom = data.from;
    // RULES §27 (local): the town acknowledges a report within the set hours.
    record.clock = startStepClock('acknowledge', record, ctx.settings, now);
  }
  if (data.source === 'proxy') record.proxy = { authorisationPhotoFileId: data.authorisationPhotoFileId, confirmation: { status: 'pending' } };
  // RULES §17, §19: 先行救助 — the help clock of a 急难 application runs from filing, not from the resident's answer.
  if (data.source === 'proxy' && kind === 'temporaryEmergency') record.clock = startStepClock('emergencyHelp', record, ctx.settings, now);
  if (data.source === 'direct') record.clock = intakeClock(record, ctx, now);
  if (data.source === 'proxy' && data.note) record.timeline[0]!.note = data.note;

  const effects: Effect[] = [];
  if (data.source === 'proxy') effects.push(notify(record, 'resident', 'confirmProxy'));
  else if (data.source === 'discovery' && data.urgency === 'urgent') effects.push(notify(record, 'officer', 'urgentReport'));
  else if (data.source !== 'referralIn') effects.push(notify(record, 'officer', 'stateChanged'));
  return ok({ record, effects: reachable(effects) });
}

/**
 * An open case of the same kind for the same household, if any: the caller links the new request to it instead of
 * opening a duplicate (issue 3).
 */
export function findOpenCaseToLink<T extends Pick<CaseRecord, '_id' | 'kind' | 'state' | 'householdId'>>(
  candidates: readonly T[],
  wanted: { kind: CaseKind; householdId?: string },
): T | undefined {
  if (wanted.householdId === undefined || wanted.kind === 'unclassified') return undefined;
  return candidates.find((c) => c.householdId === wanted.householdId && c.kind === wanted.kind && isOpenState(c.state));
}
