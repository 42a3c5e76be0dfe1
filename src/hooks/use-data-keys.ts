// Registers a page's load under the data keys it shows (src/client/invalidate.ts) while the page is mounted.
import { useEffect, useRef } from 'react';
import { subscribeKeys, type DataKey } from '../client/invalidate';

export function useDataKeys(keys: readonly DataKey[] | undefined, reload: () => void): void {
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  // Keys are written inline by callers: compared by value, so a re-render does not re-register.
  const signature = JSON.stringify(keys ?? []);
  useEffect(() => {
    const parsed = JSON.parse(signature) as DataKey[];
    if (parsed.length === 0) return undefined;
    return subscribeKeys(parsed, () => reloadRef.current());
  }, [signature]);
}
