// 村务公示 (issue 13, RULES §6, §10, §13, §29): the cadre posts the village's 低保 / 特困 first-review opinions for 7
// days in one notice — what will be posted is shown first, exactly as residents will see it (name, household size,
// amount; minors never) — then each case enters its public notice with the notice's dates. Recent notices below,
// each with the link residents can share.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newRequestId } from '@/client/request-id';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { FormFoot, Notice } from '@/components/form';
import { Field, ListRow } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { noticeEntryLine } from '@/core/cases';
import { useResult } from '@/hooks/use-result';
import { ROUTES, withQuery } from '@/routes';

function Board() {
  const board = useResult(() => call('cases', 'noticeBoard', {}), [], { keys: [['notices']] });
  const [requestId, setRequestId] = useState(newRequestId);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'warn'; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  if (board.status === 'loading') return <Loading />;
  if (board.status === 'error') return <ErrorState error={board.error} onRetry={board.reload} />;
  const { ready, period, boards, villageName } = board.data;

  async function publish(): Promise<void> {
    setSending(true);
    const result = await call('cases', 'publishNotice', { requestId });
    setSending(false);
    if (!result.ok) return setNotice({ tone: 'warn', text: result.error.message });
    setNotice({ tone: 'ok', text: `已公示${result.data.posted}户，公示期 ${result.data.startDate} 至 ${result.data.endsOn}` });
    setRequestId(newRequestId());
    invalidate(['notices'], ['cases'], ['case']);
  }

  return (
    <>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <Card title={`${villageName} · 待公示`}>
        {ready.length === 0 ? <Empty text='目前没有待公示的低保、特困初审意见' /> : null}
        <View data-notice-ready=''>
          {ready.map((e, i) => (
            <ListRow key={i} title={e.applicantName} meta={noticeEntryLine(e)} />
          ))}
        </View>
        {ready.length > 0 ? (
          <>
            <Text className='ui-plain'>{`公示期 ${period.startDate} 至 ${period.endsOn}（7天）。只公示姓名、家庭人口和金额；未成年人不公示。`}</Text>
            <FormFoot>
              <Button block disabled={sending} onClick={() => void publish()}>
                {sending ? '正在发布…' : '发布公示'}
              </Button>
            </FormFoot>
          </>
        ) : null}
      </Card>
      <Card title='已发布的公示'>
        {boards.length === 0 ? <Empty text='还没有发布过公示' /> : null}
        {boards.map((b) => (
          <View key={b.noticeId} data-notice={b.noticeId}>
            <ListRow title={`${b.startDate} 至 ${b.endsOn}`} meta={`${b.entries.length}户`} tags={<Tag tone={b.running ? 'info' : 'neutral'}>{b.running ? '公示中' : '已结束'}</Tag>} />
            {/* A long link wraps inside its field (large text included) instead of pushing the page sideways. */}
            <Field label='分享链接'>{withQuery(ROUTES.villageNotices, { id: b.noticeId })}</Field>
          </View>
        ))}
      </Card>
    </>
  );
}

export default function NoticesPage() {
  return <SignedInPage title='村务公示' subtitle='低保、特困初审意见在本村公示7天'>{() => <Board />}</SignedInPage>;
}
