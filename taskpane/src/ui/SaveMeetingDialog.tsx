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
} from '@fluentui/react-components';
import { useState } from 'react';
import type { MeetingRequest } from '../../../src/api/meeting-api';
import type { MeetingView } from '../../../src/sidebar/meeting-types';
import { recordKey as key } from '../../../src/sidebar/record-key';
import { meetingSaveFormDefaults } from '../../../src/sidebar/save-form-defaults';
import type { PaneApi } from '../api/pane-api';
import { useFormStyles } from './form-styles';

// Save meeting by hand (event-rules.md section 6): the contacts and leads to link and one opportunity or account,
// chosen at first as autosharing would (the core's meetingSaveFormDefaults, which Gmail's card shares). The server
// applies the rep's sharing level for the meeting's direction.

export default function SaveMeetingDialog({
  view,
  meeting,
  api,
  onClose,
  onSaved,
}: {
  view: MeetingView;
  meeting: MeetingRequest;
  api: PaneApi;
  onClose(): void;
  onSaved(text: string): void;
}) {
  const styles = useFormStyles();
  const defaults = meetingSaveFormDefaults(view);
  const people = defaults.people;
  const whats = defaults.targets;
  const [who, setWho] = useState<Set<string>>(() => new Set(defaults.who));
  const [what, setWhat] = useState(defaults.what ?? 'none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const word = view.kind === 'appointment' ? 'appointment' : 'meeting';

  const toggle = (k: string, on: boolean) => {
    const next = new Set(who);
    if (on) next.add(k);
    else next.delete(k);
    setWho(next);
  };

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      const whatRef = whats.find((w) => key(w.ref) === what)?.ref;
      const result = await api.saveMeeting({
        ...meeting,
        who: people.filter((p) => who.has(key(p.ref))).map((p) => p.ref),
        ...(whatRef ? { what: whatRef } : {}),
      });
      onSaved(
        result.action === 'update'
          ? `The ${word} was saved before and has changed since: its CRM event is updated.`
          : `The ${word} is saved to the CRM.`,
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Save this {word}</DialogTitle>
          <DialogContent className={styles.content}>
            {error && (
              <MessageBar layout="multiline" intent="error" role="alert" data-testid="save-error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            <fieldset className={styles.group}>
              <legend className={styles.legend}>Link to contacts and leads</legend>
              {people.length === 0 &&
                `Nobody in this ${word} is in the CRM; it is saved to your CRM calendar on its own.`}
              {people.map((p) => (
                <Checkbox
                  key={key(p.ref)}
                  label={`${p.name} (${p.ref.kind})`}
                  checked={who.has(key(p.ref))}
                  onChange={(_, data) => toggle(key(p.ref), data.checked === true)}
                />
              ))}
            </fieldset>
            {whats.length > 0 && (
              <Field label="Related to">
                <RadioGroup value={what} onChange={(_, data) => setWhat(data.value)}>
                  <Radio value="none" label="Nothing else" />
                  {whats.map((w) => (
                    <Radio
                      key={key(w.ref)}
                      value={key(w.ref)}
                      label={`${w.name} (${w.ref.kind === 'opportunity' ? 'opportunity' : 'account'})`}
                    />
                  ))}
                </RadioGroup>
              </Field>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={() => void save()} disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
