import type { SidebarView } from '../../src';
// Values from their own files, never the barrel: it would bundle zod and the address tables into Apps Script.
import { addLinksChoices, type AddLinksChoices } from '../../src/sidebar/add-links';
import { DEFAULT_ATTACHMENT_LIMIT_MB } from '../../src/content/attachment-files';
import { saveFormDefaults } from '../../src/sidebar/save-form-defaults';
import { SHARING_LEVEL_LABELS } from '../../src/sidebar/sharing-level-labels';
import { FIELDS, type CardSection, type CardModel, type FormPicks, type Widget } from './card-types';
import { savePickers, searchSection, withFound } from './search-section';
import {
  autoshareWidget,
  linkedNames,
  peopleSections,
  refValue,
  savedLinkWidgets,
  whatDropdown,
  whoCheckboxes,
} from './record-sections';

export { KIND_LABEL, personSection, refValue, suggestionWidgets } from './record-sections';

// The main card for one open email, from the core's view: the autosharing line, the saved state, the people in the
// CRM, the New records suggestions and the save form. Every fact comes from the view; this file only words it.

/** The core's words for the levels, as the Outlook pane and the dashboard show them. */
export const LEVEL_LABELS = SHARING_LEVEL_LABELS;

export const NO_MESSAGE_ID =
  'This email has no Message-ID header, so Liaison cannot save it; autosharing skips it for the same reason.';

/** The save form; `picks` (after a search) keeps what the rep had chosen, with the records found added. */
function saveSection(view: SidebarView, picks: FormPicks | undefined): CardSection {
  // The choices and first picks are the core's, as in the Outlook pane.
  const defaults = saveFormDefaults(view);
  const pickers = savePickers(defaults, picks, view.attachmentLimitMb);
  if (pickers.length === 0)
    return {
      header: 'Save this email',
      widgets: [
        {
          kind: 'text',
          text: 'No contact or lead to link it to: create one from New records, or search the CRM below.',
        },
      ],
    };
  return {
    header: 'Save this email',
    widgets: [
      ...pickers,
      {
        kind: 'switch',
        name: FIELDS.autosave,
        label: 'Auto-save all next emails in this thread',
        value: 'on',
        selected: picks ? picks.autosave : defaults.autosaveThread,
      },
    ],
  };
}

/** Rulebook section 4: a saved email takes more links, never a second save. Only what the server does is offered. */
function addLinksSection(
  view: SidebarView,
  choices: AddLinksChoices,
  picks: FormPicks | undefined,
): CardSection {
  const widgets: Widget[] = [
    { kind: 'text', text: 'This email is saved once in the CRM; what you pick is added to that activity.' },
  ];
  // A related record found by search is offered only where the form offers one at all (none related yet, and the
  // CRM lets one be added).
  const linked = new Set((view.saved?.links ?? []).map(refValue));
  const whatsAllowed =
    view.saved?.canAddWhat !== false &&
    !(view.saved?.links ?? []).some((l) => l.kind === 'opportunity' || l.kind === 'account');
  const found = (picks?.found ?? []).filter((f) => !linked.has(refValue(f.ref)));
  const { people, targets } = withFound(choices.people, choices.whats, found, whatsAllowed);
  const chosen = new Set(picks?.who ?? []);
  if (people.length > 0) widgets.push(whoCheckboxes('Also link to', people, chosen));
  if (targets.length > 0)
    widgets.push(whatDropdown('Related to', 'Nothing', targets, picks?.what || undefined));
  if (choices.whatNote && targets.length === 0) widgets.push({ kind: 'text', text: choices.whatNote });
  if (choices.canAutosaveThread)
    widgets.push({
      kind: 'switch',
      name: FIELDS.autosave,
      label: 'Auto-save all next emails in this thread',
      value: 'on',
      selected: picks?.autosave ?? false,
    });
  return { header: choices.title, widgets };
}

function savedText(view: SidebarView): string {
  const saved = view.saved;
  if (!saved) return 'Already saved to the CRM.';
  const links = linkedNames(view.names, saved.links);
  const how = saved.mode === 'automatic' ? 'by auto-sharing' : `by ${saved.savedBy}`;
  return `Saved ${how} on ${saved.savedAt.slice(0, 10)}${links.length > 0 ? `, linked to ${links.join(', ')}` : ''}.`;
}

export function sidebarCard(view: SidebarView, picks?: FormPicks): CardModel {
  const status: Widget[] = [autoshareWidget(view.autoshare.line)];
  // No Message-ID: nothing keys a save (the sync skips such an email too), so the card says so and offers none.
  const unkeyed = view.messageId === '';
  if (unkeyed) status.push({ kind: 'text', text: NO_MESSAGE_ID });
  if (view.alreadySaved) status.push({ kind: 'text', text: savedText(view) });
  if (view.saved) status.push(...savedLinkWidgets(view, view.saved.links));
  // The rep can turn thread auto-save off here, as in the Outlook pane's thread list.
  if (view.thread.autosave)
    status.push({
      kind: 'decorated',
      text: `Every email in this thread is saved${view.thread.whatName ? `, linked to ${view.thread.whatName}` : ''}.`,
      button: { text: 'Turn off', action: { name: 'autosaveOff', parameters: { threadId: view.threadId } } },
    });
  const sections: CardSection[] = [
    { widgets: status },
    ...peopleSections(view, 'Nobody on this email is in the CRM yet.'),
  ];
  const card: CardModel = {
    name: 'sidebar',
    header: { title: 'Liaison', subtitle: view.subject || '(no subject)' },
    sections,
  };
  const addLinks = addLinksChoices(view);
  if (!addLinks) {
    if (!unkeyed) {
      const save = saveSection(view, picks);
      sections.push(save, searchSection('email', picks));
      if (save.widgets.some((w) => w.kind === 'checkboxes'))
        card.footer = {
          text: 'Save to CRM',
          // What the default level is and the server's file limit: the add-on reads the files only for `full`.
          action: {
            name: 'save',
            parameters: {
              defaultLevel: view.autoshare.decision.content,
              attachmentLimitMb: String(view.attachmentLimitMb ?? DEFAULT_ATTACHMENT_LIMIT_MB),
            },
          },
          filled: true,
        };
    }
  } else if (addLinks.possible) {
    sections.push(addLinksSection(view, addLinks, picks), searchSection('email', picks));
    card.footer = { text: addLinks.action, action: { name: 'addLinks' }, filled: true };
  }
  return card;
}
