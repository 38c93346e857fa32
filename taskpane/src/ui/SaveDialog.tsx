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
import type { MailMessage, SharingLevel } from '../../../src/types';
import type { SidebarView } from '../../../src/sidebar/sidebar-types';
import { saveFormDefaults } from '../../../src/sidebar/save-form-defaults';
import { DEFAULT_SHARING_LEVEL_LABEL, SHARING_LEVELS } from '../../../src/sidebar/sharing-level-labels';
import { recordKey as key } from '../../../src/sidebar/record-key';
import type { PaneApi } from '../api/pane-api';
import { useFormStyles } from './form-styles';
import { DEFAULT_ATTACHMENT_LIMIT_MB, megabytes } from '../../../src/content/attachment-files';
import { sharingLevelLabel } from '../../../src/content/sharing-level-labels';

// Save by hand: the contacts and leads to link, one opportunity or account, the sharing level, and whether the
// next emails in this thread are saved too. The body and attachment names are read from Outlook only now, and the
// attachments' files only for a save at `full` (within the server's per-email limit).

// The choices and what is chosen at first come from the core, so Gmail's card offers the same; the full level's
// words carry the server's attachment limit.
const levels = (limitMb: number | undefined): { value: SharingLevel | 'default'; label: string }[] => [
  { value: 'default', label: DEFAULT_SHARING_LEVEL_LABEL },
  ...SHARING_LEVELS.map((value) => ({ value, label: sharingLevelLabel(value, limitMb) })),
];

export default function SaveDialog({
  view,
  message,
  api,
  readContent,
  onClose,
  onSaved,
}: {
  view: SidebarView;
  message: MailMessage;
  api: PaneApi;
  readContent(files?: {
    limitBytes: number;
  }): Promise<Pick<MailMessage, 'bodyText' | 'attachments' | 'headers'>>;
  onClose(): void;
  /** `warning` when the email was saved but something asked for (following the thread) could not be done. */
  onSaved(text: string, intent?: 'success' | 'warning'): void;
}) {
  const styles = useFormStyles();
  const defaults = saveFormDefaults(view);
  const people = defaults.people;
  const whats = defaults.targets;
  const [who, setWho] = useState<Set<string>>(() => new Set(defaults.who));
  const [what, setWhat] = useState(defaults.what ?? 'none');
  const [level, setLevel] = useState<SharingLevel | 'default'>('default');
  const [autosave, setAutosave] = useState(defaults.autosaveThread);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

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
      // The level the server applies: the one picked, else the rep's own for this email's direction.
      const effective = level === 'default' ? view.autoshare.decision.content : level;
      const limitBytes = megabytes(view.attachmentLimitMb ?? DEFAULT_ATTACHMENT_LIMIT_MB);
      const content = await readContent(effective === 'full' ? { limitBytes } : undefined);
      const whatRef = whats.find((w) => key(w.ref) === what)?.ref;
      const result = await api.save({
        message: { ...message, ...content },
        who: people.filter((p) => who.has(key(p.ref))).map((p) => p.ref),
        ...(whatRef ? { what: whatRef } : {}),
        ...(level === 'default' ? {} : { level }),
        autosaveThread: autosave,
      });
      const saved = result.subscribed
        ? 'Saved. The next emails in this thread will be saved too.'
        : 'Saved to the CRM.';
      const files = result.attachments ? ` ${result.attachments}` : '';
      if (result.threadNotice) onSaved(`Saved to the CRM.${files} ${result.threadNotice}`, 'warning');
      else onSaved(`${saved}${files}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Save this email</DialogTitle>
          <DialogContent className={styles.content}>
            {error && (
              <MessageBar layout="multiline" intent="error" role="alert" data-testid="save-error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            <fieldset className={styles.group}>
              <legend className={styles.legend}>Link to contacts and leads</legend>
              {people.length === 0 && 'Nobody in this email is in the CRM; the email is saved on its own.'}
              {people.map((p) => (
                <Checkbox
                  key={key(p.ref)}
                  label={`${p.name} (${p.ref.kind})`}
                  checked={who.has(key(p.ref))}
                  onChange={(_, data) => toggle(key(p.ref), data.checked === true)}
                />
              ))}
            </fieldset>
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
            <Field label="Sharing level">
              <RadioGroup
                value={level}
                onChange={(_, data) => setLevel(data.value as SharingLevel | 'default')}
              >
                {levels(view.attachmentLimitMb).map((l) => (
                  <Radio key={l.value} value={l.value} label={l.label} />
                ))}
              </RadioGroup>
            </Field>
            <Checkbox
              label="Auto-save all next emails in this thread"
              checked={autosave}
              onChange={(_, data) => setAutosave(data.checked === true)}
            />
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
