import { Text } from '@fluentui/react-components';
import { useState } from 'react';
import { linksAddedText, type AddLinksChoices } from '../../../src/sidebar/add-links';
import type { MailMessage, RecordRef } from '../../../src/types';
import type { PaneApi } from '../api/pane-api';
import { PickDialog } from './PickDialog';
import { AutosaveTick, RecordPicks, usePicks } from './RecordPicks';

// Rulebook section 4: the email is saved already, so this adds links to that one activity (and may turn on thread
// auto-save); it never saves a second copy. The choices come from the core (addLinksChoices): only what the server
// will do is offered.

export default function AddLinksDialog({
  choices,
  message,
  api,
  onClose,
  onDone,
  urlOf,
}: {
  choices: AddLinksChoices;
  /** A record's page in the CRM, when the view knows it. */
  urlOf?: (ref: RecordRef) => string | undefined;
  message: MailMessage;
  api: PaneApi;
  onClose(): void;
  onDone(text: string): void;
}) {
  const picks = usePicks({});
  const [autosave, setAutosave] = useState(false);
  const chosen = picks.chosen(choices.people, choices.whats);
  const picked = chosen.who.length > 0 || chosen.what !== undefined || autosave;

  async function add() {
    const result = await api.addLinks({ message, ...chosen, autosaveThread: autosave });
    onDone(linksAddedText(chosen.who.length + (chosen.what ? 1 : 0), result.subscribed));
  }

  return (
    <PickDialog
      title={choices.title}
      action={choices.action}
      running="Adding…"
      disabled={!picked}
      intro={<Text>This email is saved once in the CRM; what you pick is added to that activity.</Text>}
      submit={add}
      onClose={onClose}
    >
      <RecordPicks
        picks={picks}
        people={choices.people}
        whats={choices.whats}
        legend="Also link to"
        nobody="It is linked to everyone in this email who is in the CRM."
        noneLabel="Nothing"
        whatHint={choices.whatNote}
        {...(urlOf ? { urlOf } : {})}
      />
      {choices.canAutosaveThread && <AutosaveTick checked={autosave} onChange={setAutosave} />}
    </PickDialog>
  );
}
