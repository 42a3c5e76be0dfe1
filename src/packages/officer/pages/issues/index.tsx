// 问题督办: issues found on visits, earliest deadline first, by state; the office sees the town, staff their area
// (issue 4).
import { useState } from 'react';
import { call } from '@/client/call';
import { ISSUE_FILTER_LABELS, type IssueFilter } from '@/core/visits/issue';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { IssueRow, type IssueItem } from '@/components/issue-row';
import { PagedList } from '@/components/paged-list';
import { SignedInPage } from '@/components/signed-in';
import { usePaged } from '@/hooks/use-paged';

type StateFilter = Exclude<IssueFilter, 'overdue'>;
const STATES = (['unresolved', 'open', 'assigned', 'resolved', 'all'] as const satisfies readonly StateFilter[]).map((value) => ({ value, label: ISSUE_FILTER_LABELS[value] }));

function Issues() {
  const [state, setState] = useState<StateFilter>('unresolved');
  const paged = usePaged((after: string | null) => call('visits', 'issues', { state, limit: 30, ...(after ? { after } : {}) }), [state], { keys: [['issues']] });
  return (
    <>
      <Card>
        <Chips label='状态' noAll options={STATES} value={state} onChange={(v) => setState((v as StateFilter | null) ?? 'unresolved')} />
      </Card>
      <Card title='问题'>
        <PagedList paged={paged} empty='没有这种状态的问题' row={(issue: IssueItem) => <IssueRow key={issue._id} issue={issue} />} />
      </Card>
    </>
  );
}

export default function IssuesPage() {
  return <SignedInPage title='问题督办' subtitle='走访发现的问题，分派到人，办结到底'>{() => <Issues />}</SignedInPage>;
}
