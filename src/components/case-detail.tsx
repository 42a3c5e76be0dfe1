// One case, for every role: where it stands, the current step's deadline, what was reported or applied for, the
// checklist, each step taken, the timeline, the audit trail (officer) — and a form for each event the server says
// this user may send now. A version conflict reloads the fresh case and says so.
import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { invalidate } from '../client/invalidate';
import { call, type ActionOutput } from '../client/call';
import { beijingDate } from '../core/calendar';
import {
  CASE_KIND_LABELS,
  caseAuditWhy,
  CASE_OUTCOME_LABELS,
  CASE_SOURCE_LABELS,
  CASE_STATE_LABELS,
  clockMet,
  CLOCK_STEP_LABELS,
  consentsRequiredFor,
  DATA_CHECK_LABELS,
  DECIDING_BODY_LABELS,
  DECISION_OUTCOME_LABELS,
  EXTENSION_REASON_LABELS,
  HELP_CATEGORY_LABELS,
  INVESTIGATING_BODY_LABELS,
  isReferralKind,
  OPINION_LABELS,
  PROXY_CONFIRMATION_LABELS,
  REFERRAL_RESULT_LABELS,
  residentAsk,
  residentOutlook,
  SELF_CARE_CLASS_LABELS,
  SPOT_CHECK_RESULT_LABELS,
  TERMINATION_OBJECTION_OUTCOME_LABELS,
  TERMINATION_TRANSFER_LABELS,
  writtenNoticeRequired,
  type CaseEvent,
  type CaseEventType,
  type OfferedEvent,
  type CaseRecord,
} from '../core/cases';
import { err } from '../core/errors';
import { guideTopicOfCase } from '../core/guide';
import { AUDIT_KIND_LABELS } from '../core/records';
import { ROLE_LABELS, type Role } from '../core/roles';
import { usePaged } from '../hooks/use-paged';
import { useResult } from '../hooks/use-result';
import { ROUTES, withQuery } from '../routes';
import { useSession } from '../hooks/use-session';
import { useQueryParam } from '../hooks/use-query-param';
import { Button } from './button';
import { Card } from './card';
import { CaseLinks } from './case-links';
import { Checklist, DueTag, dueLine, StateTag, stateLabel, Timeline } from './case-view';
import { eventLabel } from './case-events';
import { EventForm } from './event-form';
import { formatTime, unbroken } from './format-time';
import { Notice, type NoticeTone } from './form';
import { Field } from './list-row';
import { PageFrame } from './page-frame';
import { PagedList } from './paged-list';
import { PhotoStrip } from './photo-picker';
import { ErrorState, Loading } from './states';
import { Tag } from './tag';

type CaseView = ActionOutput<'cases', 'get'>;

function Report(props: { c: CaseRecord }) {
  const report = props.c.report;
  if (!report) return null;
  return (
    <Card title='求助内容'>
      <Field label='困难类别'>{HELP_CATEGORY_LABELS[report.helpCategory]}</Field>
      {report.urgency === 'urgent' ? (
        <Field label='紧急程度'>
          <Tag tone='danger'>紧急</Tag>
        </Field>
      ) : null}
      <Field label='情况'>{report.description}</Field>
      {report.contactPhone ? <Field label='联系电话'>{report.contactPhone}</Field> : null}
      {report.location ? <Field label='位置'>{report.location.address ?? `${report.location.latitude}, ${report.location.longitude}`}</Field> : null}
      <PhotoStrip record={{ kind: 'case', id: props.c._id }} fileIds={report.photoFileIds} />
    </Card>
  );
}

