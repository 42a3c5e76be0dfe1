// A visit (走访): one visit may cover a whole household, every member answered on the checklist.
// The client sends `visitInputSchema`; the handler checks it against the household (`checkVisitSubmission`) and
// stores a `VisitRecord` built by `buildVisitRecord`. The visitor comes from the caller, never from the payload.
import { z } from 'zod';
import { CLOCK_SKEW_MS } from '../calendar';
import { err, ok, type Result } from '../errors';
import { fileIdSchema, recordIdSchema, requestIdSchema } from '../ids';
import { recordMeta } from '../records';
import { ROLES, type Role } from '../roles';
import { majorChangeKindSchema } from './major-change';

// Issue 4: visit notes up to 500 characters.
export const VISIT_NOTES_MAX = 500;
// Issue 4: photos per visit (WeChat picks at most 9 images at once).
export const VISIT_PHOTOS_MAX = 9;
/** Members one visit can cover (a bound on the payload; households are far smaller). */
export const VISIT_MEMBERS_MAX = 30;
/** A note on one follow-up plan item. */
export const FOLLOW_UP_ITEM_NOTE_MAX = 200;
/** A visit kept on the device (weak network) may be submitted this many days later, no more. */
export const VISIT_BACKDATE_MAX_DAYS = 90;

interface ChecklistItem {
  /** Short label for lists and forms. */
  label: string;
  /** The question the visitor answers for each member. */
  question: string;
  /** The answer that is a problem (an issue for the town). */
  problemWhen: boolean;
  /** Title of the issue it raises. */
  problemTitle: string;
  group: 'policy' | 'risk' | 'wuren' | 'child';
}

// docs/product.md "The records", issue 4: the seed's checklist — every policy delivered; still in hardship despite benefits;
// anyone uncovered but at risk; the six 无人 problems; and (RULES §26) any sign that a child is in danger.
export const VISIT_CHECKLIST = {
  policyDelivered: { label: '政策落实', question: '应享受的各项救助政策是否都已落实到位？', problemWhen: false, problemTitle: '救助政策未落实到位', group: 'policy' },
  stillInHardship: { label: '仍有困难', question: '享受政策后是否仍有生活困难？', problemWhen: true, problemTitle: '享受政策后仍有困难', group: 'risk' },
  uncoveredAtRisk: { label: '未覆盖有风险', question: '是否有未纳入保障但生活有风险的人？', problemWhen: true, problemTitle: '未纳入保障但生活有风险', group: 'risk' },
  // The seed's six 无人 problems, in its own words.
  noGuardian: { label: '无人监护', question: '是否无人监护？', problemWhen: true, problemTitle: '无人监护', group: 'wuren' },
  noCarer: { label: '无人照料', question: '是否无人照料（日常生活没有人照顾）？', problemWhen: true, problemTitle: '无人照料', group: 'wuren' },
  noVisits: { label: '无人巡访', question: '是否无人巡访（长期没有人来探望）？', problemWhen: true, problemTitle: '无人巡访', group: 'wuren' },
  noHomeCheck: { label: '无人入户核查', question: '是否无人入户核查（没有人定期上门查看）？', problemWhen: true, problemTitle: '无人入户核查', group: 'wuren' },
  noBasicService: { label: '无人提供基本服务', question: '是否无人提供基本服务（如送餐、就医、助浴）？', problemWhen: true, problemTitle: '无人提供基本服务', group: 'wuren' },
  doesNotKnowHowToApply: { label: '不知道如何申请救助', question: '是否不知道如何申请救助？', problemWhen: true, problemTitle: '不知道如何申请救助', group: 'wuren' },
  childAtRisk: { label: '儿童安全', question: '儿童是否有被虐待、被遗弃或处于危险的迹象？', problemWhen: true, problemTitle: '儿童有受侵害或危险迹象', group: 'child' },
} as const satisfies Record<string, ChecklistItem>;

