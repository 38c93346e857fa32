import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

// The three states every section has besides its content: loading, failed (with a retry), and empty.

const useStyles = makeStyles({
  loading: { padding: tokens.spacingVerticalXXL, display: 'flex', justifyContent: 'flex-start' },
  empty: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
});

export function Loading({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.loading}>
      <Spinner size="small" label={label} labelPosition="after" />
    </div>
  );
}

export function ErrorState({ error, retry, title }: { error: Error; retry?: () => void; title?: string }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title ?? 'Could not load this'}</MessageBarTitle>
        {error.message}
      </MessageBarBody>
      {retry ? (
        <MessageBarActions>
          <Button onClick={retry}>Try again</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty} role="status">
      <Text weight="semibold">{title}</Text>
      {children ? <Text>{children}</Text> : null}
    </div>
  );
}
