import {
  Button,
  Caption1,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { MailMessage } from '../../src/types';
import { NotSignedIn, openPreviewSession, type PreviewUser } from './preview/preview-session';
import { PreviewCompose } from './preview/PreviewCompose';
import {
  composeStandIn,
  standInOffice,
  type ComposeStandIn,
  type PreviewMeeting,
} from './preview/stand-in-mailbox';

// /preview: the real built pane (pane-preview.html, in a frame the width of Outlook's pane) beside the signed-in
// user's emails and meetings. Picking one switches the pane's item as a pinned pane sees it in Outlook; no Microsoft
// account needed.

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gridTemplateColumns: 'minmax(260px, 1fr) 380px',
    gridTemplateRows: 'auto 1fr',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    gridColumn: '1 / span 2',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    display: 'grid',
    gap: '2px',
    alignContent: 'start',
  },
  email: {
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    display: 'grid',
    padding: tokens.spacingHorizontalS,
  },
  sub: { color: tokens.colorNeutralForeground2 },
  frame: {
    width: '380px',
    height: '100%',
    minHeight: 'calc(100vh - 60px)',
    border: 'none',
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  center: { padding: tokens.spacingHorizontalXXL, maxWidth: '640px' },
  heading: { margin: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} 0` },
});

/** "Tue, Dec 8, 3:00 PM" */
const startOf = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

/** `?mailbox=1.7` plays an Outlook without Mailbox 1.8 (no internet headers). */
const MAILBOX_MINOR = new URLSearchParams(window.location.search).get('mailbox') === '1.7' ? 7 : 8;

type Selected = { kind: 'email' | 'meeting' | 'compose'; index: number };

function Preview({
  user,
  emails,
  meetings,
  token,
}: {
  user: PreviewUser;
  emails: MailMessage[];
  meetings: PreviewMeeting[];
  token(fresh?: boolean): Promise<string>;
}) {
  const styles = useStyles();
  const params = new URLSearchParams(window.location.search);
  const [dark, setDark] = useState(params.get('theme') === 'dark');
  const [selected, setSelected] = useState<Selected>({ kind: 'email', index: 0 });
  const [draft, setDraft] = useState<{ n: number; standIn: ComposeStandIn }>();
  // One stand-in for the page: the theme switch reaches the running pane as Outlook's OfficeThemeChanged does.
  const standIn = useMemo(() => {
    const s = standInOffice({ emailAddress: user.addresses[0] ?? '', displayName: user.displayName }, dark, {
      mailboxMinor: MAILBOX_MINOR,
    });
    s.select(emails[0]);
    return s;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const switchTheme = (next: boolean) => {
    setDark(next);
    standIn.setTheme(next);
  };

  const pick = useCallback(
    (i: number) => {
      setSelected({ kind: 'email', index: i });
      standIn.select(emails[i]);
    },
    [standIn, emails],
  );
  const pickMeeting = useCallback(
    (i: number) => {
      setSelected({ kind: 'meeting', index: i });
      standIn.select(meetings[i]);
    },
    [standIn, meetings],
  );
  /** A new email, as Outlook's New mail opens the compose form with the pane beside it. */
  const compose = useCallback(() => {
    const next = composeStandIn();
    setDraft((d) => ({ n: (d?.n ?? 0) + 1, standIn: next }));
    setSelected({ kind: 'compose', index: 0 });
    standIn.select(next);
  }, [standIn]);
  const isSelected = (kind: Selected['kind'], i: number) => selected.kind === kind && selected.index === i;
  // Set before the frame's script runs: effects run as soon as the page commits, the frame loads later.
  useLayoutEffect(() => {
    window.liaisonPreview = { office: standIn.office, token };
    window.liaisonPreviewSelect = pick;
    window.liaisonPreviewSelectMeeting = pickMeeting;
  }, [standIn, token, pick, pickMeeting]);

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <div className={styles.page}>
        <header className={styles.header}>
          <Text as="h1" size={500} weight="semibold">
            Liaison preview
          </Text>
          <Caption1 className={styles.sub}>
            The Outlook task pane without Outlook, signed in as {user.displayName} ({user.addresses[0]}).
          </Caption1>
          <Switch label="Dark theme" checked={dark} onChange={(_, d) => switchTheme(d.checked)} />
        </header>
        <nav aria-label="Emails and meetings">
          <div className={styles.heading}>
            <Button
              onClick={compose}
              data-testid="preview-new-email"
              appearance={selected.kind === 'compose' ? 'primary' : 'secondary'}
            >
              New email
            </Button>
          </div>
          {selected.kind === 'compose' && draft && (
            <PreviewCompose key={draft.n} draft={draft.standIn} token={token} />
          )}
          {meetings.length > 0 && (
            <Text as="h2" size={400} weight="semibold" block className={styles.heading}>
              Mail
            </Text>
          )}
          {emails.length === 0 ? (
            <Text as="p" className={styles.center}>
              No emails yet. The demo mailbox fills a few seconds after `npm start`; reload then.
            </Text>
          ) : (
            <ul className={styles.list}>
              {emails.map((m, i) => (
                <li key={m.internetMessageId}>
                  <Button
                    className={styles.email}
                    appearance={isSelected('email', i) ? 'primary' : 'subtle'}
                    aria-current={isSelected('email', i) ? 'true' : undefined}
                    data-testid="preview-email"
                    data-message-id={m.internetMessageId}
                    onClick={() => pick(i)}
                  >
                    <Text weight="semibold">{m.subject || '(no subject)'}</Text>
                    <Caption1>
                      {m.folder === 'sent'
                        ? `To ${m.to[0]?.name ?? m.to[0]?.address ?? ''}`
                        : `From ${m.from.name ?? m.from.address}`}
                    </Caption1>
                  </Button>
                </li>
              ))}
            </ul>
          )}
          {meetings.length > 0 && (
            <>
              <Text as="h2" size={400} weight="semibold" block className={styles.heading}>
                Calendar
              </Text>
              <ul className={styles.list} aria-label="Meetings">
                {meetings.map((m, i) => (
                  <li key={m.sourceId}>
                    <Button
                      className={styles.email}
                      appearance={isSelected('meeting', i) ? 'primary' : 'subtle'}
                      aria-current={isSelected('meeting', i) ? 'true' : undefined}
                      data-testid="preview-meeting"
                      data-source-id={m.sourceId}
                      onClick={() => pickMeeting(i)}
                    >
                      <Text weight="semibold">{m.event.subject || '(no subject)'}</Text>
                      <Caption1>
                        {startOf(m.event.start)}
                        {m.event.status === 'cancelled' ? ' · cancelled' : ''}
                      </Caption1>
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </nav>
        <iframe className={styles.frame} src="/taskpane/pane-preview.html" title="Liaison task pane" />
      </div>
    </FluentProvider>
  );
}

declare global {
  interface Window {
    /** Picks the i-th email, as a click would (the browser tests and the bench switch items with it). */
    liaisonPreviewSelect?: (i: number) => void;
    /** Picks the i-th meeting of the Calendar list. */
    liaisonPreviewSelectMeeting?: (i: number) => void;
  }
}

const root = createRoot(document.getElementById('root')!);
function Message({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 32, maxWidth: 640 }}>
        <Text as="h1" size={600} weight="semibold" block>
          {title}
        </Text>
        {children}
      </main>
    </FluentProvider>
  );
}

root.render(
  <FluentProvider theme={webLightTheme}>
    <Spinner label="Opening the preview…" style={{ paddingTop: '30vh' }} />
  </FluentProvider>,
);
openPreviewSession()
  .then(({ user, emails, meetings, token }) =>
    root.render(<Preview user={user} emails={emails} meetings={meetings} token={token} />),
  )
  .catch((error: unknown) =>
    root.render(
      error instanceof NotSignedIn ? (
        <Message title="Sign in to try the task pane">
          <Text as="p">
            Open the one-time sign-in link that <code>npm start</code> printed (or make a new one with{' '}
            <code>node bin/liaison.js users link admin@ourco.com</code>), then come back to{' '}
            <code>/preview</code>.
          </Text>
        </Message>
      ) : (
        <Message title="The preview could not start">
          <MessageBar layout="multiline" intent="error">
            <MessageBarBody>
              {String(error)}. Is the Liaison server running? Reload to try again.
            </MessageBarBody>
          </MessageBar>
        </Message>
      ),
    ),
  );
