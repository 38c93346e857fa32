import { FIELDS, type CardSection, type FormPicks, type FoundRecord, type Widget } from './card-types';
import { foundParameter } from './form-input';
import type { SaveFormDefaults } from '../../src/sidebar/save-form-defaults';
import { KIND_LABEL, joined, levelDropdown, refValue, whatDropdown, whoCheckboxes } from './record-sections';

// "Search the CRM" on a save form (the Outlook pane's search, issue 18): a text input and a Search button; what it
// finds is listed with a link to each record and joins the form's pickers, so the rep can link records that are
// not on the email.

interface Named {
  ref: FoundRecord['ref'];
  name: string;
}

const isPerson = (r: Named) => r.ref.kind === 'contact' || r.ref.kind === 'lead';

/** The form's people and targets with the found records added after them, each record once. */
export function withFound<P extends Named, T extends Named>(
  people: P[],
  targets: T[],
  found: FoundRecord[],
  whatsAllowed = true,
): { people: Named[]; targets: Named[] } {
  const seen = new Set([...people, ...targets].map((r) => refValue(r.ref)));
  const fresh = found.filter((f) => !seen.has(refValue(f.ref)));
  return {
    people: [...people, ...fresh.filter(isPerson)],
    targets: whatsAllowed ? [...targets, ...fresh.filter((f) => !isPerson(f))] : targets,
  };
}

/** The section: where the rep types, the Search button carrying what was found so far, and the records found. */
export function searchSection(card: 'email' | 'compose', picks: FormPicks | undefined): CardSection {
  const found = picks?.found ?? [];
  const widgets: Widget[] = [
    { kind: 'input', name: FIELDS.query, label: 'Name, email or company', value: picks?.query ?? '' },
    {
      kind: 'buttons',
      buttons: [
        {
          text: 'Search',
          action: { name: 'searchCrm', parameters: { card, found: foundParameter(found) } },
        },
      ],
    },
  ];
  for (const f of found)
    widgets.push({
      kind: 'decorated',
      topLabel: joined([`Found · ${KIND_LABEL[f.ref.kind]}`, f.subtitle]),
      text: f.name,
      ...(f.url ? { openLink: f.url } : {}),
    });
  return { header: 'Search the CRM', widgets };
}

/** After a search: the records still picked from earlier searches, then the new hits, each once, at most `max`. */
export function mergeFound(picks: FormPicks, hits: FoundRecord[], max: number): FoundRecord[] {
  const picked = new Set([...picks.who, picks.what]);
  const kept = picks.found.filter((f) => picked.has(refValue(f.ref)));
  const out: FoundRecord[] = [];
  const seen = new Set<string>();
  for (const f of [...kept, ...hits]) {
    const key = refValue(f.ref);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.slice(0, max);
}

/**
 * A save form's Link to, Opportunity or account and Sharing level: the core's defaults with the records found added,
 * or, after a search, what the rep had picked. Empty when there is nobody to link.
 */
export function savePickers(
  defaults: SaveFormDefaults,
  picks: FormPicks | undefined,
  attachmentLimitMb: number | undefined,
): Widget[] {
  const { people, targets } = withFound(defaults.people, defaults.targets, picks?.found ?? []);
  if (people.length === 0) return [];
  return [
    whoCheckboxes('Link to', people, new Set(picks ? picks.who : defaults.who)),
    whatDropdown('Opportunity or account', 'None', targets, picks ? picks.what || undefined : defaults.what),
    levelDropdown(attachmentLimitMb, picks?.level ?? ''),
  ];
}
