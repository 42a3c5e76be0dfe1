// A form draft kept in local storage until the server has it: a closed page, a crash or a dropped network loses
// nothing, and a retry sends the same request id (the server returns the first record for it).
import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { newRequestId } from '../client/request-id';

export type Draft<T> = T & { requestId: string };

function storageKey(name: string): string {
  return `draft:${name}`;
}

function readDraft<T extends object>(name: string, initial: () => T): Draft<T> {
  try {
    const stored: unknown = Taro.getStorageSync(storageKey(name));
    if (stored && typeof stored === 'object' && typeof (stored as { requestId?: unknown }).requestId === 'string') {
      return { ...initial(), ...(stored as Draft<T>) };
    }
  } catch {
    // Unreadable storage: start afresh.
  }
  return { ...initial(), requestId: newRequestId() };
}

export function useDraft<T extends object>(
  name: string,
  initial: () => T,
): { draft: Draft<T>; update: (patch: Partial<T>) => void; clear: () => void } {
  const [draft, setDraft] = useState<Draft<T>>(() => readDraft(name, initial));
  const current = useRef(draft);
  current.current = draft;
  const initialRef = useRef(initial);
  initialRef.current = initial;

  const update = useCallback(
    (patch: Partial<T>) => {
      const next = { ...current.current, ...patch };
      current.current = next;
      setDraft(next);
      Taro.setStorageSync(storageKey(name), next);
    },
    [name],
  );

  const clear = useCallback(() => {
    Taro.removeStorageSync(storageKey(name));
    const fresh = { ...initialRef.current(), requestId: newRequestId() };
    current.current = fresh;
    setDraft(fresh);
  }, [name]);

  return { draft, update, clear };
}
