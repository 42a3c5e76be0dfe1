// Subscription messages (PRODUCT flow 6, RULES §30–32): record a consent answer, show a user what they are
// subscribed to, list the outbox; the timers send what is due and post the gridworkers' daily digest.
import { z } from 'zod';
import {
  applyConsentResult,
  buildTemplateData,
  consentResultSchema,
  MAX_TEMPLATES_PER_REQUEST,
  outboxStateLabel,
  OUTBOX_STATES,
  outboxEntrySchema,
  SUBSCRIPTION_TEMPLATES,
  templateKeysFor,
  isDigestTime,
  type EnvironmentConfig,
  type OutboxEntry,
  type TemplateKey,
} from '../../../src/core/notify';
import { AppFailure } from '../../../src/core/errors';
import { CASEWORK_ROLES, ROLE_LABELS, ROLES } from '../../../src/core/roles';
import { userSchema } from '../../../src/core/records';
import { defineAction, type ActionContext, type ActionTable, type TimerJob } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { continueLater, jobBudgetMs } from '../../platform/jobs';
import { cursorSchema, rangePage } from '../../platform/paging';
import { loadSettings } from '../../platform/settings';
import { recordsByIds } from '../../platform/store';
import { postDailyDigest } from './digest';
import { sendDue } from './send';
import { readSubscription, saveSubscription, subscriptionId, subscriptionsOf, type Subscription } from '../../platform/subscriptions';
import { environmentConfig, templateOf } from '../../platform/templates';

const templateIdSchema = z.string().min(1).max(128);

function keyOfTemplateId(config: EnvironmentConfig, templateId: string): TemplateKey | undefined {
  return (Object.keys(config.templates) as TemplateKey[]).find((key) => config.templates[key]?.templateId === templateId);
}

/** The caller's templates (by role) with what they hold for each. */
async function standing(ctx: ActionContext) {
  const config = environmentConfig();
  const mode = (await loadSettings(ctx.db)).subscriptionMode;
  const held = new Map((await subscriptionsOf(ctx.db, ctx.caller.user._id)).map((s) => [s.templateId, s]));
  const templates = templateKeysFor(ctx.caller.user.role).map((key) => {
    const templateId = templateOf(config, key)?.templateId ?? null;
    const s = templateId ? held.get(templateId) : undefined;
    const credits = s?.credits ?? 0;
    const longTerm = s?.longTerm ?? false;
    return { key, label: SUBSCRIPTION_TEMPLATES[key].label, templateId, credits, longTerm, subscribed: mode === 'long-term' ? longTerm : credits > 0 };
  });
  return { mode, templates };
}

