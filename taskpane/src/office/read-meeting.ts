import type { MeetingRequest } from '../../../src/api/meeting-api';
import type { CalendarAttendee, CalendarEvent } from '../../../src/events/event-types';
import {
  REST_V2,
  SUCCEEDED,
  type AddressDetails,
  type AsyncField,
  type MailboxLike,
  type OrganizerItemLike,
  type ReadItemLike,
} from './office-like';

// The open appointment as the core's CalendarEvent, for the meeting routes (event-rules.md section 6). Office.js
// gives no iCalendar UID: the event goes with its REST id (Mailbox 1.3's convertToRestId, the Graph event id),
// from which the server takes the key the calendar sync recorded. Read mode (the attendee's form) has plain values;
// the organizer's form (compose mode) is read field by field with getAsync.

const RESPONSES: Record<string, CalendarAttendee['response']> = {
  accepted: 'accepted',
  tentative: 'tentative',
  declined: 'declined',
  organizer: 'accepted',
};

function iso(value: Date | string | undefined): string {
  if (value === undefined) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function attendee(details: AddressDetails, type: CalendarAttendee['type']): CalendarAttendee {
  return {
    address: details.emailAddress,
    ...(details.displayName ? { name: details.displayName } : {}),
    type,
    response: RESPONSES[details.appointmentResponse?.toLowerCase() ?? ''] ?? 'none',
  };
}

interface MeetingFields {
  itemId?: string;
  subject?: string;
  organizer?: AddressDetails;
  required?: AddressDetails[];
  optional?: AddressDetails[];
  resources?: AddressDetails[];
  start?: Date | string;
  end?: Date | string;
  location?: string;
  allDay?: boolean;
}

function asRequest(
  fields: MeetingFields,
  mailbox: MailboxLike,
  userAddress: string | undefined,
): MeetingRequest {
  const organizer = fields.organizer ?? (userAddress ? { emailAddress: userAddress } : { emailAddress: '' });
  const start = iso(fields.start);
  const event: CalendarEvent = {
    // Not known to Office.js: the server finds it from the item's REST id (sourceId).
    uid: '',
    sequence: 0,
    calendar: 'primary',
    organizer: organizer.displayName
      ? { address: organizer.emailAddress, name: organizer.displayName }
      : { address: organizer.emailAddress },
    attendees: [
      ...(fields.required ?? []).map((a) => attendee(a, 'required')),
      ...(fields.optional ?? []).map((a) => attendee(a, 'optional')),
      ...(fields.resources ?? []).map((a) => attendee(a, 'resource')),
    ],
    subject: fields.subject ?? '',
    start,
    end: iso(fields.end),
    allDay: fields.allDay === true,
    ...(fields.location ? { location: fields.location } : {}),
    status: 'confirmed',
    sensitivity: 'normal',
    updatedAt: start,
  };
  const sourceId = restIdOf(fields.itemId, mailbox);
  return sourceId ? { event, sourceId } : { event };
}

function restIdOf(itemId: string | undefined, mailbox: MailboxLike): string | undefined {
  if (!itemId) return undefined;
  try {
    return mailbox.convertToRestId ? mailbox.convertToRestId(itemId, REST_V2) : itemId;
  } catch {
    return itemId;
  }
}

/** Whether the item is an appointment in the organizer's form (its subject is read with getAsync). */
export function isOrganizerForm(item: ReadItemLike | OrganizerItemLike): item is OrganizerItemLike {
  return typeof (item as { subject?: unknown }).subject === 'object' && item.subject !== null;
}

/** An appointment in the attendee's form (read mode). */
export function readMeeting(
  item: ReadItemLike,
  mailbox: MailboxLike,
  userAddress: string | undefined,
): MeetingRequest {
  return asRequest(
    {
      ...(item.itemId ? { itemId: item.itemId } : {}),
      ...(item.subject !== undefined ? { subject: item.subject } : {}),
      ...(item.organizer ? { organizer: item.organizer } : {}),
      ...(item.requiredAttendees ? { required: item.requiredAttendees } : {}),
      ...(item.optionalAttendees ? { optional: item.optionalAttendees } : {}),
      ...(item.resources ? { resources: item.resources } : {}),
      ...(item.start !== undefined ? { start: item.start } : {}),
      ...(item.end !== undefined ? { end: item.end } : {}),
      ...(item.location ? { location: item.location } : {}),
      ...(item.isAllDayEvent !== undefined ? { allDay: item.isAllDayEvent } : {}),
    },
    mailbox,
    userAddress,
  );
}

function value<T>(field: AsyncField<T> | undefined): Promise<T | undefined> {
  return new Promise((resolve) => {
    if (!field) return resolve(undefined);
    try {
      field.getAsync((r) => resolve(r.status === SUCCEEDED ? r.value : undefined));
    } catch {
      resolve(undefined);
    }
  });
}

/** An appointment in the organizer's form: each field read with getAsync; the id only once it is saved. */
export async function readOrganizerMeeting(
  item: OrganizerItemLike,
  mailbox: MailboxLike,
  userAddress: string | undefined,
): Promise<MeetingRequest> {
  const [subject, organizer, required, optional, start, end, location, itemId] = await Promise.all([
    value(item.subject),
    value(item.organizer),
    value(item.requiredAttendees),
    value(item.optionalAttendees),
    value(item.start),
    value(item.end),
    value(item.location),
    item.itemId
      ? Promise.resolve(item.itemId)
      : value<string>(
          item.getItemIdAsync ? { getAsync: (callback) => item.getItemIdAsync!(callback) } : undefined,
        ),
  ]);
  const fields: MeetingFields = {};
  if (itemId) fields.itemId = itemId;
  if (subject !== undefined) fields.subject = subject;
  if (organizer) fields.organizer = organizer;
  if (required) fields.required = required;
  if (optional) fields.optional = optional;
  if (start) fields.start = start;
  if (end) fields.end = end;
  if (location) fields.location = location;
  return asRequest(fields, mailbox, userAddress);
}
