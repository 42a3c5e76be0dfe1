// The village notice board (村务公示, RULES §6, §10, §13, §29): the cadre posts the village's 低保 / 特困 first-review
// opinions for 7 days in one notice; each posted case enters its publicNotice state with the notice's own dates, so
// the case clock and the board agree. Residents of the village read it and may object to an entry while it runs.
import { z } from 'zod';
import { addDays, beijingDate } from '../calendar';
import { charCount, formatYuan } from '../text';
import { recordIdSchema, requestIdSchema } from '../ids';
import { CASE_KIND_LABELS, type CaseKind, type CaseRecord } from './case-record';
import { PUBLIC_NOTICE_DAYS } from './limits';
import { publicNoticeView } from './public-notice';

/** RULES §6, §13: the kinds whose first-review opinion is posted in the village. */
export const NOTICE_BOARD_KINDS = ['dibao', 'tekun'] as const satisfies readonly CaseKind[];
/** Entries of one notice: a village's reviewed cases at one time; an input-size guard, not a rule. */
export const NOTICE_ENTRIES_MAX = 100;
/** The limit on an objection's text (characters). */
export const OBJECTION_TEXT_MAX = 150;
/** Abuse limit (local, not a statute): objections one account may file against one notice. */
export const OBJECTIONS_PER_FILER_MAX = 5;
export const OBJECTION_ANSWER_MAX = 300;

/** RULES §6, §13: posted on the day, for 7 days; `endsOn` is the first day it may be taken down. */
export function noticePeriod(now: number): { startDate: string; endsOn: string } {
  const startDate = beijingDate(now);
  return { startDate, endsOn: addDays(startDate, PUBLIC_NOTICE_DAYS) };
}

/** While the notice runs (RULES §6): from its first day to the day before `endsOn`. */
export function noticeRunning(n: { startDate: string; endsOn: string }, now: number): boolean {
  const today = beijingDate(now);
  return n.startDate <= today && today < n.endsOn;
}

/**
 * A case the board posts: a 低保 / 特困 case with a favourable first-review opinion waiting to be posted. `minor` is the
 * server's own finding from the roster (RULES §29: minors are never posted, whatever the kind).
 */
export function readyForBoard(c: Pick<CaseRecord, 'kind' | 'state' | 'firstReview'>, minor: boolean): boolean {
  return (NOTICE_BOARD_KINDS as readonly CaseKind[]).includes(c.kind) && c.state === 'reviewed' && c.firstReview?.opinion === 'approve' && !minor;
}

// RULES §10, §29: name, household size and amount — nothing else.
export const noticeEntrySchema = z.object({
  caseId: z.string().max(64),
  kind: z.enum(NOTICE_BOARD_KINDS),
  applicantName: z.string().max(50),
  householdSize: z.number().int().positive().max(50).nullable(),
  amountYuan: z.number().nullable(),
});
export type NoticeEntry = z.infer<typeof noticeEntrySchema>;

/** One line of a notice as shown: the kind and the two numbers RULES §10 allows beside the name. */
export function noticeEntryLine(e: Pick<NoticeEntry, 'kind' | 'householdSize' | 'amountYuan'>): string {
  const amount = e.amountYuan === null ? '金额待定' : `每月${formatYuan(e.amountYuan)}`;
  return `${CASE_KIND_LABELS[e.kind]} · 家庭人口${e.householdSize ?? '—'}人 · ${amount}`;
}

export function noticeEntry(c: CaseRecord): NoticeEntry | null {
  const view = publicNoticeView(c);
  if (!view || !(NOTICE_BOARD_KINDS as readonly CaseKind[]).includes(c.kind)) return null;
  return { caseId: c._id, kind: c.kind as NoticeEntry['kind'], ...view };
}

export const noticeBoardSchema = z.object({
  _id: z.string().max(64),
  villageId: z.string().max(64),
  startDate: z.string().max(10),
  endsOn: z.string().max(10),
  publishedAt: z.number(),
  publishedBy: z.string().max(64),
  requestId: z.string().max(64),
  entries: z.array(noticeEntrySchema).max(NOTICE_ENTRIES_MAX),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int().nonnegative(),
});
export type NoticeBoard = z.infer<typeof noticeBoardSchema>;

/** What anyone sees of a notice (the shared link included): its village, dates and entries — no ids of anything else. */
export function publicBoardView(b: NoticeBoard, villageName: string, now: number) {
  return {
    noticeId: b._id,
    villageName,
    startDate: b.startDate,
    endsOn: b.endsOn,
    running: noticeRunning(b, now),
    entries: b.entries.map((e, index) => ({ index, kind: e.kind, applicantName: e.applicantName, householdSize: e.householdSize, amountYuan: e.amountYuan })),
  };
}

export const objectionTextSchema = z
  .string()
  .max(OBJECTION_TEXT_MAX * 2)
  .trim()
  .min(1, '请写下异议的内容')
  .refine((s) => charCount(s) <= OBJECTION_TEXT_MAX, `最多${OBJECTION_TEXT_MAX}个字`);

export const fileObjectionInputSchema = z
  .object({
    requestId: requestIdSchema,
    noticeId: recordIdSchema,
    /** The entry objected to, by its place on the notice (residents never see case ids). */
    entryIndex: z.number().int().min(0).max(NOTICE_ENTRIES_MAX - 1),
    text: objectionTextSchema,
    /** Anonymous: the town office does not see who filed it, and the filer gets no answer. */
    anonymous: z.boolean(),
  })
  .strict();

export const OBJECTION_STATES = ['open', 'answered'] as const;
export const OBJECTION_STATE_LABELS: Record<(typeof OBJECTION_STATES)[number], string> = { open: '待答复', answered: '已答复' };

export const noticeObjectionSchema = z.object({
  _id: z.string().max(64),
  noticeId: z.string().max(64),
  villageId: z.string().max(64),
  caseId: z.string().max(64),
  applicantName: z.string().max(50),
  text: z.string().max(OBJECTION_TEXT_MAX * 2),
  anonymous: z.boolean(),
  /** Kept for the per-account abuse limit and, when named, to answer the filer; never shown when anonymous. */
  filerUserId: z.string().max(64),
  filerName: z.string().max(50).optional(),
  state: z.enum(OBJECTION_STATES),
  answer: z.string().max(OBJECTION_ANSWER_MAX * 2).optional(),
  answeredAt: z.number().optional(),
  answeredBy: z.string().max(64).optional(),
  requestId: z.string().max(64),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int().nonnegative(),
});
export type NoticeObjection = z.infer<typeof noticeObjectionSchema>;

export const objectionAnswerSchema = z
  .string()
  .max(OBJECTION_ANSWER_MAX * 2)
  .trim()
  .min(1, '请填写答复')
  .refine((s) => charCount(s) <= OBJECTION_ANSWER_MAX, `最多${OBJECTION_ANSWER_MAX}个字`);

/** The objection as the town office sees it: the filer only when named. */
export function officerObjectionView(o: NoticeObjection) {
  const { filerUserId: _filer, filerName, requestId: _request, ...rest } = o;
  return { ...rest, filerName: o.anonymous ? null : (filerName ?? null) };
}
