// Subscription consent (RULES §30): asked inside the tap handler, never awaited by the action it rides on; a refusal,
// an empty template list or an unsupported platform (H5) changes nothing — the in-app message centre still carries
// every notice. The template ids are configured per cloud environment by the reminders issue.
import Taro from '@tarojs/taro';

/** One-time templates for case status messages (filled in by the reminders issue). */
export const CASE_STATUS_TEMPLATE_IDS: string[] = [];

type RequestSubscribe = (options: { tmplIds: string[] }) => Promise<unknown>;

export function askSubscription(templateIds: readonly string[] = CASE_STATUS_TEMPLATE_IDS): void {
  const request = (Taro as unknown as { requestSubscribeMessage?: RequestSubscribe }).requestSubscribeMessage;
  if (typeof request !== 'function') return;
  try {
    void Promise.resolve(request({ tmplIds: [...templateIds] })).catch(() => undefined);
  } catch {
    // A synchronous refusal is ignored the same way.
  }
}
