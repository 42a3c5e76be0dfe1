// 村务公示 for residents (issue 13, RULES §6, §10, §29): the notices of their own village — name, household size and
// amount only — and, while a notice runs, an objection to an entry (≤ 150 characters, named or anonymous: the office
// does not see who filed an anonymous one, and only a named filer gets the answer). Opened with `?id=` from a shared
// link it shows that notice alone, to anyone.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newRequestId } from '@/client/request-id';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { CheckRow, FormFoot, FormItem, Notice, TextArea } from '@/components/form';
import { formatTime } from '@/components/format-time';
import { ListRow } from '@/components/list-row';
import { SectionTitle } from '@/components/page-frame';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { noticeEntryLine, objectionTextSchema, OBJECTION_STATE_LABELS, OBJECTION_TEXT_MAX } from '@/core/cases';
import { useQueryParam } from '@/hooks/use-query-param';
import { useResult } from '@/hooks/use-result';
import '@/components/visits-style';

type Board = ActionOutput<'cases', 'sharedNotice'>;

function ObjectionForm(props: { noticeId: string; entryIndex: number; name: string; onDone: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [requestId] = useState(newRequestId);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  async function send(): Promise<void> {
    const parsed = objectionTextSchema.safeParse(text);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '填写的内容有误');
    setSending(true);
    const result = await call('cases', 'fileObjection', { requestId, noticeId: props.noticeId, entryIndex: props.entryIndex, text: parsed.data, anonymous });
    setSending(false);
    if (!result.ok) return setError(result.error.message);
    props.onDone(anonymous ? '异议已提交（匿名），镇民政办会核实处理' : '异议已提交，镇民政办答复后会通知你');
  }
  return (
    <Card title={`对${props.name}的公示提出异议`}>
      <FormItem label='异议内容' required hint='请写明你了解的情况，例如收入、财产、家庭人口与公示不符'>
        <TextArea label='异议内容' value={text} max={OBJECTION_TEXT_MAX} onChange={setText} />
      </FormItem>
      <CheckRow checked={anonymous} onChange={setAnonymous}>
        匿名提出（镇里看不到你是谁，也不会给你答复）
      </CheckRow>
      <FormFoot error={error}>
        <View className='ui-button-row'>
          <Button kind='plain' onClick={props.onCancel}>
            取消
          </Button>
          <Button disabled={sending} onClick={() => void send()}>
            {sending ? '正在提交…' : '提交异议'}
          </Button>
        </View>
      </FormFoot>
    </Card>
  );
}

function BoardCard(props: { board: Board; canObject: boolean; onFiled?: (text: string) => void }) {
  const { board } = props;
  const [objecting, setObjecting] = useState<number | null>(null);
  return (
    <View data-notice={board.noticeId}>
      <Card title={`${board.villageName} 低保、特困公示`} extra={<Tag tone={board.running ? 'info' : 'neutral'}>{board.running ? '公示中' : '已结束'}</Tag>}>
        <Text className='ui-plain'>{`公示期 ${board.startDate} 至 ${board.endsOn}`}</Text>
        {board.entries.map((e) => (
          <View key={e.index} data-entry={e.index}>
            <ListRow title={e.applicantName} meta={noticeEntryLine(e)} />
            {props.canObject && board.running && objecting !== e.index ? (
              <Button kind='plain' onClick={() => setObjecting(e.index)}>
                {`对${e.applicantName}有异议`}
              </Button>
            ) : null}
            {objecting === e.index ? (
              <ObjectionForm
                noticeId={board.noticeId}
                entryIndex={e.index}
                name={e.applicantName}
                onCancel={() => setObjecting(null)}
                onDone={(text) => {
                  setObjecting(null);
                  props.onFiled?.(text);
                }}
              />
            ) : null}
          </View>
        ))}
      </Card>
    </View>
  );
}

/** A shared link: the notice alone. */
function Shared(props: { noticeId: string }) {
  const board = useResult(() => call('cases', 'sharedNotice', { noticeId: props.noticeId }), [props.noticeId]);
  if (board.status === 'loading') return <Loading />;
  if (board.status === 'error') return <ErrorState error={board.error} onRetry={board.reload} />;
  return <BoardCard board={board.data} canObject={false} />;
}

function Village() {
  const mine = useResult(() => call('cases', 'villageNotices', {}), [], { keys: [['notices']] });
  const [notice, setNotice] = useState<string | null>(null);
  if (mine.status === 'loading') return <Loading />;
  if (mine.status === 'error') return <ErrorState error={mine.error} onRetry={mine.reload} />;
  if (!mine.data.linked) return <Empty text='关联本人信息后，可以查看本村的公示' />;
  return (
    <>
      {notice ? <Notice tone='ok'>{notice}</Notice> : null}
      {mine.data.boards.length === 0 ? <Empty text='本村最近没有公示' /> : null}
      {mine.data.boards.map((b) => (
        <BoardCard
          key={b.noticeId}
          board={b}
          canObject
          onFiled={(text) => {
            setNotice(text);
            invalidate(['notices']);
          }}
        />
      ))}
      {mine.data.mine.length > 0 ? (
        <>
          <SectionTitle>我提出的异议</SectionTitle>
          <Card>
            {mine.data.mine.map((o) => (
              <View key={o.id} data-my-objection={o.state}>
                <ListRow
                  title={`对${o.applicantName}：${o.text}`}
                  meta={`${formatTime(o.createdAt)}${o.anonymous ? ' · 匿名' : ''}${o.answer ? ` · 答复：${o.answer}` : ''}`}
                  tags={<Tag tone={o.state === 'answered' ? 'info' : 'warn'}>{OBJECTION_STATE_LABELS[o.state]}</Tag>}
                />
              </View>
            ))}
          </Card>
        </>
      ) : null}
    </>
  );
}

function Notices() {
  const shared = useQueryParam('id');
  return shared ? <Shared noticeId={shared} /> : <Village />;
}

export default function VillageNoticesPage() {
  return <SignedInPage title='村务公示' subtitle='只公示姓名、家庭人口和金额'>{() => <Notices />}</SignedInPage>;
}
