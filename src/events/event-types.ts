import type { AutoshareContext, EmailAddress, RecordRef, SharingLevel } from '../types';

// The calendar half of the core's contract, exactly as section 1 of shared/spec/event-rules.md names it.

export interface CalendarAttendee {
  address: string;
  name?: string;
  type: 'required' | 'optional' | 'resource'; // rooms and equipment are resources
  response: 'accepted' | 'tentative' | 'declined' | 'none';
}

export interface CalendarEvent {
  uid: string; // iCalendar UID (Graph iCalUId, Google iCalUID, the UID of an invitation)
  recurrenceId?: string; // ISO 8601 original start of this occurrence of a series; absent for single events
  sequence: number; // iCalendar SEQUENCE (0 when the source has none)
  calendar: 'primary' | 'other'; // only the user's own primary calendar is read
  organizer: EmailAddress;
  attendees: CalendarAttendee[]; // the organizer may appear here too; the user usually does
  subject: string;
  start: string; // ISO 8601 with a time zone
  end: string;
  allDay: boolean;
  location?: string;
  description?: string; // plain text
  onlineMeetingUrl?: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  updatedAt: string; // ISO 8601: last change at the source
}

export interface SavedEvent {
  key: string; // eventKey(event)
  fingerprint: string; // eventFingerprint(event) when it was last written
  sequence: number; // the event's sequence when it was last written
  cancelled: boolean; // written as cancelled
}

export interface EventContext extends AutoshareContext {
  now: string; // ISO 8601, given by the caller: the core reads no clock
  horizonDays: number; // how far ahead future events are saved (default 30)
  savedEvents: SavedEvent[]; // events already saved anywhere in this organisation
  crmUsers: { address: string; crmUserId: string }[]; // colleagues who are users of the CRM
}

export type EventSkipReason =
  | 'invalid_event'
  | 'excluded_calendar'
  | 'not_users_event'
  | 'private'
  | 'declined'
  | 'before_connection'
  | 'beyond_horizon'
  | 'cancelled'
  | 'unchanged'
  | 'meetings_off'
  | 'appointments_off'
  | 'internal'
  | 'blacklisted'
  | 'no_known_participant'
  | 'no_opportunity_or_account';

export type EventKind = 'meeting' | 'appointment';

export interface EventDecision {
  action: 'save' | 'update' | 'cancel' | 'skip';
  reason: EventSkipReason | EventKind;
  kind: EventKind;
  key: string; // eventKey(event)
  who: RecordRef[]; // contacts and leads to link (as for emails), no duplicates
  what?: RecordRef; // opportunity or account, at most one
  create: { address: string; accountId: string }[];
  invitees: string[]; // crmUserIds of colleagues among the attendees, the user's own excluded
  content: SharingLevel;
  trace: string[];
}
