import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { NewRecordSuggestion } from '../../../src/sidebar/sidebar-types';
import type { PaneApi } from '../api/pane-api';

// Create a contact or lead from a suggestion, its fields prefilled by the core's suggestion.

const useStyles = makeStyles({ form: { display: 'grid', gap: tokens.spacingVerticalS } });

export default function CreateRecordDialog({
  suggestion,
  kind,
  api,
  onClose,
  onCreated,
}: {
  suggestion: NewRecordSuggestion<string>;
  kind: 'contact' | 'lead';
  api: PaneApi;
  onClose(): void;
  onCreated(name: string): void;
}) {
  const styles = useStyles();
  const [fields, setFields] = useState({ ...suggestion.prefill, title: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const set = (name: keyof typeof fields) => (_: unknown, data: { value: string }) =>
    setFields({ ...fields, [name]: data.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.createRecord({
        kind,
        email: fields.email,
        firstName: fields.firstName,
        lastName: fields.lastName,
        ...(fields.title ? { title: fields.title } : {}),
        ...(kind === 'lead' && fields.company ? { company: fields.company } : {}),
        ...(kind === 'contact' && fields.accountId ? { accountId: fields.accountId } : {}),
      });
      onCreated(`${fields.firstName} ${fields.lastName}`.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  const word = kind === 'lead' ? 'lead' : 'contact';
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Create {word}</DialogTitle>
            <DialogContent className={styles.form}>
              {error && (
                <MessageBar layout="multiline" intent="error">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
              <Field label="First name">
                <Input value={fields.firstName} onChange={set('firstName')} />
              </Field>
              <Field label="Last name" required>
                <Input value={fields.lastName} onChange={set('lastName')} required />
              </Field>
              <Field label="Email" required>
                <Input type="email" value={fields.email} onChange={set('email')} required />
              </Field>
              <Field label="Title">
                <Input value={fields.title} onChange={set('title')} />
              </Field>
              {kind === 'lead' ? (
                <Field label="Company">
                  <Input value={fields.company} onChange={set('company')} />
                </Field>
              ) : (
                suggestion.account && (
                  <Field label="Account" hint="Suggested from the address's domain.">
                    <Input value={suggestion.account.name} readOnly />
                  </Field>
                )
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={busy || !fields.lastName || !fields.email}>
                {busy ? 'Creating…' : `Create ${word}`}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
