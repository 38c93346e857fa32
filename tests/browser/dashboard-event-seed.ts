import type { CalendarEvent } from '../../src';
import { connectMailbox } from '../../server/db/mailboxes-repo';
import { updateSyncSettings } from '../../server/db/settings-repo';
import type { User } from '../../server/db/users-repo';
import { processCalendarBatch } from '../../server/sync/calendar/calendar-batch';
import { crmEventWriter } from '../../server/sync/calendar/calendar-crm';
import type { TestServer } from '../support/server/test-server';

// A user's calendar read by the real calendar batch into the embedded CRM, as a sync with meetings auto-sharing on
// would: a customer meeting saved, an internal stand-up, a declined call, an appointment (appointments off) and a
// kick-off saved then cancelled. Meetings auto-sharing is turned off again afterwards, so the switches start off.

const day = 86_400_000;

function event(uid: string, me: string, daysAhead: number, over: Partial<CalendarEvent>): CalendarEvent {
  const start = new Date(Math.floor(Date.now() / day) * day + daysAhead * day + 9 * 3_600_000);
  return {
    uid,
    sequence: 0,
    calendar: 'primary',
    organizer: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
    attendees: [
      { address: me, type: 'required', response: 'accepted' },
      { address: 'jane.doe@acme.com', type: 'required', response: 'accepted' },
    ],
    subject: uid,
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    allDay: false,
    status: 'confirmed',
    sensitivity: 'normal',
    updatedAt: new Date().toISOString(),
    ...over,
  };
}

export async function seedEvents(server: TestServer, user: User): Promise<void> {
  const me = user.addresses[0]!;
  const mailbox = await connectMailbox(server.deps.db, {
    userId: user.id,
    kind: 'maildir',
    settings: {},
    connectedAt: new Date(Date.now() - 30 * day),
    cursor: {},
  });
  await updateSyncSettings(server.deps.db, user.id, { autoshareMeetings: true });
  const deps = { db: server.deps.db, crm: server.deps.crm, events: crmEventWriter(server.deps.crm) };
  const kickoff = event('kickoff@acme.com', me, 3, { subject: 'Acme kick-off' });
  const batch = (events: CalendarEvent[]) => ({
    changes: events.map((e, i) => ({ kind: 'event' as const, sourceId: `${e.uid}-${i}`, event: e })),
    cursor: {},
    more: false,
  });
  await processCalendarBatch(
    deps,
    mailbox,
    user,
    batch([
      kickoff,
      event('renewal-review@acme.com', me, 2, { subject: 'Renewal review with Acme' }),
      event('standup@ourco.com', me, 1, {
        organizer: { address: 'pat@ourco.com' },
        attendees: [{ address: me, type: 'required', response: 'accepted' }],
        subject: 'Team stand-up',
      }),
      event('pricing@acme.com', me, 4, {
        attendees: [
          { address: me, type: 'required', response: 'declined' },
          { address: 'jane.doe@acme.com', type: 'required', response: 'accepted' },
        ],
        subject: 'Pricing call',
      }),
      event('focus@ourco.com', me, 1, { organizer: { address: me }, attendees: [], subject: 'Focus time' }),
    ]),
  );
  await processCalendarBatch(
    deps,
    mailbox,
    user,
    batch([{ ...kickoff, status: 'cancelled', sequence: 1, updatedAt: new Date().toISOString() }]),
  );
  await updateSyncSettings(server.deps.db, user.id, { autoshareMeetings: false });
}
