// A page's query parameter (lists and message links open pages with an id in the query), decoded once.
import { useRouter } from '@tarojs/taro';

/** The page's `name` query, decoded; '' when it is absent. */
export function useQueryParam(name: string): string {
  const value = useRouter().params[name];
  return typeof value === 'string' ? decodeURIComponent(value) : '';
}
