import { readIcs, type IcsWindow } from '../../../server/providers/ics-read';
import { ICS_LIMITS } from '../../../server/providers/ics-bounds';
import { readEvent } from '../../../src/events/read-event';
import { ics, vevent, W_EUROPE } from '../../support/mail/make-invitation';

// One invitation file as the core's events: zones through the file's VTIMEZONE, all-day dates, series expanded
// with EXDATE and overrides, CANCEL, replies ignored, people, privacy, and garbage or hostile files giving reasons.

const WINDOW: IcsWindow = {
  startMs: Date.parse('2026-12-01T00:00:00Z'),
  endMs: Date.parse('2027-01-31T00:00:00Z'),
};

const ORGANIZER = 'ORGANIZER;CN=Ann Buyer:mailto:ann@customer.example';
const STAMP = 'DTSTAMP:20261130T090000Z';

function one(text: string, window = WINDOW) {
  const read = readIcs(text, window);
  expect(read.events).toHaveLength(1);
  expect(readEvent(read.events[0])).toMatchObject({ ok: true });
  return read.events[0]!;
}

test('a REQUEST in a zone its VTIMEZONE defines gives times with that zone offset, winter and summer', () => {
  const text = ics(
    'REQUEST',
    ...W_EUROPE,
    ...vevent(
      'UID:quarterly@customer.example',
      'SEQUENCE:2',
      ORGANIZER,
      'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Rep One:mailto:rep@liaison.example',
      'SUMMARY:Quarterly review',
      'DTSTART;TZID=W. Europe Standard Time:20261208T100000',
      'DTEND;TZID=W. Europe Standard Time:20261208T113000',
      'LOCATION:Acme HQ',
      'DESCRIPTION:Agenda:\\n1. Renewal',
      'LAST-MODIFIED:20261201T080000Z',
      STAMP,
      'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/abc',
    ),
    ...vevent(
      'UID:summer@customer.example',
      ORGANIZER,
      'SUMMARY:Summer',
      'DTSTART;TZID=W. Europe Standard Time:20270615T100000',
      'DURATION:PT45M',
      STAMP,
    ),
  );
  const { events, skipped } = readIcs(text, WINDOW);
  expect(skipped).toEqual([]);
  for (const event of events) expect(readEvent(event)).toMatchObject({ ok: true });
  expect(events[0]).toEqual({
    uid: 'quarterly@customer.example',
    sequence: 2,
    calendar: 'primary',
    organizer: { address: 'ann@customer.example', name: 'Ann Buyer' },
    attendees: [{ address: 'rep@liaison.example', name: 'Rep One', type: 'required', response: 'none' }],
    subject: 'Quarterly review',
    start: '2026-12-08T10:00:00+01:00',
    end: '2026-12-08T11:30:00+01:00',
    allDay: false,
    location: 'Acme HQ',
    description: 'Agenda:\n1. Renewal',
    onlineMeetingUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
    status: 'confirmed',
    sensitivity: 'normal',
    updatedAt: '2026-12-01T08:00:00Z',
  });
  // A single event outside the window still comes (the engine's rule 5 decides it); DURATION gives its end.
  expect([events[1]?.start, events[1]?.end, events[1]?.updatedAt]).toEqual([
    '2027-06-15T10:00:00+02:00',
    '2027-06-15T10:45:00+02:00',
    '2026-11-30T09:00:00Z',
  ]);
});

test('a TZID without VTIMEZONE is read as an IANA zone, UTC stays Z, and a floating time is UTC', () => {
  const at = (dtstart: string) =>
    one(ics('REQUEST', ...vevent('UID:z', ORGANIZER, dtstart, 'DURATION:PT1H', STAMP))).start;
  expect(at('DTSTART;TZID=America/New_York:20261208T100000')).toBe('2026-12-08T10:00:00-05:00');
  expect(at('DTSTART:20261208T100000Z')).toBe('2026-12-08T10:00:00Z');
  expect(at('DTSTART:20261208T100000')).toBe('2026-12-08T10:00:00Z');
  expect(at('DTSTART;TZID=Nowhere/Special:20261208T100000')).toBe('2026-12-08T10:00:00Z');
});

test('all-day events run from midnight to the following midnight at UTC', () => {
  const day = (...lines: string[]) => one(ics('REQUEST', ...vevent('UID:d', ORGANIZER, STAMP, ...lines)));
  expect(day('DTSTART;VALUE=DATE:20261210', 'DTEND;VALUE=DATE:20261211')).toMatchObject({
    start: '2026-12-10T00:00:00Z',
    end: '2026-12-11T00:00:00Z',
    allDay: true,
  });
  expect(day('DTSTART;VALUE=DATE:20261210')).toMatchObject({ end: '2026-12-11T00:00:00Z', allDay: true });
  expect(day('DTSTART;VALUE=DATE:20261210', 'DTEND;VALUE=DATE:20261213').end).toBe('2026-12-13T00:00:00Z');
});

