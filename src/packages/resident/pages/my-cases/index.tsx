// 我的办件 and 确认代办 (issue 15): the resident's own cases in their words — what waits for them, else when they can
// expect an answer; the office's clocks stay on staff pages. `?show=confirm` (the 确认代办 tile) lists only the
// proxy applications waiting for their confirmation; otherwise all cases, those waiting for them first, and the
// referrals made for them (RULES §20), read-only, each opening where it went and the office's answer.
import Taro from '@tarojs/taro';
import { call, type ActionOutput } from '@/client/call';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { CaseRow } from '@/components/case-view';
import { openCase } from '@/components/case-worklist';
import { ReferralRow } from '@/components/referral-view';
import { PageFrame } from '@/components/page-frame';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useQueryParam } from '@/hooks/use-query-param';
import { useResult } from '@/hooks/use-result';
import { useShownAgain } from '@/hooks/use-shown-again';
import { ROUTES } from '@/routes';

type MineItem = ActionOutput<'cases', 'mine'>['items'][number];

function Rows(props: { items: MineItem[] }) {
  return (
    <>
      {props.items.map((item) => (
        <CaseRow key={item._id} item={item} outlook={item.outlook} onClick={() => openCase('resident', item._id)} />
      ))}
    </>
  );
}

export default function MyCasesPage() {
  const confirmOnly = useQueryParam('show') === 'confirm';
  const mine = useResult(() => call('cases', 'mine', {}), [], { keys: [['cases']] });
  const referrals = useResult(() => call('referrals', 'mine', {}), [], { keys: [['referrals']] });
  // Back from a case or referral page: show what changed there.
  useShownAgain(() => {
    mine.reload();
    referrals.reload();
  });

  const items = mine.status === 'ok' ? mine.data.items : [];
  // What waits for the resident is the core's answer (residentAsk), given with each item.
  const waiting = items.filter((i) => (confirmOnly ? i.ask === 'confirmProxy' : i.ask !== null));
  const rest = items.filter((i) => !waiting.includes(i));
  const loaded = mine.status === 'ok';
  return (
    <PageFrame
      title={confirmOnly ? '确认代办' : '我的办件'}
      subtitle={confirmOnly ? '网格员代您提交的申请，确认后镇里才开始办理' : '办理进度，需要您办理的排在前面'}
    >
      {mine.status === 'loading' ? <Loading /> : null}
      {mine.status === 'error' ? <ErrorState error={mine.error} onRetry={mine.reload} /> : null}
      {loaded && (waiting.length > 0 || confirmOnly) ? (
        <Card title={confirmOnly ? '等您确认的代办申请' : '等您办理'}>
          <Rows items={waiting} />
          {waiting.length === 0 ? <Empty text='没有等您确认的代办申请' /> : null}
        </Card>
      ) : null}
      {loaded && !confirmOnly ? (
        <Card title={waiting.length > 0 ? '其他办件' : '全部办件'}>
          <Rows items={rest} />
          {items.length === 0 ? <Empty text='还没有办件。遇到困难可以“我要求助”，也可以直接申请救助。' /> : null}
        </Card>
      ) : null}
      {!confirmOnly && referrals.status === 'ok' && referrals.data.items.length > 0 ? (
        <Card title='转介到其他部门的'>
          {referrals.data.items.map((r) => (
            <ReferralRow key={r._id} referral={r} />
          ))}
        </Card>
      ) : null}
      {confirmOnly ? (
        <Button kind='secondary' block onClick={() => void Taro.redirectTo({ url: ROUTES.myCases })}>
          查看我的全部办件
        </Button>
      ) : (
        <Button kind='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.selfReport })}>
          我要求助
        </Button>
      )}
    </PageFrame>
  );
}
