// One referral for the grid's staff (issue 13): where it went, where it stands and the office's answer, to follow the
// family up; the town office records the answers on its own page.
import { PageFrame } from '@/components/page-frame';
import { ReferralDetail, useReferral } from '@/components/referral-view';
import { ErrorState, Loading } from '@/components/states';
import { useQueryParam } from '@/hooks/use-query-param';

export default function WorkerReferralPage() {
  const found = useReferral(useQueryParam('id'));
  if (found.status !== 'ok' || !found.data.staff) {
    return <PageFrame title='转介'>{found.status === 'error' ? <ErrorState error={found.error} onRetry={found.reload} /> : <Loading />}</PageFrame>;
  }
  const r = found.data.staff;
  return (
    <PageFrame title={`${r.name} · 转介`} subtitle={r.office}>
      <ReferralDetail referral={r} />
    </PageFrame>
  );
}
