/**
 * The Microsoft 365 calendar source against the Graph emulator's calendarView delta: Graph events as the core's
 * CalendarEvent, pages, removals, a lost delta link restarted without repeats, throttling, and a mailbox whose consent
 * predates Calendars.Read.
 */
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { CalendarConsentMissing } from '../../../../server/providers/calendar-consent';
import type { CalendarChange } from '../../../../server/providers/calendar-source';
import { MailSourceError } from '../../../../server/providers/mail-source';
import type { CalendarEvent } from '../../../../src';
import { connectGraph } from './connect';
import { drainCalendar } from '../drain-calendar';
import { connectGraphCalendar } from './graph-calendar-connect';

let emu: GraphEmulator;
beforeEach(async () => {
  emu = await startGraphEmulator();
});
afterEach(async () => {
  await emu.stop();
});

const CONNECTED = new Date('2026-12-01T00:00:00Z');
const events = (changes: CalendarChange[]) => changes.flatMap((c) => (c.kind === 'event' ? [c.event] : []));
const bySubject = (changes: CalendarChange[], subject: string): CalendarEvent => {
  const found = events(changes).find((e) => e.subject === subject);
  if (!found) throw new Error(`no event ${subject}`);
  return found;
};

const dd = (day: number) => String(day).padStart(2, '0');
const meeting = (subject: string, day = 10, extra = {}) => ({
  subject,
  start: `2026-12-${dd(day)}T09:00:00Z`,
  end: `2026-12-${dd(day)}T10:00:00Z`,
  organizer: { address: 'ann@customer.example', name: 'Ann Customer' },
  attendees: [{ address: 'rep@contoso.com', response: 'accepted' as const }],
  ...extra,
});

