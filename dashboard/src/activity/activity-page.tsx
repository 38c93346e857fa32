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
import { api } from '../api/client';
import type { ActivityEntry, ActivityResponse } from '../api/types';
import { useLoad } from '../api/use-load';
import { Notice } from '../ui/notice';
import { Section } from '../ui/section';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import {
  activityPath,
  itemKindText,
  outcomeBadge,
  outcomeText,
  participantsText,
  subjectText,
  whenText,
} from './activity-text';
import { reasonChoices, type ActivityKind } from './reason-text';
import { TraceDialog } from './trace-dialog';
import { markWhyTried } from '../guide/guide-memory';

// What auto-sharing did with the user's emails and calendar events (meetings and appointments) in one list, newest
// first; show one kind or both, filter by reason, search by address or subject, open any row's trace. "Show more" appends the next page where the last one ended (the server's `next`), so every
// email shows once however long the history.

const PAGE = 50;

const KINDS: readonly { value: ActivityKind; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'email', label: 'Emails' },
  { value: 'event', label: 'Meetings' },
];

const BADGE_COLORS = { Saved: 'success', Skipped: 'informative', Cancelled: 'warning' } as const;

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 0.7fr) minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    // Only the first filter has a hint: the others keep their inputs level with its input, not stretched.
    alignItems: 'start',
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
  // A grid item may shrink below its select's text, so the filters never overlap.
  filter: { minWidth: 0 },
  select: { minWidth: 0, maxWidth: '100%' },
  selectElement: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
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
  const [kind, setKind] = useState<ActivityKind>('all');
  const [reason, setReason] = useState('');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<ActivityEntry>();
  const q = useDebounced(search, 300);
  const choices = reasonChoices(kind);
  const firstPath = activityPath(kind, reason, q, PAGE);
  const loaded = useLoad<ActivityResponse>(firstPath);
  const filtered = kind !== 'all' || reason !== '' || q.trim() !== '';
  // The pages after the first, for the filters they were loaded with.
  const [more, setMore] = useState<{ path: string; response: ActivityResponse }>();
  const [moreError, setMoreError] = useState<Error>();
  const [loadingMore, setLoadingMore] = useState(false);
  const extra = more?.path === firstPath && loaded.data ? more.response : undefined;
  const entries = [...(loaded.data?.entries ?? []), ...(extra?.entries ?? [])];
  const names = { ...loaded.data?.names, ...extra?.names };
  const next = extra ? extra.next : loaded.data?.next;
  const showMore = () => {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(undefined);
    api<ActivityResponse>('GET', activityPath(kind, reason, q, PAGE, next)).then(
      (page) => {
        setMore({
          path: firstPath,
          response: {
            ...page,
            entries: [...(extra?.entries ?? []), ...page.entries],
            names: { ...extra?.names, ...page.names },
          },
        });
        setLoadingMore(false);
      },
      (error: Error) => {
        setMoreError(error);
        setLoadingMore(false);
      },
    );
  };

  let body;
  if (loaded.loading && !loaded.data) body = <Loading label="Loading activity…" />;
  else if (loaded.error || !loaded.data)
    body = <ErrorState error={loaded.error ?? new Error('No activity.')} retry={loaded.reload} />;
  else if (loaded.data.entries.length === 0)
    body =
      kind === 'event' && reason === '' && q.trim() === '' ? (
        <EmptyState title="No meeting yet">
          Meetings and appointments are listed here once Liaison reads them from your calendar, which it does
          while &quot;Enable meetings auto-sharing&quot; or &quot;Enable appointments auto-sharing&quot; is on
          (Sync settings).
        </EmptyState>
      ) : filtered ? (
        <EmptyState title="Nothing matches">Try another kind, reason or search.</EmptyState>
      ) : (
        <EmptyState title="Nothing yet">
          Liaison lists here every email it looks at, from the first sync of your mailbox, and every meeting
          and appointment while calendar auto-sharing is on.
        </EmptyState>
      );
  else
    body = (
      <>
        <Table size="small" aria-label="Activity, newest first">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.when}>Date</TableHeaderCell>
              <TableHeaderCell>Email or meeting</TableHeaderCell>
              <TableHeaderCell>Outcome</TableHeaderCell>
              <TableHeaderCell className={styles.why}>Trace</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell className={styles.when}>{whenText(entry)}</TableCell>
                <TableCell>
                  <div className={styles.email}>
                    <Text weight="semibold">{subjectText(entry)}</Text>
                    <Text size={200} className={styles.small}>
                      {itemKindText(entry)}: {participantsText(entry)}
                    </Text>
                  </div>
                </TableCell>
                <TableCell>
                  <div className={styles.outcome}>
                    <Badge appearance="tint" color={BADGE_COLORS[outcomeBadge(entry)]}>
                      {outcomeBadge(entry)}
                    </Badge>
                    <Text size={200} className={styles.small}>
                      {outcomeText(entry, names)}
                    </Text>
                  </div>
                </TableCell>
                <TableCell className={styles.why}>
                  <Button
                    size="small"
                    aria-label={`Why? ${entry.subject || `the ${itemKindText(entry).toLowerCase()} from ${entry.from}`}`}
                    onClick={() => {
                      setOpen(entry);
                      markWhyTried();
                    }}
                  >
                    Why?
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {moreError ? <ErrorState error={moreError} retry={showMore} /> : null}
        {next ? (
          <Button className={styles.more} disabled={loadingMore} onClick={showMore}>
            {loadingMore ? 'Loading more…' : 'Show more'}
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
        title="Emails and meetings looked at"
        hint="Why? shows the rules auto-sharing applied to a row."
      >
        <div className={styles.filters}>
          <Field className={styles.filter} label="Show" hint="Meetings include your appointments.">
            <Select
              className={styles.select}
              select={{ className: styles.selectElement }}
              value={kind}
              onChange={(_, data) => {
                const next = data.value as ActivityKind;
                setKind(next);
                // A reason the other kind does not have would leave the list empty for no visible cause.
                if (!reasonChoices(next).some((c) => c.value === reason)) setReason('');
              }}
            >
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.filter} label="Outcome">
            <Select
              className={styles.select}
              select={{ className: styles.selectElement }}
              value={reason}
              onChange={(_, data) => {
                setReason(data.value);
              }}
            >
              <option value="">All outcomes</option>
              {choices.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.filter} label="Search">
            <SearchBox
              value={search}
              onChange={(_, data) => {
                setSearch(data.value);
              }}
              placeholder="jane@acme.com or renewal"
            />
          </Field>
        </div>
        {body}
      </Section>
      <TraceDialog entry={open} names={names} onClose={() => setOpen(undefined)} />
    </>
  );
}
