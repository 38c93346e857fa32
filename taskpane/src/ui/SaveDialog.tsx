import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import type { SaveWhenSentRequest } from '../../../src/api/compose-api';
import type { MeetingRequest } from '../../../src/api/meeting-api';
import type { MailMessage, SharingLevel } from '../../../src/types';
import type { MeetingView } from '../../../src/sidebar/meeting-types';
import type { SidebarView } from '../../../src/sidebar/sidebar-types';
import { meetingSaveFormDefaults, saveFormDefaults } from '../../../src/sidebar/save-form-defaults';
import { DEFAULT_SHARING_LEVEL_LABEL, SHARING_LEVELS } from '../../../src/sidebar/sharing-level-labels';
import type { PaneApi } from '../api/pane-api';
import { DEFAULT_ATTACHMENT_LIMIT_MB, megabytes } from '../../../src/content/attachment-files';
import { sharingLevelLabel } from '../../../src/content/sharing-level-labels';
import { PickDialog } from './PickDialog';
import { recordUrlOf } from './format';
import { AutosaveTick, RecordPicks, usePicks } from './RecordPicks';

// Save by hand, one form for what is saved:
// - an email: the contacts and leads to link, one opportunity or account, the sharing level, and whether the next
//   emails in this thread are saved too. The body and attachment names are read from Outlook only now, and the
//   attachments' files only for a save at `full` (within the server's per-email limit).
// - a meeting or appointment (event-rules.md section 6): the people and one opportunity or account; the server
//   applies the rep's sharing level for the meeting's direction.
// What is chosen at first comes from the core (saveFormDefaults, meetingSaveFormDefaults), so Gmail's card offers
// the same.

/** What the dialog saves. */
export type SaveSubject =
  | {
      kind: 'email';
      view: SidebarView;
      message: MailMessage;
      readContent(files?: {
        limitBytes: number;
      }): Promise<Pick<MailMessage, 'bodyText' | 'attachments' | 'headers'>>;
    }
  | { kind: 'meeting'; view: MeetingView; meeting: MeetingRequest }
  | {
      /** The email being written (issue 18): the pick is kept by the server until the sent copy appears. */
      kind: 'draft';
      view: SidebarView;
      /** `thread`: no header can be set, the pick follows the reply's conversation (always auto-saving it). */
      by: 'header' | 'thread';
      /** Sends the pick; answers the sentence to show. `names`: the picked records' names. */
      submit(pick: SaveWhenSentRequest, names: string[]): Promise<string>;
    };

// The full level's words carry the server's attachment limit.
const levels = (limitMb: number | undefined): { value: SharingLevel | 'default'; label: string }[] => [
  { value: 'default', label: DEFAULT_SHARING_LEVEL_LABEL },
  ...SHARING_LEVELS.map((value) => ({ value, label: sharingLevelLabel(value, limitMb) })),
];

export default function SaveDialog({
  subject,
  api,
  onClose,
  onSaved,
}: {
  subject: SaveSubject;
  api: PaneApi;
  onClose(): void;
  /** `warning` when the email was saved but something asked for (following the thread) could not be done. */
  onSaved(text: string, intent?: 'success' | 'warning'): void;
}) {
  const email = subject.kind !== 'meeting';
  const defaults = email ? saveFormDefaults(subject.view) : meetingSaveFormDefaults(subject.view);
  const byThread = subject.kind === 'draft' && subject.by === 'thread';
  const picks = usePicks(defaults);
  const [level, setLevel] = useState<SharingLevel | 'default'>('default');
  const [autosave, setAutosave] = useState<boolean>(
    'autosaveThread' in defaults && defaults.autosaveThread === true,
  );
  const word =
    subject.kind !== 'meeting' ? 'email' : subject.view.kind === 'appointment' ? 'appointment' : 'meeting';

  async function save() {
    const chosen = picks.chosen(defaults.people, defaults.targets);
    if (subject.kind === 'meeting') {
      const result = await api.saveMeeting({ ...subject.meeting, ...chosen });
      return onSaved(
        result.action === 'update'
          ? `The ${word} was saved before and has changed since: its CRM event is updated.`
          : `The ${word} is saved to the CRM.`,
      );
    }
    if (subject.kind === 'draft') {
      const names = [...defaults.people, ...defaults.targets]
        .filter((c) => chosen.who.includes(c.ref) || chosen.what === c.ref)
        .map((c) => c.name);
      const pick = {
        ...chosen,
        ...(level === 'default' ? {} : { level }),
        autosaveThread: byThread || autosave,
      };
      return onSaved(await subject.submit(pick, names));
    }
    const { view } = subject;
    // The level the server applies: the one picked, else the rep's own for this email's direction.
    const effective = level === 'default' ? view.autoshare.decision.content : level;
    const limitBytes = megabytes(view.attachmentLimitMb ?? DEFAULT_ATTACHMENT_LIMIT_MB);
    const content = await subject.readContent(effective === 'full' ? { limitBytes } : undefined);
    const result = await api.save({
      message: { ...subject.message, ...content },
      ...chosen,
      ...(level === 'default' ? {} : { level }),
      autosaveThread: autosave,
    });
    const saved = result.subscribed
      ? 'Saved. The next emails in this thread will be saved too.'
      : 'Saved to the CRM.';
    const files = result.attachments ? ` ${result.attachments}` : '';
    if (result.threadNotice) onSaved(`Saved to the CRM.${files} ${result.threadNotice}`, 'warning');
    else onSaved(`${saved}${files}`);
  }

  return (
    <PickDialog
      title={
        subject.kind !== 'draft'
          ? `Save this ${word}`
          : byThread
            ? 'Auto-save next emails in this thread'
            : 'Save this email when sent'
      }
      action={subject.kind !== 'draft' ? 'Save' : byThread ? 'Auto-save' : 'Save when sent'}
      running="Saving…"
      submit={save}
      onClose={onClose}
    >
      <RecordPicks
        picks={picks}
        people={defaults.people}
        whats={defaults.targets}
        nobody={
          subject.kind === 'draft'
            ? 'Nobody you are writing to is in the CRM yet; the email is saved on its own.'
            : email
              ? 'Nobody in this email is in the CRM; the email is saved on its own.'
              : `Nobody in this ${word} is in the CRM; it is saved to your CRM calendar on its own.`
        }
        whatsWhenEmpty={email}
        urlOf={(ref) => recordUrlOf(subject.view, ref)}
      />
      {subject.kind !== 'meeting' && (
        <>
          <Field label="Sharing level">
            <RadioGroup
              value={level}
              onChange={(_, data) => setLevel(data.value as SharingLevel | 'default')}
            >
              {levels(subject.view.attachmentLimitMb).map((l) => (
                <Radio key={l.value} value={l.value} label={l.label} />
              ))}
            </RadioGroup>
          </Field>
          {!byThread && <AutosaveTick checked={autosave} onChange={setAutosave} />}
        </>
      )}
    </PickDialog>
  );
}
