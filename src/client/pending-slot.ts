// One pending thing outside any page (a question to the user), so it survives the page moving on — a submitted
// form redirects at once — and whichever page is on top shows it.
export interface PendingSlot<T> {
  get(): T | null;
  set(value: T | null): void;
  /** Calls `listener` on every change; returns the unwatch. */
  watch(listener: () => void): () => void;
}

export function pendingSlot<T>(): PendingSlot<T> {
  let value: T | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      listeners.forEach((listener) => listener());
    },
    watch(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
