// 一拉就响 for gridworkers and village cadres (issue 5): the alerts covering their area, the open ones first, with
// their own progress; a row opens the roll call.
import { AlertList } from '@/components/alert-view';
import { SignedInPage } from '@/components/signed-in';
import { ROUTES } from '@/routes';

export default function RollCallsPage() {
  return (
    <SignedInPage title='一拉就响' subtitle='收到预警后，逐户联系负责的困难群众'>
      {() => <AlertList target={ROUTES.rollCall} initialState='open' empty='现在没有需要点名的预警' />}
    </SignedInPage>
  );
}
