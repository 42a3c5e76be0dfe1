// A page that needs to know who is signed in: its frame, the session's loading and error states, then the content.
import type { ReactNode } from 'react';
import { useSession, type Me } from '../hooks/use-session';
import { PageFrame } from './page-frame';
import { ErrorState, Loading } from './states';

export function SignedInPage(props: { title: string; subtitle?: string; children: (me: Me) => ReactNode }) {
  const session = useSession();
  return (
    <PageFrame title={props.title} subtitle={props.subtitle}>
      {session.status === 'loading' ? <Loading /> : null}
      {session.status === 'error' ? <ErrorState error={session.error} onRetry={session.reload} /> : null}
      {session.status === 'ok' ? props.children(session.me) : null}
    </PageFrame>
  );
}
