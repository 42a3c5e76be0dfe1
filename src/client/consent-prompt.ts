// H5 has no wx.requestSubscribeMessage: the in-app consent dialog (components/consent-dialog) asks the same question.
// This is the one pending question, outside any page, so the answer survives the page moving on (a submitted form
// redirects at once); whichever page is on top shows it.
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

let pending: ConsentPrompt | null = null;
let asked = 0;
const listeners = new Set<() => void>();

function changed(): void {
  listeners.forEach((listener) => listener());
}

/**
 * Shows the question; resolves with the answer once the user taps 允许 or 拒绝, or with null when a newer question
 * replaces it unanswered (the dialog covers the page, so that only happens when a page is torn down under it).
 */
export function promptConsent(templates: readonly ConsentChoice[]): Promise<ConsentAnswer | null> {
  pending?.answer(null);
  return new Promise((resolve) => {
    const prompt: ConsentPrompt = {
      id: ++asked,
      templates,
      answer: (result) => {
        if (pending === prompt) pending = null;
        changed();
        resolve(result);
      },
    };
    pending = prompt;
    changed();
  });
}

export function pendingConsent(): ConsentPrompt | null {
  return pending;
}

export function watchConsent(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
