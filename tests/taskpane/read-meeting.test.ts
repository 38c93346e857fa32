import { OfficeMockObject } from 'office-addin-mock';
import { createMailHost } from '../../taskpane/src/office/mail-host';
import type { OfficeLike } from '../../taskpane/src/office/office-like';

// The pane on an appointment, on office-addin-mock's Outlook: the attendee's form (read mode: plain values, the
// shape of Office.AppointmentRead: organizer, requiredAttendees, optionalAttendees with appointmentResponse, start,
// end, location, itemType 'appointment') and the organizer's form (compose mode: each field read with getAsync).
// Office.js gives no iCalendar UID: the event goes with the item's REST id, which the server maps to its key.

const attendeeForm = {
  itemType: 'appointment',
  itemId: 'AAMkEWS/1+',
  subject: 'Acme renewal walkthrough',
  dateTimeCreated: new Date('2026-12-01T09:00:00Z'),
  organizer: { emailAddress: 'jane.doe@acme.com', displayName: 'Jane Doe' },
  requiredAttendees: [
    { emailAddress: 'admin@ourco.com', displayName: 'Dana Admin', appointmentResponse: 'tentative' },
    { emailAddress: 'jane.doe@acme.com', displayName: 'Jane Doe', appointmentResponse: 'organizer' },
  ],
  optionalAttendees: [
    { emailAddress: 'john.smith@acme.com', displayName: 'John Smith', appointmentResponse: 'declined' },
  ],
  start: new Date('2026-12-08T15:00:00Z'),
  end: new Date('2026-12-08T16:00:00Z'),
  location: 'Microsoft Teams',
};

const email = {
  itemType: 'message',
  internetMessageId: '<renewal-1@acme.com>',
  subject: 'Renewal: updated quote?',
  dateTimeCreated: new Date('2026-03-02T09:30:00Z'),
  from: { emailAddress: 'jane.doe@acme.com', displayName: 'Jane Doe' },
  to: [{ emailAddress: 'admin@ourco.com' }],
  cc: [],
};

const async = <T>(value: T) => ({
  getAsync: (callback: (r: { status: string; value: T }) => void) => callback({ status: 'succeeded', value }),
});

const organizerForm = {
  itemType: 'appointment',
  subject: async('Globex kick-off'),
  organizer: async({ emailAddress: 'admin@ourco.com', displayName: 'Dana Admin' }),
  requiredAttendees: async([{ emailAddress: 'ceo@globex.com', displayName: 'Gloria Bex' }]),
  optionalAttendees: async([]),
  start: async(new Date('2026-12-09T10:00:00Z')),
  end: async(new Date('2026-12-09T11:00:00Z')),
  location: async(''),
  getItemIdAsync: (callback: (r: { status: string; value: string }) => void) =>
    callback({ status: 'succeeded', value: 'AAMkSaved=' }),
};

function outlook(item: object) {
  const handlers: Record<string, () => void> = {};
  const office = new OfficeMockObject({
    host: 'outlook',
    context: {
      mailbox: {
        item,
        userProfile: { emailAddress: 'admin@ourco.com', displayName: 'Dana Admin' },
        addHandlerAsync(eventType: string, handler: () => void) {
          handlers[eventType] = handler;
        },
        convertToRestId: (id: string, version: string) => `rest(${version}):${id.replace(/\//g, '-')}`,
      },
    },
  }) as unknown as OfficeLike;
  const select = (next: object | null) => {
    office.context.mailbox.item = next as OfficeLike['context']['mailbox']['item'];
    handlers['olkItemSelectedChanged']?.();
  };
  return { office, select };
}

const token = async () => 't';

test("the attendee's form reads as a meeting: organizer, attendees by type and response, times, REST id", async () => {
  const host = createMailHost(outlook(attendeeForm).office, token);
  const open = host.readOpen();
  expect(open).toMatchObject({ kind: 'meeting', id: 'AAMkEWS/1+', subject: 'Acme renewal walkthrough' });
  if (open?.kind !== 'meeting') throw new Error('not a meeting');
  const { event, sourceId } = await open.read();
  expect(sourceId).toBe('rest(v2.0):AAMkEWS-1+');
  expect(event).toMatchObject({
    uid: '',
    calendar: 'primary',
    organizer: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
    subject: 'Acme renewal walkthrough',
    start: '2026-12-08T15:00:00.000Z',
    end: '2026-12-08T16:00:00.000Z',
    allDay: false,
    location: 'Microsoft Teams',
    status: 'confirmed',
  });
  expect(event.attendees.map((a) => [a.address, a.type, a.response])).toEqual([
    ['admin@ourco.com', 'required', 'tentative'],
    ['jane.doe@acme.com', 'required', 'accepted'],
    ['john.smith@acme.com', 'optional', 'declined'],
  ]);
});

test("the organizer's form is read field by field with getAsync, its id once saved", async () => {
  const host = createMailHost(outlook(organizerForm).office, token);
  const open = host.readOpen();
  expect(open).toMatchObject({ kind: 'meeting', subject: '' });
  if (open?.kind !== 'meeting') throw new Error('not a meeting');
  const { event, sourceId } = await open.read();
  expect(sourceId).toBe('rest(v2.0):AAMkSaved=');
  expect(event).toMatchObject({
    organizer: { address: 'admin@ourco.com', name: 'Dana Admin' },
    subject: 'Globex kick-off',
    start: '2026-12-09T10:00:00.000Z',
    attendees: [{ address: 'ceo@globex.com', name: 'Gloria Bex', type: 'required', response: 'none' }],
  });
  expect(event.location).toBeUndefined();
});

test('pinned, the host reads an email, then a meeting, then the email again as each is selected', () => {
  const { office, select } = outlook(email);
  const host = createMailHost(office, token);
  const seen: string[] = [];
  host.onItemChanged(() => {
    const open = host.readOpen();
    seen.push(open ? `${open.kind}:${open.subject}` : 'none');
  });
  expect(host.readOpen()).toMatchObject({ kind: 'email', subject: 'Renewal: updated quote?' });
  select(attendeeForm);
  select(null);
  select(email);
  expect(seen).toEqual(['meeting:Acme renewal walkthrough', 'none', 'email:Renewal: updated quote?']);
});
