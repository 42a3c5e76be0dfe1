// What a case has beside its own workflow, for staff (issue 13): the referrals made from it (RULES §20) with the way
// to make one (a referral case is sent by its own 转介 step), and the 民主评议 records that discussed it.
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { call } from '../client/call';
import { useResult } from '../hooks/use-result';
import { ROUTES, withQuery } from '../routes';
import { AppraisalCard } from './appraisal-view';
import { Button } from './button';
import { Card } from './card';
import { ReferralRow } from './referral-view';

/** `referralCase`: the case is itself a referral (RULES §20) — its own 转介 step sends it, and its answer is recorded on that referral. */
export function CaseLinks(props: { caseId: string; referralCase: boolean }) {
  const referrals = useResult(() => call('referrals', 'board', { state: 'all', caseId: props.caseId, limit: 20 }), [props.caseId], { keys: [['referrals']] });
  const appraisals = useResult(() => call('cases', 'appraisals', { caseId: props.caseId }), [props.caseId], { keys: [['appraisals']] });
  const refer = () => void Taro.navigateTo({ url: withQuery(ROUTES.referralNew, { caseId: props.caseId }) });
  const items = referrals.status === 'ok' ? referrals.data.items : [];
  return (
    <>
      <Card title='转介记录'>
        {items.map((r) => (
          <ReferralRow key={r._id} referral={r} />
        ))}
        {props.referralCase ? (
          <Text className='ui-row__meta'>{items.length ? '对方单位的答复请打开转介记录登记，登记结果后这件办件随之办结。' : '用上面的“转介”把这件办件转给有关部门。'}</Text>
        ) : (
          <Button kind='secondary' block onClick={refer}>
            转介到有关部门
          </Button>
        )}
      </Card>
      {appraisals.status === 'ok' ? appraisals.data.items.map((a) => <AppraisalCard key={a._id} appraisal={a} caseId={props.caseId} />) : null}
    </>
  );
}