const SERIES = [
  ...W_EUROPE,
  ...vevent(
    'UID:weekly@customer.example',
    'SEQUENCE:1',
    ORGANIZER,
    'SUMMARY:Weekly sync',
    'DTSTART;TZID=W. Europe Standard Time:20261202T090000',
    'DTEND;TZID=W. Europe Standard Time:20261202T093000',
    'RRULE:FREQ=WEEKLY;COUNT=6',
    'EXDATE;TZID=W. Europe Standard Time:20261209T090000',
    STAMP,
  ),
  ...vevent(
    'UID:weekly@customer.example',
    'SEQUENCE:3',
    ORGANIZER,
    'SUMMARY:Weekly sync (moved)',
    'RECURRENCE-ID;TZID=W. Europe Standard Time:20261216T090000',
    'DTSTART;TZID=W. Europe Standard Time:20261217T140000',
    'DTEND;TZID=W. Europe Standard Time:20261217T150000',
    STAMP,
  ),
];

test('a series gives its occurrences, without the EXDATE, the overridden one from its override', () => {
  const { events, skipped } = readIcs(ics('REQUEST', ...SERIES), WINDOW);
  expect(skipped).toEqual([]);
  for (const event of events) expect(readEvent(event)).toMatchObject({ ok: true });
  expect(events.map((e) => [e.recurrenceId, e.start, e.subject, e.sequence])).toEqual([
    ['2026-12-02T08:00:00Z', '2026-12-02T09:00:00+01:00', 'Weekly sync', 1],
    ['2026-12-16T08:00:00Z', '2026-12-17T14:00:00+01:00', 'Weekly sync (moved)', 3],
    ['2026-12-23T08:00:00Z', '2026-12-23T09:00:00+01:00', 'Weekly sync', 1],
    ['2026-12-30T08:00:00Z', '2026-12-30T09:00:00+01:00', 'Weekly sync', 1],
    ['2027-01-06T08:00:00Z', '2027-01-06T09:00:00+01:00', 'Weekly sync', 1],
  ]);
  expect(new Set(events.map((e) => e.uid))).toEqual(new Set(['weekly@customer.example']));
});

test('a series is expanded within the window only: from the connection to the horizon', () => {
  const window = { startMs: Date.parse('2026-12-10T00:00:00Z'), endMs: Date.parse('2026-12-24T00:00:00Z') };
  const { events } = readIcs(ics('REQUEST', ...SERIES), window);
  expect(events.map((e) => e.recurrenceId)).toEqual(['2026-12-16T08:00:00Z', '2026-12-23T08:00:00Z']);
});

test('a series with more occurrences in the window than the bound keeps the latest, the coming ones', () => {
  const window = { startMs: Date.parse('2026-01-01T00:00:00Z'), endMs: Date.parse('2027-01-31T00:00:00Z') };
  const daily = ics(
    'REQUEST',
    ...vevent('UID:d', ORGANIZER, 'DTSTART:20260101T090000Z', 'RRULE:FREQ=DAILY', STAMP),
  );
  const { events, skipped } = readIcs(daily, window);
  expect(events).toHaveLength(ICS_LIMITS.maxOccurrences);
  expect(events.at(-1)?.recurrenceId).toBe('2027-01-30T09:00:00Z');
  expect(events[0]?.recurrenceId).toBe('2026-07-15T09:00:00Z');
  expect(skipped).toEqual([
    `d: the first 195 occurrences left out, the last ${ICS_LIMITS.maxOccurrences} kept`,
  ]);
});

test('an override moved into the window from an occurrence outside it still comes', () => {
  const window = { startMs: Date.parse('2026-12-17T00:00:00Z'), endMs: Date.parse('2026-12-18T00:00:00Z') };
  const { events } = readIcs(ics('REQUEST', ...SERIES), window);
  expect(events.map((e) => [e.recurrenceId, e.subject])).toEqual([
    ['2026-12-16T08:00:00Z', 'Weekly sync (moved)'],
  ]);
});

