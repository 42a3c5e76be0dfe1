// One issue (问题, issue 4): what the visit found, where, by when; the office assigns it to someone responsible for
// the place, records how it was fixed, or reopens it. Staff of the place see the outcome.
import { useState } from 'react';
import { call, type ActionOutput } from '@/client/call';
import { beijingDate } from '@/core/calendar';
import { err, type AppError } from '@/core/errors';
import { estimatedDateNote } from '@/core/holidays';
import { ROLE_LABELS } from '@/core/roles';
import { ISSUE_FLAG_LABELS, ISSUE_TYPE_LABELS } from '@/core/visits/issue';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { Chips } from '@/components/chips';
import { FormItem, Notice, TextArea } from '@/components/form';
import { IssueStateTag } from '@/components/issue-row';
import { Field } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { PhotoStrip } from '@/components/photo-picker';
import { ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useResult } from '@/hooks/use-result';
import { useSession } from '@/hooks/use-session';
import { useQueryParam } from '@/hooks/use-query-param';
import '@/components/visits-style';

type IssueView = ActionOutput<'visits', 'issue'>;

function OfficerActions(props: { view: IssueView; onChanged: () => void }) {
  const { issue, owners } = props.view;
  const [ownerId, setOwnerId] = useState<string | null>(issue.ownerId);
  const [text, setText] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: 'assignIssue' | 'resolveIssue' | 'reopenIssue'): Promise<void> {
    if (busy) return;
    setBusy(true);
    const base = { issueId: issue._id, version: issue.version };
    const res =
      action === 'assignIssue'
        ? await call('visits', 'assignIssue', { ...base, ownerId: ownerId ?? '' })
        : action === 'resolveIssue'
          ? await call('visits', 'resolveIssue', { ...base, resolution: text })
          : await call('visits', 'reopenIssue', { ...base, reason: text });
    setBusy(false);
    setError(res.ok ? null : res.error);
    if (res.ok) setText('');
    if (res.ok || res.error.code === 'RECORD.CONFLICT') props.onChanged();
  }

  const resolved = issue.state === 'resolved';
  return (
    <Card title='督办'>
      {error ? <Notice tone='danger'>{error.code === 'RECORD.CONFLICT' ? '这个问题刚被其他人处理过，已显示最新状态，请再确认一次' : error.message}</Notice> : null}
      {resolved ? null : (
        <FormItem label='责任人'>
          <Chips label='责任人' noAll options={owners.map((o) => ({ value: o._id, label: `${o.name}（${ROLE_LABELS[o.role]}）` }))} value={ownerId} onChange={setOwnerId} />
          <Button kind='secondary' block disabled={busy || !ownerId || ownerId === issue.ownerId} onClick={() => void run('assignIssue')}>
            分派
          </Button>
        </FormItem>
      )}
      <FormItem label={resolved ? '重新打开的原因' : '处理结果'}>
        <TextArea label={resolved ? '重新打开的原因' : '处理结果'} value={text} max={500} onChange={setText} placeholder={resolved ? '为什么还要继续处理' : '做了什么、结果如何'} />
      </FormItem>
      <Button block kind={resolved ? 'danger' : 'primary'} disabled={busy || !text.trim()} onClick={() => void run(resolved ? 'reopenIssue' : 'resolveIssue')}>
        {resolved ? '重新打开' : '办结'}
      </Button>
    </Card>
  );
}

export default function IssuePage() {
  const issueId = useQueryParam('id');
  const session = useSession();
  const found = useResult(() => (issueId ? call('visits', 'issue', { issueId }) : Promise.resolve(err('RECORD.NOT_FOUND'))), [issueId]);
  if (found.status !== 'ok') {
    return <PageFrame title='问题'>{found.status === 'loading' ? <Loading /> : <ErrorState error={found.error} onRetry={found.reload} />}</PageFrame>;
  }
  const { issue, household, visit } = found.data;
  const isOfficer = session.status === 'ok' && session.me.role === 'officer';
  return (
    <PageFrame title={issue.title} subtitle={`${household.headName}户 · ${household.address}`}>
      <Card>
        <IssueStateTag state={issue.state} />
        {issue.urgent ? <Tag tone='danger'>{ISSUE_FLAG_LABELS.urgent}</Tag> : null}
        {issue.overdue ? <Tag tone='danger'>{ISSUE_FLAG_LABELS.overdue}</Tag> : null}
        <Field label='问题类型'>{ISSUE_TYPE_LABELS[issue.type]}</Field>
        <Field label='办结期限'>{[formatTime(issue.deadlineAt), estimatedDateNote(beijingDate(issue.deadlineAt), issue.deadlineEstimated)].filter(Boolean).join('，')}</Field>
        <Field label='发现时间'>{formatTime(issue.createdAt)}</Field>
        <Field label='责任人'>{issue.ownerName ?? '尚未分派'}</Field>
        {issue.resolution ? <Field label='处理结果'>{issue.resolution}</Field> : null}
        {issue.resolvedAt ? <Field label='办结时间'>{formatTime(issue.resolvedAt)}</Field> : null}
        {issue.reopenReason ? <Field label='重新打开原因'>{issue.reopenReason}</Field> : null}
      </Card>
      {visit ? (
        <Card title='走访记录'>
          <Field label='走访人'>{`${visit.visitorName} · ${formatTime(visit.visitedAt)}`}</Field>
          {visit.notes ? <Field label='记录'>{visit.notes}</Field> : null}
          <PhotoStrip record={{ kind: 'visit', id: visit._id }} fileIds={visit.photos} />
        </Card>
      ) : null}
      {isOfficer ? <OfficerActions key={`${issue._id}:${issue.version}`} view={found.data} onChanged={found.reload} /> : null}
    </PageFrame>
  );
}
