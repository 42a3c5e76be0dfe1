// A role's jobs as tiles, each opening its page.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Job } from '../role-jobs';
import { withQuery } from '../routes';

function open(job: Job): void {
  void Taro.navigateTo({ url: job.query ? withQuery(job.route, job.query) : job.route });
}

export function TileGrid(props: { jobs: readonly Job[] }) {
  return (
    <View className='ui-tiles'>
      {props.jobs.map((job) => (
        <View key={job.key} className='ui-tile' role='button' data-job={job.key} onClick={() => open(job)}>
          <View className='ui-tile__glyph'>{job.glyph}</View>
          <Text className='ui-tile__label'>{job.label}</Text>
          <Text className='ui-tile__hint'>{job.hint}</Text>
        </View>
      ))}
    </View>
  );
}
