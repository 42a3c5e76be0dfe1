// Subscription consent (RULES §30): asked synchronously inside a tap handler, never after an await, and never waited
// for by the action it rides on. weapp: WeChat's own dialog; H5 has none, so the in-app dialog asks instead and
// answers in WeChat's shape. The raw answer goes to notify.subscribe (only `accept` counts there). A refusal, a
// failure or no configured template changes nothing: every notice still reaches the in-app message centre.
import Taro from '@tarojs/taro';
import type { TemplateKey } from '../core/notify';
import { call, type ActionOutput } from './call';
import { promptConsent } from './consent-prompt';

/** What a resident is asked for when they submit or confirm a case: its progress, missing materials, decision. */
export const CASE_STATUS_KEYS: readonly TemplateKey[] = ['caseProgress', 'caseMaterials', 'caseDecision'];

export type SubscriptionStanding = ActionOutput<'notify', 'subscriptions'>;
export type OfferedTemplate = SubscriptionStanding['templates'][number] & { templateId: string };

type RequestSubscribe = (options: { tmplIds: string[] }) => Promise<unknown>;

/** WeChat's answer to a question the user already said yes to in the app (H5 has no WeChat dialog to ask again). */
const acceptAll = (templates: readonly OfferedTemplate[]) => Object.fromEntries(templates.map((t) => [t.templateId, 'accept']));

function answerOf(templates: readonly OfferedTemplate[], agreed: boolean): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') {
    return agreed ? Promise.resolve(acceptAll(templates)) : promptConsent(templates.map(({ templateId, label }) => ({ templateId, label })));
  }
  const request = (Taro as unknown as { requestSubscribeMessage?: RequestSubscribe }).requestSubscribeMessage;
  if (typeof request !== 'function') return Promise.resolve(null);
  return Promise.resolve(request({ tmplIds: templates.map((t) => t.templateId) }));
}

/**
 * Asks for these templates now — call it inside the tap, before anything is awaited. `agreed`: the tap was the user's
 * yes to the app's own question (the subscription sheet), so H5 records it as WeChat's accept instead of asking again;
 * WeChat still shows its dialog. Resolves to the caller's standing after the answer was recorded, or null when
 * nothing was asked or recorded.
 */
export function askSubscription(templates: readonly OfferedTemplate[], agreed = false): Promise<SubscriptionStanding | null> {
  if (templates.length === 0) return Promise.resolve(null);
  let answer: Promise<unknown>;
  try {
    answer = answerOf(templates, agreed);
  } catch {
    answer = Promise.resolve(null); // a synchronous refusal is ignored the same way
  }
  return answer
    .then((result) =>
      result !== null && typeof result === 'object' && !Array.isArray(result)
        ? call('notify', 'subscribe', {
            templateIds: templates.map((t) => t.templateId),
            // WeChat answers `{ errMsg, [templateId]: 'accept' | 'reject' | … }`: only the text answers are sent on.
            result: Object.fromEntries(Object.entries(result).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
          })
        : null,
    )
    .then((recorded) => (recorded?.ok ? { mode: recorded.data.mode, templates: recorded.data.templates } : null))
    .catch(() => null);
}
