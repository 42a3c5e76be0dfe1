// What an application must carry, per kind: documents (photos) and consents (signed online or on paper).
// RULES §2: never ask for what a government platform already holds — such items are listed with
// `platformHeld: true`, are never required, and the town checks them itself.
import { z } from 'zod';
import type { CaseKind, CaseRecord } from './case-record';

export const MATERIAL_KEYS = [
  'idAndHukou',
  'incomeStatement',
  'assetsStatement',
  'disabilityCertificate',
  'illnessProof',
  'supporterDataCheckAuthorisation',
  'expenseProof',
  'emergencyProof',
] as const;
export type MaterialKey = (typeof MATERIAL_KEYS)[number];

export interface MaterialDefinition {
  label: string;
  /** RULES §2: a government platform holds it; the applicant is never asked for it. */
  platformHeld: boolean;
  /** Where the town looks it up when `platformHeld`. */
  platform?: string;
}

export const MATERIALS: Readonly<Record<MaterialKey, MaterialDefinition>> = {
  // RULES §1–2: identity and household registration are on the public-security population platform.
  idAndHukou: { label: '身份证、户口簿', platformHeld: true, platform: '公安人口信息共享平台' },
  // RULES §3: the applicant submits the family's income and assets.
  incomeStatement: { label: '家庭收入情况说明', platformHeld: false },
  // RULES §3
  assetsStatement: { label: '家庭财产状况申报', platformHeld: false },
  // RULES §2, §11: disability grade is on the national disabled-persons platform (残疾人证信息).
  disabilityCertificate: { label: '残疾人证', platformHeld: true, platform: '全国残疾人人口基础数据库' },
  // RULES §3, §11: serious illness where it bears on the application.
  illnessProof: { label: '疾病诊断证明或病历', platformHeld: false },
  // RULES §12: for 特困 the legal supporters sign the data-check authorisation too.
  supporterDataCheckAuthorisation: { label: '法定赡养、抚养、扶养义务人签字的核对授权书', platformHeld: false },
  // RULES §18: 支出型 — the essential spending beyond what the family can bear.
  expenseProof: { label: '医疗、教育等刚性支出票据', platformHeld: false },
  // RULES §17: 急难型 — what happened (accident, sudden serious illness, disaster).
  emergencyProof: { label: '事故、疾病或灾害等急难情况证明', platformHeld: false },
};

export const CONSENT_KEYS = ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] as const;
export type ConsentKey = (typeof CONSENT_KEYS)[number];

export const CONSENT_LABELS: Readonly<Record<ConsentKey, string>> = {
  // RULES §3
  truthPledge: '如实申报承诺书',
  // RULES §3, §12: signed by the applicant.
  dataCheckAuthorisation: '家庭经济状况核对授权书',
  // RULES §28: separate consent for sensitive personal information.
  sensitiveInfo: '敏感个人信息处理单独同意书',
};

// RULES §3, §28: what each consent means, in the applicant's words (the application form's checkboxes).
export const CONSENT_STATEMENTS: Readonly<Record<ConsentKey, string>> = {
  truthPledge: '我承诺填写和提交的家庭情况真实、完整，如有隐瞒愿承担责任',
  dataCheckAuthorisation: '我授权民政部门核对我家庭成员的收入、财产等经济状况',
  sensitiveInfo: '我单独同意为办理本次申请，处理我和家人的健康、残疾、收入、财产等敏感个人信息',
};

/** One document of a case's checklist (stored on the case). */
export const materialItemSchema = z.object({
  key: z.enum(MATERIAL_KEYS),
  label: z.string(),
  required: z.boolean(),
  platformHeld: z.boolean(),
  provided: z.boolean(),
  fileIds: z.array(z.string()),
});
export type MaterialItem = z.infer<typeof materialItemSchema>;

/** A consent given in the mini-program by the person themselves (`online`) or signed on paper and photographed. */
export const consentSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  method: z.enum(['online', 'paper']),
  fileIds: z.array(z.string()),
});
export type Consent = z.infer<typeof consentSchema>;

export const consentsSchema = z.object({
  truthPledge: consentSchema.optional(),
  dataCheckAuthorisation: consentSchema.optional(),
  sensitiveInfo: consentSchema.optional(),
});
export type Consents = z.infer<typeof consentsSchema>;

/** Facts about the applicant that make an item relevant ("where relevant"). */
export interface ChecklistFacts {
  disabled?: boolean;
  seriousIllness?: boolean;
  hasLegalSupporters?: boolean;
}

const relevant = (key: MaterialKey, when: boolean | undefined): MaterialKey[] => (when ? [key] : []);

/** The family economic file (RULES §1–3), with proofs of disability or illness where they apply. */
function familyFile(facts: ChecklistFacts): MaterialKey[] {
  return [
    'idAndHukou',
    'incomeStatement',
    'assetsStatement',
    ...relevant('disabilityCertificate', facts.disabled),
    ...relevant('illnessProof', facts.seriousIllness),
  ];
}

function documentsFor(kind: CaseKind, facts: ChecklistFacts): MaterialKey[] {
  switch (kind) {
    case 'dibao': // RULES §1–3
      return familyFile(facts);
    case 'tekun': // RULES §11–12: the legal supporters sign the data-check authorisation too
      return [...familyFile(facts), ...relevant('supporterDataCheckAuthorisation', facts.hasLegalSupporters)];
    case 'temporaryExpense': // RULES §18
      return ['idAndHukou', 'incomeStatement', 'expenseProof'];
    case 'temporaryEmergency': // RULES §17: checks simplified, help first
      return ['idAndHukou', 'emergencyProof'];
    default: // RULES §20: referrals carry no application file here; unclassified reports none yet
      return [];
  }
}

/** The consents a kind requires. */
export function consentsRequiredFor(kind: CaseKind): ConsentKey[] {
  switch (kind) {
    case 'dibao':
    case 'tekun':
    case 'temporaryExpense':
      return ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo']; // RULES §3, §12, §28
    case 'temporaryEmergency':
      return ['truthPledge', 'sensitiveInfo']; // RULES §17 (no data check before the help), §28
    default:
      return [];
  }
}

/** The document checklist of a new case of `kind`, nothing provided yet. */
export function checklistFor(kind: CaseKind, facts: ChecklistFacts = {}): MaterialItem[] {
  return documentsFor(kind, facts).map((key) => ({
    key,
    label: MATERIALS[key].label,
    required: !MATERIALS[key].platformHeld,
    platformHeld: MATERIALS[key].platformHeld,
    provided: false,
    fileIds: [],
  }));
}

export interface MissingItem {
  key: MaterialKey | ConsentKey;
  label: string;
  type: 'document' | 'consent';
}

/** Everything the case still lacks: required documents not provided, then required consents not given. */
export function missingItems(c: Pick<CaseRecord, 'kind' | 'materials' | 'consents'>): MissingItem[] {
  const documents: MissingItem[] = c.materials
    .filter((item) => item.required && !item.provided)
    .map((item) => ({ key: item.key, label: item.label, type: 'document' }));
  const consents: MissingItem[] = consentsRequiredFor(c.kind)
    .filter((key) => !c.consents[key])
    .map((key) => ({ key, label: CONSENT_LABELS[key], type: 'consent' }));
  return [...documents, ...consents];
}
