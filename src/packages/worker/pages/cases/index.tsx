// The cases of a gridworker's grids (a cadre's village): explanation tasks after a denial first, then every open
// case with its step and deadline — what the town asked for is on each case's page.
import { CaseList, CaseWorklist, useWorklist } from '@/components/case-worklist';
import { Card } from '@/components/card';
import type { Me } from '@/hooks/use-session';
import { SignedInPage } from '@/components/signed-in';

function ExplanationTasks(props: { me: Me }) {
  // A denied case waits for the gridworker's explanation (and the town's written notice) before it closes.
  const tasks = useWorklist({ due: 'all', state: 'denied' });
  if (!tasks.loading && !tasks.error && tasks.items.length === 0) return null;
  return (
    <Card title='解释说明任务'>
      <CaseList list={tasks} role={props.me.role} empty='没有待解释说明的申请' extra={() => '未获批准：请当面解释理由并记录'} />
    </Card>
  );
}

export default function GridCasesPage() {
  return (
    <SignedInPage title='网格办件' subtitle='本网格的求助和申请，按办理期限排列'>
      {(me) => (
        <>
          <ExplanationTasks me={me} />
          <CaseWorklist me={me} title='在办事项' />
        </>
      )}
    </SignedInPage>
  );
}
