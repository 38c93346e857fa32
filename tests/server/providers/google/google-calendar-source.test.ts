/**
 * The Google calendar source against the Calendar part of the Gmail emulator: Google events as the core's
 * CalendarEvent, pages, a full listing then the sync token alone, a 410 resynced without repeats, rate limits, and a
 * grant without calendar.readonly.
 */
import { startGmailEmulator, type GmailEmulator } from '../../../emulators/gmail';
import { CALENDAR_SCOPE } from '../../../emulators/gmail/server';
import type { GoogleEventInput } from '../../../emulators/google-calendar';
import { CalendarConsentMissing } from '../../../../server/providers/calendar-consent';
import type { CalendarChange } from '../../../../server/providers/calendar-source';
import { MailSourceError } from '../../../../server/providers/mail-source';
import {
  GoogleCalendarSource,
  googleToCalendarEvent,
  type GoogleCalendarSourceOptions,
} from '../../../../server/providers/google';
import type { CalendarEvent } from '../../../../src';
import { drainCalendar } from '../drain-calendar';
import { connectGmail } from './connect';

let emu: GmailEmulator;
beforeEach(async () => {
  emu = await startGmailEmulator({ calendarTimeZone: 'America/New_York' });
});
afterEach(async () => {
  await emu.stop();
});

const CONNECTED = new Date('2026-12-01T00:00:00Z');

