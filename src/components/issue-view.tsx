// One issue as every role that may read it sees it (issues 4, 15): what the visit found, where, by when, who is
// responsible, the outcome, and the visit. Each role's page adds its own actions around it.
import { call, type ActionOutput } from '../client/call';
import { beijingDate } from '../core/calendar';
import { err } from '../core/errors';
import { estimatedDateNote } from '../core/holidays';
import { ISSUE_FLAG_LABELS, ISSUE_TYPE_LABELS } from '../core/visits/issue';
import { useResult } from '../hooks/use-result';
import { Card } from './card';
import { formatTime } from './format-time';
import { IssueStateTag } from './issue-row';
import { Field } from './list-row';
import { PhotoStrip } from './photo-picker';
import { Tag } from './tag';
import './visits.css';

export type IssueView = ActionOutput<'visits', 'issue'>;

/** The issue of the page's `id`, kept fresh under ['issues', id] (a save anywhere reloads it). */
export function useIssue(issueId: string) {
  return useResult(() => (issueId ? call('visits', 'issue', { issueId }) : Promise.resolve(err('RECORD.NOT_FOUND'))), [issueId], { keys: [['issues', issueId]] });
}

export function IssueDetail(props: { view: IssueView }) {
  const { issue, visit } = props.view;
  return (
    <>
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
    </>
  );
}
