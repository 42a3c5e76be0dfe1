// The follow-up plan's items on a visit under the plan (跟踪帮扶): each in order or not, with a note when not.
import { Text, View } from '@tarojs/components';
import { FOLLOW_UP_CHECK_LABELS } from '@/core/visits/follow-up';
import { frequencyLabel } from '@/core/visits/schedule';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { TextInput } from '@/components/form';
import { Tag } from '@/components/tag';
import type { Plan } from './types';
import type { VisitDraft } from './use-visit-form';

type Checks = VisitDraft['checks'];
const OK_OPTIONS = (['ok', 'bad'] as const).map((value) => ({ value, label: FOLLOW_UP_CHECK_LABELS[value] }));

export function PlanChecks(props: { plan: Plan; checks: Checks; onChange: (checks: Checks) => void }) {
  const { plan, checks } = props;
  return (
    <Card title='跟踪帮扶检查事项' extra={<Tag tone='info'>{frequencyLabel(plan.frequencyDays)}</Tag>}>
      {plan.items.map((item) => {
        const c = checks[item.id] ?? { ok: true, note: '' };
        const set = (patch: Partial<typeof c>) => props.onChange({ ...checks, [item.id]: { ...c, ...patch } });
        return (
          <View key={item.id} className={c.ok ? 'ui-question' : 'ui-question ui-question--problem'}>
            <Text className='ui-question__text'>{item.label}</Text>
            <Chips label={`检查事项：${item.label}`} noAll options={OK_OPTIONS} value={c.ok ? 'ok' : 'bad'} onChange={(v) => set({ ok: v !== 'bad' })} />
            {c.ok ? null : <TextInput label={`${item.label}的说明`} value={c.note} onChange={(note) => set({ note })} placeholder='说明异常情况' />}
          </View>
        );
      })}
    </Card>
  );
}