async function connect(options: Partial<GoogleCalendarSourceOptions> = {}) {
  const { auth, source: mail } = await connectGmail(emu);
  const sleeps: number[] = [];
  const source = new GoogleCalendarSource({
    auth,
    rootUrl: emu.rootUrl,
    now: () => CONNECTED,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { source, mail, sleeps, cursor: await source.initialCursor(CONNECTED, 30) };
}

const events = (changes: CalendarChange[]) => changes.flatMap((c) => (c.kind === 'event' ? [c.event] : []));
const bySubject = (changes: CalendarChange[], subject: string): CalendarEvent => {
  const found = events(changes).find((e) => e.subject === subject);
  if (!found) throw new Error(`no event ${subject}`);
  return found;
};
const dd = (day: number) => String(day).padStart(2, '0');
const meeting = (summary: string, day = 10, extra: Partial<GoogleEventInput> = {}): GoogleEventInput => ({
  summary,
  start: `2026-12-${dd(day)}T09:00:00Z`,
  end: `2026-12-${dd(day)}T10:00:00Z`,
  organizer: { email: 'ann@customer.example', displayName: 'Ann Customer' },
  attendees: [{ email: 'rep@example.org', responseStatus: 'accepted' }],
  ...extra,
});

describe('mapping Google events', () => {
  it('gives a meeting with attendee types, responses, sequence, conference link and plain description', async () => {
    const id = emu.calendar.add(
      meeting('Kick-off', 10, {
        iCalUID: 'uid-kickoff@google.com',
        start: '2026-12-10T10:00:00+01:00',
        end: '2026-12-10T11:00:00+01:00',
        location: 'Room 4',
        description: 'Agenda: <b>pricing</b><br>Bring numbers',
        videoUri: 'https://meet.google.com/abc-defg-hij',
        attendees: [
          { email: 'rep@example.org', displayName: 'Rita Rep', responseStatus: 'needsAction' },
          { email: 'bob@customer.example', optional: true, responseStatus: 'declined' },
          {
            email: 'c_room4@resource.calendar.google.com',
            displayName: 'Room 4',
            resource: true,
            responseStatus: 'accepted',
          },
          { email: 'carl@customer.example', responseStatus: 'tentative' },
        ],
      }),
    );
    emu.calendar.update(id, { location: 'Room 5' });
    const { source, cursor } = await connect();
    const { changes } = await drainCalendar(source, cursor);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.sourceId).toBe(id);
    const e = bySubject(changes, 'Kick-off');
    expect(e).toMatchObject({
      uid: 'uid-kickoff@google.com',
      sequence: 1,
      calendar: 'primary',
      organizer: { address: 'ann@customer.example', name: 'Ann Customer' },
      start: '2026-12-10T10:00:00+01:00',
      end: '2026-12-10T11:00:00+01:00',
      allDay: false,
      location: 'Room 5',
      description: 'Agenda: pricing\nBring numbers',
      onlineMeetingUrl: 'https://meet.google.com/abc-defg-hij',
      status: 'confirmed',
      sensitivity: 'normal',
    });
    expect(e.recurrenceId).toBeUndefined();
    expect(e.attendees).toEqual([
      { address: 'rep@example.org', name: 'Rita Rep', type: 'required', response: 'none' },
      { address: 'bob@customer.example', type: 'optional', response: 'declined' },
      {
        address: 'c_room4@resource.calendar.google.com',
        name: 'Room 4',
        type: 'resource',
        response: 'accepted',
      },
      { address: 'carl@customer.example', type: 'required', response: 'tentative' },
    ]);
    expect(Date.parse(e.updatedAt)).not.toBeNaN();
  });

  it('gives an all-day event as midnight to midnight in the calendar zone', async () => {
    emu.calendar.add({ summary: 'Offsite', start: '2026-12-10', end: '2026-12-11' });
    const { source, cursor } = await connect();
    const { changes } = await drainCalendar(source, cursor);
    expect(bySubject(changes, 'Offsite')).toMatchObject({
      allDay: true,
      start: '2026-12-10T00:00:00-05:00',
      end: '2026-12-11T00:00:00-05:00',
    });
  });

  it('takes the zone an all-day date names over the calendar zone, UTC when there is none', () => {
    const item = {
      id: 'x',
      iCalUID: 'x@google.com',
      updated: '2026-12-01T00:00:00.000Z',
      status: 'confirmed',
    };
    const berlin = googleToCalendarEvent(
      {
        ...item,
        start: { date: '2026-12-12', timeZone: 'Europe/Berlin' },
        end: { date: '2026-12-13', timeZone: 'Europe/Berlin' },
      },
      'America/New_York',
    );
    expect(berlin).toMatchObject({
      start: '2026-12-12T00:00:00+01:00',
      end: '2026-12-13T00:00:00+01:00',
      allDay: true,
    });
    const utc = googleToCalendarEvent({
      ...item,
      start: { date: '2026-07-01' },
      end: { date: '2026-07-02' },
    });
    expect(utc).toMatchObject({ start: '2026-07-01T00:00:00Z', end: '2026-07-02T00:00:00Z' });
    expect(googleToCalendarEvent({ id: 'gone', status: 'cancelled' })).toBeUndefined();
  });

  it('gives the instances of a series with recurrenceIds in UTC, private and confidential as such', async () => {
    const ids = emu.calendar.addSeries(
      meeting('Weekly', 3, { iCalUID: 'weekly@google.com', visibility: 'private' }),
      'weekly',
      3,
    );
    emu.calendar.add(meeting('Board', 12, { visibility: 'confidential' }));
    emu.calendar.add(meeting('Public', 13, { visibility: 'public' }));
    const { source, cursor } = await connect();
    const { changes } = await drainCalendar(source, cursor);
    const weekly = changes.filter((c) => ids.includes(c.sourceId));
    expect(weekly).toHaveLength(3);
    expect(
      events(weekly)
        .map((e) => e.recurrenceId)
        .sort(),
    ).toEqual(['2026-12-03T09:00:00Z', '2026-12-10T09:00:00Z', '2026-12-17T09:00:00Z']);
    expect(events(weekly).every((e) => e.uid === 'weekly@google.com' && e.sensitivity === 'private')).toBe(
      true,
    );
    expect(bySubject(changes, 'Board').sensitivity).toBe('confidential');
    expect(bySubject(changes, 'Public').sensitivity).toBe('normal');
  });

  it('syncs with the token alone: a cancelled meeting as cancelled, a deleted one as a removal', async () => {
    const kept = emu.calendar.add(meeting('Cancelled later', 10));
    const gone = emu.calendar.add(meeting('Deleted later', 11));
    const { source, cursor } = await connect();
    const first = await drainCalendar(source, cursor);
    expect(first.changes).toHaveLength(2);
    emu.calendar.cancel(kept);
    emu.calendar.delete(gone);
    const second = await drainCalendar(source, first.cursor);
    expect(second.changes).toHaveLength(2);
    expect(second.changes).toContainEqual({ kind: 'removed', sourceId: gone });
    const cancelled = second.changes.find((c) => c.sourceId === kept);
    expect(cancelled?.kind === 'event' && cancelled.event.status).toBe('cancelled');
    const [full, sync] = emu.log.of('events.list').map((e) => new URL(e.path, emu.url).searchParams);
    expect(full?.get('timeMin')).toBe('2026-12-01T00:00:00.000Z');
    expect(full?.get('timeMax')).toBe('2026-12-31T00:00:00.000Z');
    expect(full?.get('singleEvents')).toBe('true');
    expect(sync?.get('syncToken')).toBeTruthy();
    expect(sync?.has('timeMin') || sync?.has('timeMax')).toBe(false);
  });

  it('leaves out what a sync reports outside the window', async () => {
    const { source, cursor } = await connect();
    const first = await drainCalendar(source, cursor);
    emu.calendar.add(meeting('Before', 1, { start: '2026-11-20T09:00:00Z', end: '2026-11-20T10:00:00Z' }));
    emu.calendar.add(meeting('Beyond', 1, { start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z' }));
    emu.calendar.add(meeting('Inside', 15));
    const second = await drainCalendar(source, first.cursor);
    expect(events(second.changes).map((e) => e.subject)).toEqual(['Inside']);
  });
});

describe('paging and restarts', () => {
  it('follows nextPageToken, stops at the limit and goes on from the cursor', async () => {
    for (let i = 0; i < 7; i++) emu.calendar.add(meeting(`M${i}`, 10 + i));
    const { source, cursor } = await connect({ pageSize: 2 });
    const { changes, calls } = await drainCalendar(source, cursor, 3);
    expect(
      events(changes)
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(calls).toBe(3);
  });

  it('starts a full listing again on 410 giving only what changed, deletions included', async () => {
    const ids = [0, 1, 2].map((i) => emu.calendar.add(meeting(`M${i}`, 10 + i)));
    const { source, cursor } = await connect();
    const first = await drainCalendar(source, cursor);
    expect(first.changes).toHaveLength(3);
    emu.calendar.expireSyncTokens();
    emu.calendar.update(ids[1]!, {
      summary: 'M1 moved',
      start: '2026-12-20T09:00:00Z',
      end: '2026-12-20T10:00:00Z',
    });
    emu.calendar.cancel(ids[2]!);
    emu.calendar.add(meeting('M3', 21));
    const second = await drainCalendar(source, first.cursor);
    expect(
      events(second.changes)
        .map((e) => `${e.subject} ${e.status}`)
        .sort(),
    ).toEqual(['M1 moved confirmed', 'M2 cancelled', 'M3 confirmed']);
    expect(emu.log.of('events.list').map((e) => e.status)).toContain(410);
    expect((await drainCalendar(source, second.cursor)).changes).toEqual([]);
  });

  it('extends the window as the horizon moves, listing only the new span', async () => {
    emu.calendar.add(meeting('Soon', 10));
    emu.calendar.add(meeting('Later', 1, { start: '2027-01-05T09:00:00Z', end: '2027-01-05T10:00:00Z' }));
    let now = CONNECTED;
    const { source, cursor } = await connect({ now: () => now });
    const first = await drainCalendar(source, cursor);
    expect(events(first.changes).map((e) => e.subject)).toEqual(['Soon']);
    now = new Date('2026-12-08T00:00:00Z');
    const second = await drainCalendar(source, first.cursor);
    expect(events(second.changes).map((e) => e.subject)).toEqual(['Later']);
    const extension = new URL(emu.log.of('events.list').at(-1)!.path, emu.url).searchParams;
    expect(extension.get('timeMin')).toBe('2026-12-31T00:00:00.000Z');
    expect((await drainCalendar(source, second.cursor)).changes).toEqual([]);
  });
});

describe('failures', () => {
  // google-auth-library refreshes the token and repeats a request answered 403 once itself: two 403s reach the source.
  it.each([
    ['429', 429, 1],
    ['403 rateLimitExceeded', 403, 2],
  ])('waits out %s for its Retry-After, then reads', async (_name, status, times) => {
    emu.calendar.add(meeting('M', 10));
    const { source, cursor, sleeps } = await connect();
    emu.faults.add({ kind: 'events.list', status, retryAfter: 2, times });
    const { changes } = await drainCalendar(source, cursor);
    expect(changes).toHaveLength(1);
    expect(sleeps).toEqual([2000]);
  });

  it('retries a dropped connection', async () => {
    emu.calendar.add(meeting('M', 10));
    const { source, cursor } = await connect();
    emu.faults.add({ kind: 'events.list', onCall: 1, status: 0, drop: true });
    const { changes } = await drainCalendar(source, cursor);
    expect(changes).toHaveLength(1);
    expect(emu.log.of('events.list')).toHaveLength(2);
  });

  it('gives up with rate_limited when the wait is beyond the budget', async () => {
    const { source, cursor } = await connect({ maxRetryWaitMs: 5_000 });
    emu.faults.add({ kind: 'events.list', status: 429, retryAfter: 60 });
    const error = await source.changes(cursor).catch((e: unknown) => e);
    expect((error as MailSourceError).kind).toBe('rate_limited');
    expect((error as MailSourceError).retryAfterMs).toBe(60_000);
  });

  it('fails with auth naming calendar.readonly when the grant lacks it, while mail goes on', async () => {
    emu.oauth.withholdScope(CALENDAR_SCOPE);
    const { source, cursor, mail } = await connect();
    const mailCursor = await mail.initialCursor(CONNECTED);
    emu.store.deliver(['INBOX'], { from: 'Ann <ann@customer.example>', subject: 'still here' });
    const error = await source.changes(cursor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarConsentMissing);
    expect((error as MailSourceError).kind).toBe('auth');
    expect((error as Error).message).toMatch(
      /calendar\.readonly.*reconnect the mailbox to allow calendar access/,
    );
    const batch = await mail.fetchChanges(mailCursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['still here']);
  });
});

describe('one event by id (what the Calendar add-on opens)', () => {
  test('events.get maps the event as the listing does; an unknown id is undefined', async () => {
    const { source, cursor } = await connect();
    const id = emu.calendar.add(meeting('Opened in Calendar'));
    const listed = bySubject((await drainCalendar(source, cursor)).changes, 'Opened in Calendar');
    expect(await source.event('primary', id)).toEqual(listed);
    expect(await source.event('primary', 'no-such-id')).toBeUndefined();
    expect(emu.log.snapshot().byKind['events.get']).toBe(2);
  });

  test('a grant without calendar.readonly: CalendarConsentMissing, as for the listing', async () => {
    emu.oauth.withholdScope(CALENDAR_SCOPE);
    const { source } = await connect();
    const id = emu.calendar.add(meeting('Needs consent'));
    await expect(source.event('primary', id)).rejects.toBeInstanceOf(CalendarConsentMissing);
  });
});
