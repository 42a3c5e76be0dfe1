// The rows of a cursor-paged list with its empty, error and loading states and the "加载更多" button.
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { ItemOf, Page, Paged } from '../hooks/use-paged';
import { Button } from './button';
import { Empty, ErrorState, Loading } from './states';

export function PagedList<P extends Page>(props: { paged: Paged<P>; empty: string; row: (item: ItemOf<P>) => ReactNode }) {
  const { paged } = props;
  const idle = !paged.loading && !paged.error;
  return (
    <View>
      {paged.items.map(props.row)}
      {idle && paged.items.length === 0 ? <Empty text={props.empty} /> : null}
      {paged.error ? <ErrorState error={paged.error} onRetry={paged.items.length ? paged.loadMore : paged.reload} /> : null}
      {paged.loading ? <Loading /> : null}
      {idle && paged.next !== null ? (
        <View className='ui-state__action'>
          <Button kind='secondary' block onClick={paged.loadMore}>
            加载更多
          </Button>
        </View>
      ) : null}
    </View>
  );
}
