import type { SharingLevel } from '../types';
import { joinAnd } from '../rules/trace-text';

// Rule 14 (and the content of every decision): outbound when the user organises the event, else inbound; the level
// is the user's sharing setting for that direction, as for emails. The words say what an event shares.

export const EVENT_LEVEL_WORDS: Record<SharingLevel, string> = {
  metadata: 'metadata only (organizer, attendees, date and time)',
  subject: 'subject and metadata',
  full: 'full content (subject, location, online meeting link and description)',
};

const direction = (outbound: boolean): string =>
  outbound
    ? 'your level for what you send, as you organise it'
    : 'your level for what you receive, as you were invited';

/** The last sentence of a decision that saves, updates or cancels, saying what the CRM event holds. */
export function eventContentSentence(
  action: 'save' | 'update' | 'cancel',
  kind: 'meeting' | 'appointment',
  outbound: boolean,
  level: SharingLevel,
  links: readonly string[],
): string {
  if (action === 'cancel')
    return `Marks the saved CRM event cancelled; it keeps ${EVENT_LEVEL_WORDS[level]}: ${direction(outbound)}.`;
  const what = kind === 'meeting' ? 'a CRM event' : 'an event in your own CRM calendar';
  const start = action === 'update' ? 'Updates the saved CRM event' : `Saved as ${what}`;
  const linked = links.length > 0 ? `, linked to ${joinAnd(links)},` : '';
  return `${start}${linked} with ${EVENT_LEVEL_WORDS[level]}: ${direction(outbound)}.`;
}
