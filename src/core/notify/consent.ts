// Subscription consent (RULES §30): what `wx.requestSubscribeMessage` answered, turned into send credits.
import { z } from 'zod';

export const SUBSCRIPTION_MODES = ['one-time', 'long-term'] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];

/** One user's standing for one template. */
export interface TemplateSubscription {
  /** One-time sends left: each accepted one-time request allows one later send. */
  credits: number;
  /** A long-term subscription the user accepted (public-service mini-programs only); it needs no credit. */
  longTerm: boolean;
}

/**
 * A guard of ours, not WeChat's: the client reports the consent result, so a forged or looping client could claim
 * any number of credits; WeChat refuses sends beyond what the user really accepted (43101) anyway.
 */
export const MAX_CREDITS = 50;

/** RULES §30: one call asks for at most 3 templates (WeChat's limit), all one-time or all long-term. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** The per-template answers WeChat gives: `accept`, `reject`, `ban` (template banned), `filter` (title filtered). */
export const consentResultSchema = z
  .record(z.string().max(64), z.string().max(64))
  .refine((answers) => Object.keys(answers).length <= MAX_TEMPLATES_PER_REQUEST + 1, '订阅结果不正确'); // + errMsg

export interface ConsentOutcome {
  subscriptions: Record<string, TemplateSubscription>;
  /** Templates the user accepted in this answer. */
  accepted: string[];
  /** Templates asked for whose answer was anything but `accept` (or missing). */
  notAccepted: string[];
}

const NONE: TemplateSubscription = { credits: 0, longTerm: false };

/**
 * RULES §30: only `accept` counts; each accepted one-time template adds one credit; a long-term template needs no
 * credit — accepting turns it on, any other answer turns it off (the user switched it off in settings). Answers for
 * templates that were not asked for are ignored, so a client cannot add credits for templates it never showed.
 */
export function applyConsentResult(
  current: Readonly<Record<string, TemplateSubscription>>,
  templateIds: readonly string[],
  result: unknown,
  mode: SubscriptionMode = 'one-time',
): ConsentOutcome {
  const answers = result !== null && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : {};
  const subscriptions: Record<string, TemplateSubscription> = {};
  for (const [id, standing] of Object.entries(current)) subscriptions[id] = { ...standing };
  const accepted: string[] = [];
  const notAccepted: string[] = [];
  for (const id of new Set(templateIds)) {
    const before = subscriptions[id] ?? NONE;
    const yes = Object.prototype.hasOwnProperty.call(answers, id) && answers[id] === 'accept';
    (yes ? accepted : notAccepted).push(id);
    if (mode === 'long-term') subscriptions[id] = { ...before, longTerm: yes };
    else if (yes) subscriptions[id] = { ...before, credits: Math.min(before.credits + 1, MAX_CREDITS) };
    else subscriptions[id] = { ...before };
  }
  return { subscriptions, accepted, notAccepted };
}

/** Whether a send may go out now under `mode`: a long-term subscription, or a one-time credit left. */
export function maySend(standing: TemplateSubscription | undefined, mode: SubscriptionMode): boolean {
  if (!standing) return false;
  return mode === 'long-term' ? standing.longTerm : standing.credits > 0;
}

/** A template as a page sees it: its id in this environment (null when none is configured) and what the user holds. */
export interface TemplateStanding {
  key: string;
  templateId: string | null;
  credits: number;
  longTerm: boolean;
}

/**
 * RULES §30: the templates one consent request asks for — only those configured here, at most
 * MAX_TEMPLATES_PER_REQUEST, all of the town's one mode (so one-time and long-term are never mixed in one call), and
 * in long-term mode only those not yet held. `keys` narrows and orders them; without it, the one-time templates
 * with the fewest credits left come first.
 */
export function templatesToAsk<T extends TemplateStanding>(templates: readonly T[], mode: SubscriptionMode, keys?: readonly string[]): (T & { templateId: string })[] {
  const configured = templates.filter((t): t is T & { templateId: string } => t.templateId !== null);
  const wanted = keys ? keys.flatMap((key) => configured.filter((t) => t.key === key)) : [...configured].sort((a, b) => a.credits - b.credits);
  const open = mode === 'long-term' ? wanted.filter((t) => !t.longTerm) : wanted;
  return open.slice(0, MAX_TEMPLATES_PER_REQUEST);
}
