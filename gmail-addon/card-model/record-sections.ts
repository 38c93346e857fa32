import type { NewRecordSuggestion, RecordRef, SidebarPerson } from '../../src';
// Values from their own files, never the barrel (see sidebar-card.ts).
import { sharingLevelLabel } from '../../src/content/sharing-level-labels';
import { DEFAULT_SHARING_LEVEL_LABEL, SHARING_LEVELS } from '../../src/sidebar/sharing-level-labels';
import { FIELDS, type CardSection, type SelectionItem, type Widget } from './card-types';

// The parts the email's card and the meeting's card share: the autosharing line, the people in the CRM, the New
// records and Do Not Sync count, the saved links by name, and the save form's "Link to" and "Opportunity or account"
// pickers. Every fact comes from the core's view; this file only words it.

export const KIND_LABEL: Record<RecordRef['kind'], string> = {
  contact: 'Contact',
  lead: 'Lead',
  account: 'Account',
  opportunity: 'Opportunity',
};

export const refValue = (ref: RecordRef): string => `${ref.kind}:${ref.id}`;

/** In the CRM's currency (ISO 4217) when it named one; else the plain number, never a currency made up. */
function money(amount: number | undefined, currency: string | undefined): string | undefined {
  if (amount === undefined) return undefined;
  if (currency) {
    try {
      return new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      }).format(amount);
    } catch {
      // Not a currency code: the number alone below.
    }
  }
  return amount.toLocaleString('en-US');
}

export function joined(parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length > 0 ? kept.join(' · ') : undefined;
}

/** The autosharing line, with Why? opening the trace behind it. */
export function autoshareWidget(line: string): Widget {
  return {
    kind: 'decorated',
    topLabel: 'Auto-sharing',
    text: line,
    button: { text: 'Why?', action: { name: 'showTrace' } },
  };
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
      const bottom = joined([
        opp.stage,
        money(opp.amount, opp.currency),
        opp.closeDate && `closes ${opp.closeDate}`,
      ]);
      widgets.push({
        kind: 'decorated',
        topLabel: opp.mine ? 'Open opportunity · yours' : 'Open opportunity',
        text: opp.name,
        ...(bottom ? { bottomLabel: bottom } : {}),
        ...(opp.url ? { openLink: opp.url } : {}),
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
              ...(s.displayName ? { displayName: s.displayName } : {}),
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

/** What an email's or a meeting's view has in common for its people sections. */
interface PeopleOf<F extends string> {
  people: SidebarPerson<F>[];
  suggestions: NewRecordSuggestion<F>[];
  hiddenBlacklisted: number;
}

/** A section per person in the CRM (or `nobody` when none is), New records, and how many are hidden. */
export function peopleSections<F extends string>(view: PeopleOf<F>, nobody: string): CardSection[] {
  const sections: CardSection[] = view.people.map(personSection);
  if (view.people.length === 0) sections.push({ widgets: [{ kind: 'text', text: nobody }] });
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
  return sections;
}

/** The saved links by name (every record a view mentions has one), never an id. */
export function linkedNames(names: Record<string, string>, links: RecordRef[]): string[] {
  return links.map((l) => names[refValue(l)] ?? `a ${KIND_LABEL[l.kind].toLowerCase()} (name not available)`);
}

/**
 * The saved links that have a page in the CRM, each opening it (a new tab, FULL_SIZE): their URLs are the
 * pickable records' (the people shown, their accounts and open opportunities). A link with no page stays named
 * in the saved line only.
 */
export function savedLinkWidgets(
  view: { pickable: { ref: RecordRef; url?: string }[]; names: Record<string, string> },
  links: RecordRef[],
): Widget[] {
  const urls = new Map(view.pickable.flatMap((p) => (p.url ? [[refValue(p.ref), p.url] as const] : [])));
  return links.flatMap((link) => {
    const url = urls.get(refValue(link));
    const name = view.names[refValue(link)];
    return url && name
      ? [
          {
            kind: 'decorated' as const,
            topLabel: `Linked ${KIND_LABEL[link.kind].toLowerCase()}`,
            text: name,
            openLink: url,
          },
        ]
      : [];
  });
}

interface Named {
  ref: RecordRef;
  name: string;
}

function item(record: Named, selected: boolean): SelectionItem {
  return {
    text: `${record.name} (${KIND_LABEL[record.ref.kind].toLowerCase()})`,
    value: refValue(record.ref),
    selected,
  };
}

/** The people to link to, those in `chosen` ticked. */
export function whoCheckboxes(label: string, people: Named[], chosen: ReadonlySet<string>): Widget {
  return {
    kind: 'checkboxes',
    name: FIELDS.who,
    label,
    items: people.map((p) => item(p, chosen.has(refValue(p.ref)))),
  };
}

/** The opportunity or account to relate to, with a first "none" choice picked unless `chosen` names one. */
export function whatDropdown(
  label: string,
  none: string,
  targets: Named[],
  chosen: string | undefined,
): Widget {
  return {
    kind: 'dropdown',
    name: FIELDS.what,
    label,
    items: [
      { text: none, value: '', selected: chosen === undefined },
      ...targets.map((t) => item(t, chosen === refValue(t.ref))),
    ],
  };
}

/** The sharing level, the rep's default (no level sent) unless `level` names one. */
export function levelDropdown(attachmentLimitMb: number | undefined, level: string): Widget {
  return {
    kind: 'dropdown',
    name: FIELDS.level,
    label: 'Sharing level',
    items: [
      { text: DEFAULT_SHARING_LEVEL_LABEL, value: '', selected: level === '' },
      ...SHARING_LEVELS.map((l) => ({
        text: sharingLevelLabel(l, attachmentLimitMb),
        value: l,
        selected: level === l,
      })),
    ],
  };
}