test('CANCEL cancels the event, or every occurrence of a series, or the one occurrence it names', () => {
  const single = one(
    ics(
      'CANCEL',
      ...vevent('UID:c1', 'SEQUENCE:1', ORGANIZER, 'SUMMARY:Call', 'DTSTART:20261208T100000Z', STAMP),
    ),
  );
  expect([single.status, single.sequence]).toEqual(['cancelled', 1]);
  const series = readIcs(ics('CANCEL', ...SERIES), WINDOW).events;
  expect(series).toHaveLength(5);
  expect(series.every((e) => e.status === 'cancelled')).toBe(true);
  const occurrence = one(
    ics(
      'CANCEL',
      ...vevent(
        'UID:weekly@customer.example',
        'SEQUENCE:4',
        ORGANIZER,
        'RECURRENCE-ID:20261223T080000Z',
        'DTSTART:20261223T080000Z',
        'DTEND:20261223T083000Z',
        STAMP,
      ),
    ),
  );
  expect([occurrence.recurrenceId, occurrence.status]).toEqual(['2026-12-23T08:00:00Z', 'cancelled']);
  expect(
    one(ics('REQUEST', ...vevent('UID:s', ORGANIZER, 'DTSTART:20261208T100000Z', 'STATUS:CANCELLED', STAMP)))
      .status,
  ).toBe('cancelled');
  expect(
    one(ics('REQUEST', ...vevent('UID:s', ORGANIZER, 'DTSTART:20261208T100000Z', 'STATUS:TENTATIVE', STAMP)))
      .status,
  ).toBe('tentative');
});

test('PUBLISH reads as REQUEST; REPLY, COUNTER, REFRESH and a file without METHOD give nothing', () => {
  const body = vevent('UID:p', ORGANIZER, 'DTSTART:20261208T100000Z', STAMP);
  expect(one(ics('PUBLISH', ...body)).status).toBe('confirmed');
  for (const method of ['REPLY', 'COUNTER', 'REFRESH'])
    expect(readIcs(ics(method, ...body), WINDOW)).toEqual({
      events: [],
      skipped: [`METHOD:${method} is not read`],
    });
  expect(readIcs(ics(undefined, ...body), WINDOW)).toEqual({
    events: [],
    skipped: ['no METHOD: not an invitation'],
  });
});

test('attendees: rooms and resources, roles, responses', () => {
  const event = one(
    ics(
      'REQUEST',
      ...vevent(
        'UID:people',
        'ORGANIZER:MAILTO:rep@liaison.example',
        'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:rep@liaison.example',
        'ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=TENTATIVE;CN="Bo, Buyer":mailto:bo@customer.example',
        'ATTENDEE;ROLE=NON-PARTICIPANT;PARTSTAT=DECLINED:mailto:cc@customer.example',
        'ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Board Room:mailto:board@liaison.example',
        'ATTENDEE;CUTYPE=RESOURCE:mailto:projector@liaison.example',
        'ATTENDEE;PARTSTAT=DELEGATED:mailto:al@customer.example',
        'DTSTART:20261208T100000Z',
        STAMP,
      ),
    ),
  );
  expect(event.organizer).toEqual({ address: 'rep@liaison.example' });
  expect(event.attendees).toEqual([
    { address: 'rep@liaison.example', type: 'required', response: 'accepted' },
    { address: 'bo@customer.example', name: 'Bo, Buyer', type: 'optional', response: 'tentative' },
    { address: 'cc@customer.example', type: 'optional', response: 'declined' },
    { address: 'board@liaison.example', name: 'Board Room', type: 'resource', response: 'accepted' },
    { address: 'projector@liaison.example', type: 'resource', response: 'none' },
    { address: 'al@customer.example', type: 'required', response: 'none' },
  ]);
});

test('CLASS gives the sensitivity; Google Meet links are the online meeting; no ORGANIZER falls back to the sender', () => {
  const event = (...lines: string[]) =>
    readIcs(ics('REQUEST', ...vevent('UID:k', 'DTSTART:20261208T100000Z', STAMP, ...lines)), WINDOW, {
      from: { address: 'sender@customer.example' },
    }).events[0]!;
  expect(event(ORGANIZER, 'CLASS:PRIVATE').sensitivity).toBe('private');
  expect(event(ORGANIZER, 'CLASS:CONFIDENTIAL').sensitivity).toBe('confidential');
  expect(event(ORGANIZER, 'CLASS:PUBLIC').sensitivity).toBe('normal');
  expect(event(ORGANIZER, 'X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij').onlineMeetingUrl).toBe(
    'https://meet.google.com/abc-defg-hij',
  );
  expect(event().organizer).toEqual({ address: 'sender@customer.example' });
});

test('garbage and malformed files give no event and say why', () => {
  const cases = [
    '',
    'hello',
    'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x',
    ics('REQUEST', ...vevent('UID:x', ORGANIZER, 'DTSTART:not-a-date', STAMP)),
    ics('REQUEST', ...vevent(ORGANIZER, 'DTSTART:20261208T100000Z', STAMP)),
    ics('REQUEST', ...vevent('UID:x', ORGANIZER, STAMP)),
    ics('REQUEST', ...vevent('UID:x', ORGANIZER, 'DTSTART:20261208T100000Z', 'RRULE:FREQ=NEVER', STAMP)),
    ics('REQUEST'),
  ];
  for (const text of cases) {
    const read = readIcs(text, WINDOW);
    expect(read.events).toEqual([]);
    expect(read.skipped.length).toBeGreaterThan(0);
  }
});

