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

// A user's status in full: why Inactive and what to do, last sync, last error, what was saved.

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

export function UserDetailsDialog({ user, onClose }: { user: AdminUser | undefined; onClose(): void }) {
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