/** The steps the case has been through, each where it happened. */
function Steps(props: { c: CaseRecord; view: CaseView }) {
  const { c, view } = props;
  const rows: { label: string; value: string; files?: string[] }[] = [];
  if (c.proxy) {
    rows.push({ label: '代办确认', value: PROXY_CONFIRMATION_LABELS[c.proxy.confirmation.status], files: [c.proxy.authorisationPhotoFileId] });
    if (c.proxy.confirmation.status === 'refused') rows.push({ label: '不同意理由', value: c.proxy.confirmation.reason });
  }
  if (c.nearRelative) rows.push({ label: '近亲属备案', value: `${c.nearRelative.relation}（入户调查由县级进行）` });
  for (const inv of c.investigations) {
    rows.push({
      label: `入户调查${c.investigations.length > 1 ? `（第${inv.round}次）` : ''}`,
      value: `${INVESTIGATING_BODY_LABELS[inv.conductedBy]}，${inv.investigators.map((i) => i.name).join('、')}${inv.visitedOn ? `，${inv.visitedOn}` : ''}`,
      files: [inv.formPhotoFileId],
    });
  }
  if (c.dataCheck) {
    const result = c.dataCheck.result ? DATA_CHECK_LABELS[c.dataCheck.result] : '已申请，等待结果';
    const report = c.dataCheck.reference ? `，报告 ${c.dataCheck.reference}（${c.dataCheck.reportedOn ?? ''}）` : '';
    rows.push({ label: '经济状况核对', value: `${result}${report}${c.dataCheck.startedOn ? `（县级 ${c.dataCheck.startedOn} 开始核对）` : ''}`, files: c.dataCheck.resultFileIds });
  }
  if (c.selfCare) rows.push({ label: '自理能力', value: SELF_CARE_CLASS_LABELS[c.selfCare.classification] });
  if (c.selfCareChange) {
    const done = c.selfCareChange.reassessedAt !== undefined ? `，已于 ${beijingDate(c.selfCareChange.reassessedAt)} 重新评估` : '，待重新评估';
    rows.push({ label: '自理能力变化', value: `${c.selfCareChange.reportedOn} 报告：${c.selfCareChange.change}${done}` });
  }
  if (c.firstReview) {
    const amount = c.firstReview.proposedAmountYuan !== undefined ? `，拟 ${c.firstReview.proposedAmountYuan} 元/月` : '';
    rows.push({ label: '初审意见', value: `${OPINION_LABELS[c.firstReview.opinion]}${amount}：${c.firstReview.note}` });
  }
  for (const notice of c.publicNotices) {
    rows.push({ label: `张榜公示${c.publicNotices.length > 1 ? `（第${notice.round}轮）` : ''}`, value: `${notice.startDate} 至 ${notice.endsOn}${notice.endedAt ? '，已结束' : ''}` });
    for (const objection of notice.objections) rows.push({ label: '公示异议', value: objection.text });
  }
  if (c.noticeSkipped) rows.push({ label: '公示', value: '不公示' });
  if (c.spotCheck) {
    const s = c.spotCheck;
    rows.push({ label: '县级抽查', value: `${s.checkedBy}，${s.checkedOn}：${SPOT_CHECK_RESULT_LABELS[s.result]}${s.note ? `（${s.note}）` : ''}` });
  }
  if (c.extension) rows.push({ label: '延期', value: `${EXTENSION_REASON_LABELS[c.extension.reason]}：${c.extension.note}` });
  if (c.emergency) {
    rows.push({ label: '先行救助', value: `${c.emergency.help.what}，${c.emergency.help.amountYuan} 元（${formatTime(c.emergency.help.givenAt)}）` });
    if (c.emergency.paperwork) rows.push({ label: '补齐手续', value: `${c.emergency.paperwork.reason}；签字：${c.emergency.paperwork.signOffs.join('、')}` });
  }
  if (c.referral) {
    rows.push({ label: '转介', value: c.referral.to });
    if (c.referral.outcome) rows.push({ label: '转介结果', value: `${REFERRAL_RESULT_LABELS[c.referral.outcome.result]}：${c.referral.outcome.note}` });
  }
  const showPublicView = view.publicView !== null && c.publicNotices.length > 0;
  if (rows.length === 0 && !showPublicView) return null;
  return (
    <Card title='办理情况'>
      {rows.map((row, i) => (
        <Field key={`${row.label}-${i}`} label={row.label}>
          <Text>{row.value}</Text>
          <PhotoStrip record={{ kind: 'case', id: c._id }} fileIds={row.files ?? []} />
        </Field>
      ))}
      {showPublicView && view.publicView ? (
        <Field label='公示内容'>
          {`${view.publicView.applicantName}，家庭${view.publicView.householdSize ?? '—'}人，${view.publicView.amountYuan ?? '—'}元`}
        </Field>
      ) : null}
    </Card>
  );
}

