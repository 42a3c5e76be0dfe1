// A role's jobs as tiles. A job whose feature is not built stays visible, greyed and marked 建设中.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Job } from '../role-jobs';
import { withQuery } from '../routes';

function open(job: Job): void {
  if (!job.route) {
    void Taro.showToast({ title: `${job.label}正在建设中`, icon: 'none' });
    return;
  }
  void Taro.navigateTo({ url: job.query ? withQuery(job.route, job.query) : job.route });
}

export function TileGrid(props: { jobs: readonly Job[] }) {
  return (
    <View className='ui-tiles'>
      {props.jobs.map((job) => {
        const ready = Boolean(job.route);
        return (
          <View
            key={job.key}
            className={ready ? 'ui-tile' : 'ui-tile ui-tile--disabled'}
            role='button'
            aria-disabled={ready ? 'false' : 'true'}
            data-job={job.key}
            onClick={() => open(job)}
          >
            <View className='ui-tile__glyph'>{job.glyph}</View>
            <Text className='ui-tile__label'>{job.label}</Text>
            <Text className='ui-tile__hint'>{job.hint}</Text>
            {ready ? null : <Text className='ui-tile__badge'>建设中</Text>}
          </View>
        );
      })}
    </View>
  );
}
