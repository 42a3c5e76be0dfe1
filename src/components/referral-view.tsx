// A referral (转介, RULES §20) as staff read it: where it went, why, where it stands, its clock (司法救助's decision
// limit or the town's follow-up date), the answer, and who recorded each step when. Rows for the board and the case
// page open the viewer's own referral page.
import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { call, type ActionOutput } from '../client/call';
import { beijingDate } from '../core/calendar';
import { CLOCK_STEP_LABELS } from '../core/cases';
import { err } from '../core/errors';
import { estimatedDateNote } from '../core/holidays';
import {
  REFERRAL_KIND_LABELS,
  REFERRAL_OUTCOME_LABELS,
  REFERRAL_SOURCE_LABELS,
  REFERRAL_STATE_LABELS,
  type ReferralRecord,
  type ReferralState,
} from '../core/referrals/referral';
import { formatYuan } from '../core/text';
import { useQueryParam } from '../hooks/use-query-param';
import { useResult } from '../hooks/use-result';
import { useSession } from '../hooks/use-session';
import { REFERRAL_PAGE_OF, withQuery } from '../routes';
import { Card } from './card';
import { PageFrame } from './page-frame';
import { ErrorState, Loading } from './states';
import { formatTime } from './format-time';
import { Field, ListRow } from './list-row';
import { Tag, type TagTone } from './tag';

export type StaffReferral = NonNullable<ActionOutput<'referrals', 'get'>['staff']>;

const STATE_TONE: Record<ReferralState, TagTone> = { sent: 'warn', received: 'info', decided: 'primary', closed: 'neutral' };

export function ReferralTags(props: { state: ReferralState; overdue?: boolean }) {
  return (
    <>
      <Tag tone={STATE_TONE[props.state]}>{REFERRAL_STATE_LABELS[props.state]}</Tag>
      {props.overdue ? <Tag tone='danger'>已超期</Tag> : null}
    </>
  );
}

/** The referral of the page's `id`, kept fresh under ['referrals', id]. */
export function useReferral(id: string) {
  return useResult(() => (id ? call('referrals', 'get', { referralId: id }) : Promise.resolve(err('RECORD.NOT_FOUND'))), [id], { keys: [['referrals', id]] });
}

/** "司法救助决定：2026-10-16 前" — the running clock's step and due date. */
export function clockLine(clock: ReferralRecord['clock']): string | null {
  if (!clock || clock.stoppedAt !== undefined) return null;
  const date = clock.dueDate ?? beijingDate(clock.dueAt);
  return [`${CLOCK_STEP_LABELS[clock.step]}：${date} 前`, estimatedDateNote(date, clock.estimated)].filter(Boolean).join('，');
}

export function decisionLine(d: NonNullable<ReferralRecord['decision']>): string {
  const given = [d.amountYuan !== null ? formatYuan(d.amountYuan) : '', d.service ?? ''].filter(Boolean).join('，');
  return `${REFERRAL_OUTCOME_LABELS[d.outcome]}${given ? `：${given}` : ''}`;
}

/** One referral in a list; a resident's own (no clock, not overdue) reads the same, opening their own page. */
export function ReferralRow(props: { referral: Pick<StaffReferral, '_id' | 'name' | 'kind' | 'office' | 'state' | 'decision'> & Partial<Pick<StaffReferral, 'overdue' | 'clock'>> }) {
  const r = props.referral;
  const session = useSession();
  const page = session.status === 'ok' ? REFERRAL_PAGE_OF[session.me.role] : null;
  const due = clockLine(r.clock ?? null);
  return (
    <ListRow
      title={`${r.name} · ${REFERRAL_KIND_LABELS[r.kind]}`}
      meta={[r.office, r.decision ? decisionLine(r.decision) : due].filter(Boolean).join(' · ')}
      tags={<ReferralTags state={r.state} overdue={r.overdue} />}
      {...(page ? { onClick: () => void Taro.navigateTo({ url: withQuery(page, { id: r._id }) }) } : {})}
    />
  );
}

export function ReferralDetail(props: { referral: StaffReferral }) {
  const r = props.referral;
  const due = clockLine(r.clock);
  return (
    <>
      <Card>
        <ReferralTags state={r.state} overdue={r.overdue} />
        <Field label='转介到'>{r.office}</Field>
        <Field label='转介原因'>{r.reason}</Field>
        <Field label='来源'>{REFERRAL_SOURCE_LABELS[r.source.kind]}</Field>
        {due ? <Field label='跟进期限'>{due}</Field> : null}
        {r.decision ? <Field label='办理结果'>{decisionLine(r.decision)}</Field> : null}
        {r.decision ? <Field label='对方答复'>{r.decision.note}</Field> : null}
      </Card>
      <Card title='办理过程'>
        {r.steps.map((s, i) => (
          <Field key={`${s.state}-${i}`} label={REFERRAL_STATE_LABELS[s.state]}>
            {[`${formatTime(s.at)} · ${s.byName}`, s.note].filter(Boolean).join('，')}
          </Field>
        ))}
      </Card>
    </>
  );
}

/** A staff member's page of the referral named by `?id=`: its detail, then what the viewer's role may do with it. */
export function StaffReferralPage(props: { actions?: (referral: StaffReferral) => ReactNode }) {
  const found = useReferral(useQueryParam('id'));
  if (found.status !== 'ok' || !found.data.staff) {
    return <PageFrame title='转介'>{found.status === 'error' ? <ErrorState error={found.error} onRetry={found.reload} /> : <Loading />}</PageFrame>;
  }
  const r = found.data.staff;
  return (
    <PageFrame title={`${r.name} · 转介`} subtitle={r.office}>
      <ReferralDetail referral={r} />
      {props.actions?.(r)}
    </PageFrame>
  );
}
