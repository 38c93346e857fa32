// What a calendar looks like to the sync engine, as MailSource is for a mailbox: a cursor, and what changed since
// it. A type only: no provider implements it yet (see Provider.calendarSource); the engine will store the cursor,
// decide each event (decideEventAutoshare), record, and only then store the new cursor, as for mail.

/** Opaque, JSON-serialisable position in a calendar (a delta link, a sync token…). */
export type CalendarCursor = Record<string, unknown>;

/** An attendee or the organiser, as the provider names them. */
export interface CalendarAttendee {
  address: string;
  name?: string;
  /** The attendee's answer, when the provider gives one. */
  response?: 'accepted' | 'declined' | 'tentative' | 'none';
}

/** One event as the rules read it: who, when, what. Bodies come only with `full`, as for mail. */
export interface CalendarEventItem {
  /** The provider's id of the event (stable across changes; a recurring instance has its own). */
  id: string;
  /** The iCalendar UID, shared by every copy of the event across calendars, when the provider gives it. */
  iCalUid?: string;
  subject: string;
  /** ISO 8601 date-times with offset; an all-day event starts and ends at midnight. */
  start: string;
  end: string;
  allDay?: boolean;
  organizer?: CalendarAttendee;
  attendees: CalendarAttendee[];
  location?: string;
  bodyText?: string;
  /** True when the event was cancelled or deleted since the cursor (the item then needs only its id). */
  cancelled?: boolean;
}

export interface CalendarBatch {
  /** Events created, changed or cancelled since the cursor. */
  events: CalendarEventItem[];
  /** Where the next call starts; store it only after the batch has been recorded. */
  cursor: CalendarCursor;
  /** True when the source has more right away (a page limit was reached). */
  more: boolean;
}

export interface CalendarSource {
  /** The cursor for a calendar connected at `connectedAt`: events already there are not read later. */
  initialCursor(connectedAt: Date): Promise<CalendarCursor>;
  /** What changed since `cursor`, at most `limit` events; fails with a MailSourceError, as a MailSource does. */
  changes(cursor: CalendarCursor, options?: { limit?: number }): Promise<CalendarBatch>;
  close(): Promise<void>;
}
