// The village notice board (村务公示, RULES §6, §10, §13, §29): the cadre posts the village's reviewed 低保 / 特困 cases
// in one notice, each case entering its publicNotice state at the notice's own instant (so its notice end is the
// board's); residents of the village read it and object during the notice; the town office answers the objections.
import { z } from 'zod';
import { beijingDate, isMinorOn } from '../../../src/core/calendar';
import {
  caseRecordSchema,
  fileObjectionInputSchema,
  noticeBoardSchema,
  noticeEntry,
  noticeObjectionSchema,
  noticePeriod,
  noticeRunning,
  objectionAnswerSchema,
  officerObjectionView,
  publicBoardView,
  readyForBoard,
  transition,
  OBJECTIONS_PER_FILER_MAX,
  OBJECTION_STATES,
  type CaseRecord,
  type NoticeBoard,
} from '../../../src/core/cases';
import { AppFailure } from '../../../src/core/errors';
import { recordIdSchema, requestIdSchema } from '../../../src/core/ids';
import { MESSAGE_TEXTS } from '../../../src/core/notify/catalogue';
import { personSchema, villageSchema } from '../../../src/core/records';
import { inScope, ROLES, type Role } from '../../../src/core/roles';
import { saveCaseWithEffects } from '../../cases/effects';
import { readCase } from '../../cases/store';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { addOnce, idFor, storedFor } from '../../platform/create-once';
import { postMessages } from '../../platform/messages';
import { mapLimit } from '../../platform/parallel';
import { readRecord, recordsByIds, writeVersioned } from '../../platform/store';
import { unwrap } from '../../platform/result';

const VILLAGE_STAFF: readonly Role[] = ['cadre', 'officer'];
const BOARDS_SHOWN = 10;
const OBJECTIONS_PAGE = 50;
/** Cases posted at once by a publication (each a few round trips). */
const POST_AT_ONCE = 10;

/** The village a cadre or the office works on: a cadre's own (the first, unless named), within scope. */
function villageFor(ctx: ActionContext, villageId: string | undefined): string {
  const { caller } = ctx;
  const chosen = villageId ?? (caller.scope.kind === 'villages' ? caller.scope.villageIds[0] : undefined);
  if (!chosen) throw new AppFailure('INPUT.INVALID', '请选择村(社区)');
  if (caller.scope.kind !== 'town' && !(caller.scope.kind === 'villages' && caller.scope.villageIds.includes(chosen))) throw new AppFailure('SCOPE.FORBIDDEN');
  return chosen;
}

/** A resident's village: that of the roster person their account is linked to. */
async function residentVillage(ctx: ActionContext): Promise<{ villageId: string; personName: string } | null> {
  const personId = ctx.caller.user.personId;
  if (!personId) return null;
  const person = await readRecord(ctx.db, COLLECTIONS.persons, personId, personSchema);
  return { villageId: person.villageId, personName: person.name };
}

/**
 * The village's cases the board posts now: reviewed with a favourable opinion, or already posted today (the same
 * period); never a minor's (RULES §29), found from the roster's birth date where the applicant is on it.
 */
async function casesToPost(ctx: ActionContext, villageId: string): Promise<CaseRecord[]> {
  const _ = ctx.db.command;
  const found = await ctx.db
    .collection(COLLECTIONS.cases)
    .where({ villageId, queue: 'open', state: _.in(['reviewed', 'publicNotice']) })
    .limit(100)
    .get();
  const cases = found.data.map((d) => caseRecordSchema.parse(d));
  const today = beijingDate(ctx.now);
  const persons = await recordsByIds(ctx.db, COLLECTIONS.persons, cases.flatMap((c) => c.applicant.personId ?? []), (raw) => personSchema.parse(raw));
  const minor = (c: CaseRecord) => {
    const person = c.applicant.personId ? persons.get(c.applicant.personId) : undefined;
    return person ? isMinorOn(person.birthDate, today) : c.applicant.minor;
  };
  const postedToday = (c: CaseRecord) => {
    const last = c.publicNotices[c.publicNotices.length - 1];
    return c.state === 'publicNotice' && last !== undefined && last.startDate === today && last.endedAt === undefined;
  };
  return cases.filter((c) => !minor(c) && (readyForBoard(c, false) || postedToday(c))).filter((c) => noticeEntry(c) !== null);
}

async function villageName(ctx: ActionContext, villageId: string): Promise<string> {
  return (await readRecord(ctx.db, COLLECTIONS.villages, villageId, villageSchema)).name;
}

async function readBoard(ctx: ActionContext, noticeId: string): Promise<NoticeBoard> {
  return readRecord(ctx.db, COLLECTIONS.noticeBoards, noticeId, noticeBoardSchema);
}

async function recentBoards(ctx: ActionContext, villageId: string): Promise<NoticeBoard[]> {
  const found = await ctx.db.collection(COLLECTIONS.noticeBoards).where({ villageId }).orderBy('publishedAt', 'desc').limit(BOARDS_SHOWN).get();
  return found.data.map((d) => noticeBoardSchema.parse(d));
}

