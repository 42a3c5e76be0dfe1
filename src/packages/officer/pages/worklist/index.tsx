// 待办工作台: every open case of the town on its statutory clock, earliest due first, with the due-soon and
// overdue counts, filtered by kind, village and step.
import { CaseWorklist } from '@/components/case-worklist';
import { SignedInPage } from '@/components/signed-in';

export default function WorklistPage() {
  return (
    <SignedInPage title='待办工作台' subtitle='按办理期限先后排列，期限按工作日计算'>
      {(me) => <CaseWorklist me={me} title='在办事项' />}
    </SignedInPage>
  );
}
