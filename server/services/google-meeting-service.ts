// The Google Calendar add-on's open event, read by the server: the add-on's event object names the event (its
// Google id and calendar) but carries neither its title, its times nor its iCalendar UID, so the event is read by
// that id from the user's connected Google calendar with the grant its calendar sync uses, mapped as the sync maps
// it. The id is also the source id the sync remembered the event's key under (event_sources), so the meeting
// routes (meetingView, saveMeetingManually) name it by the same key as the sync and the colleagues' calendars.
import { normalizeAddress, type CalendarEvent } from '../../src';
import type { GoogleOpenEvent } from '../../src/api/google-meeting-api';
import type { AppDeps } from '../app/app-deps';
import { HttpError } from '../app/http-error';
import { getMailboxOfUser } from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';
import { CalendarConsentMissing } from '../providers/calendar-consent';
import { MailSourceError } from '../providers/mail-source';
import { providerOf, providerSourceOptions } from '../providers/registry';
import { addressOf } from './mailbox-store';
import { sourceRequest } from '../sync/mail-source-factory';

export interface OpenGoogleEvent {
  event: CalendarEvent;
  /** Google's event id: what the calendar sync remembered the event's key under. */
  sourceId: string;
}

const notReadable = (why: string) =>
  new HttpError(
    409,
    'calendar_not_readable',
    `Liaison reads the open event from your Google Calendar through the mailbox connected on My mailbox: ${why}`,
  );

export async function openGoogleEvent(
  deps: Pick<AppDeps, 'db' | 'config' | 'secrets'>,
  user: User,
  opened: GoogleOpenEvent,
): Promise<OpenGoogleEvent> {
  const mailbox = await getMailboxOfUser(deps.db, user.id);
  if (!mailbox) throw notReadable('you have none connected.');
  const provider = providerOf(mailbox.kind);
  if (!provider.readEvent) throw notReadable(`yours is a ${provider.label} mailbox, not a Google one.`);
  // The add-on names the primary calendar by the user's address; the sync reads it as `primary`.
  const own = new Set([...user.addresses, addressOf(mailbox)].map(normalizeAddress).filter(Boolean));
  const given = opened.calendarId ?? 'primary';
  const calendarId = given === 'primary' || own.has(normalizeAddress(given)) ? 'primary' : given;
  let event: CalendarEvent | undefined;
  try {
    event = await provider.readEvent(
      sourceRequest(mailbox, {
        ...providerSourceOptions({ config: deps.config, db: deps.db }),
        secrets: deps.secrets,
      }),
      calendarId,
      opened.id,
    );
  } catch (error) {
    if (!(error instanceof MailSourceError)) throw error;
    // The consent sentence says what to do (reconnect); any other failure is Google's answer, in its words.
    throw notReadable(
      error instanceof CalendarConsentMissing ? error.message : `it could not be read (${error.message}).`,
    );
  }
  if (!event)
    throw new HttpError(404, 'event_not_found', 'Google Calendar has no such event (deleted meanwhile?).');
  return { event, sourceId: opened.id };
}
