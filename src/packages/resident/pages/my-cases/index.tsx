// 我的办件: the resident's own cases — first what waits for them (a proxy application to confirm or refuse, a
// missing-materials notice to answer), then everything else with its step and deadline in working days; and the
// referrals made for them (RULES §20), read-only, each opening where it went and the office's answer.
import Taro from '@tarojs/taro';
import { call, type ActionOutput } from '@/client/call';
import { RESIDENT_ASK_LABELS } from '@/core/cases';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { CaseRow } from '@/components/case-view';
import { openCase } from '@/components/case-worklist';
import { ReferralRow } from '@/components/referral-view';
import { PageFrame } from '@/components/page-frame';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useResult } from '@/hooks/use-result';
import { useShownAgain } from '@/hooks/use-shown-again';
import { ROUTES } from '@/routes';

type MineItem = ActionOutput<'cases', 'mine'>['items'][number];

function Rows(props: { items: MineItem[]; extra?: (item: MineItem) => string }) {
  return (
    <>
      {props.items.map((item) => (
        <CaseRow key={item._id} item={item} extra={props.extra?.(item)} onClick={() => openCase('resident', item._id)} />
      ))}
    </>
  );
}

export default function MyCasesPage() {
  const mine = useResult(() => call('cases', 'mine', {}), [], { keys: [['cases']] });
  const referrals = useResult(() => call('referrals', 'mine', {}), [], { keys: [['referrals']] });
  // Back from a case or referral page: show what changed there.
  useShownAgain(() => {
    mine.reload();
    referrals.reload();
  });

  const items = mine.status === 'ok' ? mine.data.items : [];
  // What waits for the resident is the core's answer (residentAsk), given with each item.
  const waiting = items.filter((i) => i.ask !== null);
  const rest = items.filter((i) => !waiting.includes(i));
  return (
    <PageFrame title='我的办件' subtitle='办理进度和期限（按工作日计算）'>
      {mine.status === 'loading' ? <Loading /> : null}
      {mine.status === 'error' ? <ErrorState error={mine.error} onRetry={mine.reload} /> : null}
      {waiting.length > 0 ? (
        <Card title='等您办理'>
          <Rows items={waiting} extra={(item) => (item.ask ? RESIDENT_ASK_LABELS[item.ask] : '')} />
        </Card>
      ) : null}
      {mine.status === 'ok' ? (
        <Card title='全部办件'>
          <Rows items={rest} />
          {items.length === 0 ? <Empty text='还没有办件。遇到困难可以“我要求助”，也可以直接申请救助。' /> : null}
        </Card>
      ) : null}
      {referrals.status === 'ok' && referrals.data.items.length > 0 ? (
        <Card title='转介到其他部门的'>
          {referrals.data.items.map((r) => (
            <ReferralRow key={r._id} referral={r} />
          ))}
        </Card>
      ) : null}
      <Button kind='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.selfReport })}>
        我要求助
      </Button>
    </PageFrame>
  );
}
