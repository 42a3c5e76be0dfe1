// The home of a role: who is signed in, and that role's jobs as tiles. Every role's home page is this
// component at its own route; a user who lands on another role's home is sent to their own.
import { useEffect } from 'react';
import { JOBS } from '../role-jobs';
import { HOME_OF, type Route } from '../routes';
import { goHome, useSession } from '../hooks/use-session';
import { PageFrame, SectionTitle } from './page-frame';
import { SessionCard } from './session-card';
import { ErrorState, Loading } from './states';
import { TileGrid } from './tile-grid';

export function RoleHome(props: { route: Route; title: string }) {
  const session = useSession();
  const role = session.status === 'ok' ? session.me.role : null;
  const misplaced = role !== null && HOME_OF[role] !== props.route;

  useEffect(() => {
    if (role && misplaced) goHome({ role });
  }, [role, misplaced]);

  return (
    <PageFrame title={props.title}>
      {session.status === 'loading' || misplaced ? <Loading /> : null}
      {session.status === 'error' ? <ErrorState error={session.error} onRetry={session.reload} /> : null}
      {session.status === 'ok' && !misplaced ? (
        <>
          <SessionCard me={session.me} />
          <SectionTitle>我的工作</SectionTitle>
          <TileGrid jobs={JOBS[session.me.role]} />
        </>
      ) : null}
    </PageFrame>
  );
}
