// One small data layer (issue 15): every page load names what it shows by keys (['person', id], ['roster']), and a
// successful write invalidates the keys it changed, so every mounted page showing them loads again — the page on
// top and the pages Taro keeps mounted below it (going back shows fresh data too).
// A key invalidates every registered key it is a prefix of: ['person'] reaches ['person', 'p1'].

/** What a load shows: a kind of record, then narrower parts (an id). */
export type DataKey = readonly (string | number)[];

interface Subscriber {
  keys: readonly DataKey[];
  reload: () => void;
}

const subscribers = new Set<Subscriber>();

const covers = (prefix: DataKey, key: DataKey) => prefix.length <= key.length && prefix.every((part, i) => part === key[i]);

/** Registers a load under `keys`; returns the unregistration. */
export function subscribeKeys(keys: readonly DataKey[], reload: () => void): () => void {
  const subscriber = { keys, reload };
  subscribers.add(subscriber);
  return () => {
    subscribers.delete(subscriber);
  };
}

/** After a successful write: every mounted load showing one of `keys` loads again. */
export function invalidate(...keys: DataKey[]): void {
  for (const subscriber of [...subscribers]) {
    if (subscriber.keys.some((shown) => keys.some((changed) => covers(changed, shown)))) subscriber.reload();
  }
}
