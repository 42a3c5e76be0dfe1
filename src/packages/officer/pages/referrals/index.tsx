// 转介 (RULES §20, issue 13): the office's referral board — every referral of the town, the overdue ones first (by the
// running clock's due date: 司法救助's 10 working days, the town's follow-up interval for the rest), by kind, village
// and state.
import { useState } from 'react';
import { call } from '@/client/call';
import { REFERRAL_FILTER_LABELS, REFERRAL_FILTERS, REFERRAL_KIND_LABELS, REFERRAL_KINDS, type ReferralFilter, type ReferralKind } from '@/core/referrals/referral';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { PagedList } from '@/components/paged-list';
import { ReferralRow, type StaffReferral } from '@/components/referral-view';
import { SignedInPage } from '@/components/signed-in';
import { usePaged } from '@/hooks/use-paged';
import { useResult } from '@/hooks/use-result';

const STATES = REFERRAL_FILTERS.map((value) => ({ value, label: REFERRAL_FILTER_LABELS[value] }));
const KINDS = REFERRAL_KINDS.map((value) => ({ value, label: REFERRAL_KIND_LABELS[value] }));

function Board() {
  const [state, setState] = useState<ReferralFilter>('open');
  const [kind, setKind] = useState<ReferralKind | null>(null);
  const [villageId, setVillageId] = useState<string | null>(null);
  const areas = useResult(() => call('session', 'areas', {}), []);
  const villages = areas.status === 'ok' ? areas.data.map((v) => ({ value: v._id, label: v.name })) : [];
  const paged = usePaged(
    (after: string | null) => call('referrals', 'board', { state, ...(kind ? { kind } : {}), ...(villageId ? { villageId } : {}), limit: 30, ...(after ? { after } : {}) }),
    [state, kind, villageId],
    { keys: [['referrals']] },
  );
  return (
    <>
      <Card>
        <Chips label='状态' noAll options={STATES} value={state} onChange={(v) => setState((v as ReferralFilter | null) ?? 'open')} />
        <Chips label='类别' options={KINDS} value={kind} onChange={(v) => setKind(v as ReferralKind | null)} />
        {villages.length > 1 ? <Chips label='村' options={villages} value={villageId} onChange={setVillageId} /> : null}
      </Card>
      <Card title='转介'>
        <PagedList paged={paged} empty='没有这种状态的转介' row={(r: StaffReferral) => <ReferralRow key={r._id} referral={r} />} />
      </Card>
    </>
  );
}

export default function ReferralsPage() {
  return <SignedInPage title='转介' subtitle='转给有权办理的部门，跟踪到有结果'>{() => <Board />}</SignedInPage>;
}
