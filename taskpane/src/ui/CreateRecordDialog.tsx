import {
  Button,
  Caption1,
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
import { useEffect, useState, type FormEvent } from 'react';
import type { NewRecordSuggestion } from '../../../src/sidebar/sidebar-types';
import { detailsPrefill, fillEmpty, type PrefillField } from '../../../src/sidebar/details-prefill';
import type { PaneApi } from '../api/pane-api';

// Create a contact or lead from a suggestion, its fields prefilled by the core's suggestion, then (when the answer
// comes) the still-empty ones by what the sender's latest email says (issue 19), each saying where it came from.

type Fields = NewRecordSuggestion<string>['prefill'] & { title: string; phone: string; mobilePhone: string };

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalS },
  quiet: { display: 'block', color: tokens.colorNeutralForeground3 },
});

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
  // The form and, for each value read from the email, where it came from: one state, so a value and its caption
  // land together. A field the rep edits loses its caption (the value is theirs now).
  const [form, setForm] = useState<{ fields: Fields; captions: Partial<Record<PrefillField, string>> }>({
    fields: { ...suggestion.prefill, title: '', phone: '', mobilePhone: '' },
    captions: {},
  });
  const { fields, captions } = form;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [reading, setReading] = useState<'reading' | 'done' | { note: string }>('reading');
  const set = (name: keyof Fields) => (_: unknown, data: { value: string }) =>
    setForm((current) => ({
      fields: { ...current.fields, [name]: data.value },
      captions: { ...current.captions, [name]: undefined },
    }));

  // The dialog is usable at once; the details land when they arrive, only in fields still empty then.
  useEffect(() => {
    let open = true;
    api
      .contactDetails({
        address: suggestion.address,
        ...(suggestion.displayName ? { displayName: suggestion.displayName } : {}),
      })
      .then((response) => {
        if (!open) return;
        const prefill = detailsPrefill(response, kind);
        setForm((current) => {
          // Without an account, the suggestion's company is a guess from the domain; the signature's replaces it.
          const guessed = suggestion.account ? {} : { company: suggestion.prefill.company };
          const { fields: next, filled } = fillEmpty(current.fields, prefill, guessed);
          const nextCaptions = { ...current.captions };
          for (const field of filled) nextCaptions[field] = prefill.values[field]?.caption;
          return { fields: next, captions: nextCaptions };
        });
        setReading(prefill.note ? { note: prefill.note } : 'done');
      })
      .catch((e: unknown) => {
        if (!open) return;
        setReading({
          note: `Details could not be read from their emails: ${e instanceof Error ? e.message : String(e)}`,
        });
      });
    return () => {
      open = false;
    };
  }, [api, suggestion, kind]);

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
        ...(fields.title.trim() ? { title: fields.title.trim() } : {}),
        ...(fields.phone.trim() ? { phone: fields.phone.trim() } : {}),
        ...(fields.mobilePhone.trim() ? { mobilePhone: fields.mobilePhone.trim() } : {}),
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
              {reading === 'reading' && (
                <Caption1 className={styles.quiet} aria-live="polite">
                  Looking for their details in their latest email…
                </Caption1>
              )}
              {typeof reading === 'object' && (
                <Caption1 className={styles.quiet} data-testid="details-note">
                  {reading.note}
                </Caption1>
              )}
              <Field label="First name" hint={captions.firstName}>
                <Input value={fields.firstName} onChange={set('firstName')} />
              </Field>
              <Field label="Last name" required hint={captions.lastName}>
                <Input value={fields.lastName} onChange={set('lastName')} required />
              </Field>
              <Field label="Email" required>
                <Input type="email" value={fields.email} onChange={set('email')} required />
              </Field>
              <Field label="Title" hint={captions.title}>
                <Input value={fields.title} onChange={set('title')} />
              </Field>
              <Field label="Phone" hint={captions.phone}>
                <Input type="tel" value={fields.phone} onChange={set('phone')} maxLength={40} />
              </Field>
              <Field label="Mobile" hint={captions.mobilePhone}>
                <Input type="tel" value={fields.mobilePhone} onChange={set('mobilePhone')} maxLength={40} />
              </Field>
              {kind === 'lead' ? (
                <Field label="Company" hint={captions.company}>
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
