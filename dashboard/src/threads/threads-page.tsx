import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { api, segment } from '../api/client';
import type { SubscriptionsResponse } from '../api/types';
import { useLoad } from '../api/use-load';
import { recordLabel } from '../ui/format';
import { Notice, type NoticeValue } from '../ui/notice';
import { Section } from '../ui/section';
import { EmptyState, ErrorState, Loading } from '../ui/states';

// Threads the user asked to keep saving ("Auto-save the next emails in this thread" in the sidebar), and unsubscribe.

const useStyles = makeStyles({
  thread: { overflowWrap: 'anywhere', display: 'block' },
  threadId: { overflowWrap: 'anywhere', display: 'block', color: tokens.colorNeutralForeground3 },
});

export function ThreadsPage() {
  const styles = useStyles();
  const loaded = useLoad<SubscriptionsResponse>('/api/subscriptions');
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<NoticeValue>();

  if (loaded.loading && !loaded.data) return <Loading label="Loading your threads…" />;
  if (loaded.error || !loaded.data)
    return <ErrorState error={loaded.error ?? new Error('No threads.')} retry={loaded.reload} />;

  const unsubscribe = async (threadId: string) => {
    setBusy(threadId);
    try {
      loaded.set(await api<SubscriptionsResponse>('DELETE', `/api/subscriptions/${segment(threadId)}`));
      setNotice({
        intent: 'success',
        title: 'Unsubscribed',
        text: 'Applies from the next sync, within a minute. Emails already saved stay saved.',
      });
    } catch (error) {
      setNotice({ intent: 'error', title: 'Still subscribed', text: (error as Error).message });
    } finally {
      setBusy(undefined);
    }
  };

  const { subscriptions } = loaded.data;
  return (
    <Section
      title="Auto-saved threads"
      hint="The next emails of these threads are saved to the linked record, even without a known contact."
    >
      <Notice notice={notice} />
      {subscriptions.length === 0 ? (
        <EmptyState title="No thread is auto-saved">
          In the Outlook or Gmail sidebar, save an email with "Auto-save the next emails in this thread".
        </EmptyState>
      ) : (
        <Table size="small" aria-label="Auto-saved threads">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Thread</TableHeaderCell>
              <TableHeaderCell>Linked record</TableHeaderCell>
              <TableHeaderCell>
                <span className="visually-hidden">Action</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {subscriptions.map((s) => (
              <TableRow key={s.threadId}>
                <TableCell>
                  {s.subject ? (
                    <>
                      <Text weight="semibold" className={styles.thread}>
                        {s.subject}
                      </Text>
                      <Text size={200} className={styles.threadId}>
                        {s.threadId}
                      </Text>
                    </>
                  ) : (
                    <Text className={styles.thread}>{s.threadId}</Text>
                  )}
                </TableCell>
                <TableCell>
                  {s.what
                    ? recordLabel(s.what, s.whatName ? { [`${s.what.kind}:${s.what.id}`]: s.whatName } : {})
                    : 'the contacts and leads of each email'}
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    disabled={busy !== undefined}
                    aria-label={`Unsubscribe from thread ${s.subject ?? s.threadId}`}
                    onClick={() => void unsubscribe(s.threadId)}
                  >
                    {busy === s.threadId ? 'Unsubscribing…' : 'Unsubscribe'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
