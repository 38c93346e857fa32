import { FluentProvider, useFocusFinders, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { Session } from '../api/types';
import { ActivityPage } from '../activity/activity-page';
import { BlacklistPage } from '../blacklist/blacklist-page';
import { MailboxPage } from '../mailbox/mailbox-page';
import { SettingsPage } from '../settings/settings-page';
import { ThreadsPage } from '../threads/threads-page';
import { FirstRunGuide } from '../guide/first-run-guide';
import { ErrorState, Loading } from '../ui/states';
import { PageHeader } from '../ui/page-header';
import type { Route } from './routes';
import { Shell } from './shell';
import { SignedOut } from './signed-out';
import { useHashRoute } from './use-hash-route';
import { useTheme } from './use-theme';

// The dashboard: the signed-in session, the theme, and the page the address names. Admin pages are a separate
// chunk, loaded only when an admin opens one, so reps never download them.

const AdminPages = lazy(() => import(/* webpackChunkName: "admin" */ '../admin/admin-pages'));

type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'failed'; error: Error }
  | { kind: 'ready'; session: Session };

function PageBody({ route, session }: { route: Route; session: Session }) {
  const { page } = route;
  if (page.adminOnly) {
    if (session.user.role !== 'admin')
      return (
        <ErrorState
          title="Admins only"
          error={
            new Error(
              'This page is for admins of your organisation. Ask one if something here needs to change.',
            )
          }
        />
      );
    return (
      <Suspense fallback={<Loading label="Loading the admin pages…" />}>
        <AdminPages page={page.id} session={session} />
      </Suspense>
    );
  }
  switch (page.id) {
    case 'blacklist':
      return <BlacklistPage />;
    case 'threads':
      return <ThreadsPage />;
    case 'activity':
      return <ActivityPage />;
    case 'mailbox':
      return <MailboxPage params={route.params} />;
    default:
      return <SettingsPage />;
  }
}

export function App() {
  // Holds Fluent's focus manager (Tabster) for the page's life, as the task pane does: a dialog's aria-hidden is
  // lifted 250 ms after it closes, and a page switch that dropped the last Tabster user meanwhile left the whole
  // page hidden from screen readers (microsoft/tabster#530).
  useFocusFinders();
  const [theme, setTheme] = useTheme();
  const route = useHashRoute();
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    api<Session>('GET', '/api/session').then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ kind: 'ready', session });
      },
      (error: Error) =>
        setState(
          error instanceof ApiError && error.status === 401
            ? { kind: 'signed-out' }
            : { kind: 'failed', error },
        ),
    );
  }, [attempt]);

  const signOut = () => {
    void api('POST', '/api/session/logout').finally(() => setState({ kind: 'signed-out' }));
  };

  let content;
  if (state.kind === 'loading') content = <Loading label="Loading Liaison…" />;
  else if (state.kind === 'signed-out') content = <SignedOut />;
  else if (state.kind === 'failed')
    content = (
      <ErrorState
        title="Liaison is not answering"
        error={state.error}
        retry={() => setAttempt((n) => n + 1)}
      />
    );
  else
    content = (
      <Shell
        session={state.session}
        current={route.page}
        theme={theme}
        onTheme={setTheme}
        onSignOut={signOut}
      >
        <PageHeader page={route.page} />
        <FirstRunGuide session={state.session} page={route.page.id} />
        <PageBody route={route} session={state.session} />
      </Shell>
    );

  return <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme}>{content}</FluentProvider>;
}
