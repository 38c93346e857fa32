/**
 * Builders for the event rule tests: every test starts from one valid meeting that the user organises with
 * john@acme.com (a known contact) in the primary calendar, and a context where meetings and appointments are
 * shared, then changes only what it needs. The CRM builders are the email rulebook's.
 */
import type {
  CalendarAttendee,
  CalendarEvent,
  CrmAccount,
  CrmOpportunity,
  CrmPerson,
  EventContext,
  SavedEvent,
  SyncSettings,
} from '../../src';
import { CONNECTED_AT, CRM_USER, INTERNAL, USER, USER_ALIAS } from '../rulebook/builders';

export {
  account,
  contact,
  lead,
  opportunity,
  ref,
  CRM_USER,
  INTERNAL,
  USER,
  USER_ALIAS,
} from '../rulebook/builders';

export const NOW = '2026-03-01T09:00:00Z';
export const START = '2026-03-02T10:00:00Z';
export const END = '2026-03-02T11:00:00Z';

type Response = CalendarAttendee['response'];

export const required = (address: string, response: Response = 'accepted'): CalendarAttendee => ({
  address,
  type: 'required',
  response,
});
export const optional = (address: string, response: Response = 'accepted'): CalendarAttendee => ({
  address,
  type: 'optional',
  response,
});
export const room = (address: string): CalendarAttendee => ({
  address,
  type: 'resource',
  response: 'accepted',
});

export interface EventInput extends Partial<Omit<CalendarEvent, 'organizer'>> {
  organizer?: string | CalendarEvent['organizer'];
}

/** The user organises a meeting with john@acme.com, tomorrow, valid on every rule. */
export function event(over: EventInput = {}): CalendarEvent {
  const { organizer, ...rest } = over;
  return {
    uid: 'evt-1@ourco.com',
    sequence: 0,
    calendar: 'primary',
    attendees: [required(USER), required('john@acme.com')],
    subject: 'Quarterly review',
    start: START,
    end: END,
    allDay: false,
    status: 'confirmed',
    sensitivity: 'normal',
    updatedAt: '2026-02-20T08:00:00Z',
    ...rest,
    organizer: typeof organizer === 'object' ? organizer : { address: organizer ?? USER },
  };
}

/** An invitation from john@acme.com that the user accepted. */
export function invitation(over: EventInput = {}): CalendarEvent {
  return event({
    organizer: 'john@acme.com',
    attendees: [required('john@acme.com'), required(USER)],
    ...over,
  });
}

/** The user alone (with a room): an appointment. */
export function appointment(over: EventInput = {}): CalendarEvent {
  return event({
    attendees: [required(USER), room('room-1@ourco.com')],
    subject: 'Prepare the demo',
    ...over,
  });
}

export interface EventContextInput extends Partial<Omit<EventContext, 'settings' | 'crm'>> {
  settings?: Partial<SyncSettings>;
  people?: CrmPerson[];
  accounts?: CrmAccount[];
  opportunities?: CrmOpportunity[];
  tombstones?: string[];
}

/** Meetings and appointments on, no opportunity linking, no contact creation, john@acme.com a known contact. */
export function eventContext(over: EventContextInput = {}): EventContext {
  const { settings, people, accounts, opportunities, tombstones, ...rest } = over;
  return {
    user: { id: 'u1', addresses: [USER, USER_ALIAS], crmUserId: CRM_USER },
    connectedAt: CONNECTED_AT,
    internalDomains: [INTERNAL],
    blacklist: [],
    threadSubscriptions: [],
    savedMessageIds: [],
    now: NOW,
    horizonDays: 30,
    savedEvents: [],
    crmUsers: [],
    ...rest,
    settings: {
      autoshareEmails: true,
      threadAutosave: true,
      linkToOpportunities: false,
      autoCreateContacts: false,
      blacklistPolicy: 'exclude-participant',
      sharing: { inbound: 'subject', outbound: 'full' },
      autoshareMeetings: true,
      autoshareAppointments: true,
      ...settings,
    },
    crm: {
      people: people ?? [
        {
          id: 'c1',
          kind: 'contact',
          emails: [{ address: 'john@acme.com', primary: true }],
          accountId: 'a1',
          createdAt: '2024-01-01T00:00:00Z',
        },
      ],
      accounts: accounts ?? [],
      opportunities: opportunities ?? [],
      ...(tombstones ? { tombstones } : {}),
    },
  };
}

export const savedEvent = (
  key: string,
  fingerprint: string,
  extra: Partial<SavedEvent> = {},
): SavedEvent => ({
  key,
  fingerprint,
  sequence: 0,
  cancelled: false,
  ...extra,
});