/** RULES §16: the termination notice, its objections and their decisions, the stop month and where the person went. */
function Termination(props: { t: NonNullable<CaseRecord['termination']> }) {
  const { t } = props;
  return (
    <View data-termination={t.terminatedAt !== undefined ? 'terminated' : 'pending'}>
      <Field label='终止理由'>{t.reason}</Field>
      <Field label='终止告知'>{`${t.noticeStartDate} 起告知，${t.noticeEndsOn} 起可以终止`}</Field>
      {t.objections.map((o, i) => (
        <Field key={i} label='终止异议'>
          {`${o.raisedOn}：${o.text}${o.decision ? `；${TERMINATION_OBJECTION_OUTCOME_LABELS[o.decision.outcome]}（${o.decision.decidedOn}${beijingDate(o.decision.recordedAt) !== o.decision.decidedOn ? `，${beijingDate(o.decision.recordedAt)} 登记` : ''}）：${o.decision.note}` : '；待复核'}`}
        </Field>
      ))}
      {t.gradualExitMonths ? <Field label='渐退期'>{`${t.gradualExitMonths}个月`}</Field> : null}
      {t.stopsFromMonth ? <Field label='停发'>{`${t.stopsFromMonth} 起停发`}</Field> : null}
      {t.transfer ? <Field label='转入'>{`${TERMINATION_TRANSFER_LABELS[t.transfer]}${t.transferNote ? `：${t.transferNote}` : ''}`}</Field> : null}
    </View>
  );
}

/**
 * The limits already ended: was each met? A step that happened outside the office is judged by its day; when it was
 * entered later, both days show (issue 11 item 3).
 */
function ClockHistory(props: { c: CaseRecord }) {
  const stopped = props.c.clockHistory.filter((k) => k.stoppedAt !== undefined);
  if (stopped.length === 0) return null;
  return (
    <Card title='期限记录'>
      {stopped.map((k, i) => (
        <Field key={`${k.step}-${i}`} label={CLOCK_STEP_LABELS[k.step]}>
          <Text data-clock-met={clockMet(k) ? 'met' : 'missed'}>
            {`期限 ${k.dueDate ?? formatTime(k.dueAt)}；${k.stopRecordedAt !== undefined ? `${k.unit === 'hours' ? formatTime(k.stoppedAt!) : beijingDate(k.stoppedAt!)} 办理，${formatTime(k.stopRecordedAt)} 登记` : `${formatTime(k.stoppedAt!)} 办理`}；${clockMet(k) ? '按期' : '超期'}`}
          </Text>
        </Field>
      ))}
    </Card>
  );
}

function Decision(props: { c: CaseRecord }) {
  const { decision, explanation, closure, kind } = props.c;
  if (!decision && !closure) return null;
  return (
    <Card title='结果'>
      {decision ? (
        <View data-decision={decision.outcome}>
          <Field label='决定'>
            <Tag tone={decision.outcome === 'approve' ? 'primary' : 'danger'}>{DECISION_OUTCOME_LABELS[decision.outcome]}</Tag>
            <Text>{`${DECIDING_BODY_LABELS[decision.by]}，${decision.decidedOn}`}</Text>
          </Field>
          {/* Issue 11 item 3: the day it was taken and, when later, the day it was entered — the clock counts the first. */}
          {beijingDate(decision.recordedAt) !== decision.decidedOn ? <Field label='登记时间'>{`${formatTime(decision.recordedAt)} 登记（期限按决定日期计算）`}</Field> : null}
          {decision.amountYuan !== undefined ? <Field label='金额'>{`${decision.amountYuan} 元`}</Field> : null}
          {decision.benefitStartMonth ? <Field label='起始月份'>{`${decision.benefitStartMonth} 起发放`}</Field> : null}
          {decision.reasons?.length ? <Field label='理由'>{decision.reasons.join('；')}</Field> : null}
          {decision.outcome === 'deny' && writtenNoticeRequired(kind) ? (
            <Field label='书面告知'>{decision.writtenNotice ? `已送达 ${decision.writtenNotice.deliveredOn}` : '待送达'}</Field>
          ) : null}
        </View>
      ) : null}
      {explanation ? (
        <Field label='解释说明'>{explanation.closedAt !== undefined ? `已完成：${explanation.conversation ?? ''}` : '待网格员当面解释说明'}</Field>
      ) : null}
      {props.c.termination ? <Termination t={props.c.termination} /> : null}
      {closure ? <Field label='办结'>{`${CASE_OUTCOME_LABELS[closure.outcome]}（${beijingDate(closure.at)}）${closure.note ? `：${closure.note}` : ''}`}</Field> : null}
    </Card>
  );
}

