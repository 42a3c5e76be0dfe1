// H5 has no wx.requestSubscribeMessage: the in-app consent dialog (components/consent-dialog) asks the same question.
// This is the one pending question (pending-slot), so the answer survives the page moving on.
import { pendingSlot } from './pending-slot';

export interface ConsentChoice {
  templateId: string;
  label: string;
}

/** WeChat's answer shape: template id → `accept` | `reject`. */
export type ConsentAnswer = Record<string, 'accept' | 'reject'>;

export interface ConsentPrompt {
  /** Distinguishes one question from the next (a new question starts with every switch on). */
  id: number;
  templates: readonly ConsentChoice[];
  answer: (result: ConsentAnswer | null) => void;
}

const slot = pendingSlot<ConsentPrompt>();
let asked = 0;

/**
 * Shows the question; resolves with the answer once the user taps 允许 or 拒绝, or with null when a newer question
 * replaces it unanswered (the dialog covers the page, so that only happens when a page is torn down under it).
 */
export function promptConsent(templates: readonly ConsentChoice[]): Promise<ConsentAnswer | null> {
  slot.get()?.answer(null);
  return new Promise((resolve) => {
    const prompt: ConsentPrompt = {
      id: ++asked,
      templates,
      answer: (result) => {
        slot.set(slot.get() === prompt ? null : slot.get());
        resolve(result);
      },
    };
    slot.set(prompt);
  });
}

export function pendingConsent(): ConsentPrompt | null {
  return slot.get();
}

export function watchConsent(listener: () => void): () => void {
  return slot.watch(listener);
}
