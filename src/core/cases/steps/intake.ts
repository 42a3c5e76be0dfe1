// The intake steps (PRODUCT flows 1–2, RULES §2–4): triage, the resident's answer to a proxy application,
// acceptance, the one missing-materials notice and what is supplied after it, the near-relative flag.
import { err } from '../../errors';
import { CASE_KIND_LABELS, type CaseRecord } from '../case-record';
import { intakeClock, withProcedureClock, withStepClock } from '../case-clocks';
import { notify } from '../effects';
import { startStepClock } from '../limits';
import { checklistFor, CONSENT_LABELS, MATERIALS, missingItems, type Consent } from '../materials';
import { closeCase, missingMessage, type Handlers } from './shared';

type IntakeEvent =
  | 'triage'
  | 'closeWithAnswer'
  | 'confirmByResident'
  | 'refuseByResident'
  | 'recordPaperConfirmation'
  | 'accept'
  | 'requestMissingMaterials'
  | 'materialsSupplied'
  | 'flagNearRelative';

// RULES §17 先行救助: help was recorded before the resident answered; the answer then leaves the paperwork and its
// clock where they are.
const helpedFirst = (c: CaseRecord): boolean => c.state === 'paperwork';

/**
 * PRODUCT flow 2: the town's clock starts at the resident's answer, not at the worker's submission — except that a
 * 急难 help clock running from filing, or the paperwork clock after help given first, keeps running (RULES §17).
 */
function afterAnswer(before: CaseRecord, answered: CaseRecord, ctx: Parameters<typeof intakeClock>[1]): CaseRecord {
  if (helpedFirst(before) || before.clock?.step === 'emergencyHelp') return answered;
  return withStepClock(answered, intakeClock(answered, ctx, ctx.now), ctx.now);
}

/** A proxy application is answered once. */
function alreadyAnswered(c: CaseRecord) {
  return c.proxy?.confirmation.status === 'pending' ? null : err('CASE.ILLEGAL_TRANSITION', '居民已经答复过这件代办申请');
}

