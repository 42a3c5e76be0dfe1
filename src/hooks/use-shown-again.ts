// Runs `callback` whenever the page shows again after another page was on top (not on its first show): a list or a
// home page coming back from a detail page picks up what was changed there.
import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

export function useShownAgain(callback: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) callback();
    shown.current = true;
  });
}
