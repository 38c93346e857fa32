import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useFormStyles } from './form-styles';

// The frame of the pane's pick forms: title, the server's refusal in words, the form, Cancel and the action, which
// stays disabled while it runs (a failure lets the rep try again).

export function PickDialog({
  title,
  action,
  running,
  disabled = false,
  intro,
  submit,
  onClose,
  children,
}: {
  title: string;
  action: string;
  /** The action's label while it runs ("Saving…"). */
  running: string;
  disabled?: boolean;
  /** A line above the form, before any error. */
  intro?: ReactNode;
  /** Does the work; a thrown error is shown in the dialog. */
  submit(): Promise<void>;
  onClose(): void;
  children: ReactNode;
}) {
  const styles = useFormStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      await submit();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {intro}
            {error && (
              <MessageBar layout="multiline" intent="error" role="alert" data-testid="save-error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {children}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={() => void run()} disabled={busy || disabled}>
              {busy ? running : action}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
