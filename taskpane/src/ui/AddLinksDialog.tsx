import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { linksAddedText, type AddLinksChoices } from '../../../src/sidebar/add-links';
import { recordKey as key } from '../../../src/sidebar/record-key';
import type { MailMessage } from '../../../src/types';
import type { PaneApi } from '../api/pane-api';
import { useFormStyles } from './form-styles';

// Rulebook section 4: the email is saved already, so this adds links to that one activity (and may turn on thread
// auto-save); it never saves a second copy. The choices come from the core (addLinksChoices): only what the server
// will do is offered.

export default function AddLinksDialog({
  choices,
  message,
  api,
  onClose,
  onDone,
}: {
  choices: AddLinksChoices;
  message: MailMessage;
  api: PaneApi;
  onClose(): void;
  onDone(text: string): void;
}) {
  const styles = useFormStyles();
  const [who, setWho] = useState<Set<string>>(() => new Set());
  const [what, setWhat] = useState('none');
  const [autosave, setAutosave] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const whatRef = choices.whats.find((w) => key(w.ref) === what)?.ref;
  const picked = who.size > 0 || whatRef !== undefined || autosave;

  const toggle = (k: string, on: boolean) => {
    const next = new Set(who);
    if (on) next.add(k);
    else next.delete(k);
    setWho(next);
  };

  async function add() {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.addLinks({
        message,
        who: choices.people.filter((p) => who.has(key(p.ref))).map((p) => p.ref),
        ...(whatRef ? { what: whatRef } : {}),
        autosaveThread: autosave,
      });
      onDone(linksAddedText(who.size + (whatRef ? 1 : 0), result.subscribed));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{choices.title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>This email is saved once in the CRM; what you pick is added to that activity.</Text>
            {error && (
              <MessageBar layout="multiline" intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            <fieldset className={styles.group}>
              <legend className={styles.legend}>Also link to</legend>
              {choices.people.length === 0 && 'It is linked to everyone in this email who is in the CRM.'}
              {choices.people.map((p) => (
                <Checkbox
                  key={key(p.ref)}
                  label={`${p.name} (${p.ref.kind})`}
                  checked={who.has(key(p.ref))}
                  onChange={(_, data) => toggle(key(p.ref), data.checked === true)}
                />
              ))}
            </fieldset>
            <Field label="Related to" {...(choices.whatNote ? { hint: choices.whatNote } : {})}>
              {choices.whats.length > 0 && (
                <RadioGroup value={what} onChange={(_, data) => setWhat(data.value)}>
                  <Radio value="none" label="Nothing" />
                  {choices.whats.map((w) => (
                    <Radio
                      key={key(w.ref)}
                      value={key(w.ref)}
                      label={`${w.name} (${w.ref.kind === 'opportunity' ? 'opportunity' : 'account'})`}
                    />
                  ))}
                </RadioGroup>
              )}
            </Field>
            {choices.canAutosaveThread && (
              <Checkbox
                label="Auto-save all next emails in this thread"
                checked={autosave}
                onChange={(_, data) => setAutosave(data.checked === true)}
              />
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={() => void add()} disabled={busy || !picked}>
              {busy ? 'Adding…' : choices.action}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