export const INTAKE_STEPS: Handlers<IntakeEvent> = {
  triage(c, e, ctx) {
    const triaged: CaseRecord = { ...c, kind: e.kind, state: 'received', materials: checklistFor(e.kind, c.applicant) };
    // RULES §17, §19: the emergency was known when it was reported, so the help clock counts from the report.
    const clock = e.kind === 'temporaryEmergency' ? startStepClock('emergencyHelp', triaged, ctx.settings, c.createdAt) : undefined;
    return { next: withStepClock(triaged, clock, ctx.now), note: `分办为${CASE_KIND_LABELS[e.kind]}${e.note ? `：${e.note}` : ''}` };
  },

  closeWithAnswer(c, e, ctx) {
    return { next: closeCase(c, 'answered', ctx, e.answer), note: e.answer };
  },

  confirmByResident(c, e, ctx) {
    const answered = alreadyAnswered(c);
    if (answered) return answered;
    const consents = { ...c.consents };
    for (const key of e.consents ?? []) consents[key] = { at: ctx.now, byUserId: ctx.actor.userId, method: 'online', fileIds: [] };
    const confirmed: CaseRecord = {
      ...c,
      state: helpedFirst(c) ? c.state : 'received',
      consents,
      proxy: { ...c.proxy!, confirmation: { status: 'confirmed', at: ctx.now, userId: ctx.actor.userId } },
    };
    const next = afterAnswer(c, confirmed, ctx);
    return { next, effects: [notify(next, 'gridworker', 'stateChanged')] };
  },

  refuseByResident(c, e, ctx) {
    const answered = alreadyAnswered(c);
    if (answered) return answered;
    const refused: CaseRecord = {
      ...c,
      proxy: { ...c.proxy!, confirmation: { status: 'refused', at: ctx.now, userId: ctx.actor.userId, reason: e.reason } },
    };
    const next = closeCase(refused, 'refusedByResident', ctx, e.reason);
    return { next, effects: [notify(next, 'gridworker', 'stateChanged')], note: e.reason };
  },

  recordPaperConfirmation(c, e, ctx) {
    const answered = alreadyAnswered(c);
    if (answered) return answered;
    const confirmed: CaseRecord = {
      ...c,
      state: helpedFirst(c) ? c.state : 'received',
      proxy: {
        ...c.proxy!,
        confirmation: { status: 'paperConfirmed', at: ctx.now, byUserId: ctx.actor.userId, photoFileId: e.photoFileId },
      },
    };
    return { next: afterAnswer(c, confirmed, ctx) };
  },

  accept(c, e, ctx) {
    const incomplete = missingMessage(c);
    if (incomplete) return incomplete;
    if (c.kind === 'temporaryExpense') {
      const next: CaseRecord = { ...c, state: 'awaitingTownDecision' };
      return { next: withStepClock(next, startStepClock('townDecision', next, ctx.settings, ctx.now), ctx.now), note: e.note };
    }
    const accepted: CaseRecord = { ...c, state: 'awaitingInvestigation' };
    if (c.kind === 'tekun') {
      return { next: withStepClock(accepted, startStepClock('townInvestigation', accepted, ctx.settings, ctx.now), ctx.now), note: e.note };
    }
    // 低保: RULES §5 investigation starts within 3 wd; RULES §8 the whole procedure runs from acceptance.
    const withStep = withStepClock(accepted, startStepClock('investigationStart', accepted, ctx.settings, ctx.now), ctx.now);
    return { next: withProcedureClock(withStep, startStepClock('procedure', accepted, ctx.settings, ctx.now), ctx.now), note: e.note };
  },

  requestMissingMaterials(c, e, ctx) {
    // RULES §2: one notice listing everything missing — never a second one.
    if (c.missingMaterialsNotice) return err('CASE.MATERIALS_ALREADY_REQUESTED');
    const insufficient = e.insufficient ?? [];
    const unknown = insufficient.filter((key) => !c.materials.some((item) => item.key === key));
    if (unknown.length > 0) return err('INPUT.INVALID', '这些材料不在本申请的清单中', { unknown });
    const materials = c.materials.map((item) => (insufficient.includes(item.key) ? { ...item, provided: false } : item));
    const missing = missingItems({ ...c, materials });
    if (missing.length === 0) return err('CASE.NOTHING_MISSING');
    const notice: NonNullable<CaseRecord['missingMaterialsNotice']> = {
      at: ctx.now,
      byUserId: ctx.actor.userId,
      items: missing.map(({ key, label, type }) => ({ key, label, type })),
    };
    if (e.note !== undefined) notice.note = e.note;
    const next = withStepClock({ ...c, materials, state: 'materialsRequested', missingMaterialsNotice: notice }, undefined, ctx.now);
    return {
      next,
      effects: [notify(next, 'resident', 'missingMaterials'), notify(next, 'gridworker', 'missingMaterials')],
      note: `需补齐：${missing.map((m) => m.label).join('、')}`,
    };
  },

  materialsSupplied(c, e, ctx) {
    const items = e.items ?? [];
    const consentsIn = e.consents ?? [];
    if (items.length === 0 && consentsIn.length === 0) return err('INPUT.INVALID', '请至少补交一项材料');
    const materials = c.materials.slice();
    for (const supplied of items) {
      const at = materials.findIndex((item) => item.key === supplied.key);
      if (at < 0) return err('INPUT.INVALID', '这项材料不在本申请的清单中', { key: supplied.key });
      const item = materials[at]!;
      materials[at] = { ...item, provided: true, fileIds: [...new Set([...item.fileIds, ...supplied.fileIds])] };
    }
    const consents = { ...c.consents };
    for (const given of consentsIn) {
      const fileIds = given.fileIds ?? [];
      // RULES §28: online consent is the person's own act; anyone else brings the signed paper.
      if (fileIds.length === 0 && ctx.actor.role !== 'resident') {
        return err('INPUT.INVALID', '代为提交的同意书需要上传本人签字的照片', { key: given.key });
      }
      const consent: Consent = { at: ctx.now, byUserId: ctx.actor.userId, method: fileIds.length ? 'paper' : 'online', fileIds };
      consents[given.key] = consent;
    }
    const supplied: CaseRecord = { ...c, materials, consents };
    const labels = [...items.map((i) => MATERIALS[i.key].label), ...consentsIn.map((i) => CONSENT_LABELS[i.key])].join('、');
    if (c.state === 'materialsRequested' && missingItems(supplied).length === 0) {
      const back: CaseRecord = { ...supplied, state: 'received', missingMaterialsNotice: { ...c.missingMaterialsNotice!, suppliedAt: ctx.now } };
      // The town looks at the completed file within its acknowledgement limit again.
      return { next: withStepClock(back, intakeClock(back, ctx, ctx.now), ctx.now), note: labels };
    }
    return { next: supplied, note: labels };
  },

  flagNearRelative(c, e, ctx) {
    if (c.nearRelative) return err('CASE.ILLEGAL_TRANSITION', '已经登记过近亲属备案');
    const nearRelative: NonNullable<CaseRecord['nearRelative']> = {
      at: ctx.now,
      byUserId: ctx.actor.userId,
      relativeOf: e.relativeOf,
      relation: e.relation,
    };
    if (e.note !== undefined) nearRelative.note = e.note;
    return { next: { ...c, nearRelative }, note: e.relation };
  },
};
