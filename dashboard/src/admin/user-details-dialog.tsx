import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AdminUser } from '../api/types';
import { formatDateTime } from '../ui/format';
import { calendarFacts } from './calendar-text';

// A user's status in full: why Inactive and what to do, last sync, last error, what was saved, and the Microsoft or
// Google account they sign in with (bound at their first sign-in), which an admin unbinds when it was recreated.

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
});

export type SignInProvider = AdminUser['signInAccounts'][number]['provider'];
export const PROVIDER_NAMES: Record<SignInProvider, string> = { microsoft: 'Microsoft', google: 'Google' };

function accountFacts(user: AdminUser): [string, string][] {
  if (user.signInAccounts.length === 0)
    return [['Sign-in account', 'none bound yet: their first Microsoft or Google sign-in binds it']];
  return user.signInAccounts.map((a) => [
    `${PROVIDER_NAMES[a.provider]} account`,
    a.provider === 'microsoft'
      ? `object id ${a.subject} in tenant ${a.tenant}, bound ${formatDateTime(a.boundAt)}`
      : `account id ${a.subject}, bound ${formatDateTime(a.boundAt)}`,
  ]);
}

export function UserDetailsDialog({
  user,
  self,
  onClose,
  onUnbind,
}: {
  user: AdminUser | undefined;
  /** The signed-in admin's id: their own account is not offered for unbinding. */
  self: string;
  onClose(): void;
  onUnbind(user: AdminUser, provider: SignInProvider): void;
}) {
  const styles = useStyles();
  const facts: [string, string][] = user
    ? [
        ['Status', user.status],
        ...(user.reason ? ([['Why', user.reason]] as [string, string][]) : []),
        ...(user.whatToDo ? ([['What to do', user.whatToDo]] as [string, string][]) : []),
        ['Addresses', user.addresses.join(', ')],
        ['Role', user.role],
        ['CRM user', user.crmUserId || 'not mapped'],
        ['Included in import', user.includedInImport ? 'yes' : 'no'],
        ['Mailbox connected', formatDateTime(user.connectedAt)],
        ['Last sync', formatDateTime(user.lastSyncAt)],
        ['Last error', user.lastError ?? 'none'],
        ['Saved', `${user.saved.automatic} by auto-sharing, ${user.saved.manual} by hand`],
        ...calendarFacts(user.calendar),
        ...accountFacts(user),
      ]
    : [];
  // Mounted only while open: a closed Fluent dialog leaves focus-trap sentinels that axe reports.
  if (!user) return null;
  return (
    <Dialog open onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface>
        {user ? (
          <DialogBody>
            <DialogTitle>{user.displayName}</DialogTitle>
            <DialogContent>
              <dl className={styles.facts}>
                {facts.map(([term, value]) => (
                  <div key={term} style={{ display: 'contents' }}>
                    <dt className={styles.term}>{term}</dt>
                    <dd className={styles.value}>{value}</dd>
                  </div>
                ))}
              </dl>
            </DialogContent>
            <DialogActions>
              {user.id === self
                ? null
                : user.signInAccounts.map((a) => (
                    <Button key={a.provider} onClick={() => onUnbind(user, a.provider)}>
                      Unbind {PROVIDER_NAMES[a.provider]} account
                    </Button>
                  ))}
              <Button appearance="primary" onClick={onClose}>
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        ) : null}
      </DialogSurface>
    </Dialog>
  );
}
