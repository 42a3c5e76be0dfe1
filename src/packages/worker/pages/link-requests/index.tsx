// 居民关联 (issue 9): residents of the caller's grids who asked to link their WeChat to their roster person; one tap
// confirms (确认是本人) or refuses (不是本人). Linking brings their earlier requests and proxy applications with them.
import { useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Notice } from '@/components/form';
import { formatTime } from '@/components/format-time';
import { ListRow } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useResult } from '@/hooks/use-result';
import '@/components/visits-style';

function Requests() {
  const list = useResult(() => call('people', 'linkRequests', {}), [], { keys: [['people']] });
  const [notice, setNotice] = useState<{ tone: 'ok' | 'warn'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function decide(requestId: string, version: number, name: string, accept: boolean): Promise<void> {
    setBusy(requestId);
    const res = await call('people', 'decideLink', { requestId, version, accept });
    setBusy(null);
    if (!res.ok) return setNotice({ tone: 'warn', text: res.error.message });
    setNotice({ tone: 'ok', text: accept ? `已关联${name}${res.data.linked?.casesToConfirm ? `，${res.data.linked.casesToConfirm}件代办申请等本人确认` : ''}` : `已告知申请人不是${name}本人` });
    // The request list and the person's page (now linked to a resident).
    invalidate(['people'], ['person']);
  }
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <Card title='待确认'>
        {list.data.items.length === 0 ? <Empty text='没有待确认的关联申请' /> : null}
        {list.data.items.map((r) => (
          <View key={r.requestId} data-link-request={r.requestId}>
            <ListRow title={r.name} meta={`身份证 ${r.idNumber} · ${formatTime(r.createdAt)}申请`} />
            <View className='ui-button-row'>
              <Button disabled={busy === r.requestId} onClick={() => void decide(r.requestId, r.version, r.name, true)}>
                确认是本人
              </Button>
              <Button kind='plain' disabled={busy === r.requestId} onClick={() => void decide(r.requestId, r.version, r.name, false)}>
                不是本人
              </Button>
            </View>
          </View>
        ))}
      </Card>
    </>
  );
}

export default function LinkRequestsPage() {
  return (
    <SignedInPage title='居民关联' subtitle='确认申请人是登记的本人后，其微信即关联到本人信息'>
      {() => <Requests />}
    </SignedInPage>
  );
}
