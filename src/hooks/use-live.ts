// A call whose answer changes while the page is open (a live board, counts after a mark): the first load shows
// a loading state; a refresh keeps showing the last answer until the new one arrives; with `everyMs` it refreshes
// itself on an interval while the page is shown (stopped when another page covers it or it is closed).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { DataKey } from '../client/invalidate';
import type { AppError, Result } from '../core/errors';
import { useDataKeys } from './use-data-keys';
import { useDepsKey } from './use-deps-key';
import type { Loadable } from './use-result';

export type Live<T> = Loadable<T> & {
  /** Fetches again without clearing what is shown; resolves when the answer is in. */
  refresh: () => Promise<void>;
  refreshing: boolean;
  /** A refresh that failed while an earlier answer is still shown. */
  staleError: AppError | null;
  /** Replaces the shown answer (e.g. with what an action returned). */
  set: (data: T) => void;
};

/** `keys` register the load in the data layer (src/client/invalidate.ts): a write that invalidates one refreshes it. */
export function useLive<T>(load: () => Promise<Result<T>>, deps: readonly unknown[], options: { everyMs?: number; keys?: readonly DataKey[] } = {}): Live<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [staleError, setStaleError] = useState<AppError | null>(null);
  const [shown, setShown] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsKey = useDepsKey(deps);
  const generation = useRef(0);
  const hasData = useRef(false);

  const fetchNow = useCallback(async (fresh: boolean): Promise<void> => {
    const mine = ++generation.current;
    if (fresh) {
      hasData.current = false;
      setState({ status: 'loading' });
    }
    setRefreshing(true);
    const result = await loadRef.current();
    // An answer to an older query never replaces a newer one.
    if (mine !== generation.current) return;
    setRefreshing(false);
    if (result.ok) {
      hasData.current = true;
      setStaleError(null);
      setState({ status: 'ok', data: result.data });
      return;
    }
    if (hasData.current) setStaleError(result.error);
    else setState({ status: 'error', error: result.error });
  }, []);

  useEffect(() => {
    void fetchNow(true);
  }, [fetchNow, depsKey]);

  useDataKeys(options.keys, () => void fetchNow(false));

  const wasHidden = useRef(false);
  useDidShow(() => {
    setShown(true);
    if (wasHidden.current) void fetchNow(false);
    wasHidden.current = false;
  });
  useDidHide(() => {
    wasHidden.current = true;
    setShown(false);
  });

  const everyMs = options.everyMs;
  useEffect(() => {
    if (!everyMs || !shown) return undefined;
    const timer = setInterval(() => void fetchNow(false), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, shown, fetchNow]);

  const refresh = useCallback(() => fetchNow(false), [fetchNow]);
  const set = useCallback((data: T) => {
    generation.current += 1;
    hasData.current = true;
    setRefreshing(false);
    setState({ status: 'ok', data });
  }, []);
  return { ...state, refresh, refreshing, staleError, set };
}

/** The current time, ticking every `everyMs` (a countdown's "还剩"). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
