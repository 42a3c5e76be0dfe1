// Loads one Result-returning call for a page and keeps loading / data / error apart for the view.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../core/errors';
import { useDepsKey } from './use-deps-key';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: AppError };

export function useResult<T>(load: () => Promise<Result<T>>, deps: readonly unknown[]): Loadable<T> & { reload: () => void; replace: (data: T) => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsKey = useDepsKey(deps);

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    loadRef.current().then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ok', data: result.data } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [attempt, depsKey]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  /** Shows fresher data that another call returned, without loading again. */
  const replace = useCallback((data: T) => setState({ status: 'ok', data }), []);
  return { ...state, reload, replace };
}