export type ChecklistKey = keyof typeof VISIT_CHECKLIST;
export const CHECKLIST_KEYS = Object.keys(VISIT_CHECKLIST) as ChecklistKey[];
/** A member's answers; a question not (yet) answered is absent — nothing is pre-answered (issue 15). */
export type ChecklistAnswers = Partial<Record<ChecklistKey, boolean>>;
/** The heading the six 无人 problems are asked under. */
export const WUREN_HEADING = '“六个无人”情况';

/** The questions asked of a member: the child-at-risk question only of minors (RULES §26). */
export function checklistKeysFor(minor: boolean): ChecklistKey[] {
  return CHECKLIST_KEYS.filter((k) => k !== 'childAtRisk' || minor);
}

/** The first question asked of a seen member and left unanswered, if any. */
export function firstUnanswered(answers: ChecklistAnswers, minor: boolean): ChecklistKey | undefined {
  return checklistKeysFor(minor).find((k) => answers[k] === undefined);
}

/** Whether an answer to a checklist item is a problem. */
export function isProblemAnswer(key: ChecklistKey, answer: boolean): boolean {
  return answer === VISIT_CHECKLIST[key].problemWhen;
}

/** The checklist items answered as problems, in table order (questions not asked raise nothing). */
export function problemKeys(answers: ChecklistAnswers): ChecklistKey[] {
  return CHECKLIST_KEYS.filter((k) => answers[k] !== undefined && isProblemAnswer(k, answers[k]));
}

/** Which member and question is still unanswered, as the form and the server say it. */
export function unansweredText(name: string, key: ChecklistKey): string {
  return `${name}：“${VISIT_CHECKLIST[key].question}”还没有回答`;
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const answerShape = Object.fromEntries(
  CHECKLIST_KEYS.map((k) => [k, z.boolean({ invalid_type_error: `请回答：${VISIT_CHECKLIST[k].question}` }).optional()]),
) as Record<ChecklistKey, z.ZodOptional<z.ZodBoolean>>;

// Issue 15: a member seen is asked every question (the child-at-risk one only of minors, checked against the
// household in `checkVisitSubmission`); a member marked 没见到本人 is asked none.
export const memberAnswersSchema = z
  .object({
    personId: recordIdSchema,
    /** 没见到本人: the member was not met, so no question was asked. */
    notSeen: z.literal(true).optional(),
    ...answerShape,
    // RULES §25: a major change seen on the visit.
    majorChange: majorChangeKindSchema.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.notSeen) {
      if (CHECKLIST_KEYS.some((k) => m[k] !== undefined)) ctx.addIssue({ code: 'custom', message: '没见到本人的成员不填写问题' });
      return;
    }
    const missing = firstUnanswered(m, false);
    if (missing) ctx.addIssue({ code: 'custom', path: [missing], message: `有问题没有回答：${VISIT_CHECKLIST[missing].question}` });
  });
export type MemberAnswers = z.infer<typeof memberAnswersSchema>;

export const visitLocationSchema = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    /** Metres. */
    accuracy: z.number().nonnegative().max(100_000).optional(),
  })
  .strict();
export type VisitLocation = z.infer<typeof visitLocationSchema>;

export const followUpCheckSchema = z
  .object({
    planId: recordIdSchema,
    items: z
      .array(
        z
          .object({
            itemId: recordIdSchema,
            ok: z.boolean(),
            note: z.string().trim().max(FOLLOW_UP_ITEM_NOTE_MAX, `说明不能超过${FOLLOW_UP_ITEM_NOTE_MAX}字`).optional(),
          })
          .strict(),
      )
      .max(50),
  })
  .strict();
export type FollowUpCheck = z.infer<typeof followUpCheckSchema>;

const unique = <T>(values: readonly T[]) => new Set(values).size === values.length;

