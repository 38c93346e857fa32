import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { DangerButton } from './danger-button';

// Asks before a change that is hard to undo; the confirm button names the action, in red when it removes, stops or
// disconnects something (`danger`). The body says what happens.

export function ConfirmDialog({
  open,
  title,
  children,
  confirm,
  busy,
  danger,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirm: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  // Mounted only while open: a closed Fluent dialog leaves focus-trap sentinels that axe reports.
  if (!open) return null;
  return (
    <Dialog open onOpenChange={(_, data) => (data.open ? undefined : onCancel())} modalType="alert">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
            {danger ? (
              <DangerButton solid onClick={onConfirm} disabled={busy}>
                {busy ? 'Working…' : confirm}
              </DangerButton>
            ) : (
              <Button appearance="primary" onClick={onConfirm} disabled={busy}>
                {busy ? 'Working…' : confirm}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