test('hostile files are bounded: size, components, nesting, VEVENTs, occurrences, iterations', () => {
  const huge = ics(
    'REQUEST',
    ...vevent(
      'UID:h',
      ORGANIZER,
      'DTSTART:20261208T100000Z',
      STAMP,
      `DESCRIPTION:${'x'.repeat(ICS_LIMITS.maxChars)}`,
    ),
  );
  expect(readIcs(huge, WINDOW)).toEqual({
    events: [],
    skipped: [`calendar file larger than ${ICS_LIMITS.maxChars} characters`],
  });

  const thousands = ics(
    'REQUEST',
    ...Array.from({ length: 5000 }, (_, i) =>
      vevent(`UID:${i}`, ORGANIZER, 'DTSTART:20261208T100000Z'),
    ).flat(),
  );
  expect(readIcs(thousands, WINDOW)).toEqual({
    events: [],
    skipped: [`more than ${ICS_LIMITS.maxComponents} components`],
  });

  const deep = `BEGIN:VCALENDAR\r\n${'BEGIN:X\r\n'.repeat(10_000)}${'END:X\r\n'.repeat(10_000)}END:VCALENDAR\r\n`;
  expect(readIcs(deep, WINDOW).skipped).toEqual([`components nested deeper than ${ICS_LIMITS.maxDepth}`]);

  const many = ics(
    'REQUEST',
    ...Array.from({ length: 150 }, (_, i) =>
      vevent(`UID:${i}`, ORGANIZER, 'DTSTART:20261208T100000Z', STAMP),
    ).flat(),
  );
  const manyRead = readIcs(many, WINDOW);
  expect(manyRead.events).toHaveLength(ICS_LIMITS.maxVevents);
  expect(manyRead.skipped).toEqual([`only the first ${ICS_LIMITS.maxVevents} of 150 VEVENTs read`]);

  const everySecond = readIcs(
    ics('REQUEST', ...vevent('UID:s', ORGANIZER, 'DTSTART:20261208T100000Z', 'RRULE:FREQ=SECONDLY', STAMP)),
    WINDOW,
  );
  expect(everySecond.events).toHaveLength(ICS_LIMITS.maxOccurrences);
  expect(everySecond.skipped).toEqual([
    `s: series not expanded past ${ICS_LIMITS.maxIterations} steps`,
    `s: the first ${ICS_LIMITS.maxIterations - ICS_LIMITS.maxOccurrences} occurrences left out, the last ${ICS_LIMITS.maxOccurrences} kept`,
  ]);

  const ancient = readIcs(
    ics('REQUEST', ...vevent('UID:a', ORGANIZER, 'DTSTART:10000101T100000Z', 'RRULE:FREQ=DAILY', STAMP)),
    WINDOW,
  );
  expect(ancient.events).toEqual([]);
  expect(ancient.skipped).toEqual([`a: series not expanded past ${ICS_LIMITS.maxIterations} steps`]);
});

test('a rule no date can match ends with a reason instead of holding the process, its budget shared by the file', () => {
  const impossible = [
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31',
    'FREQ=WEEKLY;BYWEEKNO=1;BYMONTH=7',
  ];
  const text = ics(
    'REQUEST',
    ...impossible.flatMap((rule, i) =>
      vevent(`UID:never-${i}`, ORGANIZER, 'DTSTART:20261201T100000Z', `RRULE:${rule}`, STAMP),
    ),
    ...vevent('UID:fine', ORGANIZER, 'DTSTART:20261201T100000Z', STAMP),
  );
  const read = readIcs(text, WINDOW);
  expect(read.events.map((e) => e.uid)).toEqual(['fine']);
  expect(read.skipped).toEqual(impossible.map((_, i) => `never-${i}: recurrence rule too costly to expand`));
});

test('a VTIMEZONE whose rule no date can match gives a reason, not a process held forever', () => {
  const text = ics(
    'REQUEST',
    'BEGIN:VTIMEZONE',
    'TZID:Evil',
    'BEGIN:STANDARD',
    'DTSTART:16010101T030000',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'END:STANDARD',
    'END:VTIMEZONE',
    ...vevent(
      'UID:evil',
      ORGANIZER,
      'DTSTART;TZID=Evil:20261208T100000',
      'DTEND;TZID=Evil:20261208T110000',
      STAMP,
    ),
  );
  expect(readIcs(text, WINDOW)).toEqual({
    events: [],
    skipped: ['evil: recurrence rule too costly to expand'],
  });
});