/** Officers of the town: an objection is their task. */
async function officerIds(ctx: ActionContext): Promise<string[]> {
  const found = await ctx.db.collection(COLLECTIONS.users).where({ role: 'officer' }).limit(100).get();
  return found.data.map((u) => String(u._id));
}

export const noticeActions = {
  /** The cadre's board: what would be posted now, and the village's recent notices. */
  noticeBoard: defineAction({
    roles: VILLAGE_STAFF,
    input: z.object({ villageId: recordIdSchema.optional() }).strict(),
    async run(ctx, input) {
      const villageId = villageFor(ctx, input.villageId);
      const [name, ready, boards] = await Promise.all([villageName(ctx, villageId), casesToPost(ctx, villageId), recentBoards(ctx, villageId)]);
      return {
        villageId,
        villageName: name,
        ready: ready.map((c) => noticeEntry(c)!).map(({ caseId: _case, ...entry }) => entry),
        period: noticePeriod(ctx.now),
        boards: boards.map((b) => publicBoardView(b, name, ctx.now)),
      };
    },
  }),

  /**
   * Publishes the village's notice: the board record first (its entries fixed), then each case still waiting enters
   * publicNotice at the board's instant. A retry with the same requestId finishes the cases a stop left.
   */
  publishNotice: defineAction({
    roles: VILLAGE_STAFF,
    input: z.object({ requestId: requestIdSchema, villageId: recordIdSchema.optional() }).strict(),
    async run(ctx, input) {
      const { db, caller } = ctx;
      const villageId = villageFor(ctx, input.villageId);
      const key = { callerId: caller.user._id, requestId: input.requestId };
      const id = idFor(key.callerId, key.requestId);
      const [settings, stored] = await Promise.all([ctx.settings(), storedFor(db, COLLECTIONS.noticeBoards, key)]);
      let board: NoticeBoard;
      if (stored) {
        board = noticeBoardSchema.parse(stored);
      } else {
        const ready = await casesToPost(ctx, villageId);
        if (ready.length === 0) throw new AppFailure('NOTICE.NOTHING_TO_POST');
        const built: NoticeBoard = {
          _id: id,
          villageId,
          ...noticePeriod(ctx.now),
          publishedAt: ctx.now,
          publishedBy: caller.user._id,
          requestId: input.requestId,
          entries: ready.map((c) => noticeEntry(c)!),
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 0,
        };
        const added = await addOnce(db, COLLECTIONS.noticeBoards, id, () => built);
        board = noticeBoardSchema.parse(added.record);
        if (added.created) {
          await ctx.audit({ collection: COLLECTIONS.noticeBoards, recordId: id, kind: 'create', to: { villageId, startDate: board.startDate, endsOn: board.endsOn, entries: board.entries.length }, why: '发布村务公示' });
        }
      }
      const actor = { userId: caller.user._id, role: caller.user.role };
      // Each case at the board's instant: the case's notice period is the board's (RULES §6, §13). The cases are
      // independent records, so their steps go out a few at a time.
      await mapLimit(board.entries, POST_AT_ONCE, async (entry) => {
        const c = await readCase(db, entry.caseId);
        if (c.state !== 'reviewed' || !inScope(caller.scope, { gridId: c.gridId, villageId: c.villageId })) return;
        const step = unwrap(transition(c, { type: 'startPublicNotice' }, { now: board.publishedAt, actor, settings }));
        await saveCaseWithEffects(ctx, c, step, c.version, `startPublicNotice：村务公示（${board.startDate}至${board.endsOn}）`);
      });
      return { noticeId: board._id, startDate: board.startDate, endsOn: board.endsOn, posted: board.entries.length };
    },
  }),

  /** A resident's village notices (latest first) and their own objections; the answer only to a named filer. */
  villageNotices: defineAction({
    roles: ['resident'],
    input: z.object({}).strict(),
    async run(ctx) {
      const village = await residentVillage(ctx);
      if (!village) return { linked: false as const, boards: [], mine: [] };
      const [name, boards, mine] = await Promise.all([
        villageName(ctx, village.villageId),
        recentBoards(ctx, village.villageId),
        ctx.db.collection(COLLECTIONS.noticeObjections).where({ filerUserId: ctx.caller.user._id }).orderBy('createdAt', 'desc').limit(OBJECTIONS_PAGE).get(),
      ]);
      return {
        linked: true as const,
        boards: boards.map((b) => publicBoardView(b, name, ctx.now)),
        mine: mine.data
          .map((d) => noticeObjectionSchema.parse(d))
          .map((o) => ({ id: o._id, noticeId: o.noticeId, applicantName: o.applicantName, text: o.text, anonymous: o.anonymous, state: o.state, createdAt: o.createdAt, answer: o.anonymous ? null : (o.answer ?? null) })),
      };
    },
  }),

  /** A shared link: the notice alone (village name, dates, entries), for anyone who has it. */
  sharedNotice: defineAction({
    roles: ROLES,
    input: z.object({ noticeId: recordIdSchema }).strict(),
    async run(ctx, input) {
      const board = await readBoard(ctx, input.noticeId);
      return publicBoardView(board, await villageName(ctx, board.villageId), ctx.now);
    },
  }),

  /** A resident of the village objects to an entry while the notice runs; the town office gets it as a task. */
  fileObjection: defineAction({
    roles: ['resident'],
    input: fileObjectionInputSchema,
    async run(ctx, input) {
      const { db, caller } = ctx;
      const [board, village] = await Promise.all([readBoard(ctx, input.noticeId), residentVillage(ctx)]);
      if (!village || village.villageId !== board.villageId) throw new AppFailure('SCOPE.FORBIDDEN');
      if (!noticeRunning(board, ctx.now)) throw new AppFailure('NOTICE.NOT_RUNNING');
      const entry = board.entries[input.entryIndex];
      if (!entry) throw new AppFailure('RECORD.NOT_FOUND');
      const id = idFor(caller.user._id, input.requestId);
      const made = await addOnce(
        db,
        COLLECTIONS.noticeObjections,
        id,
        () => ({
          noticeId: board._id,
          villageId: board.villageId,
          caseId: entry.caseId,
          applicantName: entry.applicantName,
          text: input.text,
          anonymous: input.anonymous,
          filerUserId: caller.user._id,
          ...(input.anonymous ? {} : { filerName: village.personName }),
          state: 'open',
          requestId: input.requestId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 0,
        }),
        async () => {
          const filed = await db.collection(COLLECTIONS.noticeObjections).where({ noticeId: board._id, filerUserId: caller.user._id }).count();
          if (filed.total >= OBJECTIONS_PER_FILER_MAX) throw new AppFailure('NOTICE.OBJECTION_LIMIT');
        },
      );
      if (made.created) {
        const text = MESSAGE_TEXTS.noticeObjection({ applicantName: entry.applicantName, text: input.text });
        const officers = await officerIds(ctx);
        await Promise.all([
          ctx.audit({ collection: COLLECTIONS.noticeObjections, recordId: id, kind: 'create', to: { noticeId: board._id, entryIndex: input.entryIndex, anonymous: input.anonymous }, why: '对公示提出异议' }),
          postMessages(db, officers.map((recipientUserId) => ({ recipientUserId, type: 'noticeObjection', ...text, link: 'objections' })), ctx.now),
        ]);
      }
      return { objectionId: id, created: made.created };
    },
  }),

  /** The town office's objections to answer (open first by default), newest first; anonymous ones without the filer. */
  objections: defineAction({
    roles: ['officer'],
    input: z.object({ state: z.enum(OBJECTION_STATES).default('open') }).strict(),
    async run(ctx, input) {
      const found = await ctx.db.collection(COLLECTIONS.noticeObjections).where({ state: input.state }).orderBy('createdAt', 'desc').limit(OBJECTIONS_PAGE).get();
      const items = found.data.map((d) => noticeObjectionSchema.parse(d));
      const boards = await recordsByIds(ctx.db, COLLECTIONS.noticeBoards, items.map((o) => o.noticeId), (raw) => noticeBoardSchema.parse(raw));
      return {
        items: items.map((o) => {
          const board = boards.get(o.noticeId);
          return { ...officerObjectionView(o), noticeStartDate: board?.startDate ?? null, noticeEndsOn: board?.endsOn ?? null };
        }),
      };
    },
  }),

  /** The office's answer to an objection (once, at the version it saw); a named filer is told. */
  answerObjection: defineAction({
    roles: ['officer'],
    input: z.object({ objectionId: recordIdSchema, version: z.number().int().nonnegative(), answer: objectionAnswerSchema }).strict(),
    async run(ctx, input) {
      const { db, caller } = ctx;
      const o = await readRecord(db, COLLECTIONS.noticeObjections, input.objectionId, noticeObjectionSchema);
      if (o.state === 'answered') throw new AppFailure('NOTICE.OBJECTION_ANSWERED');
      const patch = { state: 'answered' as const, answer: input.answer, answeredAt: ctx.now, answeredBy: caller.user._id };
      if (!(await writeVersioned(db, COLLECTIONS.noticeObjections, o._id, input.version, patch, ctx.now))) {
        // The fresh record goes back as the office reads it: an anonymous filer stays unknown in the error too.
        const current = await readRecord(db, COLLECTIONS.noticeObjections, o._id, noticeObjectionSchema);
        throw new AppFailure('RECORD.CONFLICT', undefined, { collection: COLLECTIONS.noticeObjections, current: officerObjectionView(current) });
      }
      await Promise.all([
        ctx.audit({ collection: COLLECTIONS.noticeObjections, recordId: o._id, kind: 'update', from: { state: o.state }, to: { state: 'answered', answer: input.answer }, why: '答复公示异议' }),
        o.anonymous ? null : postMessages(db, [{ recipientUserId: o.filerUserId, type: 'objectionAnswered', ...MESSAGE_TEXTS.objectionAnswered({ applicantName: o.applicantName, answer: input.answer }), link: 'notices' }], ctx.now),
      ]);
      return { objectionId: o._id, version: input.version + 1, state: patch.state };
    },
  }),
} satisfies ActionTable;
