import {
  Badge,
  Button,
  Field,
  SearchBox,
  Select,
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
import { useEffect, useState } from 'react';
import type { ActivityEntry, ActivityResponse } from '../api/types';
import { useLoad } from '../api/use-load';
import { formatDateTime } from '../ui/format';
import { Notice } from '../ui/notice';
import { Section } from '../ui/section';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { activityPath, isSaved, outcomeText, participantsText } from './activity-text';
import { REASON_CHOICES } from './reason-text';
import { TraceDialog } from './trace-dialog';

// What auto-sharing did with the user's emails, newest first; filter by reason, search by address or subject,
// open any row's trace.

const PAGE = 50;

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    '@media (max-width: 700px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  email: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  small: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  outcome: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  when: { width: '170px' },
  why: { width: '90px' },
  more: { alignSelf: 'flex-start' },
});

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ActivityPage() {
  const styles = useStyles();
  const [reason, setReason] = useState('');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [open, setOpen] = useState<ActivityEntry>();
  const q = useDebounced(search, 300);
  const loaded = useLoad<ActivityResponse>(activityPath(reason, q, limit));
  const filtered = reason !== '' || q.trim() !== '';

  let body;
  if (loaded.loading && !loaded.data) body = <Loading label="Loading activity…" />;
  else if (loaded.error || !loaded.data)
    body = <ErrorState error={loaded.error ?? new Error('No activity.')} retry={loaded.reload} />;
  else if (loaded.data.entries.length === 0)
    body = filtered ? (
      <EmptyState title="No email matches">Try another reason or search.</EmptyState>
    ) : (
      <EmptyState title="Nothing yet">
        Liaison lists here every email it looks at, from the first sync of your mailbox.
      </EmptyState>
    );
  else
    body = (
      <>
        <Table aria-label="Activity, newest first">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.when}>Sent</TableHeaderCell>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Outcome</TableHeaderCell>
              <TableHeaderCell className={styles.why}>Trace</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {loaded.data.entries.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell className={styles.when}>{formatDateTime(entry.sentAt)}</TableCell>
                <TableCell>
                  <div className={styles.email}>
                    <Text weight="semibold">{entry.subject || '(no subject)'}</Text>
                    <Text size={200} className={styles.small}>
                      {participantsText(entry)}
                    </Text>
                  </div>
                </TableCell>
                <TableCell>
                  <div className={styles.outcome}>
                    <Badge appearance="tint" color={isSaved(entry) ? 'success' : 'informative'}>
                      {isSaved(entry) ? 'Saved' : 'Skipped'}
                    </Badge>
                    <Text size={200} className={styles.small}>
                      {outcomeText(entry, loaded.data?.names)}
                    </Text>
                  </div>
                </TableCell>
                <TableCell className={styles.why}>
                  <Button
                    size="small"
                    aria-label={`Why? ${entry.subject || 'this email'}`}
                    onClick={() => setOpen(entry)}
                  >
                    Why?
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {loaded.data.entries.length >= limit && limit < 200 ? (
          <Button className={styles.more} onClick={() => setLimit((n) => Math.min(200, n + PAGE))}>
            Show more
          </Button>
        ) : null}
      </>
    );

  return (
    <>
      {loaded.data?.hidden ? (
        <Notice
          notice={{
            intent: 'warning',
            title: 'Smart autosharing is stopped',
            text: 'Your admin stopped it for the organisation: what it saved is hidden until it starts again. Skipped emails are still listed.',
          }}
        />
      ) : null}
      <Section
        title="Emails looked at"
        hint="Each row is one email of yours and what auto-sharing decided; Why? shows the rules it applied."
      >
        <div className={styles.filters}>
          <Field label="Outcome" hint="Show only the emails saved or skipped for one reason.">
            <Select
              value={reason}
              onChange={(_, data) => {
                setReason(data.value);
                setLimit(PAGE);
              }}
            >
              <option value="">All outcomes</option>
              {REASON_CHOICES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Search" hint="Find an email by an address in it or by words of its subject.">
            <SearchBox
              value={search}
              onChange={(_, data) => {
                setSearch(data.value);
                setLimit(PAGE);
              }}
              placeholder="jane@acme.com or renewal"
            />
          </Field>
        </div>
        {body}
      </Section>
      <TraceDialog entry={open} names={loaded.data?.names ?? {}} onClose={() => setOpen(undefined)} />
    </>
  );
}
