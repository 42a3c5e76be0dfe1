// A resident's referral (issue 13): the town passed their need to the office that decides it (RULES §20); here is
// where it went, where it stands and the office's answer, in plain words.
import { REFERRAL_KIND_LABELS, REFERRAL_STATE_LABELS } from '@/core/referrals/referral';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { Field } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { decisionLine, ReferralTags, useReferral } from '@/components/referral-view';
import { ErrorState, Loading } from '@/components/states';
import { useQueryParam } from '@/hooks/use-query-param';

export default function ResidentReferralPage() {
  const found = useReferral(useQueryParam('id'));
  if (found.status !== 'ok' || !found.data.resident) {
    return <PageFrame title='转介'>{found.status === 'error' ? <ErrorState error={found.error} onRetry={found.reload} /> : <Loading />}</PageFrame>;
  }
  const r = found.data.resident;
  return (
    <PageFrame title={REFERRAL_KIND_LABELS[r.kind]} subtitle={`镇里已转给${r.office}办理`}>
      <Card>
        <ReferralTags state={r.state} />
        <Field label='办理部门'>{r.office}</Field>
        {r.decision ? <Field label='办理结果'>{decisionLine(r.decision)}</Field> : null}
        {r.decision ? <Field label='答复'>{r.decision.note}</Field> : null}
        {r.decision ? null : <Field label='说明'>由该部门按规定办理，有结果后镇里会告诉您；有疑问可以问网格员或镇民政办。</Field>}
      </Card>
      <Card title='进度'>
        {r.steps.map((s, i) => (
          <Field key={`${s.state}-${i}`} label={REFERRAL_STATE_LABELS[s.state]}>
            {formatTime(s.at)}
          </Field>
        ))}
      </Card>
    </PageFrame>
  );
}
