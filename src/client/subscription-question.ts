// The question a resident is asked right after submitting (issue 15): "办理有进展时，用微信通知您吗？" — pending
// outside any page, as the form redirects to the case at once; components/subscription-question shows it.
import { pendingSlot } from './pending-slot';
import type { OfferedTemplate } from './subscribe';

export interface SubscriptionQuestion {
  id: number;
  templates: readonly OfferedTemplate[];
}

const slot = pendingSlot<SubscriptionQuestion>();
let asked = 0;

/** Puts the question up (nothing asked of WeChat yet: that needs the user's own tap on 通知我, RULES §30). */
export function raiseSubscriptionQuestion(templates: readonly OfferedTemplate[]): void {
  if (templates.length > 0) slot.set({ id: ++asked, templates });
}

export function pendingSubscriptionQuestion(): SubscriptionQuestion | null {
  return slot.get();
}

export function closeSubscriptionQuestion(): void {
  slot.set(null);
}

export const watchSubscriptionQuestion = (listener: () => void) => slot.watch(listener);
