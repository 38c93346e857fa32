import {
  Badge,
  Button,
  Input,
  Switch,
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
import { api } from '../api/client';
import type { AdminUser, AdminUsersResponse, SignInLink } from '../api/types';
import { useLoad } from '../api/use-load';
import { DangerButton } from '../ui/danger-button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Notice, type NoticeValue } from '../ui/notice';
import { Section } from '../ui/section';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { AddUserForm, type NewUser } from './add-user-form';
import { CALENDAR_STATE_LABELS, calendarLine } from './calendar-text';
import { PROVIDER_NAMES, UserDetailsDialog, type SignInProvider } from './user-details-dialog';

// Users for import: add, include or leave out, see each one's status (their mailbox and their calendar) with
// details, give a sign-in link, remove.

const CALENDAR_COLORS = {
  off: 'informative',
  not_connected: 'warning',
  connected: 'success',
  needs_consent: 'warning',
  error: 'danger',
} as const;

const useStyles = makeStyles({
  person: { display: 'flex', flexDirection: 'column', padding: `${tokens.spacingVerticalXS} 0` },
  small: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  status: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  // "Needs consent again" wraps inside its badge in a narrow column instead of spilling out of it.
  calendarBadge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal' },
  link: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function UsersPage({ self }: { self: string }) {
  const styles = useStyles();
  const loaded = useLoad<AdminUsersResponse>('/api/admin/users');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeValue>();
  const [details, setDetails] = useState<AdminUser>();
  const [removing, setRemoving] = useState<AdminUser>();
  const [unbinding, setUnbinding] = useState<{ user: AdminUser; provider: SignInProvider }>();
  const [link, setLink] = useState<{ user: AdminUser; url: string; minutes: number }>();

  const run = async (work: () => Promise<void>, failure: string): Promise<boolean> => {
    setBusy(true);
    setNotice(undefined);
    try {
      await work();
      return true;
    } catch (error) {
      setNotice({ intent: 'error', title: failure, text: (error as Error).message });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = (user: NewUser) =>
    run(async () => {
      loaded.set(await api<AdminUsersResponse>('POST', '/api/admin/users', user));
      setNotice({
        intent: 'success',
        title: `Added ${user.displayName ?? user.addresses[0]}`,
        text: 'They are included in import; they connect their mailbox from My mailbox after signing in.',
      });
    }, 'User not added');
  const setIncluded = (user: AdminUser, included: boolean) =>
    run(async () => {
      loaded.set(
        await api<AdminUsersResponse>('PATCH', `/api/admin/users/${encodeURIComponent(user.id)}`, {
          includedInImport: included,
        }),
      );
      setNotice({
        intent: 'success',
        title: `${user.displayName} ${included ? 'included in' : 'left out of'} import`,
        text: 'Applies from the next sync, within a minute.',
      });
    }, 'Nothing changed');
  const remove = (user: AdminUser) =>
    run(async () => {
      loaded.set(await api<AdminUsersResponse>('DELETE', `/api/admin/users/${encodeURIComponent(user.id)}`));
      setRemoving(undefined);
      setNotice({
        intent: 'success',
        title: `Removed ${user.displayName}`,
        text: 'Their sessions are closed; what they saved stays in the CRM.',
      });
    }, 'User not removed');
  const unbind = ({ user, provider }: { user: AdminUser; provider: SignInProvider }) =>
    run(async () => {
      loaded.set(
        await api<AdminUsersResponse>(
          'DELETE',
          `/api/admin/users/${encodeURIComponent(user.id)}/sign-in-accounts/${provider}`,
        ),
      );
      setUnbinding(undefined);
      setNotice({
        intent: 'success',
        title: `${user.displayName}'s ${PROVIDER_NAMES[provider]} account unbound`,
        text: `Their sessions are closed; the next ${PROVIDER_NAMES[provider]} sign-in with one of their addresses binds the account they use then.`,
      });
    }, 'Account not unbound');
  const makeLink = (user: AdminUser) =>
    run(async () => {
      const result = await api<SignInLink>(
        'POST',
        `/api/admin/users/${encodeURIComponent(user.id)}/sign-in-link`,
      );
      setLink({ user, url: result.url, minutes: result.expiresInMinutes });
    }, 'No sign-in link');

  let body;
  if (loaded.loading && !loaded.data) body = <Loading label="Loading users…" />;
  else if (loaded.error || !loaded.data)
    body = <ErrorState error={loaded.error ?? new Error('No users.')} retry={loaded.reload} />;
  else if (loaded.data.users.length === 0)
    body = <EmptyState title="No users yet">Add the first one above.</EmptyState>;
  else
    body = (
      <Table size="small" aria-label="Users">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>User</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Calendar</TableHeaderCell>
            <TableHeaderCell>Import</TableHeaderCell>
            <TableHeaderCell>Actions</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaded.data.users.map((u) => (
            <TableRow key={u.id}>
              <TableCell>
                <div className={styles.person}>
                  <Text weight="semibold">
                    {u.displayName}
                    {u.role === 'admin' ? ' (admin)' : ''}
                  </Text>
                  <Text size={200} className={styles.small}>
                    {u.addresses.join(', ')}
                  </Text>
                </div>
              </TableCell>
              <TableCell>
                <div className={styles.status}>
                  <Badge appearance="filled" color={u.status === 'Active' ? 'success' : 'warning'}>
                    {u.status}
                  </Badge>
                  {u.reason ? (
                    <Text size={200} className={styles.small}>
                      {u.reason}
                    </Text>
                  ) : null}
                </div>
              </TableCell>
              <TableCell>
                <div className={styles.status}>
                  <Badge
                    appearance="tint"
                    className={styles.calendarBadge}
                    color={CALENDAR_COLORS[u.calendar.state]}
                  >
                    {CALENDAR_STATE_LABELS[u.calendar.state]}
                  </Badge>
                  <Text size={200} className={styles.small}>
                    {calendarLine(u.calendar)}
                  </Text>
                </div>
              </TableCell>
              <TableCell>
                <Switch
                  checked={u.includedInImport}
                  disabled={busy}
                  aria-label={`Include ${u.displayName} in import`}
                  label={u.includedInImport ? 'Included' : 'Left out'}
                  onChange={(_, d) => void setIncluded(u, d.checked)}
                />
              </TableCell>
              <TableCell>
                <div className={styles.actions}>
                  <Button
                    size="small"
                    aria-label={`Details for ${u.displayName}`}
                    onClick={() => setDetails(u)}
                  >
                    Details
                  </Button>
                  <Button
                    size="small"
                    disabled={busy}
                    aria-label={`Sign-in link for ${u.displayName}`}
                    onClick={() => void makeLink(u)}
                  >
                    Sign-in link
                  </Button>
                  {u.id !== self ? (
                    <DangerButton
                      size="small"
                      disabled={busy}
                      aria-label={`Remove ${u.displayName}`}
                      onClick={() => setRemoving(u)}
                    >
                      Remove
                    </DangerButton>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <>
      <Section title="Add a user" hint="They are included in import at once.">
        <AddUserForm busy={busy} onAdd={add} />
      </Section>
      <Notice notice={notice} />
      {link ? (
        <Section
          title={`Sign-in link for ${link.user.displayName}`}
          hint={`Send it to them; it works once, within ${link.minutes} minutes.`}
        >
          <div className={styles.link}>
            <Input
              readOnly
              value={link.url}
              aria-label="Sign-in link"
              onFocus={(e) => e.currentTarget.select()}
            />
            <div className={styles.actions}>
              <Button onClick={() => void navigator.clipboard?.writeText(link.url)}>Copy</Button>
              <Button onClick={() => setLink(undefined)}>Done</Button>
            </div>
          </div>
        </Section>
      ) : null}
      <Section title="Users for import" hint="Details says why a user is Inactive and what to do.">
        {body}
      </Section>
      <UserDetailsDialog
        user={details}
        self={self}
        onClose={() => setDetails(undefined)}
        onUnbind={(user, provider) => {
          setDetails(undefined);
          setUnbinding({ user, provider });
        }}
      />
      <ConfirmDialog
        open={unbinding !== undefined}
        title={`Unbind ${unbinding?.user.displayName ?? ''}'s ${unbinding ? PROVIDER_NAMES[unbinding.provider] : ''} account?`}
        confirm="Unbind"
        danger
        busy={busy}
        onConfirm={() => unbinding && void unbind(unbinding)}
        onCancel={() => setUnbinding(undefined)}
      >
        Do this when their account was recreated and they can no longer sign in. They are signed out, and the
        next {unbinding ? PROVIDER_NAMES[unbinding.provider] : ''} sign-in with one of their addresses binds
        that account to them: make sure it is theirs.
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove ${removing?.displayName ?? ''}?`}
        confirm="Remove"
        danger
        busy={busy}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(undefined)}
      >
        They are signed out and no longer imported. What they saved stays in the CRM.
      </ConfirmDialog>
    </>
  );
}
