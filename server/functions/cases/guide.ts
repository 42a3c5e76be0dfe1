// 政策指南: every topic's page as the town wrote it (or the core's default), and the office's versioned, audited edit.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { defaultGuide, guideChecklist, guideTextSchema, statutorySteps, GUIDE_NEXT_STEP, GUIDE_TOPICS, GUIDE_TOPIC_LABELS, type GuideTopic } from '../../../src/core/guide';
import { ROLES } from '../../../src/core/roles';
import { defineAction, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { addOnce } from '../../platform/create-once';
import { updateVersioned } from '../../platform/store';

const storedGuideSchema = guideTextSchema.extend({
  _id: z.enum(GUIDE_TOPICS),
  updatedBy: z.string().max(64),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int().nonnegative(),
});
type StoredGuide = z.infer<typeof storedGuideSchema>;

export const guideActions = {
  /** Every topic's page: the town's text where it wrote one (version ≥ 1), the default otherwise (version 0). */
  guide: defineAction({
    roles: ROLES,
    input: z.object({}).strict(),
    async run(ctx) {
      const [settings, found] = await Promise.all([ctx.settings(), ctx.db.collection(COLLECTIONS.guides).limit(GUIDE_TOPICS.length).get()]);
      const stored = new Map(found.data.map((d) => storedGuideSchema.parse(d)).map((g) => [g._id, g] as const));
      const defaults = defaultGuide(settings);
      const staff = ctx.caller.user.role !== 'resident';
      return {
        topics: GUIDE_TOPICS.map((topic) => {
          const own = stored.get(topic);
          const text = own ? { who: own.who, bring: own.bring, time: own.time, where: own.where } : defaults[topic];
          const next = GUIDE_NEXT_STEP[topic];
          // Staff also get the application's checklist and its statutory steps under this town's settings.
          const forStaff = staff && next.type === 'apply' ? { checklist: guideChecklist(next.kind), steps: statutorySteps(next.kind, settings) } : null;
          return { topic, label: GUIDE_TOPIC_LABELS[topic], text, edited: own !== undefined, version: own?.version ?? 0, nextStep: next, defaults: defaults[topic], staff: forStaff };
        }),
      };
    },
  }),

  /** The office saves a topic's text at the version it edited (0: still the default); audited with before and after. */
  saveGuide: defineAction({
    roles: ['officer'],
    input: z.object({ topic: z.enum(GUIDE_TOPICS), version: z.number().int().nonnegative(), text: guideTextSchema }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const topic: GuideTopic = input.topic;
      let saved: StoredGuide;
      let before: StoredGuide | undefined;
      if (input.version === 0) {
        const record: StoredGuide = { _id: topic, ...input.text, updatedBy: caller.user._id, createdAt: now, updatedAt: now, version: 1 };
        const made = await addOnce(db, COLLECTIONS.guides, topic, () => record);
        // Someone saved it first: their text is the current one, as any stale version.
        if (!made.created) throw new AppFailure('RECORD.CONFLICT', undefined, { collection: COLLECTIONS.guides, current: storedGuideSchema.parse(made.record) });
        saved = record;
      } else {
        const found = await db.collection(COLLECTIONS.guides).where({ _id: topic }).limit(1).get();
        before = found.data[0] ? storedGuideSchema.parse(found.data[0]) : undefined;
        if (!before) throw new AppFailure('RECORD.NOT_FOUND');
        const patch = { ...input.text, updatedBy: caller.user._id };
        saved = await updateVersioned(db, COLLECTIONS.guides, storedGuideSchema, topic, input.version, patch, now, { ...before, ...patch });
      }
      const text = (g: StoredGuide | undefined) => (g ? { who: g.who, bring: g.bring, time: g.time, where: g.where } : { default: true });
      await ctx.audit({ collection: COLLECTIONS.guides, recordId: topic, kind: before ? 'update' : 'create', from: text(before), to: text(saved), why: `修改政策指南：${GUIDE_TOPIC_LABELS[topic]}` });
      return { topic, version: saved.version };
    },
  }),
} satisfies ActionTable;
