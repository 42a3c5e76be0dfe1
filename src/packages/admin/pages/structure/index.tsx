// 村和网格: every village with its cadres, every grid with its gridworkers (区域定格、网格定人).
// A grid with nobody named is flagged: it breaks 网格定人.
import { Text, View } from '@tarojs/components';
import { call } from '@/client/call';
import { Card } from '@/components/card';
import { ListRow } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { Empty, ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useResult } from '@/hooks/use-result';

export default function StructurePage() {
  const structure = useResult(() => call('admin', 'structure', {}), [], { keys: [['structure']] });
  const gridCount = structure.status === 'ok' ? structure.data.reduce((n, v) => n + v.grids.length, 0) : 0;

  return (
    <PageFrame
      title='村和网格'
      subtitle={structure.status === 'ok' ? `${structure.data.length} 个村(居)，${gridCount} 个网格` : undefined}
    >
      {structure.status === 'loading' ? <Loading /> : null}
      {structure.status === 'error' ? <ErrorState error={structure.error} onRetry={structure.reload} /> : null}
      {structure.status === 'ok' && structure.data.length === 0 ? <Empty text='还没有设置村(居)和网格' /> : null}
      {structure.status === 'ok'
        ? structure.data.map((village) => (
            <Card key={village._id} title={village.name} extra={<Tag tone='neutral'>{`${village.grids.length} 个网格`}</Tag>}>
              <View className='ui-row__meta'>
                <Text>{`包村干部：${village.cadres.length ? village.cadres.join('、') : '未指定'}`}</Text>
              </View>
              {village.grids.map((grid) => (
                <ListRow
                  key={grid._id}
                  title={grid.name}
                  meta={grid.workers.length ? `网格员：${grid.workers.join('、')}` : undefined}
                  tags={grid.workers.length ? undefined : <Tag tone='danger'>未指定网格员</Tag>}
                />
              ))}
            </Card>
          ))
        : null}
    </PageFrame>
  );
}
