import type { SidebarView } from '../../src';
// Values from their own files, never the barrel (see sidebar-card.ts).
import { saveFormDefaults } from '../../src/sidebar/save-form-defaults';
import { FIELDS, type CardModel, type CardSection, type FormPicks, type Widget } from './card-types';
import { savePickers, searchSection } from './search-section';

// "Save when sent" in Gmail (issue 18, src/api/compose-api.ts): the compose trigger's card. Gmail's compose trigger
// cannot set a header on the draft, so the pick is kept for the draft's thread and the next email the rep sends in
// it is saved; a new email has no thread until it is sent, and the card says so.

/** The draft the compose trigger opened: a reply names its thread, with the core's view of its recipients. */
export type DraftOpen = { threadId?: undefined } | { threadId: string; view: SidebarView };

export const NEW_DRAFT_TEXT =
  'Save when sent works on replies in Gmail: Liaison keeps your pick for the thread you reply to. A new email has ' +
  'no thread until it is sent; once sent, open it in Sent and save it from there.';

export function composeCard(draft: DraftOpen, picks?: FormPicks): CardModel {
  if (draft.threadId === undefined)
    return {
      name: 'compose',
      header: { title: 'Liaison', subtitle: 'Save when sent' },
      sections: [{ widgets: [{ kind: 'text', text: NEW_DRAFT_TEXT }] }],
    };
  const view = draft.view;
  const defaults = saveFormDefaults(view);
  const pickers = savePickers(defaults, picks, view.attachmentLimitMb);
  const widgets: Widget[] = [
    {
      kind: 'text',
      text: 'Liaison saves the next email you send in this thread to the CRM, linked to what you pick here.',
    },
  ];
  if (pickers.length === 0)
    widgets.push({
      kind: 'text',
      text: 'None of the recipients is a contact or lead in the CRM: search the CRM below for one to link.',
    });
  else {
    widgets.push(...pickers);
    if (!view.thread.autosave)
      widgets.push({
        kind: 'switch',
        name: FIELDS.autosave,
        label: 'Also auto-save all next emails in this thread',
        value: 'on',
        selected: picks?.autosave ?? false,
      });
  }
  const save: CardSection = { header: 'Save when sent', widgets };
  const card: CardModel = {
    name: 'compose',
    header: { title: 'Liaison', subtitle: view.subject ? `Reply: ${view.subject}` : 'Your reply' },
    sections: [save, searchSection('compose', picks)],
  };
  if (pickers.length > 0)
    card.footer = { text: 'Save when sent', action: { name: 'saveWhenSent' }, filled: true };
  return card;
}
