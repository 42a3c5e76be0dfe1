// A number that changes whenever one of `deps` changes (compared with Object.is, as React compares dependencies).
// Hooks whose caller names what a load depends on (useResult, useLive, usePaged) key their effect on it, so the
// effect keeps a literal dependency list; the callers' lists are checked where they are written (eslint.config.mjs
// names these hooks in react-hooks/exhaustive-deps' additionalHooks).
import { useRef } from 'react';

export function useDepsKey(deps: readonly unknown[]): number {
  const seen = useRef({ deps, key: 0 });
  const before = seen.current.deps;
  if (before.length !== deps.length || deps.some((dep, i) => !Object.is(dep, before[i]))) seen.current = { deps, key: seen.current.key + 1 };
  return seen.current.key;
}
