// What a case has beside its own workflow, for staff (issue 13): the referrals made from it (RULES §20) with the way
// to make one, and the 民主评议 records that discussed it.
import Taro from '@tarojs/taro';
import { call } from '../client/call';
import { useResult } from '../hooks/use-result';
import { ROUTES, withQuery } from '../routes';
import { AppraisalCard } from './appraisal-view';
import { Button } from './button';
import { Card } from './card';
import { ReferralRow } from './referral-view';

export function CaseLinks(props: { caseId: string; referralKind?: string }) {
  const referrals = useResult(() => call('referrals', 'board', { state: 'all', caseId: props.caseId, limit: 20 }), [props.caseId], { keys: [['referrals']] });
  const appraisals = useResult(() => call('cases', 'appraisals', { caseId: props.caseId }), [props.caseId], { keys: [['appraisals']] });
  const refer = () => void Taro.navigateTo({ url: withQuery(ROUTES.referralNew, { caseId: props.caseId, ...(props.referralKind ? { kind: props.referralKind } : {}) }) });
  const items = referrals.status === 'ok' ? referrals.data.items : [];
  return (
    <>
      <Card title='转介记录'>
        {items.map((r) => (
          <ReferralRow key={r._id} referral={r} />
        ))}
        <Button kind='secondary' block onClick={refer}>
          转介到有关部门
        </Button>
      </Card>
      {appraisals.status === 'ok' ? appraisals.data.items.map((a) => <AppraisalCard key={a._id} appraisal={a} caseId={props.caseId} />) : null}
    </>
  );
}
