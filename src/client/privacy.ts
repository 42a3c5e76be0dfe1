// WeChat's privacy authorisation: before the first privacy API call (PRIVACY_APIS) WeChat asks the app, through
// onNeedPrivacyAuthorization, to show its own prompt and answer agree or disagree; the call waits for that answer.
// This holds the waiting requests outside any page; the prompt (components/privacy-dialog) shows while one waits.
// H5 has no such API: nothing is installed and nothing ever waits.
import Taro from '@tarojs/taro';

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' };
type Resolve = (option: PrivacyAnswer | { event: 'exposureAuthorization' }) => void;

let waiting: Resolve[] = [];
const listeners = new Set<() => void>();

function changed(): void {
  listeners.forEach((listener) => listener());
}

/** WeChat's listener: the prompt shows (and WeChat is told so) until the user answers. */
export function needPrivacyAuthorization(resolve: Resolve): void {
  waiting.push(resolve);
  resolve({ event: 'exposureAuthorization' });
  changed();
}

/** The user's answer releases every call that was waiting for it. */
export function answerPrivacy(answer: PrivacyAnswer): void {
  const released = waiting;
  waiting = [];
  released.forEach((resolve) => resolve(answer));
  changed();
}

export function privacyPending(): boolean {
  return waiting.length > 0;
}

export function watchPrivacy(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called once by the app shell. Without our listener WeChat would show its own popup. */
export function installPrivacyPrompt(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => needPrivacyAuthorization(resolve));
}
