// An issue (问题) in a list: what, where, by when, in which state; tapping opens the viewer's own issue page.
import Taro from '@tarojs/taro';
import type { ActionOutput } from '../client/call';
import { ISSUE_FLAG_LABELS, ISSUE_STATE_LABELS, type IssueState } from '../core/visits/issue';
import { useSession } from '../hooks/use-session';
import { ISSUE_PAGE_OF, withQuery } from '../routes';
import { formatTime } from './format-time';
import { ListRow } from './list-row';
import { Tag, type TagTone } from './tag';

export type IssueItem = ActionOutput<'visits', 'issues'>['items'][number];

const STATE_TONE: Record<IssueState, TagTone> = { open: 'warn', assigned: 'info', resolved: 'neutral' };

export function IssueStateTag(props: { state: IssueState }) {
  return <Tag tone={STATE_TONE[props.state]}>{ISSUE_STATE_LABELS[props.state]}</Tag>;
}

export function IssueRow(props: { issue: Pick<IssueItem, '_id' | 'title' | 'state' | 'deadlineAt' | 'urgent' | 'ownerName'> & { headName?: string; overdue?: boolean } }) {
  const i = props.issue;
  const session = useSession();
  const page = session.status === 'ok' ? ISSUE_PAGE_OF[session.me.role] : null;
  const where = i.headName ? `${i.headName}户 · ` : '';
  return (
    <ListRow
      title={i.title}
      meta={`${where}期限 ${formatTime(i.deadlineAt)}${i.ownerName ? ` · 责任人 ${i.ownerName}` : ''}`}
      tags={
        <>
          <IssueStateTag state={i.state} />
          {i.urgent && i.state !== 'resolved' ? <Tag tone='danger'>{ISSUE_FLAG_LABELS.urgent}</Tag> : null}
          {i.overdue ? <Tag tone='danger'>{ISSUE_FLAG_LABELS.overdue}</Tag> : null}
        </>
      }
      {...(page ? { onClick: () => void Taro.navigateTo({ url: withQuery(page, { id: i._id }) }) } : {})}
    />
  );
}
