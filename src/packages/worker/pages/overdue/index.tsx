// 逾期清单: overdue visits of the caller's area, and the issues there that are past their deadline (issue 4).
import { call } from '@/client/call';
import { Card } from '@/components/card';
import { IssueRow } from '@/components/issue-row';
import { PagedList } from '@/components/paged-list';
import { SignedInPage } from '@/components/signed-in';
import { VisitWorklist } from '@/components/visit-worklist';
import { usePaged } from '@/hooks/use-paged';

function OverdueIssues() {
  // The server answers the overdue range itself: every page is full of them, none filtered away here.
  const paged = usePaged((after: string | null) => call('visits', 'issues', { state: 'overdue', limit: 50, ...(after ? { after } : {}) }), [], { keys: [['issues']] });
  return (
    <Card title='超期未办结的问题'>
      <PagedList paged={paged} empty='没有超期的问题' row={(issue) => <IssueRow key={issue._id} issue={issue} />} />
    </Card>
  );
}

export default function OverduePage() {
  return (
    <SignedInPage title='逾期清单' subtitle='只列已经逾期的：逾期未走访的家庭、超期未办结的问题'>
      {(me) => (
        <>
          <VisitWorklist me={me} bucket='overdue' />
          <OverdueIssues />
        </>
      )}
    </SignedInPage>
  );
}
