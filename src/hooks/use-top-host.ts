// Taro keeps the page stack mounted and every PageFrame hosts the app's questions: only the page shown last displays
// one, so it shows once and stays up while a submitted form moves on to the next page.
import { useEffect, useReducer, useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/** A stack of hosts of one kind of question; its hook tells a host whether it is the one on top. */
export function hostStack(): () => boolean {
  const hosts: symbol[] = [];
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  function raise(id: symbol): void {
    const at = hosts.indexOf(id);
    if (at === hosts.length - 1 && at >= 0) return;
    if (at >= 0) hosts.splice(at, 1);
    hosts.push(id);
    changed();
  }
  function drop(id: symbol): void {
    const at = hosts.indexOf(id);
    if (at < 0) return;
    hosts.splice(at, 1);
    changed();
  }
  return function useTopHost(): boolean {
    const id = useRef(Symbol('host')).current;
    const [, refresh] = useReducer((n: number) => n + 1, 0);
    useEffect(() => {
      listeners.add(refresh);
      raise(id);
      return () => {
        listeners.delete(refresh);
        drop(id);
      };
    }, [id]);
    useDidShow(() => raise(id));
    return hosts[hosts.length - 1] === id;
  };
}
