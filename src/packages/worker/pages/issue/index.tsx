// One issue for the grid's staff (issue 15): the same record the office works on, read in their own package — what
// the visit found, who is responsible, the outcome — with their own action: visit the household again.
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@/components/button';
import { IssueDetail, useIssue } from '@/components/issue-view';
import { PageFrame } from '@/components/page-frame';
import { ErrorState, Loading } from '@/components/states';
import { useQueryParam } from '@/hooks/use-query-param';
import { ROUTES, withQuery } from '@/routes';

export default function WorkerIssuePage() {
  const found = useIssue(useQueryParam('id'));
  if (found.status !== 'ok') {
    return <PageFrame title='问题'>{found.status === 'loading' ? <Loading /> : <ErrorState error={found.error} onRetry={found.reload} />}</PageFrame>;
  }
  const { issue, household } = found.data;
  return (
    <PageFrame title={issue.title} subtitle={`${household.headName}户 · ${household.address}`}>
      <IssueDetail view={found.data} />
      <View className='ui-state__action'>
        <Button block onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.visit, { householdId: household._id }) })}>
          {issue.state === 'resolved' ? '查看这一户' : '走访这一户'}
        </Button>
      </View>
    </PageFrame>
  );
}
