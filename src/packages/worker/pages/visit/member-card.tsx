// One member on the visit checklist (issues 4, 15): nothing pre-answered — each question is answered 是 or 否 (a
// problem answer is marked), the six 无人 problems under one heading, the child-at-risk question for minors only; or
// the member is marked 没见到本人 and nothing is asked. A major change can be reported either way.
import { Text, View } from '@tarojs/components';
import { MAJOR_CHANGE_KINDS, MAJOR_CHANGE_LABELS, type MajorChangeKind } from '@/core/visits/major-change';
import { checklistKeysFor, isProblemAnswer, VISIT_CHECKLIST, WUREN_HEADING, type ChecklistAnswers, type ChecklistKey } from '@/core/visits/visit-record';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { CheckRow, FormItem } from '@/components/form';
import { RiskTag } from '@/components/person-tags';
import type { Member } from './types';

const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
const CHANGE_OPTIONS = MAJOR_CHANGE_KINDS.map((k) => ({ value: k, label: MAJOR_CHANGE_LABELS[k] }));

function Question(props: { member: Member; k: ChecklistKey; value: boolean | undefined; onChange: (v: boolean) => void }) {
  const item = VISIT_CHECKLIST[props.k];
  const problem = props.value !== undefined && isProblemAnswer(props.k, props.value);
  const value = props.value === undefined ? null : props.value ? 'yes' : 'no';
  return (
    <View className={problem ? 'ui-question ui-question--problem' : 'ui-question'} data-question={props.k}>
      <Text className='ui-question__text'>{item.question}</Text>
      <Chips label={`${props.member.name}：${item.label}`} noAll options={YES_NO} value={value} onChange={(v) => props.onChange(v === 'yes')} />
    </View>
  );
}

export function MemberCard(props: {
  member: Member;
  answers: ChecklistAnswers;
  notSeen: boolean;
  change: MajorChangeKind | '';
  onAnswers: (a: ChecklistAnswers) => void;
  onNotSeen: (notSeen: boolean) => void;
  onChange: (c: MajorChangeKind | '') => void;
}) {
  const { member } = props;
  const keys = checklistKeysFor(member.minor);
  const question = (k: ChecklistKey) => (
    <Question key={k} member={member} k={k} value={props.answers[k]} onChange={(v) => props.onAnswers({ ...props.answers, [k]: v })} />
  );
  return (
    <Card title={`${member.name}（${member.relation || '成员'}）`} extra={<RiskTag tier={member.riskTier} />}>
      <CheckRow checked={props.notSeen} onChange={props.onNotSeen}>
        {`没见到本人（不问${member.name}的问题）`}
      </CheckRow>
      {props.notSeen ? null : (
        <>
          {keys.filter((k) => VISIT_CHECKLIST[k].group !== 'wuren').map(question)}
          <View className='ui-question-group' role='group' aria-label={WUREN_HEADING}>
            <Text className='ui-question-group__title'>{WUREN_HEADING}</Text>
            {keys.filter((k) => VISIT_CHECKLIST[k].group === 'wuren').map(question)}
          </View>
        </>
      )}
      <FormItem label='重大变故' hint='有变故时选上，系统会安排24小时内再次走访并提醒镇民政办'>
        <Chips label={`${member.name}：重大变故`} allLabel='无' options={CHANGE_OPTIONS} value={props.change || null} onChange={(v) => props.onChange((v as MajorChangeKind | null) ?? '')} />
      </FormItem>
    </Card>
  );
}
