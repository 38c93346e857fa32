import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { readableTrace } from '../../../src/sidebar/readable-trace';
import type { ActivityEntry } from '../api/types';
import { formatDateTime } from '../ui/format';
import { itemKindText, outcomeBadge, outcomeText, savedText, subjectText } from './activity-text';

// "Why was this (or wasn't this) synced?": the core's trace, one sentence per rule it applied.

const useStyles = makeStyles({
  trace: {
    margin: 0,
    paddingLeft: '2.2em',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  meta: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    marginBottom: tokens.spacingVerticalM,
  },
});

function dialogTitle(entry: ActivityEntry): string {
  const what = itemKindText(entry).toLowerCase();
  const badge = outcomeBadge(entry);
  if (badge === 'Cancelled') return `Why this ${what} shows as cancelled`;
  return badge === 'Saved' ? `Why this ${what} was saved` : `Why this ${what} wasn't saved`;
}

export function TraceDialog({
  entry,
  names,
  onClose,
}: {
  entry: ActivityEntry | undefined;
  names: Record<string, string>;
  onClose(): void;
}) {
  const styles = useStyles();
  // Mounted only while open: a closed Fluent dialog leaves focus-trap sentinels that axe reports.
  if (!entry) return null;
  return (
    <Dialog open onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        {entry ? (
          <DialogBody>
            <DialogTitle>{dialogTitle(entry)}</DialogTitle>
            <DialogContent>
              <div className={styles.meta}>
                <Text weight="semibold">{subjectText(entry)}</Text>
                <Text>
                  {entry.kind === 'event' ? 'Organized by' : 'From'} {entry.from}
                  {entry.kind === 'event' ? ', starts ' : ', '}
                  {formatDateTime(entry.sentAt)}; decided {formatDateTime(entry.decidedAt)}.
                </Text>
                <Text>{outcomeText(entry, names)}.</Text>
              </div>
              <ol className={styles.trace} aria-label="Rules applied, in order">
                {readableTrace(
                  entry.decision,
                  [...entry.decision.who, ...(entry.decision.what ? [entry.decision.what] : [])],
                  (kind, id) => names[`${kind}:${id}`] ?? `${kind} ${id}`,
                ).map((line, i) => (
                  <li key={i}>
                    <Text>{line}</Text>
                  </li>
                ))}
                {entry.saved && entry.decision.action !== 'save' ? (
                  // Auto-sharing skipped it, and then it was saved all the same (by hand, or from a colleague's mailbox).
                  <li>
                    <Text>Then: {savedText(entry, names)}.</Text>
                  </li>
                ) : null}
              </ol>
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
