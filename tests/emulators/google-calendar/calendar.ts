/**
 * The primary calendar of the Google Calendar API v3 as `events.list` serves it
 * (https://developers.google.com/calendar/api/v3/reference/events/list, https://developers.google.com/calendar/api/guides/sync),
 * served by the Gmail emulator's HTTP server (same OAuth, request log and faults). Test equipment only.
 *
 * A series is stored as its recurring event (`recurrence`) and one instance per occurrence (`recurringEventId`,
 * `originalStartTime`, id `{series}_{YYYYMMDDTHHMMSSZ}`): `singleEvents=true` lists instances, else the recurring
 * event. A full listing honours `timeMin` (exclusive bound on the end), `timeMax` (exclusive bound on the start) and
 * `showDeleted`; its last page carries `nextSyncToken`. A listing with `syncToken` gives everything changed since,
 * deleted and cancelled events included (status `cancelled`; a deleted event with its id and little else), and
 * refuses `timeMin`, `timeMax`, `q`, `orderBy`, `iCalUID`, `updatedMin` and `showDeleted=false` (400). An expired or
 * unknown sync token answers 410 `fullSyncRequired`. Pages: `maxResults` (default 250, at most 2500), `pageToken`.
 */
import { randomBytes } from 'node:crypto';
import { GoogleApiError } from '../gmail/errors';

type Response = 'needsAction' | 'declined' | 'tentative' | 'accepted';

export interface GoogleEventInput {
  summary?: string;
  /** RFC 3339 date-times with an offset, or `YYYY-MM-DD` for all-day events. */
  start: string;
  end: string;
  timeZone?: string;
  organizer?: { email: string; displayName?: string };
  attendees?: {
    email: string;
    displayName?: string;
    optional?: boolean;
    resource?: boolean;
    responseStatus?: Response;
  }[];
  location?: string;
  description?: string;
  visibility?: 'default' | 'public' | 'private' | 'confidential';
  hangoutLink?: string;
  /** A conference (Meet, Zoom…) with this video entry point. */
  videoUri?: string;
  iCalUID?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
}

interface StoredGoogleEvent {
  id: string;
  version: number;
  deleted: boolean;
  /** A recurring event (listed only with singleEvents=false). */
  series: boolean;
  input: GoogleEventInput;
  extra: Record<string, unknown>;
  sequence: number;
  updated: string;
  created: string;
}

interface PageToken {
  b: number;
  u: number;
  o: number;
  g: number;
  /** The listing's filters (a full listing's; undefined for a sync). */
  q?: { timeMin?: string; timeMax?: string; showDeleted: boolean; single: boolean };
}

