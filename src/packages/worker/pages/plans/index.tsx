// 跟踪帮扶: active follow-up plans — the ones the caller owns (一对一), or every one in their area (issue 4).
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { call, type ActionOutput } from '@/client/call';
import { frequencyLabel } from '@/core/visits/schedule';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { ListRow } from '@/components/list-row';
import { PagedList } from '@/components/paged-list';
import { RiskTag } from '@/components/person-tags';
import { SignedInPage } from '@/components/signed-in';
import { usePaged } from '@/hooks/use-paged';
import { ROUTES, withQuery } from '@/routes';

type PlanItem = ActionOutput<'visits', 'plans'>['items'][number];
const WHOSE = [
  { value: 'mine', label: '我负责的' },
  { value: 'all', label: '范围内全部' },
];

function Plans() {
  const [whose, setWhose] = useState<'mine' | 'all'>('mine');
  const paged = usePaged((after: string | null) => call('visits', 'plans', { mine: whose === 'mine', ...(after ? { after } : {}) }), [whose], { keys: [['plans']] });
  return (
    <>
      <Card>
        <Chips label='范围' noAll options={WHOSE} value={whose} onChange={(v) => setWhose(v === 'all' ? 'all' : 'mine')} />
      </Card>
      <Card title='进行中的帮扶计划'>
        <PagedList
          paged={paged}
          empty='还没有跟踪帮扶计划。在走访页面为受助家庭建立计划'
          row={(p: PlanItem) => (
            <ListRow
              key={p._id}
              title={`${p.headName}户`}
              meta={`${frequencyLabel(p.frequencyDays)}走访 · 责任人 ${p.ownerName} · ${p.address}`}
              tags={<RiskTag tier={p.tier} />}
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.plan, { id: p._id }) })}
            />
          )}
        />
      </Card>
    </>
  );
}

export default function PlansPage() {
  return <SignedInPage title='跟踪帮扶' subtitle='受助家庭一对一跟踪，按计划频次走访'>{() => <Plans />}</SignedInPage>;
}
