import type { MeetingView } from '../../src';
// Values from their own files, never the barrel (see sidebar-card.ts).
import { meetingSaveFormDefaults } from '../../src/sidebar/save-form-defaults';
import type { CardModel, CardSection, Widget } from './card-types';
import {
  autoshareWidget,
  linkedNames,
  peopleSections,
  savedLinkWidgets,
  whatDropdown,
  whoCheckboxes,
} from './record-sections';

// The card for one open Google Calendar event, from the core's MeetingView (event-rules.md section 6), built like the
// email's card from the same parts: the autosharing line with Why?, where it was saved and by whom, the participants'
// records, New records and Do Not Sync for unknown attendees, and Save meeting with the records picked.

function savedText(view: MeetingView): string | undefined {
  const saved = view.saved;
  if (!saved) return view.alreadySaved ? 'Already saved to the CRM.' : undefined;
  const links = linkedNames(view.names, saved.links);
  const how = saved.mode === 'automatic' ? 'by auto-sharing' : 'by hand';
  return (
    `Saved ${how} on ${saved.savedAt.slice(0, 10)}; its CRM event belongs to ${saved.owner}` +
    `${links.length > 0 ? `, linked to ${links.join(', ')}` : ''}.` +
    (saved.cancelled ? ' It is marked cancelled in the CRM.' : '')
  );
}

function saveSection(view: MeetingView): CardSection {
  if (!view.manualSave.allowed)
    return { header: 'Save meeting', widgets: [{ kind: 'text', text: view.manualSave.why }] };
  // The choices and first picks are the core's, as in the Outlook pane.
  const defaults = meetingSaveFormDefaults(view);
  const chosen = new Set(defaults.who);
  const widgets: Widget[] = [];
  if (defaults.people.length > 0) widgets.push(whoCheckboxes('Link to', defaults.people, chosen));
  if (defaults.targets.length > 0)
    widgets.push(whatDropdown('Opportunity or account', 'None', defaults.targets, defaults.what));
  if (widgets.length === 0)
    widgets.push({
      kind: 'text',
      text:
        view.kind === 'appointment'
          ? 'It goes to your CRM calendar, linked to nothing.'
          : 'No contact or lead to link it to: create one from New records first.',
    });
  if (view.manualSave.action === 'update')
    widgets.unshift({
      kind: 'text',
      text: 'It changed since it was saved: saving updates its CRM event, never a second one.',
    });
  return {
    header: view.manualSave.action === 'update' ? 'Update the saved meeting' : 'Save meeting',
    widgets,
  };
}

export function meetingCard(view: MeetingView): CardModel {
  const status: Widget[] = [autoshareWidget(view.autoshare.line)];
  if (view.cancelled) status.push({ kind: 'text', text: 'This meeting is cancelled.' });
  const saved = savedText(view);
  if (saved) status.push({ kind: 'text', text: saved });
  if (view.saved) status.push(...savedLinkWidgets(view, view.saved.links));
  // Rooms and equipment are booked, not people: named apart, never offered as records.
  if (view.resources.length > 0)
    status.push({ kind: 'decorated', topLabel: 'Rooms and equipment', text: view.resources.join(', ') });
  const sections: CardSection[] = [
    { widgets: status },
    ...peopleSections(view, 'Nobody in this meeting is in the CRM yet.'),
  ];
  const save = saveSection(view);
  sections.push(save);
  const card: CardModel = {
    name: 'meeting',
    header: { title: 'Liaison', subtitle: view.subject || '(no title)' },
    sections,
  };
  // A meeting needs a record to link (the server refuses one with none); an appointment goes to the CRM calendar.
  const linkable = save.widgets.some((w) => w.kind === 'checkboxes' || w.kind === 'dropdown');
  if (view.manualSave.allowed && (linkable || view.kind === 'appointment'))
    card.footer = {
      text: view.manualSave.action === 'update' ? 'Update meeting' : 'Save meeting',
      action: { name: 'saveMeeting' },
      filled: true,
    };
  return card;
}

export function meetingTraceCard(view: MeetingView): CardModel {
  return {
    name: 'trace',
    header: { title: 'Why', subtitle: view.subject || '(no title)' },
    sections: [
      { widgets: [{ kind: 'text', text: view.autoshare.line }] },
      {
        header: 'How the rules read this meeting',
        widgets: view.autoshare.trace.map((line, i) => ({ kind: 'text', text: `${i + 1}. ${line}` })),
      },
    ],
  };
}
