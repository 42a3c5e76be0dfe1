// The same object for as long as its content (JSON) stays the same: a query built inline on every render can then
// be a hook dependency without reloading on each render.
import { useRef } from 'react';

export function useStable<T>(value: T): T {
  const key = JSON.stringify(value);
  const kept = useRef({ key, value });
  if (kept.current.key !== key) kept.current = { key, value };
  return kept.current.value;
}