/** What the client submits for one visit. */
export const visitInputSchema = z
  .object({
    requestId: requestIdSchema,
    householdId: recordIdSchema,
    visitedAt: z.number().int().positive(),
    members: z
      .array(memberAnswersSchema)
      .min(1, '至少选择一名走访对象')
      .max(VISIT_MEMBERS_MAX)
      .refine((ms) => unique(ms.map((m) => m.personId)), '同一成员不能重复填写'),
    notes: z.string().trim().max(VISIT_NOTES_MAX, `备注不能超过${VISIT_NOTES_MAX}字`).default(''),
    photos: z
      .array(fileIdSchema)
      .max(VISIT_PHOTOS_MAX, `照片最多${VISIT_PHOTOS_MAX}张`)
      .refine(unique, '照片重复')
      .default([]),
    location: visitLocationSchema.optional(),
    /** Present when this is a follow-up visit (跟踪帮扶) under a plan. */
    followUp: followUpCheckSchema.optional(),
  })
  .strict();
export type VisitInput = z.output<typeof visitInputSchema>;

/** The stored visit. */
export const visitRecordSchema = z.object({
  ...recordMeta,
  requestId: z.string(),
  householdId: z.string(),
  gridId: z.string(),
  villageId: z.string(),
  visitorId: z.string(),
  visitorName: z.string(),
  visitorRole: z.enum(ROLES),
  visitedAt: z.number(),
  /** When the server received it (a visit kept on the device arrives later). */
  receivedAt: z.number(),
  members: z.array(memberAnswersSchema),
  notes: z.string(),
  photos: z.array(z.string()),
  location: visitLocationSchema.optional(),
  followUp: followUpCheckSchema.optional(),
});
export type VisitRecord = z.infer<typeof visitRecordSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Checks the schema cannot make alone

export interface VisitCheckContext {
  now: number;
  /** Persons of the household, as stored. */
  householdPersonIds: readonly string[];
  /** Those of them who are minors today (asked the child-at-risk question). */
  minorPersonIds: readonly string[];
  /** Names for the message naming an unanswered question. */
  names: Readonly<Record<string, string>>;
}

/** Visit time not in the future (allowing clock skew) nor older than the back-date limit; members of this household. */
export function checkVisitSubmission(input: VisitInput, ctx: VisitCheckContext): Result<VisitInput> {
  if (input.visitedAt > ctx.now + CLOCK_SKEW_MS) return err('VISIT.TIME_INVALID', '走访时间不能晚于现在，请检查手机时间');
  if (input.visitedAt < ctx.now - VISIT_BACKDATE_MAX_DAYS * 86_400_000) {
    return err('VISIT.TIME_INVALID', `走访时间不能早于${VISIT_BACKDATE_MAX_DAYS}天前`);
  }
  const members = new Set(ctx.householdPersonIds);
  const strangers = input.members.map((m) => m.personId).filter((id) => !members.has(id));
  if (strangers.length > 0) return err('VISIT.MEMBER_NOT_IN_HOUSEHOLD', undefined, { personIds: strangers });
  // Issue 15, RULES §26: every question asked of a member seen is answered, the child-at-risk one for each minor.
  const minors = new Set(ctx.minorPersonIds);
  for (const m of input.members) {
    const missing = m.notSeen ? undefined : firstUnanswered(m, minors.has(m.personId));
    if (missing) return err('VISIT.UNANSWERED', unansweredText(ctx.names[m.personId] ?? '成员', missing));
  }
  return ok(input);
}

export interface VisitBuildContext {
  /** The new record's id (e.g. derived from the request id). */
  id: string;
  visitor: { _id: string; name: string; role: Role };
  household: { gridId: string; villageId: string };
  now: number;
}

/** The record to insert, from a checked input. */
export function buildVisitRecord(input: VisitInput, ctx: VisitBuildContext): VisitRecord {
  const record: VisitRecord = {
    _id: ctx.id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 0,
    requestId: input.requestId,
    householdId: input.householdId,
    gridId: ctx.household.gridId,
    villageId: ctx.household.villageId,
    visitorId: ctx.visitor._id,
    visitorName: ctx.visitor.name,
    visitorRole: ctx.visitor.role,
    visitedAt: input.visitedAt,
    receivedAt: ctx.now,
    members: input.members,
    notes: input.notes,
    photos: input.photos,
  };
  if (input.location) record.location = input.location;
  if (input.followUp) record.followUp = input.followUp;
  return record;
}