export const notifyActions = {
  /** What the caller is subscribed to, and the template ids a page asks for (inside a tap, RULES §30). */
  subscriptions: defineAction({
    roles: ROLES,
    input: z.object({}).strict(),
    run: (ctx) => standing(ctx),
  }),

  /** Records the answer of `wx.requestSubscribeMessage` for the templates asked (RULES §30: only `accept` counts). */
  subscribe: defineAction({
    roles: ROLES,
    input: z
      .object({
        templateIds: z
          .array(templateIdSchema)
          .min(1)
          .max(MAX_TEMPLATES_PER_REQUEST)
          .refine((ids) => new Set(ids).size === ids.length, '模板不能重复'),
        result: consentResultSchema,
      })
      .strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const config = environmentConfig();
      const keys = input.templateIds.map((id) => keyOfTemplateId(config, id));
      if (keys.some((key) => key === undefined)) throw new AppFailure('NOTIFY.TEMPLATE_UNKNOWN', undefined, { templateIds: input.templateIds });
      const mode = (await loadSettings(db)).subscriptionMode;
      const accepted: string[] = [];
      for (const [i, templateId] of input.templateIds.entries()) {
        const id = subscriptionId(caller.user._id, templateId);
        for (let attempt = 0; ; attempt++) {
          const before = await readSubscription(db, id);
          const outcome = applyConsentResult(before ? { [templateId]: before } : {}, [templateId], input.result, mode);
          const next: Subscription = {
            _id: id,
            createdAt: before?.createdAt ?? now,
            updatedAt: now,
            version: before?.version ?? 0,
            userId: caller.user._id,
            openid: caller.openid,
            templateId,
            templateKey: keys[i]!,
            ...outcome.subscriptions[templateId]!,
            lastResult: typeof input.result[templateId] === 'string' ? (input.result[templateId] as string).slice(0, 20) : null,
            lastResultAt: now,
          };
          try {
            await saveSubscription(db, before, next, now);
            if (outcome.accepted.length) accepted.push(templateId);
            break;
          } catch (thrown) {
            if (!(thrown instanceof AppFailure && thrown.error.code === 'RECORD.CONFLICT') || attempt >= 3) throw thrown;
          }
        }
      }
      await ctx.audit({ collection: COLLECTIONS.subscriptions, recordId: caller.user._id, kind: 'update', to: { accepted }, why: '订阅消息授权' });
      return { accepted, ...(await standing(ctx)) };
    },
  }),

  /** The outbox, newest first: what was (or would have been) sent, with template and fields (town office, admin). */
  outbox: defineAction({
    roles: ['officer', 'admin'],
    input: z
      .object({
        state: z.enum(OUTBOX_STATES).optional(),
        before: cursorSchema.optional(),
        limit: z.number().int().min(1).max(50).default(20),
      })
      .strict(),
    async run({ caller, db }, input) {
      const found = await rangePage(db, COLLECTIONS.outbox, { where: input.state ? { state: input.state } : {}, field: 'createdAt', order: 'desc', limit: input.limit, after: input.before });
      // RULES §29: the admin sees delivery states (to check the templates work), not what was said to whom.
      const contentHidden = !CASEWORK_ROLES.includes(caller.user.role);
      // Who each entry is for, by name and role (one read for the page).
      const recipients = await recordsByIds(db, COLLECTIONS.users, found.docs.map((raw) => String(raw.recipientUserId)), (raw) => {
        const u = userSchema.pick({ name: true, role: true }).parse(raw);
        return contentHidden ? ROLE_LABELS[u.role] : `${u.name}（${ROLE_LABELS[u.role]}）`;
      });
      const config = environmentConfig();
      const items = found.docs.map((raw) => {
        const entry = outboxEntrySchema.parse(raw);
        const template = templateOf(config, entry.templateKey);
        const recipient = recipients.get(entry.recipientUserId) ?? null;
        const stateLabel = outboxStateLabel(entry);
        if (contentHidden) return { ...entry, recipientUserId: '', values: {} as OutboxEntry['values'], link: '', sent: null, recipient, stateLabel, preview: null, contentHidden };
        // What would be sent now, for entries that were not: the template's fields filled from the entry's values.
        const preview = entry.sent ?? (template ? { templateId: template.templateId, fields: buildTemplateData(template.fields, entry.values) } : null);
        return { ...entry, recipient, stateLabel, preview, contentHidden };
      });
      return { items, next: found.next };
    },
  }),
} satisfies ActionTable;

/** The day's digest when asked, then what is due, within one invocation's budget; the rest in a follow-up. */
async function digestAndSend({ fn, db, now }: Parameters<TimerJob>[0], withDigest: boolean) {
  const started = Date.now();
  const digest = withDigest ? await postDailyDigest(db, now, jobBudgetMs(fn)) : undefined;
  const sent = await sendDue(db, now, { budgetMs: jobBudgetMs(fn) - (Date.now() - started) });
  if (digest && !digest.done) await continueLater(fn, 'dailyDigest');
  else if (!sent.done) await continueLater(fn, 'sendDue');
  return { ...sent, ...(digest ? { digest } : {}) };
}

export const notifyTimers: Record<string, TimerJob> = {
  /**
   * Every 10 minutes (config.json; WeChat gives a function one timer trigger): send what is due, and in the morning
   * window the day's digest first (a job per day: once it is done, a later run finds it done at once).
   */
  sendDue: (job) => digestAndSend(job, isDigestTime(job.now)),
  /** The digest now: the follow-up of an unfinished one. */
  dailyDigest: (job) => digestAndSend(job, true),
};
