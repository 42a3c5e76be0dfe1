// A cursor-paged list: the first page when `deps` change, the next page on demand ("加载更多"), a reload when the page
// shows again after another page was on top (unless turned off). An answer to an older query never lands in the
// newer list.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataKey } from '../client/invalidate';
import type { AppError, Result } from '../core/errors';
import { useDataKeys } from './use-data-keys';
import { useDepsKey } from './use-deps-key';
import { useShownAgain } from './use-shown-again';

/** A page as the server returns it: its items and the cursor of the next page (null at the end). */
export interface Page {
  items: readonly unknown[];
  next: unknown;
}

export type ItemOf<P extends Page> = P['items'][number];

export interface Paged<P extends Page> {
  items: ItemOf<P>[];
  /** The last page as returned (for extra fields such as counts). */
  last: P | null;
  next: P['next'] | null;
  loading: boolean;
  error: AppError | null;
  loadMore: () => void;
  reload: () => void;
}

/**
 * `reloadOnShow: false` keeps the pages already loaded when the user comes back (a long list being worked through).
 * `keys` register the list in the data layer (src/client/invalidate.ts): a write that invalidates one reloads it.
 */
export function usePaged<P extends Page>(
  fetchPage: (after: P['next'] | null) => Promise<Result<P>>,
  deps: readonly unknown[],
  options: { reloadOnShow?: boolean; keys?: readonly DataKey[] } = {},
): Paged<P> {
  const [items, setItems] = useState<ItemOf<P>[]>([]);
  const [last, setLast] = useState<P | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const depsKey = useDepsKey(deps);

  const load = useCallback(async (after: P['next'] | null): Promise<void> => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    const result = await fetchRef.current(after);
    if (mine !== generation.current) return;
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const page: ItemOf<P>[] = [...result.data.items];
    setItems((shown) => (after === null ? page : [...shown, ...page]));
    setLast(result.data);
  }, []);

  useEffect(() => {
    setItems([]);
    setLast(null);
    void load(null);
  }, [load, depsKey]);

  useDataKeys(options.keys, () => void load(null));

  useShownAgain(() => {
    if (options.reloadOnShow !== false) void load(null);
  });

  const next = last?.next ?? null;
  return { items, last, next, loading, error, loadMore: () => void load(next), reload: () => void load(null) };
}
