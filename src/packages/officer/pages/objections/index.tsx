// 公示异议 (issue 13, RULES §6): objections residents filed against village notice entries, the town office's tasks —
// open ones first, each answered once (a named filer is told the answer; an anonymous one shows no filer). An
// objection that holds is then handled on the case (重新调查核实 or 民主评议), which the case page offers.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormFoot, FormItem, Notice, TextArea } from '@/components/form';
import { formatTime } from '@/components/format-time';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { OBJECTION_ANSWER_MAX, OBJECTION_STATES, OBJECTION_STATE_LABELS, objectionAnswerSchema } from '@/core/cases';
import { useResult } from '@/hooks/use-result';
import { ROUTES, withQuery } from '@/routes';
import '@/components/visits-style';

type Objection = ActionOutput<'cases', 'objections'>['items'][number];
type State = (typeof OBJECTION_STATES)[number];
const STATE_OPTIONS = OBJECTION_STATES.map((value) => ({ value, label: OBJECTION_STATE_LABELS[value] }));

function AnswerForm(props: { o: Objection; onDone: () => void }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  async function send(): Promise<void> {
    const parsed = objectionAnswerSchema.safeParse(answer);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '填写的内容有误');
    setSending(true);
    const result = await call('cases', 'answerObjection', { objectionId: props.o._id, version: props.o.version, answer: parsed.data });
    setSending(false);
    if (!result.ok) return setError(result.error.message);
    props.onDone();
  }
  return (
    <>
      <FormItem label='答复' required hint={props.o.anonymous ? '匿名异议：答复存档，不通知提出人' : '答复会通知提出人'}>
        <TextArea label='答复' value={answer} max={OBJECTION_ANSWER_MAX} onChange={setAnswer} />
      </FormItem>
      <FormFoot error={error}>
        <Button disabled={sending} onClick={() => void send()}>
          {sending ? '正在提交…' : '提交答复'}
        </Button>
      </FormFoot>
    </>
  );
}

function Row(props: { o: Objection; onAnswered: () => void }) {
  const { o } = props;
  const [open, setOpen] = useState(false);
  return (
    <View data-objection={o._id} className='ui-field'>
      <Text className='ui-field__label'>{`对${o.applicantName}的公示（${o.noticeStartDate ?? ''} 至 ${o.noticeEndsOn ?? ''}）`}</Text>
      <Text className='ui-field__line'>{o.text}</Text>
      <Text className='ui-field__line'>{`${o.anonymous ? '匿名' : `提出人：${o.filerName ?? '居民'}`} · ${formatTime(o.createdAt)}`}</Text>
      {o.answer ? <Text className='ui-field__line'>{`答复：${o.answer}`}</Text> : null}
      <View className='ui-button-row'>
        <Button kind='secondary' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.officerCase, { id: o.caseId }) })}>
          查看案件
        </Button>
        {o.state === 'open' && !open ? <Button onClick={() => setOpen(true)}>答复</Button> : null}
      </View>
      {open ? (
        <AnswerForm
          o={o}
          onDone={() => {
            setOpen(false);
            props.onAnswered();
          }}
        />
      ) : null}
    </View>
  );
}

function Objections() {
  const [state, setState] = useState<State>('open');
  const [notice, setNotice] = useState<string | null>(null);
  const list = useResult(() => call('cases', 'objections', { state }), [state], { keys: [['objections']] });
  return (
    <>
      <Chips label='状态' noAll options={STATE_OPTIONS} value={state} onChange={(v) => setState((v ?? 'open') as State)} />
      {notice ? <Notice tone='ok'>{notice}</Notice> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'ok' ? (
        <Card>
          {list.data.items.length === 0 ? <Empty text={state === 'open' ? '没有待答复的异议' : '还没有答复过的异议'} /> : null}
          {list.data.items.map((o) => (
            <Row
              key={o._id}
              o={o}
              onAnswered={() => {
                setNotice('已答复');
                invalidate(['objections']);
              }}
            />
          ))}
        </Card>
      ) : null}
    </>
  );
}

export default function ObjectionsPage() {
  return <SignedInPage title='公示异议' subtitle='居民对村务公示提出的异议，逐条核实答复'>{() => <Objections />}</SignedInPage>;
}