function auditLine(entry: ActionOutput<'cases', 'trail'>['items'][number]): string {
  const who = `${entry.actorName ?? ''}（${ROLE_LABELS[entry.actorRole]}）`;
  const step =
    entry.kind === 'transition' && typeof entry.from === 'string' && typeof entry.to === 'string'
      ? `：${CASE_STATE_LABELS[entry.from as CaseRecord['state']] ?? entry.from} → ${CASE_STATE_LABELS[entry.to as CaseRecord['state']] ?? entry.to}`
      : '';
  return `${who} ${AUDIT_KIND_LABELS[entry.kind]}${step}${entry.why && entry.kind !== 'view' ? `（${caseAuditWhy(entry.why)}）` : ''}`;
}

/** The town office's audit trail of a case: its history and who viewed it, each paged on its own (RULES §29). */
function AuditTrail(props: { caseId: string; part: 'history' | 'views'; title: string }) {
  const paged = usePaged((before: string | null) => call('cases', 'trail', { caseId: props.caseId, part: props.part, ...(before ? { before } : {}) }), [props.caseId, props.part], {
    keys: [['case', props.caseId]],
  });
  return (
    <Card title={props.title}>
      <PagedList
        paged={paged}
        empty='暂无记录'
        row={(entry: ActionOutput<'cases', 'trail'>['items'][number]) => (
          <Field key={entry._id} label={formatTime(entry.at).slice(5)}>
            {auditLine(entry)}
          </Field>
        )}
      />
    </Card>
  );
}

/** What the resident must do next, or when they can expect an answer (issue 15). */
function ResidentOutlook(props: { c: CaseRecord; userId: string }) {
  const outlook = residentOutlook(props.c, residentAsk(props.c, props.userId));
  return outlook ? <Field label='接下来'>{unbroken(outlook)}</Field> : null;
}

