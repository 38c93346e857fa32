import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { api } from '../api/client';
import type { MailboxStatus } from '../api/types';
import { useLoad } from '../api/use-load';
import { DangerButton } from '../ui/danger-button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { formatDateTime } from '../ui/format';
import { Notice, type NoticeValue } from '../ui/notice';
import { Section } from '../ui/section';
import { ErrorState, Loading } from '../ui/states';
import { ImapForm, type ImapDetails } from './imap-form';

// The user's own mailbox: its status with details and last sync; connect Microsoft 365 or Google (OAuth: the
// browser goes to the provider and comes back to `#/mailbox?connected=…`) or any IMAP server; disconnect.

const KIND_NAMES: Record<string, string> = {
  graph: 'Microsoft 365',
  gmail: 'Google',
  imap: 'IMAP',
  maildir: 'Demo mailbox (Maildir)',
};

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

function noticeFromParams(params: URLSearchParams): NoticeValue | undefined {
  const connected = params.get('connected');
  if (connected)
    return {
      intent: 'success',
      title: `${KIND_NAMES[connected] ?? connected} connected`,
      text: 'Liaison reads new mail from the next sync, within a minute.',
    };
  const error = params.get('error');
  if (error)
    return { intent: 'error', title: 'The mailbox did not connect', text: params.get('message') ?? error };
  return undefined;
}

export function MailboxPage({ params }: { params: URLSearchParams }) {
  const styles = useStyles();
  const loaded = useLoad<MailboxStatus>('/api/mailbox');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeValue | undefined>(() => noticeFromParams(params));
  const [confirming, setConfirming] = useState(false);

  if (loaded.loading && !loaded.data) return <Loading label="Loading your mailbox…" />;
  if (loaded.error || !loaded.data)
    return <ErrorState error={loaded.error ?? new Error('No mailbox status.')} retry={loaded.reload} />;
  const status = loaded.data;

  const run = async (work: () => Promise<void>, failure: string) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await work();
    } catch (error) {
      setNotice({ intent: 'error', title: failure, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const startOAuth = (kind: 'graph' | 'gmail') =>
    run(async () => {
      const { authorizeUrl } = await api<{ authorizeUrl: string }>(
        'POST',
        `/api/mailbox/${kind}/connect`,
        {},
      );
      window.location.assign(authorizeUrl);
    }, `Could not start the ${KIND_NAMES[kind]} sign-in`);
  const connectImap = (details: ImapDetails) =>
    run(async () => {
      loaded.set(await api<MailboxStatus>('POST', '/api/mailbox/imap', details));
      setNotice({
        intent: 'success',
        title: 'IMAP mailbox connected',
        text: 'Liaison reads new mail from the next sync, within a minute.',
      });
    }, 'The IMAP mailbox did not connect');
  const disconnect = () =>
    run(async () => {
      loaded.set(await api<MailboxStatus>('DELETE', '/api/mailbox'));
      setConfirming(false);
      setNotice({
        intent: 'success',
        title: 'Mailbox disconnected',
        text: 'Liaison no longer reads it. Emails already saved stay in the CRM.',
      });
    }, 'Still connected');

  const { mailbox } = status;
  return (
    <>
      <Notice notice={notice} />
      <Section title="Status">
        <div className={styles.row}>
          <Badge appearance="filled" color={status.status === 'Active' ? 'success' : 'warning'}>
            {status.status}
          </Badge>
          {status.reason ? <Text>{status.reason}</Text> : null}
        </div>
        {status.whatToDo ? <Text>What to do: {status.whatToDo}</Text> : null}
        <dl className={styles.facts}>
          {mailbox ? (
            <>
              <dt className={styles.term}>Mailbox</dt>
              <dd className={styles.value}>
                {mailbox.address} ({KIND_NAMES[mailbox.kind] ?? mailbox.kind}
                {mailbox.imap
                  ? `, ${mailbox.imap.host}:${mailbox.imap.port}${mailbox.imap.secure ? ' with TLS' : ''}`
                  : ''}
                )
              </dd>
              <dt className={styles.term}>Connected</dt>
              <dd className={styles.value}>
                {formatDateTime(mailbox.connectedAt)} (earlier mail is never read)
              </dd>
            </>
          ) : null}
          <dt className={styles.term}>Last sync</dt>
          <dd className={styles.value}>{formatDateTime(status.lastSyncAt)}</dd>
          <dt className={styles.term}>Next sync</dt>
          <dd className={styles.value}>
            {status.nextSyncAt ? formatDateTime(status.nextSyncAt) : 'not scheduled'}
          </dd>
          <dt className={styles.term}>Emails</dt>
          <dd className={styles.value}>
            {status.counts.looked} looked at, {status.counts.saved} saved, {status.counts.skipped} skipped
          </dd>
          {status.calendar ? (
            <>
              <dt className={styles.term}>Calendar</dt>
              <dd className={styles.value}>{calendarLine(status.calendar)}</dd>
            </>
          ) : null}
          {status.details ? (
            <>
              <dt className={styles.term}>Details</dt>
              <dd className={styles.value}>{status.details}</dd>
            </>
          ) : null}
        </dl>
        {mailbox ? (
          <div>
            <DangerButton disabled={busy} onClick={() => setConfirming(true)}>
              Disconnect this mailbox
            </DangerButton>
          </div>
        ) : null}
      </Section>
      <Section
        title={mailbox ? 'Connect another mailbox' : 'Connect your mailbox'}
        hint="Liaison reads only mail that arrives after you connect, and stores no email body of its own."
      >
        {status.available.graph || status.available.gmail ? (
          <div className={styles.row}>
            {status.available.graph ? (
              <Button appearance="primary" disabled={busy} onClick={() => void startOAuth('graph')}>
                Connect Microsoft 365
              </Button>
            ) : null}
            {status.available.gmail ? (
              <Button appearance="primary" disabled={busy} onClick={() => void startOAuth('gmail')}>
                Connect Google
              </Button>
            ) : null}
          </div>
        ) : null}
        {!status.available.graph || !status.available.gmail ? (
          <Text size={200}>
            {[!status.available.graph && 'Microsoft 365', !status.available.gmail && 'Google']
              .filter(Boolean)
              .join(' and ')}{' '}
            sign-in is not set up on this server yet: ask your Liaison admin, or connect with IMAP below.
          </Text>
        ) : null}
        {status.available.imap ? <ImapForm busy={busy} onConnect={(d) => void connectImap(d)} /> : null}
      </Section>
      <ConfirmDialog
        open={confirming}
        title="Disconnect your mailbox?"
        confirm="Disconnect"
        danger
        busy={busy}
        onConfirm={() => void disconnect()}
        onCancel={() => setConfirming(false)}
      >
        Liaison stops reading it at once. Emails already saved stay in the CRM; you can connect again at any
        time, and only mail arriving after that is read.
      </ConfirmDialog>
    </>
  );
}

/** What became of the calendar: not read (sharing off: the switches that turn it on are named), its last read,
 * or why it could not be read. */
function calendarLine(calendar: NonNullable<MailboxStatus['calendar']>): string {
  if (!calendar.sharing)
    return 'not read: turn on "Enable meetings auto-sharing" or "Enable appointments auto-sharing" on the Sync settings page';
  if (calendar.error) return calendar.error;
  return calendar.lastSyncAt ? `read ${formatDateTime(calendar.lastSyncAt)}` : 'read at the next sync';
}
