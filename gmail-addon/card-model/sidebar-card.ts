import type { NewRecordSuggestion, RecordRef, SidebarPerson, SidebarView } from '../../src';
// Values from their own files, never the barrel: it would bundle zod and the address tables into Apps Script.
import { addLinksChoices, type AddLinksChoices } from '../../src/sidebar/add-links';
import { DEFAULT_ATTACHMENT_LIMIT_MB } from '../../src/content/attachment-files';
import { sharingLevelLabel } from '../../src/content/sharing-level-labels';
import { saveFormDefaults } from '../../src/sidebar/save-form-defaults';
import {
  DEFAULT_SHARING_LEVEL_LABEL,
  SHARING_LEVEL_LABELS,
  SHARING_LEVELS,
} from '../../src/sidebar/sharing-level-labels';
import { FIELDS, type CardSection, type CardModel, type Widget } from './card-types';

// The main card for one open email, from the core's view: the autosharing line, the saved state, the people in the
// CRM, the New records suggestions and the save form. Every fact comes from the view; this file only words it.

export const KIND_LABEL: Record<RecordRef['kind'], string> = {
  contact: 'Contact',
  lead: 'Lead',
  account: 'Account',
  opportunity: 'Opportunity',
};

/** The core's words for the levels, as the Outlook pane and the dashboard show them. */
export const LEVEL_LABELS = SHARING_LEVEL_LABELS;

export const NO_MESSAGE_ID =
  'This email has no Message-ID header, so Liaison cannot save it; autosharing skips it for the same reason.';

export const refValue = (ref: RecordRef): string => `${ref.kind}:${ref.id}`;

function money(amount: number | undefined): string | undefined {
  return amount === undefined ? undefined : amount.toLocaleString('en-US');
}

function joined(parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length > 0 ? kept.join(' · ') : undefined;
}

export function personSection<F extends string>(person: SidebarPerson<F>): CardSection {
  const widgets: Widget[] = [
    {
      kind: 'decorated',
      topLabel: joined([
        KIND_LABEL[person.ref.kind],
        person.field,
        person.deleted ? 'deleted in the CRM' : undefined,
      ]),
      text: person.name,
      ...(joined([person.title, person.address])
        ? { bottomLabel: joined([person.title, person.address]) }
        : {}),
      ...(person.url ? { openLink: person.url } : {}),
    },
  ];
  if (person.account) {
    widgets.push({
      kind: 'decorated',
      topLabel: 'Account',
      text: person.account.name,
      ...(person.account.url ? { openLink: person.account.url } : {}),
    });
    for (const opp of person.account.opportunities) {
      const bottom = joined([opp.stage, money(opp.amount), opp.closeDate && `closes ${opp.closeDate}`]);
      widgets.push({
        kind: 'decorated',
        topLabel: opp.mine ? 'Open opportunity · yours' : 'Open opportunity',
        text: opp.name,
        ...(bottom ? { bottomLabel: bottom } : {}),
      });
    }
  }
  for (const activity of person.recentActivities) {
    widgets.push({
      kind: 'decorated',
      topLabel: `Recent ${activity.type} · ${activity.date.slice(0, 10)}`,
      text: activity.subject,
      ...(bottomOf(activity) ? { bottomLabel: bottomOf(activity) } : {}),
    });
  }
  return { header: person.name, collapsible: { uncollapsible: 2 }, widgets };
}

/** The owner, and the files saved with the activity. */
function bottomOf(activity: SidebarPerson['recentActivities'][number]): string | undefined {
  return joined([
    activity.ownerName,
    activity.files?.length ? `Files: ${activity.files.join(', ')}` : undefined,
  ]);
}

export function suggestionWidgets<F extends string>(s: NewRecordSuggestion<F>): Widget[] {
  const what = s.kind === 'contact' && s.account ? `New contact at ${s.account.name}` : 'New lead';
  const notes = [
    s.roleAddress ? 'role address' : undefined,
    s.personalAddress ? 'personal address' : undefined,
  ];
  const p = s.prefill;
  return [
    {
      kind: 'decorated',
      topLabel: joined([s.field, ...notes]),
      text: s.displayName ?? s.address,
      bottomLabel: joined([s.displayName ? s.address : undefined, what]),
    },
    {
      kind: 'buttons',
      buttons: [
        {
          text: s.kind === 'contact' ? 'Create contact' : 'Create lead',
          action: {
            name: 'openCreateForm',
            parameters: {
              kind: s.kind,
              email: p.email,
              firstName: p.firstName,
              lastName: p.lastName,
              company: p.company,
              ...(p.accountId ? { accountId: p.accountId } : {}),
            },
          },
        },
        { text: 'Do Not Sync', action: { name: 'doNotSync', parameters: { address: s.address } } },
      ],
    },
  ];
}

