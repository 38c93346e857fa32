import { pass, skip, type RuleResult } from '../rules/rule-result';
import type { EventIndex } from './event-index';
import type { SavedEvent } from './event-types';
import { addressSet, fingerprintOf } from './event-fingerprint';
import type { ReadEvent } from './read-event';

// Rule 6: one meeting is one CRM event for the whole organisation. A cancellation marks the saved event cancelled
// (never deleted); an unchanged or older copy (a colleague's calendar that has not caught up) changes nothing;
// a changed one updates the saved event if the rules below let it through.

export type SavedVerdict =
  | { result: RuleResult<'cancelled' | 'unchanged'>; cancel?: undefined; update?: undefined }
  | { result: RuleResult<never>; cancel: true; update?: undefined }
  | { result: RuleResult<never>; cancel?: undefined; update: boolean };

const CANCELLED_UNSAVED = {
  result: skip(
    'cancelled',
    'it was cancelled and was never saved in the CRM, so there is nothing to change.',
  ),
};
const CANCELLED_ALREADY = {
  result: skip('cancelled', 'it was cancelled, and the CRM event saved for it is already marked cancelled.'),
};
const CANCEL = {
  result: pass(
    'It was cancelled: the CRM event saved for it will be marked cancelled (it is never deleted).',
  ),
  cancel: true as const,
};
const UNCHANGED = {
  result: skip(
    'unchanged',
    'it is already saved in the CRM and has not changed since; one meeting is one CRM event for the whole company.',
  ),
};
const NEW = { result: pass('It is not saved in the CRM yet.'), update: false };
const CHANGED = {
  result: pass(
    'It is already saved in the CRM and has changed since, so the saved CRM event will be updated.',
  ),
  update: true,
};

/** eventFingerprint of an event already read (the same value, without reading the event again). */
function fingerprint(event: ReadEvent): string {
  const attendees: string[] = [];
  for (const a of event.attendees) attendees.push(a.address);
  return fingerprintOf({
    subject: event.subject,
    start: event.startMs,
    end: event.endMs,
    allDay: event.allDay,
    location: event.location ?? '',
    status: event.status,
    organizer: event.organizer,
    attendees: addressSet(attendees),
  });
}

export function savedRule(event: ReadEvent, key: string, events: EventIndex): SavedVerdict {
  const saved: SavedEvent | undefined = events.saved.get(key);
  if (event.status === 'cancelled') {
    if (!saved) return CANCELLED_UNSAVED;
    return saved.cancelled ? CANCELLED_ALREADY : CANCEL;
  }
  if (!saved) return NEW;
  if (event.sequence < saved.sequence) {
    return {
      result: skip(
        'unchanged',
        `it is an older copy (sequence ${event.sequence}) of an event saved in the CRM at sequence ${saved.sequence}, such as a colleague's calendar that has not caught up, so it changes nothing.`,
      ),
    };
  }
  return saved.fingerprint === fingerprint(event) ? UNCHANGED : CHANGED;
}
