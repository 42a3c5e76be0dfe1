// Appraisal records (民主评议): where the town holds a village meeting on disputed cases or terminations, the village
// cadre records it — date, attendees, the cases discussed with the meeting's opinion on each, the minutes photo.
// RULES §6 [L §19]: since the 2021 rules a 民主评议 is no longer a required step; it is one way to handle an objection,
// so nothing in a case's workflow waits for one — the record sits beside the cases it names.
import { z } from 'zod';
import { beijingDate } from './calendar';
import { CASE_KIND_LABELS, CASE_KINDS, dateSchema } from './cases/case-record';
import { err, ok, type Result } from './errors';
import { fileIdSchema, recordIdSchema, requestIdSchema } from './ids';
import { recordMeta } from './records';

export const APPRAISAL_VERDICTS = ['agree', 'disagree', 'recheck'] as const;
export type AppraisalVerdict = (typeof APPRAISAL_VERDICTS)[number];
export const APPRAISAL_VERDICT_LABELS: Record<AppraisalVerdict, string> = { agree: '同意', disagree: '不同意', recheck: '建议重新调查' };

export const APPRAISAL_CASES_MAX = 20;
export const APPRAISAL_MINUTES_MAX = 5;
export const ATTENDEES_MAX = 1000;
export const OPINION_MAX = 200;

export const appraisalInputSchema = z
  .object({
    requestId: requestIdSchema,
    heldOn: dateSchema,
    attendees: z.number().int().min(1, '请填写参会人数').max(ATTENDEES_MAX),
    items: z
      .array(
        z
          .object({
            caseId: recordIdSchema,
            verdict: z.enum(APPRAISAL_VERDICTS),
            opinion: z.string().trim().max(OPINION_MAX).default(''),
          })
          .strict(),
      )
      .min(1, '请至少选择一件评议的办件')
      .max(APPRAISAL_CASES_MAX),
    minutesFileIds: z.array(fileIdSchema).min(1, '请上传会议记录照片').max(APPRAISAL_MINUTES_MAX),
  })
  .strict();
export type AppraisalInput = z.infer<typeof appraisalInputSchema>;

const itemSchema = z.object({
  caseId: z.string(),
  applicantName: z.string(),
  caseKind: z.enum(CASE_KINDS),
  verdict: z.enum(APPRAISAL_VERDICTS),
  opinion: z.string(),
});

export const appraisalRecordSchema = z.object({
  ...recordMeta,
  villageId: z.string(),
  heldOn: z.string(),
  attendees: z.number().int(),
  items: z.array(itemSchema).max(APPRAISAL_CASES_MAX),
  /** The cases discussed, for "the appraisals of this case" (an array field matches any element). */
  caseIds: z.array(z.string()).max(APPRAISAL_CASES_MAX),
  minutesFileIds: z.array(z.string()).max(APPRAISAL_MINUTES_MAX),
  recordedBy: z.string(),
  recordedByName: z.string(),
});
export type AppraisalRecord = z.infer<typeof appraisalRecordSchema>;

export interface AppraisedCase {
  _id: string;
  villageId: string;
  kind: (typeof CASE_KINDS)[number];
  applicantName: string;
}

/**
 * The record of a meeting held in one village: every case discussed must be of that village (a meeting speaks for
 * its own village only), each at most once, and the meeting cannot be in the future.
 */
export function newAppraisal(
  input: AppraisalInput,
  cases: ReadonlyMap<string, AppraisedCase>,
  ctx: { now: number; actor: { userId: string; name: string } },
): Result<Omit<AppraisalRecord, '_id'>> {
  if (input.heldOn > beijingDate(ctx.now)) return err('INPUT.INVALID', '评议日期不能晚于今天');
  const ids = input.items.map((i) => i.caseId);
  if (new Set(ids).size !== ids.length) return err('INPUT.INVALID', '同一件办件只能评议一次');
  const found = ids.map((id) => cases.get(id));
  if (found.some((c) => !c)) return err('RECORD.NOT_FOUND', '评议的办件不存在');
  const villageId = found[0]!.villageId;
  if (found.some((c) => c!.villageId !== villageId)) return err('APPRAISAL.CASE_OUTSIDE_VILLAGE', '一次评议的办件必须都是同一个村的');
  return ok({
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 0,
    villageId,
    heldOn: input.heldOn,
    attendees: input.attendees,
    items: input.items.map((i, n) => ({ caseId: i.caseId, applicantName: found[n]!.applicantName, caseKind: found[n]!.kind, verdict: i.verdict, opinion: i.opinion })),
    caseIds: ids,
    minutesFileIds: input.minutesFileIds,
    recordedBy: ctx.actor.userId,
    recordedByName: ctx.actor.name,
  });
}

/** One line per case, for lists: "张三 · 低保（同意）". */
export function appraisalItemLine(item: Pick<AppraisalRecord['items'][number], 'applicantName' | 'caseKind' | 'verdict'>): string {
  return `${item.applicantName} · ${CASE_KIND_LABELS[item.caseKind]}（${APPRAISAL_VERDICT_LABELS[item.verdict]}）`;
}
