// 特困 self-care assessment (生活自理能力评估): six daily activities, each met or not.
import { z } from 'zod';

// RULES §15: the six items assessed.
export const SELF_CARE_ITEMS = ['eating', 'dressing', 'bedTransfer', 'toileting', 'walkingIndoors', 'bathing'] as const;
export type SelfCareItem = (typeof SELF_CARE_ITEMS)[number];

export const SELF_CARE_ITEM_LABELS: Record<SelfCareItem, string> = {
  eating: '自主吃饭',
  dressing: '自主穿衣',
  bedTransfer: '自主上下床',
  toileting: '自主如厕',
  walkingIndoors: '室内自主行走',
  bathing: '自主洗澡',
};

export const SELF_CARE_CLASSES = ['selfCare', 'partialLoss', 'fullLoss'] as const;
export type SelfCareClass = (typeof SELF_CARE_CLASSES)[number];

export const SELF_CARE_CLASS_LABELS: Record<SelfCareClass, string> = {
  selfCare: '具备生活自理能力',
  partialLoss: '部分丧失生活自理能力',
  fullLoss: '完全丧失生活自理能力',
};

// RULES §15: 4 or more of the six failed = full loss (1–3 failed = partial loss, none = self-care).
export const SELF_CARE_FULL_LOSS_MIN_FAILED = 4;

/** Item → true when the person manages it on their own. */
export const selfCareAnswersSchema = z.object(
  Object.fromEntries(SELF_CARE_ITEMS.map((item) => [item, z.boolean()])) as Record<SelfCareItem, z.ZodBoolean>,
);
export type SelfCareAnswers = z.infer<typeof selfCareAnswersSchema>;

export function classifySelfCare(answers: SelfCareAnswers): { failed: SelfCareItem[]; classification: SelfCareClass } {
  const failed = SELF_CARE_ITEMS.filter((item) => !answers[item]);
  const classification: SelfCareClass =
    failed.length === 0 ? 'selfCare' : failed.length >= SELF_CARE_FULL_LOSS_MIN_FAILED ? 'fullLoss' : 'partialLoss';
  return { failed, classification };
}

/** The assessment as stored on a 特困 case. */
export const selfCareAssessmentSchema = z.object({
  at: z.number(),
  byUserId: z.string(),
  answers: selfCareAnswersSchema,
  failed: z.array(z.enum(SELF_CARE_ITEMS)),
  classification: z.enum(SELF_CARE_CLASSES),
});
export type SelfCareAssessment = z.infer<typeof selfCareAssessmentSchema>;
