// One member on the visit checklist (issue 4): each question answered yes or no (a problem answer is marked), the
// child-at-risk question for minors only, and a major change.
import { Text, View } from '@tarojs/components';
import { MAJOR_CHANGE_KINDS, MAJOR_CHANGE_LABELS, type MajorChangeKind } from '@/core/visits/major-change';
import { CHECKLIST_KEYS, isProblemAnswer, VISIT_CHECKLIST, type ChecklistAnswers, type ChecklistKey } from '@/core/visits/visit-record';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormItem } from '@/components/form';
import { RiskTag } from '@/components/person-tags';
import type { Member } from './types';

const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
const CHANGE_OPTIONS = MAJOR_CHANGE_KINDS.map((k) => ({ value: k, label: MAJOR_CHANGE_LABELS[k] }));

function Question(props: { member: Member; k: ChecklistKey; value: boolean; onChange: (v: boolean) => void }) {
  const item = VISIT_CHECKLIST[props.k];
  const problem = isProblemAnswer(props.k, props.value);
  return (
    <View className={problem ? 'ui-question ui-question--problem' : 'ui-question'} data-question={props.k}>
      <Text className='ui-question__text'>{item.question}</Text>
      <Chips label={`${props.member.name}：${item.label}`} noAll options={YES_NO} value={props.value ? 'yes' : 'no'} onChange={(v) => props.onChange(v === 'yes')} />
    </View>
  );
}

export function MemberCard(props: { member: Member; answers: ChecklistAnswers; change: MajorChangeKind | ''; onAnswers: (a: ChecklistAnswers) => void; onChange: (c: MajorChangeKind | '') => void }) {
  const { member } = props;
  const keys = CHECKLIST_KEYS.filter((k) => k !== 'childAtRisk' || member.minor);
  return (
    <Card title={`${member.name}（${member.relation || '成员'}）`} extra={<RiskTag tier={member.riskTier} />}>
      {keys.map((k) => (
        <Question key={k} member={member} k={k} value={props.answers[k]} onChange={(v) => props.onAnswers({ ...props.answers, [k]: v })} />
      ))}
      <FormItem label='重大变故' hint='有变故时选上，系统会安排24小时内再次走访并提醒镇民政办'>
        <Chips label={`${member.name}：重大变故`} allLabel='无' options={CHANGE_OPTIONS} value={props.change || null} onChange={(v) => props.onChange((v as MajorChangeKind | null) ?? '')} />
      </FormItem>
    </Card>
  );
}
