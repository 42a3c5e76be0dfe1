// Runs `run` once, after the component first mounts, with the props and state of that first render: a form that
// prefills itself when it opens, a list of choices loaded once. Later renders never run it again.
import { useEffect, useRef } from 'react';

export function useOnMount(run: () => void | (() => void)): void {
  const first = useRef(run);
  useEffect(() => first.current(), []);
}
