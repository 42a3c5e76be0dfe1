// The stored records, parsed by these schemas wherever they are read from the schemaless store.
import { z } from 'zod';
import { categorySchema, riskTierSchema } from './categories';
import { ROLES } from './roles';
import { majorChangeKindSchema } from './visits/major-change';
import { householdMonitoringSchema } from './monitoring/facts';

/** Fields every record carries (docs/architecture.md, "Things every write does"). Times are epoch milliseconds. */
export const recordMeta = {
  _id: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int().nonnegative(),
};

/** 残疾等级: grade 1 (most severe) to 4. */
export const disabilityGradeSchema = z.number().int().min(1).max(4);

export const villageSchema = z.object({ ...recordMeta, name: z.string(), code: z.string() });
export type Village = z.infer<typeof villageSchema>;

export const gridSchema = z.object({
  ...recordMeta,
  name: z.string(),
  code: z.string(),
  villageId: z.string(),
});
export type Grid = z.infer<typeof gridSchema>;

export const userSchema = z.object({
  ...recordMeta,
  openid: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  phone: z.string().optional(),
  gridIds: z.array(z.string()),
  villageIds: z.array(z.string()),
  /** A resident's own person record, when known. */
  personId: z.string().optional(),
});
export type User = z.infer<typeof userSchema>;

export const householdSchema = z.object({
  ...recordMeta,
  gridId: z.string(),
  villageId: z.string(),
  address: z.string(),
  headName: z.string(),
  phone: z.string(),
  size: z.number().int().positive(),
  keyHousehold: z.boolean(),
  floating: z.boolean(),
  notes: z.string(),
  /** Low-income monitoring facts (RULES §9, §22, §23), when the town records them. */
  monitoring: householdMonitoringSchema.optional(),
  /** When the warning sweep next looks at this household (epoch ms); set only on monitored households, indexed. */
  monitorCheckAt: z.number().optional(),
});
export type Household = z.infer<typeof householdSchema>;

export const personSchema = z.object({
  ...recordMeta,
  householdId: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  relation: z.string(),
  categories: z.array(categorySchema),
  riskTier: riskTierSchema,
  keyHousehold: z.boolean(),
  floating: z.boolean(),
  disabilityGrade: disabilityGradeSchema.optional(),
  notes: z.string(),
  // Visit schedule (RULES §25). Optional so records written before the schedule existed stay valid.
  /** 特困 cared for in an institution (集中供养). */
  centralisedCare: z.boolean().optional(),
  /** The household's follow-up plan frequency (跟踪帮扶), while it has an active plan. */
  followUpIntervalDays: z.number().int().positive().optional(),
  /** Major changes recorded for the person, and when they became known (epoch ms). */
  majorChanges: z.array(z.object({ kind: majorChangeKindSchema, at: z.number() })).optional(),
  lastVisitAt: z.number().nullable().optional(),
  /** When the next visit is due (epoch ms), kept by every write that changes the schedule; indexed per grid. */
  nextVisitDue: z.number().optional(),
  /** Last 4 characters of the ID number and of the phone, for search by tail (indexed). */
  idTail: z.string().optional(),
  phoneTail: z.string().optional(),
  // Verification (issue 12, RULES §9, §11–12): the legal supporters (赡养/抚养/扶养义务人) a campaign lists beside the
  // person, whether the household's income is irregular (re-checked every 6 months), and the last re-check.
  supporters: z.array(z.object({ name: z.string().max(40), idNumber: z.string().max(18), relation: z.string().max(20) })).max(10).optional(),
  irregularIncome: z.boolean().optional(),
  lastRecheckAt: z.number().optional(),
});
export type Person = z.infer<typeof personSchema>;

export const auditSchema = z.object({
  _id: z.string(),
  at: z.number(),
  actorId: z.string(),
  actorRole: z.enum(ROLES),
  fn: z.string(),
  action: z.string(),
  collection: z.string(),
  recordId: z.string(),
  kind: z.enum(['view', 'create', 'update', 'transition', 'delete']),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
  why: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditSchema>;

export const AUDIT_KIND_LABELS: Readonly<Record<AuditEntry['kind'], string>> = { view: '查看', create: '创建', transition: '办理', update: '修改', delete: '删除' };

/** An in-app message: the message centre holds every notice, so nothing depends on WeChat delivery alone. */
export const messageSchema = z.object({
  _id: z.string(),
  recipientUserId: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  /** What tapping it opens, e.g. `case:<id>`. */
  link: z.string(),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});
export type Message = z.infer<typeof messageSchema>;
