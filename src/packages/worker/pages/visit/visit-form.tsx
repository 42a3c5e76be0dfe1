// The visit form (issue 4): who was visited, each member's checklist, the plan's items, notes, photos, location.
import { Text } from '@tarojs/components';
import { dueText } from '@/core/visits/person-schedule';
import { VISIT_NOTES_MAX, VISIT_PHOTOS_MAX } from '@/core/visits/visit-record';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { CheckRow, FormFoot, FormItem, TextArea } from '@/components/form';
import { PhotoPicker } from '@/components/photo-picker';
import { MemberCard } from './member-card';
import { PlanChecks } from './plan-checks';
import type { HouseholdView, Recorded } from './types';
import { useVisitForm } from './use-visit-form';

export function VisitForm(props: { view: HouseholdView; planId: string | null; onRecorded: (result: Recorded) => void }) {
  const { view } = props;
  const plan = view.plan && (!props.planId || props.planId === view.plan._id) ? view.plan : null;
  const members = view.members;
  const { draft, update, selected, failure, sending, locate, submit } = useVisitForm(view, plan, props.onRecorded);

  return (
    <>
      <Card title='走访对象' extra={<Text className='ui-row__meta'>{`开始于 ${formatTime(draft.visitedAt)}`}</Text>}>
        {members.map((m) => (
          <CheckRow
            key={m.personId}
            checked={draft.selected.includes(m.personId)}
            onChange={(on) => update({ selected: on ? [...draft.selected, m.personId] : draft.selected.filter((id) => id !== m.personId) })}
          >
            {`${m.name}（${m.relation || '成员'}）· ${dueText(m.nextVisitDue, Date.now())}`}
          </CheckRow>
        ))}
      </Card>
      {selected.map((m) => (
        <MemberCard
          key={m.personId}
          member={m}
          answers={draft.answers[m.personId] ?? {}}
          notSeen={draft.notSeen[m.personId] === true}
          change={draft.changes[m.personId] ?? ''}
          onAnswers={(a) => update({ answers: { ...draft.answers, [m.personId]: a } })}
          onNotSeen={(on) => update({ notSeen: { ...draft.notSeen, [m.personId]: on } })}
          onChange={(c) => update({ changes: { ...draft.changes, [m.personId]: c } })}
        />
      ))}
      {plan ? <PlanChecks plan={plan} checks={draft.checks} onChange={(checks) => update({ checks })} /> : null}
      <Card>
        <FormItem label='走访记录'>
          <TextArea label='走访记录' value={draft.notes} max={VISIT_NOTES_MAX} onChange={(notes) => update({ notes })} placeholder='看到的情况、谈话内容、需要跟进的事' />
        </FormItem>
        <FormItem label='照片（可不传）' hint={`最多${VISIT_PHOTOS_MAX}张`}>
          <PhotoPicker label='走访照片' purpose='visit' max={VISIT_PHOTOS_MAX} value={draft.photos} onChange={(photos) => update({ photos })} />
        </FormItem>
        <FormItem label='位置（可不填）'>
          {draft.location ? <Text>{`已记录（${draft.location.latitude.toFixed(4)}, ${draft.location.longitude.toFixed(4)}）`}</Text> : null}
          <Button kind='plain' onClick={() => void locate()}>
            {draft.location ? '重新定位' : '记录当前位置'}
          </Button>
        </FormItem>
      </Card>
      <FormFoot error={failure}>
        <Button block disabled={sending || selected.length === 0} onClick={() => void submit()}>
          {sending ? '正在提交…' : '提交走访'}
        </Button>
      </FormFoot>
    </>
  );
}