const encode = (t: unknown) => Buffer.from(JSON.stringify(t)).toString('base64url');
function decode<T>(s: string): T | undefined {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString()) as T;
  } catch {
    return undefined;
  }
}
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SYNC_RESTRICTIONS = [
  'timeMin',
  'timeMax',
  'q',
  'orderBy',
  'iCalUID',
  'updatedMin',
  'privateExtendedProperty',
  'sharedExtendedProperty',
];
const instant = (value: string, zone: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? midnightMs(value, zone) : Date.parse(value);

export class GoogleCalendar {
  readonly events = new Map<string, StoredGoogleEvent>();
  private readonly listeners: (() => void)[] = [];
  private version = 0;
  private generation = 1;
  private clock = 0;

  constructor(
    readonly email: string,
    /** The calendar's time zone (all-day events are midnight there). */
    readonly timeZone = 'UTC',
  ) {}

  add(input: GoogleEventInput): string {
    const id = randomBytes(13).toString('hex');
    return this.put(id, input, false, {});
  }

  /** A daily or weekly series: the recurring event and `count` instances; the instances' ids. */
  addSeries(input: GoogleEventInput, every: 'daily' | 'weekly', count: number): string[] {
    const series = randomBytes(13).toString('hex');
    const uid = input.iCalUID ?? `${series}@google.com`;
    const rule = `RRULE:FREQ=${every === 'daily' ? 'DAILY' : 'WEEKLY'};COUNT=${count}`;
    this.put(series, { ...input, iCalUID: uid }, true, { recurrence: [rule] });
    const step = (every === 'daily' ? 1 : 7) * 86_400_000;
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const allDay = /^\d{4}-\d{2}-\d{2}$/.test(input.start);
      const shift = (v: string) =>
        allDay
          ? new Date(Date.parse(`${v}T00:00:00Z`) + n * step).toISOString().slice(0, 10)
          : new Date(Date.parse(v) + n * step).toISOString().replace('.000Z', 'Z');
      const start = shift(input.start);
      const stamp = allDay ? start.replace(/-/g, '') : start.replace(/[-:]/g, '');
      const id = `${series}_${stamp}`;
      ids.push(
        this.put(id, { ...input, iCalUID: uid, start, end: shift(input.end) }, false, {
          recurringEventId: series,
          originalStartTime: allDay
            ? { date: start }
            : { dateTime: start, timeZone: input.timeZone ?? this.timeZone },
        }),
      );
    }
    return ids;
  }

  /** An organizer's change (sequence goes up when the time or place does). */
  update(id: string, patch: Partial<GoogleEventInput>): void {
    const e = this.live(id);
    e.input = { ...e.input, ...patch };
    if (patch.start || patch.end || patch.location) e.sequence++;
    this.touch(e);
  }

  /** The organizer cancelled: the event stays, with status `cancelled`. */
  cancel(id: string): void {
    this.update(id, { status: 'cancelled' });
  }

  /** Deleted: later syncs give `{ id, status: "cancelled" }`. */
  delete(id: string): void {
    const e = this.live(id);
    e.deleted = true;
    this.touch(e);
  }

  /** Every sync token and page token issued so far answers 410 fullSyncRequired. */
  expireSyncTokens(): void {
    this.generation++;
  }

  /** `events.get`: the event as the listing renders it (a deleted one too, as Google keeps it); undefined: 404. */
  get(id: string): Record<string, unknown> | undefined {
    const e = this.events.get(id);
    return e ? this.render(e) : undefined;
  }

  list(q: URLSearchParams): Record<string, unknown> {
    const max = Math.min(Number(q.get('maxResults') ?? 250), 2500);
    if (!Number.isInteger(max) || max < 1)
      throw new GoogleApiError(400, 'invalid', 'Invalid value for: maxResults');
    let token: PageToken;
    const pageToken = q.get('pageToken');
    const syncToken = q.get('syncToken');
    if (syncToken !== null) {
      if (SYNC_RESTRICTIONS.some((name) => q.has(name)) || q.get('showDeleted') === 'false')
        throw new GoogleApiError(
          400,
          'syncTokenWithRequestRestrictions',
          'Sync token cannot be used with other request restrictions.',
        );
    }
    for (const name of ['timeMin', 'timeMax']) {
      const value = q.get(name);
      if (value !== null && !RFC3339.test(value)) throw new GoogleApiError(400, 'badRequest', 'Bad Request');
    }
    const single = q.get('singleEvents') === 'true';
    if (pageToken !== null) {
      const t = decode<PageToken>(pageToken);
      if (!t || typeof t.o !== 'number')
        throw new GoogleApiError(400, 'invalid', 'Invalid page token value.');
      if (t.g !== this.generation) throw gone();
      token = t;
    } else if (syncToken !== null) {
      const t = decode<{ v: number; g: number }>(syncToken);
      if (!t || t.g !== this.generation || typeof t.v !== 'number') throw gone();
      token = { b: t.v, u: this.version, o: 0, g: this.generation };
    } else {
      token = {
        b: 0,
        u: this.version,
        o: 0,
        g: this.generation,
        q: {
          ...(q.get('timeMin') ? { timeMin: q.get('timeMin') as string } : {}),
          ...(q.get('timeMax') ? { timeMax: q.get('timeMax') as string } : {}),
          showDeleted: q.get('showDeleted') === 'true',
          single,
        },
      };
    }
    const items = this.select(token, single);
    const slice = items.slice(token.o, token.o + max);
    const out: Record<string, unknown> = {
      kind: 'calendar#events',
      etag: `"p${this.version}"`,
      summary: this.email,
      description: '',
      updated: new Date(this.clock || Date.now()).toISOString(),
      timeZone: this.timeZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      items: slice.map((e) => this.render(e)),
    };
    if (token.o + max < items.length) out.nextPageToken = encode({ ...token, o: token.o + max });
    else out.nextSyncToken = encode({ v: token.u, g: this.generation });
    return out;
  }

  private select(t: PageToken, single: boolean): StoredGoogleEvent[] {
    const full = t.q;
    return [...this.events.values()]
      .filter((e) => {
        if (e.version > t.u || e.version <= t.b) return false;
        if (single ? e.series : e.extra.recurringEventId !== undefined) return false;
        if (!full) return true;
        if ((e.deleted || e.input.status === 'cancelled') && !full.showDeleted) return false;
        const zone = e.input.timeZone ?? this.timeZone;
        if (full.timeMin && instant(e.input.end, zone) <= Date.parse(full.timeMin)) return false;
        if (full.timeMax && instant(e.input.start, zone) >= Date.parse(full.timeMax)) return false;
        return true;
      })
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  private render(e: StoredGoogleEvent): Record<string, unknown> {
    const base = { kind: 'calendar#event', etag: `"${e.version}"`, id: e.id };
    if (e.deleted) return { ...base, status: 'cancelled', ...e.extra };
    const i = e.input;
    const when = (v: string) =>
      /^\d{4}-\d{2}-\d{2}$/.test(v) ? { date: v } : { dateTime: v, timeZone: i.timeZone ?? this.timeZone };
    const organizer = i.organizer ?? { email: this.email };
    const self = (email: string) => email.toLowerCase() === this.email.toLowerCase();
    return {
      ...base,
      status: i.status ?? 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(e.id).toString('base64url')}`,
      created: e.created,
      updated: e.updated,
      summary: i.summary ?? '',
      ...(i.description !== undefined ? { description: i.description } : {}),
      ...(i.location !== undefined ? { location: i.location } : {}),
      creator: { email: organizer.email, ...(self(organizer.email) ? { self: true } : {}) },
      organizer: { ...organizer, ...(self(organizer.email) ? { self: true } : {}) },
      start: when(i.start),
      end: when(i.end),
      ...e.extra,
      iCalUID: i.iCalUID ?? `${e.id}@google.com`,
      sequence: e.sequence,
      ...(i.attendees
        ? {
            attendees: i.attendees.map((a) => ({
              email: a.email,
              ...(a.displayName ? { displayName: a.displayName } : {}),
              ...(a.email === organizer.email ? { organizer: true } : {}),
              ...(self(a.email) ? { self: true } : {}),
              ...(a.resource ? { resource: true } : {}),
              ...(a.optional ? { optional: true } : {}),
              responseStatus: a.responseStatus ?? 'needsAction',
            })),
          }
        : {}),
      ...(i.hangoutLink ? { hangoutLink: i.hangoutLink } : {}),
      ...(i.videoUri
        ? {
            conferenceData: {
              entryPoints: [{ entryPointType: 'video', uri: i.videoUri, label: i.videoUri }],
              conferenceSolution: { key: { type: 'addOn' }, name: 'Video' },
              conferenceId: randomBytes(5).toString('hex'),
            },
          }
        : {}),
      ...(i.visibility && i.visibility !== 'default' ? { visibility: i.visibility } : {}),
      eventType: 'default',
      reminders: { useDefault: true },
    };
  }

  private live(id: string): StoredGoogleEvent {
    const e = this.events.get(id);
    if (!e || e.deleted) throw new Error(`no event ${id}`);
    return e;
  }

  private put(id: string, input: GoogleEventInput, series: boolean, extra: Record<string, unknown>): string {
    const now = new Date().toISOString();
    const e: StoredGoogleEvent = {
      id,
      version: 0,
      deleted: false,
      series,
      input,
      extra,
      sequence: 0,
      updated: now,
      created: now,
    };
    this.events.set(id, e);
    this.touch(e);
    return id;
  }

  /** Called after every change (the push channels' notifications). */
  onChanged(listener: () => void): void {
    this.listeners.push(listener);
  }

  private touch(e: StoredGoogleEvent): void {
    e.version = ++this.version;
    for (const listener of this.listeners) queueMicrotask(listener);
    // Milliseconds, as Google writes `updated`; later changes always later.
    this.clock = Math.max(this.clock + 1, Date.now());
    e.updated = new Date(this.clock).toISOString();
  }
}

const gone = () =>
  new GoogleApiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');

/** Midnight of `date` in `zone`, ms since the epoch. */
function midnightMs(date: string, zone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offset = (at: number) => {
    const p = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(new Date(at));
    const n = (t: string) => Number(p.find((x) => x.type === t)?.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - at;
  };
  return guess - offset(guess - offset(guess));
}
