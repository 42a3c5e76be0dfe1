// The household around a visit: its flags, each member's next visit and the follow-up plan above the form; its
// issues and past visits below it; and what a just-recorded visit found, with a referral per member when it found a need.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { dueText } from '@/core/visits/person-schedule';
import { frequencyLabel } from '@/core/visits/schedule';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { Notice } from '@/components/form';
import { IssueRow } from '@/components/issue-row';
import { Field, ListRow } from '@/components/list-row';
import { HouseholdFlags } from '@/components/person-tags';
import { ROUTES, withQuery } from '@/routes';
import type { HouseholdView, Member, Recorded } from './types';

export function HouseholdSummary(props: { view: HouseholdView }) {
  const { view } = props;
  const h = view.household;
  return (
    <Card>
      <HouseholdFlags keyHousehold={h.keyHousehold} floating={h.floating} />
      {view.members.map((m) => (
        <Field key={m.personId} label={m.name}>{`${dueText(m.nextVisitDue, Date.now())}（${m.dueReason}）`}</Field>
      ))}
      {view.plan ? (
        <ListRow title='跟踪帮扶计划' meta={`${frequencyLabel(view.plan.frequencyDays)}走访 · 责任人 ${view.plan.ownerName}`} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.plan, { id: view.plan!._id }) })} />
      ) : (
        <ListRow title='建立跟踪帮扶计划' meta='为受助家庭指定一对一责任人和走访频次' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.plan, { householdId: h._id }) })} />
      )}
    </Card>
  );
}

export function ResultCard(props: { result: Recorded; members: readonly Member[] }) {
  const { result } = props;
  const name = (id: string) => props.members.find((m) => m.personId === id)?.name ?? '';
  return (
    <Card title='走访已记录'>
      <Notice tone={result.notified ? 'danger' : 'ok'}>
        {result.notified ? '发现紧急情况，已立即通知镇民政办' : result.issues.length ? `发现${result.issues.length}个问题，已报镇民政办督办` : '本次走访未发现问题'}
      </Notice>
      {result.issues.map((i) => (
        <IssueRow key={i._id} issue={{ ...i, state: 'open', ownerName: null }} />
      ))}
      {result.schedule.map((s) => (
        <Field key={s.personId} label={name(s.personId) || s.name}>{`下次走访：${formatTime(s.nextVisitDue)}前`}</Field>
      ))}
      {result.issues.length ? (
        // RULES §20: a need another office decides (medical, school, housing, work, legal) is referred from the visit.
        <View className='ui-button-row'>
          {props.members.map((m) => (
            <Button key={m.personId} kind='secondary' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.referralNew, { visitId: result.visitId, personId: m.personId }) })}>
              {`转介${m.name}`}
            </Button>
          ))}
        </View>
      ) : null}
      <View className='ui-button-row'>
        <Button kind='secondary' onClick={() => void Taro.navigateBack()}>
          返回清单
        </Button>
      </View>
    </Card>
  );
}

export function HouseholdRecord(props: { view: HouseholdView }) {
  const { view } = props;
  return (
    <>
      {view.issues.length ? (
        <Card title='这一户的问题'>
          {view.issues.map((i) => (
            <View key={i._id}>
              <IssueRow issue={i} />
              {i.state === 'resolved' && i.resolution ? <Notice tone='ok'>{`处理结果：${i.resolution}`}</Notice> : null}
            </View>
          ))}
        </Card>
      ) : null}
      <Card title='走访记录'>
        {view.visits.length === 0 ? <Text className='ui-row__meta'>还没有走访记录</Text> : null}
        {view.visits.map((v) => (
          <ListRow key={v._id} title={`${formatTime(v.visitedAt)} · ${v.visitorName}`} meta={v.notes || `走访${v.members}人${v.photos ? `，照片${v.photos}张` : ''}`} />
        ))}
      </Card>
    </>
  );
}
