// 政策指南 (issue 13): one page per kind of help in plain words — who may get it, what to bring, how long it takes by
// law, where to ask — with "apply" or "ask for help" at the end. Opened with `?topic=` from the self-check result
// or a case; without it, the list of topics. Staff also see the application's checklist and statutory steps; the
// town office edits the text.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { FormFoot, Notice } from '@/components/form';
import { GuideSections } from '@/components/guide-view';
import { ListRow } from '@/components/list-row';
import { SectionTitle } from '@/components/page-frame';
import { SignedInPage } from '@/components/signed-in';
import { ErrorState, Loading } from '@/components/states';
import type { Me } from '@/hooks/use-session';
import { useQueryParam } from '@/hooks/use-query-param';
import { useResult } from '@/hooks/use-result';
import { ROUTES, withQuery } from '@/routes';

type Topic = ActionOutput<'cases', 'guide'>['topics'][number];

function NextStep(props: { topic: Topic }) {
  const next = props.topic.nextStep;
  const go = () => void Taro.navigateTo({ url: next.type === 'apply' ? withQuery(ROUTES.apply, { kind: next.kind }) : ROUTES.selfReport });
  return (
    <FormFoot>
      <Button block onClick={go}>
        {next.type === 'apply' ? `申请${props.topic.label}` : '我要求助'}
      </Button>
    </FormFoot>
  );
}

/** For staff: what the application must carry and the steps the law sets, from the core's checklist and workflow. */
function StaffNotes(props: { staff: NonNullable<Topic['staff']> }) {
  const { checklist, steps } = props.staff;
  return (
    <>
      <SectionTitle>工作人员参考</SectionTitle>
      <Card title='材料清单'>
        <View data-guide-checklist=''>
          {checklist.items.map((item) => (
            <ListRow key={item.key} title={item.label} meta={item.platformHeld ? '政府平台已有，由镇里自行查询，不向申请人索要' : item.required ? '必须提供' : '有这种情况时提供'} />
          ))}
          <ListRow title='需要签字' meta={checklist.consents.join('、')} />
        </View>
      </Card>
      <Card title='法定步骤'>
        <View data-guide-steps=''>
          {steps.map((s) => (
            <View key={s.state} className='ui-field'>
              <Text className='ui-field__label'>{s.label}</Text>
              {s.steps.map((e) => (
                <Text key={e.event} className='ui-field__line'>{`${e.label} → ${e.to}${e.limits.length ? `（${e.limits.join('；')}）` : ''}`}</Text>
              ))}
            </View>
          ))}
        </View>
      </Card>
    </>
  );
}

function Guide(props: { me: Me }) {
  const topicKey = useQueryParam('topic');
  const guide = useResult(() => call('cases', 'guide', {}), [], { keys: [['guide']] });
  if (guide.status === 'loading') return <Loading />;
  if (guide.status === 'error') return <ErrorState error={guide.error} onRetry={guide.reload} />;
  const topic = guide.data.topics.find((t) => t.topic === topicKey);
  if (!topic) {
    return (
      <Card title='选一类救助看看'>
        {guide.data.topics.map((t) => (
          <ListRow key={t.topic} title={t.label} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.guide, { topic: t.topic }) })} />
        ))}
      </Card>
    );
  }
  return (
    <View data-guide-topic={topic.topic}>
      <SectionTitle>{topic.label}</SectionTitle>
      <GuideSections text={topic.text} />
      {props.me.role === 'resident' ? <Notice>以上是一般情况，能否享受以调查核实和审核确认的结果为准。</Notice> : null}
      {topic.staff ? <StaffNotes staff={topic.staff} /> : null}
      {props.me.role === 'officer' ? (
        <FormFoot>
          <Button kind='secondary' block onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.guideEdit, { topic: topic.topic }) })}>
            编辑本页
          </Button>
        </FormFoot>
      ) : null}
      {props.me.role === 'resident' ? <NextStep topic={topic} /> : null}
    </View>
  );
}

export default function GuidePage() {
  return (
    <SignedInPage title='政策指南' subtitle='谁可以申请、要准备什么、多长时间办好、到哪里问'>
      {(me) => <Guide me={me} />}
    </SignedInPage>
  );
}