describe('mapping Graph events', () => {
  it('gives a meeting with its attendees, types, responses, body as text and join URL', async () => {
    emu.calendar.add(
      meeting('Kick-off', 10, {
        iCalUId: 'UID-KICKOFF',
        location: 'Room 4',
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
        body: { contentType: 'html', content: '<p>Agenda:&nbsp;<b>pricing</b></p>' },
        attendees: [
          { address: 'rep@contoso.com', name: 'Rita Rep', response: 'tentativelyAccepted' },
          { address: 'bob@customer.example', type: 'optional', response: 'declined' },
          { address: 'room4@contoso.com', name: 'Room 4', type: 'resource', response: 'accepted' },
          { address: 'carl@customer.example', response: 'notResponded' },
        ],
      }),
    );
    const { source } = await connectGraphCalendar(emu);
    const { changes } = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(changes).toHaveLength(1);
    const e = bySubject(changes, 'Kick-off');
    expect(e).toMatchObject({
      uid: 'UID-KICKOFF',
      sequence: 0,
      calendar: 'primary',
      organizer: { address: 'ann@customer.example', name: 'Ann Customer' },
      start: '2026-12-10T09:00:00Z',
      end: '2026-12-10T10:00:00Z',
      allDay: false,
      location: 'Room 4',
      description: 'Agenda: pricing',
      onlineMeetingUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
      status: 'confirmed',
      sensitivity: 'normal',
    });
    expect(e.recurrenceId).toBeUndefined();
    expect(e.attendees).toEqual([
      { address: 'rep@contoso.com', name: 'Rita Rep', type: 'required', response: 'tentative' },
      {
        address: 'bob@customer.example',
        name: 'bob@customer.example',
        type: 'optional',
        response: 'declined',
      },
      { address: 'room4@contoso.com', name: 'Room 4', type: 'resource', response: 'accepted' },
      { address: 'carl@customer.example', name: 'carl@customer.example', type: 'required', response: 'none' },
    ]);
    expect(Date.parse(e.updatedAt)).not.toBeNaN();
  });

  it('gives an all-day event as midnight to midnight in its own zone', async () => {
    emu.calendar.add({
      subject: 'Offsite',
      start: '2026-12-10',
      end: '2026-12-11',
      isAllDay: true,
      timeZone: 'Europe/Berlin',
    });
    emu.calendar.add({ subject: 'Holiday', start: '2026-12-12', end: '2026-12-14', isAllDay: true });
    const { source } = await connectGraphCalendar(emu);
    const { changes } = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(bySubject(changes, 'Offsite')).toMatchObject({
      allDay: true,
      start: '2026-12-10T00:00:00+01:00',
      end: '2026-12-11T00:00:00+01:00',
    });
    expect(bySubject(changes, 'Holiday')).toMatchObject({
      allDay: true,
      start: '2026-12-12T00:00:00Z',
      end: '2026-12-14T00:00:00Z',
    });
  });

  it('gives each occurrence of a series with its recurrenceId as UTC, and a private one as private', async () => {
    const ids = emu.calendar.addSeries(
      meeting('Weekly', 3, { iCalUId: 'UID-WEEKLY', sensitivity: 'private' }),
      'weekly',
      3,
    );
    const { source } = await connectGraphCalendar(emu);
    const { changes } = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(changes.map((c) => c.sourceId).sort()).toEqual([...ids].sort());
    const recurrenceIds = events(changes)
      .map((e) => e.recurrenceId)
      .sort();
    expect(recurrenceIds).toEqual(['2026-12-03T09:00:00Z', '2026-12-10T09:00:00Z', '2026-12-17T09:00:00Z']);
    expect(events(changes).every((e) => e.uid === 'UID-WEEKLY' && e.sensitivity === 'private')).toBe(true);
  });

  it('gives a cancelled meeting as cancelled, a deleted one as a removal by id', async () => {
    const kept = emu.calendar.add(meeting('Cancelled later', 10));
    const gone = emu.calendar.add(meeting('Deleted later', 11));
    const { source } = await connectGraphCalendar(emu, { now: () => CONNECTED });
    const first = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(first.changes).toHaveLength(2);
    emu.calendar.cancel(kept);
    emu.calendar.delete(gone);
    const { changes } = await drainCalendar(source, first.cursor);
    expect(changes).toHaveLength(2);
    expect(changes).toContainEqual({ kind: 'removed', sourceId: gone });
    const cancelled = changes.find((c) => c.sourceId === kept);
    expect(cancelled?.kind === 'event' && cancelled.event.status).toBe('cancelled');
  });

  it('reads nothing outside the window from the connection to the horizon', async () => {
    emu.calendar.add(meeting('Before', 1, { start: '2026-11-20T09:00:00Z', end: '2026-11-20T10:00:00Z' }));
    emu.calendar.add(meeting('Inside', 15));
    emu.calendar.add(meeting('Beyond', 1, { start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z' }));
    const { source } = await connectGraphCalendar(emu);
    const { changes } = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(events(changes).map((e) => e.subject)).toEqual(['Inside']);
    expect(emu.log.of('calendarView')[0]?.path).toContain(
      'startDateTime=2026-12-01T00:00:00.000Z&endDateTime=2026-12-31T00:00:00.000Z',
    );
  });
});

describe('paging and restarts', () => {
  it('follows nextLink pages, stops at the limit and goes on from the cursor', async () => {
    for (let i = 0; i < 7; i++) emu.calendar.add(meeting(`M${i}`, 10 + i));
    const { source } = await connectGraphCalendar(emu, { pageSize: 2 });
    const { changes, calls } = await drainCalendar(source, await source.initialCursor(CONNECTED, 30), 3);
    expect(
      events(changes)
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(calls).toBe(3);
  });

  it.each([
    ['410 Gone', {}],
    ['400 syncStateNotFound', { status: 400, code: 'syncStateNotFound' }],
    ['400 with resyncRequired inside', { status: 400, code: 'BadRequest', innerCode: 'resyncRequired' }],
  ])('restarts a lost delta link (%s) giving only what changed', async (_name, answer) => {
    const ids = [0, 1, 2].map((i) => emu.calendar.add(meeting(`M${i}`, 10 + i)));
    const { source } = await connectGraphCalendar(emu);
    const first = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(first.changes).toHaveLength(3);
    emu.calendar.expireDeltaTokens(answer);
    emu.calendar.update(ids[1]!, {
      subject: 'M1 moved',
      start: '2026-12-20T09:00:00Z',
      end: '2026-12-20T10:00:00Z',
    });
    emu.calendar.add(meeting('M3', 21));
    const second = await drainCalendar(source, first.cursor);
    expect(
      events(second.changes)
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['M1 moved', 'M3']);
    // The new round's delta link works: nothing more.
    const third = await drainCalendar(source, second.cursor);
    expect(third.changes).toEqual([]);
  });

  it('restarts a round lost half-way without repeating its first pages', async () => {
    for (let i = 0; i < 6; i++) emu.calendar.add(meeting(`M${i}`, 10 + i));
    const { source } = await connectGraphCalendar(emu, { pageSize: 2 });
    const first = await source.changes(await source.initialCursor(CONNECTED, 30), { limit: 2 });
    expect(first.more).toBe(true);
    emu.calendar.expireDeltaTokens();
    const rest = await drainCalendar(source, first.cursor, 2);
    const all = [...first.changes, ...rest.changes].map((c) => c.sourceId);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
  });

  it('extends the window as the horizon moves, giving only what the horizon newly reaches', async () => {
    emu.calendar.add(meeting('Soon', 10));
    emu.calendar.add(meeting('Later', 1, { start: '2027-01-05T09:00:00Z', end: '2027-01-05T10:00:00Z' }));
    let now = CONNECTED;
    const { source } = await connectGraphCalendar(emu, { now: () => now });
    const first = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(events(first.changes).map((e) => e.subject)).toEqual(['Soon']);
    now = new Date('2026-12-08T00:00:00Z');
    const second = await drainCalendar(source, first.cursor);
    expect(events(second.changes).map((e) => e.subject)).toEqual(['Later']);
    expect(await drainCalendar(source, second.cursor).then((r) => r.changes)).toEqual([]);
  });
});

describe('failures', () => {
  it('waits out a 429 for its Retry-After and a dropped connection, then reads', async () => {
    emu.calendar.add(meeting('M', 10));
    const { source, sleeps } = await connectGraphCalendar(emu);
    emu.faults.add({ kind: 'calendarView', onCall: 2, status: 0, drop: true });
    emu.faults.add({ kind: 'calendarView', onCall: 1, status: 429, retryAfter: 3 });
    const { changes } = await drainCalendar(source, await source.initialCursor(CONNECTED, 30));
    expect(changes).toHaveLength(1);
    expect(sleeps[0]).toBe(3000);
    expect(emu.log.of('calendarView').map((e) => e.status)).toEqual([429, undefined, 200]);
  });

  it('gives up with rate_limited and the wait asked when Retry-After is beyond the budget', async () => {
    const { source } = await connectGraphCalendar(emu, { maxRetryWaitMs: 10_000 });
    emu.faults.add({ kind: 'calendarView', status: 429, retryAfter: 120 });
    const error = await source.changes(await source.initialCursor(CONNECTED, 30)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSourceError);
    expect((error as MailSourceError).kind).toBe('rate_limited');
    expect((error as MailSourceError).retryAfterMs).toBe(120_000);
  });

  it('fails with auth naming Calendars.Read when the consent predates it, while mail goes on', async () => {
    emu.oauth.withholdScope('Calendars.Read');
    emu.store.deliver('inbox', { subject: 'still here', from: { address: 'ann@customer.example' } });
    const { source } = await connectGraphCalendar(emu);
    const error = await source.changes(await source.initialCursor(CONNECTED, 30)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarConsentMissing);
    expect((error as MailSourceError).kind).toBe('auth');
    expect((error as Error).message).toMatch(/reconnect the mailbox to allow calendar access/);
    const mail = await connectGraph(emu);
    const batch = await mail.source.fetchChanges(await mail.source.initialCursor(new Date(0)));
    expect(batch.messages.map((m) => m.subject)).toEqual(['still here']);
  });

  it('fails with auth when Graph answers 403 to a token without Calendars.Read', async () => {
    const { source } = await connectGraphCalendar(emu);
    emu.faults.add({ kind: 'calendarView', onCall: 1, status: 403 });
    const error = await source.changes(await source.initialCursor(CONNECTED, 30)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarConsentMissing);
  });
});