function saveSection(view: SidebarView): CardSection {
  // The choices and first picks are the core's, as in the Outlook pane.
  const defaults = saveFormDefaults(view);
  if (defaults.people.length === 0)
    return {
      header: 'Save this email',
      widgets: [
        { kind: 'text', text: 'No contact or lead to link it to: create one from New records first.' },
      ],
    };
  const chosen = new Set(defaults.who);
  return {
    header: 'Save this email',
    widgets: [
      {
        kind: 'checkboxes',
        name: FIELDS.who,
        label: 'Link to',
        items: defaults.people.map((p) => ({
          text: `${p.name} (${KIND_LABEL[p.ref.kind].toLowerCase()})`,
          value: refValue(p.ref),
          selected: chosen.has(refValue(p.ref)),
        })),
      },
      {
        kind: 'dropdown',
        name: FIELDS.what,
        label: 'Opportunity or account',
        items: [
          { text: 'None', value: '', selected: defaults.what === undefined },
          ...defaults.targets.map((t) => ({
            text: `${t.name} (${KIND_LABEL[t.ref.kind].toLowerCase()})`,
            value: refValue(t.ref),
            selected: defaults.what === refValue(t.ref),
          })),
        ],
      },
      {
        kind: 'dropdown',
        name: FIELDS.level,
        label: 'Sharing level',
        items: [
          { text: DEFAULT_SHARING_LEVEL_LABEL, value: '', selected: true },
          ...SHARING_LEVELS.map((level) => ({
            text: sharingLevelLabel(level, view.attachmentLimitMb),
            value: level,
            selected: false,
          })),
        ],
      },
      {
        kind: 'switch',
        name: FIELDS.autosave,
        label: 'Auto-save all next emails in this thread',
        value: 'on',
        selected: defaults.autosaveThread,
      },
    ],
  };
}

/** Rulebook section 4: a saved email takes more links, never a second save. Only what the server does is offered. */
function addLinksSection(choices: AddLinksChoices): CardSection {
  const widgets: Widget[] = [
    { kind: 'text', text: 'This email is saved once in the CRM; what you pick is added to that activity.' },
  ];
  if (choices.people.length > 0)
    widgets.push({
      kind: 'checkboxes',
      name: FIELDS.who,
      label: 'Also link to',
      items: choices.people.map((p) => ({
        text: `${p.name} (${KIND_LABEL[p.ref.kind].toLowerCase()})`,
        value: refValue(p.ref),
        selected: false,
      })),
    });
  if (choices.whats.length > 0)
    widgets.push({
      kind: 'dropdown',
      name: FIELDS.what,
      label: 'Related to',
      items: [
        { text: 'Nothing', value: '', selected: true },
        ...choices.whats.map((t) => ({
          text: `${t.name} (${KIND_LABEL[t.ref.kind].toLowerCase()})`,
          value: refValue(t.ref),
          selected: false,
        })),
      ],
    });
  if (choices.whatNote) widgets.push({ kind: 'text', text: choices.whatNote });
  if (choices.canAutosaveThread)
    widgets.push({
      kind: 'switch',
      name: FIELDS.autosave,
      label: 'Auto-save all next emails in this thread',
      value: 'on',
      selected: false,
    });
  return { header: choices.title, widgets };
}

function savedText(view: SidebarView): string {
  const saved = view.saved;
  if (!saved) return 'Already saved to the CRM.';
  // Names from the view (every record it mentions has one), never an id.
  const links = saved.links.map(
    (l) => view.names[refValue(l)] ?? `a ${KIND_LABEL[l.kind].toLowerCase()} (name not available)`,
  );
  const how = saved.mode === 'automatic' ? 'by auto-sharing' : `by ${saved.savedBy}`;
  return `Saved ${how} on ${saved.savedAt.slice(0, 10)}${links.length > 0 ? `, linked to ${links.join(', ')}` : ''}.`;
}

export function sidebarCard(view: SidebarView): CardModel {
  const status: Widget[] = [
    {
      kind: 'decorated',
      topLabel: 'Auto-sharing',
      text: view.autoshare.line,
      button: { text: 'Why?', action: { name: 'showTrace' } },
    },
  ];
  // No Message-ID: nothing keys a save (the sync skips such an email too), so the card says so and offers none.
  const unkeyed = view.messageId === '';
  if (unkeyed) status.push({ kind: 'text', text: NO_MESSAGE_ID });
  if (view.alreadySaved) status.push({ kind: 'text', text: savedText(view) });
  if (view.thread.autosave)
    status.push({
      kind: 'text',
      text: `Every email in this thread is saved${view.thread.whatName ? `, linked to ${view.thread.whatName}` : ''}.`,
    });
  const sections: CardSection[] = [{ widgets: status }, ...view.people.map(personSection)];
  if (view.people.length === 0)
    sections.push({ widgets: [{ kind: 'text', text: 'Nobody on this email is in the CRM yet.' }] });
  if (view.suggestions.length > 0)
    sections.push({ header: 'New records', widgets: view.suggestions.flatMap(suggestionWidgets) });
  if (view.hiddenBlacklisted > 0)
    sections.push({
      widgets: [
        {
          kind: 'text',
          text:
            view.hiddenBlacklisted === 1
              ? '1 participant is hidden: Do Not Sync.'
              : `${view.hiddenBlacklisted} participants are hidden: Do Not Sync.`,
        },
      ],
    });
  const card: CardModel = {
    name: 'sidebar',
    header: { title: 'Liaison', subtitle: view.subject || '(no subject)' },
    sections,
  };
  const addLinks = addLinksChoices(view);
  if (!addLinks) {
    if (!unkeyed) {
      const save = saveSection(view);
      sections.push(save);
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
    sections.push(addLinksSection(addLinks));
    card.footer = { text: addLinks.action, action: { name: 'addLinks' }, filled: true };
  }
  return card;
}
