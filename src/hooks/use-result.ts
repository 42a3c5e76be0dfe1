// Loads one Result-returning call for a page and keeps loading / data / error apart for the view. With `keys` the
// load is registered in the data layer (src/client/invalidate.ts): a write elsewhere that invalidates one of them
// loads it again, keeping the current data on screen until the fresh answer is in.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataKey } from '../client/invalidate';
import type { AppError, Result } from '../core/errors';
import { useDataKeys } from './use-data-keys';
import { useDepsKey } from './use-deps-key';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: AppError };

export function useResult<T>(
  load: () => Promise<Result<T>>,
  deps: readonly unknown[],
  options: { keys?: readonly DataKey[] } = {},
): Loadable<T> & { reload: () => void; replace: (data: T) => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsKey = useDepsKey(deps);
  const generation = useRef(0);
  const hasData = useRef(false);

  const fetchNow = useCallback((fresh: boolean) => {
    const mine = ++generation.current;
    if (fresh || !hasData.current) {
      hasData.current = false;
      setState({ status: 'loading' });
    }
    void loadRef.current().then((result) => {
      // An answer to an older load never replaces a newer one.
      if (mine !== generation.current) return;
      if (result.ok) hasData.current = true;
      setState(result.ok ? { status: 'ok', data: result.data } : { status: 'error', error: result.error });
    });
  }, []);

  useEffect(() => {
    fetchNow(true);
    return () => {
      generation.current += 1;
    };
  }, [fetchNow, attempt, depsKey]);

  useDataKeys(options.keys, () => fetchNow(false));

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  /** Shows fresher data that another call returned, without loading again. */
  const replace = useCallback((data: T) => {
    generation.current += 1;
    hasData.current = true;
    setState({ status: 'ok', data });
  }, []);
  return { ...state, reload, replace };
}
