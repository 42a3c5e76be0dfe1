// What the self-check hands to the application form: the household's answers, read once when the form opens.
import Taro from '@tarojs/taro';

const KEY = 'apply-prefill';

export interface ApplyPrefill {
  householdSize?: number;
  disabled?: boolean;
  seriousIllness?: boolean;
}

export function savePrefill(prefill: ApplyPrefill): void {
  Taro.setStorageSync(KEY, prefill);
}

/** The saved answers (then forgotten), or null. */
export function takePrefill(): ApplyPrefill | null {
  const stored: unknown = Taro.getStorageSync(KEY);
  Taro.removeStorageSync(KEY);
  return stored && typeof stored === 'object' ? (stored as ApplyPrefill) : null;
}
