// 入户复核 (issue 12): the home re-checks a verification campaign flagged in the caller's grids — open first by
// deadline (overdue marked), then those already recorded. A row opens the re-check to record its outcome.
import Taro from '@tarojs/taro';
import { call, type ActionOutput } from '@/client/call';
import { beijingDate } from '@/core/calendar';
import { Card } from '@/components/card';
import { ListRow } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useResult } from '@/hooks/use-result';
import { ROUTES, withQuery } from '@/routes';

type Task = ActionOutput<'verify', 'tasks'>['open'][number];

function TaskRow(props: { task: Task }) {
  const t = props.task;
  const tags = t.outcome ? <Tag tone='neutral'>{t.outcome.label}</Tag> : t.overdue ? <Tag tone='danger'>已逾期</Tag> : <Tag tone='warn'>待复核</Tag>;
  const due = t.dueAt ? `${beijingDate(t.dueAt)}前` : '';
  return <ListRow title={t.name} meta={`${t.finding ?? ''}${t.detail ? `：${t.detail}` : ''} · ${due}`} tags={tags} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.recheck, { id: t.subjectId }) })} />;
}

function Rechecks() {
  const tasks = useResult(() => call('verify', 'tasks', {}), [], { keys: [['verify']] });
  if (tasks.status === 'loading') return <Loading />;
  if (tasks.status === 'error') return <ErrorState error={tasks.error} onRetry={tasks.reload} />;
  return (
    <>
      <Card title={`待复核（${tasks.data.open.length}）`}>
        {tasks.data.open.length === 0 ? <Empty text='现在没有需要入户复核的对象' /> : tasks.data.open.map((t) => <TaskRow key={t.subjectId} task={t} />)}
      </Card>
      {tasks.data.done.length ? <Card title='已复核'>{tasks.data.done.map((t) => <TaskRow key={t.subjectId} task={t} />)}</Card> : null}
    </>
  );
}

export default function RechecksPage() {
  return <SignedInPage title='入户复核' subtitle='核查比对发现疑点的对象，上门核实并拍照留证'>{() => <Rechecks />}</SignedInPage>;
}