export function CaseDetail(props: { caseId: string; onSent?: (type: CaseEventType) => void }) {
  const session = useSession();
  const role: Role | null = session.status === 'ok' ? session.me.role : null;
  const resident = role === 'resident';
  const found = useResult<CaseView>(
    () => (props.caseId ? call('cases', 'get', { caseId: props.caseId }) : Promise.resolve(err('RECORD.NOT_FOUND'))),
    [props.caseId],
    { keys: [['case', props.caseId]] },
  );
  const [open, setOpen] = useState<OfferedEvent | null>(null);
  const [notice, setNotice] = useState<{ tone: NoticeTone; text: string } | null>(null);
  const view = found.status === 'ok' ? found.data : null;
  const ctx = useMemo(() => (view && role ? { c: view.case, missing: view.missing, role, amountSuggestion: view.amountSuggestion } : null), [view, role]);

  async function send(event: CaseEvent): Promise<string | null> {
    if (!view) return null;
    const result = await call('cases', 'transition', { caseId: props.caseId, version: view.case.version, event });
    if (result.ok) {
      setOpen(null);
      setNotice({ tone: 'ok', text: `已${eventLabel(event.type)}，现在是“${stateLabel(result.data.state, resident)}”` });
      // This page, its trail, and the lists below it (worklists, my cases) show the step at once.
      invalidate(['case', props.caseId], ['cases']);
      props.onSent?.(event.type);
      return null;
    }
    if (result.error.code === 'RECORD.CONFLICT') {
      setOpen(null);
      setNotice({ tone: 'warn', text: '这件事已被他人处理，已刷新为最新内容，请核对后再办理' });
      found.reload();
      return null;
    }
    return result.error.message;
  }

  if (found.status === 'error') {
    return (
      <PageFrame title='办件详情'>
        <ErrorState error={found.error} onRetry={found.reload} />
      </PageFrame>
    );
  }
  if (!view || !ctx) {
    return (
      <PageFrame title='办件详情'>
        {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
        <Loading />
      </PageFrame>
    );
  }

  const c = view.case;
  // PRODUCT flow 2, RULES §1 (2): a person without a linked WeChat can only confirm a proxy application on paper.
  const awaitingProxy = c.state === 'awaitingConfirmation' && c.proxy?.confirmation.status === 'pending' && role !== 'resident';
  const actions = awaitingProxy && !c.residentUserId ? [...view.available].sort((a, b) => Number(b === 'recordPaperConfirmation') - Number(a === 'recordPaperConfirmation')) : view.available;
  return (
    <PageFrame title={`${c.applicant.name} · ${CASE_KIND_LABELS[c.kind]}`} subtitle={`${CASE_SOURCE_LABELS[c.source]} · ${formatTime(c.createdAt)} 提交`}>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <Card>
        <View className='ui-row__tags' data-case-state={c.state}>
          <StateTag state={c.state} resident={resident} />
          {resident ? null : <DueTag status={view.dueStatus} />}
        </View>
        {resident ? (
          // Issue 15: the resident is told what to do or when to expect an answer, never the office's clocks.
          <ResidentOutlook c={c} userId={session.status === 'ok' ? session.me.userId : ''} />
        ) : (
          <>
            {c.clock && view.left.clock ? <Field label='当前期限'>{dueLine(c.clock, view.left.clock)}</Field> : null}
            {c.procedureClock && view.left.procedureClock ? <Field label='全程期限'>{dueLine(c.procedureClock, view.left.procedureClock)}</Field> : null}
            {c.dataCheckClock && view.left.dataCheckClock ? <Field label='核对期限'>{dueLine(c.dataCheckClock, view.left.dataCheckClock)}</Field> : null}
          </>
        )}
        {c.applicant.householdSize ? <Field label='家庭人口'>{`${c.applicant.householdSize} 人`}</Field> : null}
      </Card>

      {c.missingMaterialsNotice && !c.missingMaterialsNotice.suppliedAt ? (
        <Notice tone='warn'>
          {`镇里一次性告知需要补齐：${c.missingMaterialsNotice.items.map((i) => i.label).join('、')}${c.missingMaterialsNotice.note ? `（${c.missingMaterialsNotice.note}）` : ''}`}
        </Notice>
      ) : null}

      {awaitingProxy ? (
        <Notice tone='warn'>
          {c.residentUserId
            ? '已通知本人在小程序中确认。本人不便在手机上确认时，请本人在确认书上签字，拍照后「登记纸质确认」。镇里从确认时开始计时。'
            : '本人还没有关联微信，不能在手机上确认：请本人在确认书上签字，拍照后点「登记纸质确认」，镇里从登记时开始计时。本人在小程序「关联本人信息」关联后，也可以在线确认。'}
        </Notice>
      ) : null}

      {actions.length > 0 ? (
        <Card title={role === 'resident' ? '需要您办理' : '可以办理'}>
          <View className='ui-actions'>
            {actions.map((type, i) => (
              <View key={type} className='ui-actions__item' data-event={type}>
                <Button kind={open === type ? 'primary' : i === 0 ? 'primary' : 'secondary'} onClick={() => setOpen(open === type ? null : type)}>
                  {eventLabel(type)}
                </Button>
              </View>
            ))}
          </View>
        </Card>
      ) : null}
      {open ? <EventForm key={`${open}-${c.version}`} type={open} ctx={ctx} onSubmit={send} onCancel={() => setOpen(null)} /> : null}

      <Decision c={c} />
      <Report c={c} />
      <Steps c={c} view={view} />
      {role === 'resident' ? null : <CaseLinks caseId={c._id} referralCase={isReferralKind(c.kind)} />}
      {role === 'resident' ? null : <ClockHistory c={c} />}
      {role !== 'resident' && guideTopicOfCase(c.kind) ? (
        <Button kind='plain' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.guide, { topic: guideTopicOfCase(c.kind)! }) })}>
          政策指南：材料清单和法定步骤
        </Button>
      ) : null}
      {c.materials.length > 0 || consentsRequiredFor(c.kind).length > 0 ? (
        <Card title='材料清单'>
          <Checklist c={c} />
        </Card>
      ) : null}
      <Card title='办理过程'>
        <Timeline entries={c.timeline} resident={resident} />
      </Card>
      {role === 'officer' ? <AuditTrail caseId={c._id} part='history' title='操作记录（审计）' /> : null}
      {role === 'officer' ? <AuditTrail caseId={c._id} part='views' title='查看记录' /> : null}
    </PageFrame>
  );
}

/** The case page of every role: the case named by the `id` query. */
export function CasePage(props: { onSent?: (type: CaseEventType) => void }) {
  return <CaseDetail caseId={useQueryParam('id')} onSent={props.onSent} />;
}
