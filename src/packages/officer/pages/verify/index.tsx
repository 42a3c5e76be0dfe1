// 核查 (issue 12, PRODUCT flow 8): the town office's verification campaigns — one per half-year, covering every
// current beneficiary and their legal supporters — the scheduled re-checks due now or soon (RULES §9, §16; opening
// the next campaign folds them in), and 开启核查 for a half-year. A campaign opens its progress board.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call } from '@/client/call';
import { newRequestId } from '@/client/request-id';
import { halfYearLabel } from '@/core/verification';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Notice } from '@/components/form';
import { ListRow } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useResult } from '@/hooks/use-result';
import { ROUTES, withQuery } from '@/routes';

function Verify() {
  const overview = useResult(() => call('verify', 'overview', {}), [], { keys: [['verify']] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);
  if (overview.status === 'loading') return <Loading />;
  if (overview.status === 'error') return <ErrorState error={overview.error} onRetry={overview.reload} />;
  const d = overview.data;
  const current = d.campaigns.find((c) => c.half === d.nextHalf);

  async function open(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const res = await call('verify', 'open', { half: d.nextHalf, requestId });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    void Taro.navigateTo({ url: withQuery(ROUTES.verifyBoard, { id: res.data.campaignId }) });
  }

  return (
    <>
      <Card title={`${halfYearLabel(d.nextHalf)}核查`}>
        {current ? (
          <Notice tone='ok'>{`已开启：名单${current.listed}人${current.results ? `，比对疑点${current.results.flagged}人` : '，等待导入比对结果'}`}</Notice>
        ) : (
          <>
            <Notice>{`开启后列入全部低保、特困和生活困难残疾人（含赡养、抚养、扶养义务人）${d.dueCount ? `，并入到期复核${d.dueCount}人` : ''}，导出名单报县级比对。`}</Notice>
            {error ? <Notice tone='danger'>{error}</Notice> : null}
            <Button block disabled={busy} onClick={() => void open()}>
              {busy ? '正在生成名单…' : `开启${halfYearLabel(d.nextHalf)}核查`}
            </Button>
          </>
        )}
      </Card>
      <Card title='核查批次'>
        {d.campaigns.length === 0 ? <Empty text='还没有开启过核查' /> : null}
        {d.campaigns.map((c) => (
          <ListRow
            key={c.campaignId}
            title={`${c.label}核查`}
            meta={`名单${c.listed}人${c.results ? `，疑点${c.results.flagged}人` : ''}`}
            tags={<Tag tone={c.state === 'open' ? 'primary' : 'neutral'}>{c.state === 'open' ? (c.results ? '复核中' : '待导入结果') : '生成名单中'}</Tag>}
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.verifyBoard, { id: c.campaignId }) })}
          />
        ))}
      </Card>
      <Card title={`到期复核（${d.dueCount}人）`}>
        {d.due.length === 0 ? <Empty text='近30天没有到期的复核' /> : null}
        {d.due.map((p) => (
          <ListRow
            key={p.personId}
            title={p.name}
            meta={`${p.village} · ${p.reason} · ${p.dueOn}前`}
            tags={p.overdue ? <Tag tone='danger'>已到期</Tag> : <Tag tone='warn'>将到期</Tag>}
          />
        ))}
      </Card>
      <View className='ui-progress-line'>到期复核在开启下一次核查时一并列入名单。</View>
    </>
  );
}

export default function VerifyPage() {
  return <SignedInPage title='核查' subtitle='逢进必核、每半年全面比对、定期复核'>{() => <Verify />}</SignedInPage>;
}
