// Large-text (适老化) mode: one stored flag, read by every page root. Pages deeper in the stack stay mounted,
// so a change is pushed to every mounted hook, not only re-read on show.
import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';

export const LARGE_TEXT_KEY = 'large-text';

const listeners = new Set<(on: boolean) => void>();

function readLargeText(): boolean {
  try {
    return Taro.getStorageSync(LARGE_TEXT_KEY) === true;
  } catch {
    return false;
  }
}

function writeLargeText(on: boolean): void {
  Taro.setStorageSync(LARGE_TEXT_KEY, on);
  listeners.forEach((listener) => listener(on));
}

export function useLargeText(): { large: boolean; setLarge: (on: boolean) => void } {
  const [large, setState] = useState(readLargeText);
  useEffect(() => {
    listeners.add(setState);
    // Catch a change made between the first render and this effect.
    setState(readLargeText());
    return () => {
      listeners.delete(setState);
    };
  }, []);
  const setLarge = useCallback((on: boolean) => writeLargeText(on), []);
  return { large, setLarge };
}
