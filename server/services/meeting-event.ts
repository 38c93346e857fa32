// The open meeting as the server reads it: its key taken from what the calendar sync recorded for the provider's id
// (Office.js gives no iCalendar UID; the item's REST id is the Graph event id the sync remembered), so the pane,
// the sync and a colleague's calendar all name one meeting by one key; and a save by hand only of an event the rep
// takes part in.
import { eventKey, normalizeAddress, type CalendarEvent } from '../../src';
import type { AppDeps } from '../app/app-deps';
import { HttpError } from '../app/http-error';
import { keysOfSourceIds } from '../db/event-ledger-repo';
import { getMailboxOfUser, type Mailbox } from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';

/** eventKey's form of an occurrence's recurrenceId: `uid|YYYY-MM-DDTHH:MM:SSZ`. */
const OCCURRENCE = /^(.*)\|(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/s;

export interface OpenMeeting {
  event: CalendarEvent;
  /** Whether the event's key is known (given by the face, or found from the provider's id). */
  keyKnown: boolean;
  mailbox: Mailbox | undefined;
}

export async function openMeeting(
  deps: Pick<AppDeps, 'db'>,
  user: User,
  event: CalendarEvent,
  sourceId: string | undefined,
): Promise<OpenMeeting> {
  const mailbox = await getMailboxOfUser(deps.db, user.id);
  if (sourceId && mailbox) {
    const key = (await keysOfSourceIds(deps.db, mailbox.id, [sourceId])).get(sourceId);
    if (key) {
      const occurrence = OCCURRENCE.exec(key);
      const { recurrenceId: _dropped, ...rest } = event;
      void _dropped;
      const keyed: CalendarEvent = occurrence
        ? { ...rest, uid: occurrence[1]!, recurrenceId: occurrence[2]! }
        : { ...rest, uid: key };
      return { event: keyed, keyKnown: eventKey(keyed) === key, mailbox };
    }
  }
  return { event, keyKnown: event.uid.trim() !== '', mailbox };
}

/** Why a save by hand waits when the key is not known: saving under another key would make a second CRM event. */
export const NOT_READ_YET =
  "Liaison's calendar sync has not read this meeting yet, so it cannot yet tell it apart from its copies in " +
  "your colleagues' calendars. Try again after the next sync (a few minutes).";

/** Throws a 403 with a sentence when the user is neither the organizer nor an attendee. */
export function assertTakesPart(user: User, event: CalendarEvent): void {
  const mine = new Set(user.addresses.map(normalizeAddress));
  const addresses = [event.organizer, ...event.attendees].map((a) => normalizeAddress(a.address));
  if (addresses.some((a) => mine.has(a))) return;
  throw new HttpError(
    403,
    'not_a_participant',
    `You can save only a meeting you take part in: none of your addresses (${user.addresses.join(', ')}) is its ` +
      'organizer or one of its attendees.',
  );
}
