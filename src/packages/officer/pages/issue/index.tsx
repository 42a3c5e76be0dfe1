// One issue (问题, issue 4) for the town office: what the visit found, where, by when (components/issue-view.tsx);
// the office assigns it to someone responsible for the place, records how it was fixed, or reopens it. The grid's
// staff read it on their own page (packages/worker/pages/issue).
import { useState } from 'react';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import type { AppError } from '@/core/errors';
import { ROLE_LABELS } from '@/core/roles';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormItem, Notice, TextArea } from '@/components/form';
import { IssueDetail, useIssue, type IssueView } from '@/components/issue-view';
import { PageFrame } from '@/components/page-frame';
import { ErrorState, Loading } from '@/components/states';
import { useSession } from '@/hooks/use-session';
import { useQueryParam } from '@/hooks/use-query-param';


function OfficerActions(props: { view: IssueView }) {
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
    // The issue here and in every list and household page showing it (also after a conflict: the fresh state).
    if (res.ok || res.error.code === 'RECORD.CONFLICT') invalidate(['issues'], ['household', issue.householdId]);
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
  const found = useIssue(issueId);
  if (found.status !== 'ok') {
    return <PageFrame title='问题'>{found.status === 'loading' ? <Loading /> : <ErrorState error={found.error} onRetry={found.reload} />}</PageFrame>;
  }
  const { issue, household } = found.data;
  const isOfficer = session.status === 'ok' && session.me.role === 'officer';
  return (
    <PageFrame title={issue.title} subtitle={`${household.headName}户 · ${household.address}`}>
      <IssueDetail view={found.data} />
      {isOfficer ? <OfficerActions key={`${issue._id}:${issue.version}`} view={found.data} /> : null}
    </PageFrame>
  );
}
