// The home of a role: who is signed in, and that role's jobs as tiles. Every role's home page is this
// component at its own route; a user who lands on another role's home is sent to their own.
import { useEffect, useState } from 'react';
import { call } from '../client/call';
import { deploymentWarning } from '../core/deployment';
import { JOBS, type Job } from '../role-jobs';
import { HOME_OF, type Route } from '../routes';
import { goHome, useSession } from '../hooks/use-session';
import { useShownAgain } from '../hooks/use-shown-again';
import { PageFrame, SectionTitle } from './page-frame';
import { SessionCard } from './session-card';
import { ErrorState, Loading } from './states';
import { TileGrid } from './tile-grid';

/** How many messages are unread: loaded when the home opens and again whenever it shows after another page. */
function useUnread(): number {
  const [unread, setUnread] = useState(0);
  const load = () =>
    void call('session', 'inbox', { limit: 1 }).then((result) => {
      if (result.ok) setUnread(result.data.unread);
    });
  useEffect(load, []);
  useShownAgain(load);
  return unread;
}

/** The message centre's tile says how many are unread. */
function withUnread(jobs: readonly Job[], unread: number): readonly Job[] {
  return unread > 0 ? jobs.map((job) => (job.key === 'messages' ? { ...job, hint: `${unread}条未读` } : job)) : jobs;
}

export function RoleHome(props: { route: Route; title: string }) {
  const session = useSession();
  const role = session.status === 'ok' ? session.me.role : null;
  const misplaced = role !== null && HOME_OF[role] !== props.route;
  const unread = useUnread();
  // Only the admin's session carries the deployment check (session.me).
  const deployment = session.status === 'ok' ? session.me.deployment : null;
  const warning = deployment ? deploymentWarning(deployment) : null;

  useEffect(() => {
    if (role && misplaced) goHome({ role });
  }, [role, misplaced]);

  return (
    <PageFrame title={props.title}>
      {session.status === 'loading' || misplaced ? <Loading /> : null}
      {session.status === 'error' ? <ErrorState error={session.error} onRetry={session.reload} /> : null}
      {session.status === 'ok' && !misplaced ? (
        <>
          {warning ? <ErrorState error={warning} /> : null}
          <SessionCard me={session.me} />
          <SectionTitle>我的工作</SectionTitle>
          <TileGrid jobs={withUnread(JOBS[session.me.role], unread)} />
        </>
      ) : null}
    </PageFrame>
  );
}
