/**
 * The primary calendar and `GET /me/calendarView/delta` (https://learn.microsoft.com/en-us/graph/api/event-delta,
 * https://learn.microsoft.com/en-us/graph/delta-query-events). Test equipment only.
 *
 * Events are stored as Graph shows them; a series is stored as its master (never listed by calendarView) and one
 * event per occurrence (type `occurrence`, `seriesMasterId`, `originalStart`). The first request of a round names the
 * window (`startDateTime`, `endDateTime`, both required); the state tokens carry it, as documented ("the parameters
 * are encoded in the token"). The first round lists the window's events, later rounds what changed since: an event
 * changed and still in the window in full, one deleted or moved out as `{ id, "@removed": { reason: "deleted" } }`.
 * Pages follow `Prefer: odata.maxpagesize` (default 10) and end in `@odata.nextLink` ($skiptoken) or, last,
 * `@odata.deltaLink` ($deltatoken). `expireDeltaTokens()` makes older tokens answer 410 (with Location) or the given
 * 40X sync-state code. Start and end are given in UTC (`timeZone: "UTC"`); `Prefer: outlook.timezone` other than UTC
 * is not emulated.
 */
import { randomBytes } from 'node:crypto';
import { GraphError } from './errors';

type Email = { emailAddress: { name: string; address: string } };
type Response = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface CalendarEventInput {
  subject?: string;
  /** ISO instants (UTC), or for all-day events `YYYY-MM-DD`. */
  start: string;
  end: string;
  isAllDay?: boolean;
  /** The event's own zone, kept as originalStartTimeZone (all-day dates are midnight there). */
  timeZone?: string;
  organizer?: { name?: string; address: string };
  attendees?: {
    name?: string;
    address: string;
    type?: 'required' | 'optional' | 'resource';
    response?: Response;
  }[];
  location?: string;
  body?: { contentType: 'text' | 'html'; content: string };
  sensitivity?: 'normal' | 'personal' | 'private' | 'confidential';
  joinUrl?: string;
  iCalUId?: string;
}

export interface StoredEvent {
  id: string;
  version: number;
  deleted: boolean;
  /** What it was made from (updates merge into it). */
  input: CalendarEventInput;
  json: Record<string, unknown> & { start: { dateTime: string }; end: { dateTime: string } };
}

interface Token {
  /** Window. */
  s: string;
  e: string;
  /** Changes after this version are in the round; the round ends at `u`. */
  b: number;
  u: number;
  /** Offset of the next page within the round. */
  o: number;
  g: number;
}

const encode = (t: Token) => Buffer.from(JSON.stringify(t)).toString('base64url');
const decode = (s: string): Token | undefined => {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString()) as Token;
    return typeof t.s === 'string' && typeof t.b === 'number' ? t : undefined;
  } catch {
    return undefined;
  }
};
const newId = () => `AAMkAD${randomBytes(18).toString('base64url')}`;
const graphTime = (iso: string) => new Date(iso).toISOString().replace('Z', '0000'); // 2026-12-10T09:00:00.0000000

export class GraphCalendar {
  readonly events = new Map<string, StoredEvent>();
  private readonly listeners: ((event: StoredEvent, change: 'created' | 'updated' | 'deleted') => void)[] =
    [];
  private version = 0;
  private generation = 1;
  private expiry: { status: number; code: string; innerCode?: string } = {
    status: 410,
    code: 'syncStateNotFound',
  };

  constructor(private readonly user: { mail: string; displayName: string }) {}

  /** A single event; its id. */
  add(input: CalendarEventInput): string {
    return this.put(newId(), input, { type: 'singleInstance' });
  }

  /** A daily or weekly series of `count` occurrences; the ids of the occurrences (the master is hidden). */
  addSeries(input: CalendarEventInput, every: 'daily' | 'weekly', count: number): string[] {
    const master = newId();
    const uid =
      input.iCalUId ?? `040000008200E00074C5B7101A82E008${randomBytes(16).toString('hex').toUpperCase()}`;
    const stepMs = (every === 'daily' ? 1 : 7) * 86_400_000;
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const shift = (iso: string) =>
        input.isAllDay
          ? new Date(Date.parse(`${iso}T00:00:00Z`) + n * stepMs).toISOString().slice(0, 10)
          : new Date(Date.parse(iso) + n * stepMs).toISOString();
      const start = shift(input.start);
      ids.push(
        this.put(
          `${master}_${n}`,
          { ...input, iCalUId: uid, start, end: shift(input.end) },
          {
            type: 'occurrence',
            seriesMasterId: master,
            originalStart: input.isAllDay
              ? `${start}T00:00:00Z`
              : new Date(start).toISOString().replace('.000Z', 'Z'),
          },
        ),
      );
    }
    return ids;
  }

  /** Changes fields of the stored JSON (a moved occurrence becomes an `exception`). */
  update(id: string, patch: Partial<CalendarEventInput> & { isCancelled?: boolean }): void {
    const e = this.events.get(id);
    if (!e || e.deleted) throw new Error(`no event ${id}`);
    const json = e.json;
    e.input = { ...e.input, ...patch };
    const merged = this.render(id, e.input);
    const moved = patch.start !== undefined && json.type === 'occurrence';
    Object.assign(json, merged, {
      type: moved ? 'exception' : json.type,
      seriesMasterId: json.seriesMasterId,
      originalStart: json.originalStart,
      isCancelled: patch.isCancelled ?? json.isCancelled,
      responseStatus: json.responseStatus,
      iCalUId: json.iCalUId,
    });
    this.touch(e, 'updated');
  }

  /** The organizer cancelled: the attendee's copy stays, `isCancelled: true`. */
  cancel(id: string): void {
    this.update(id, { isCancelled: true });
  }

  /** Gone from the calendar: the next round gives `@removed`. */
  delete(id: string): void {
    const e = this.events.get(id);
    if (!e) throw new Error(`no event ${id}`);
    e.deleted = true;
    this.touch(e, 'deleted');
  }

  /** Older state tokens stop working (410 with Location by default, or a 40X with a sync-state code). */
  expireDeltaTokens(answer: { status?: number; code?: string; innerCode?: string } = {}): void {
    this.generation++;
    this.expiry = { status: answer.status ?? 410, code: answer.code ?? 'syncStateNotFound' };
    if (answer.innerCode) this.expiry.innerCode = answer.innerCode;
  }

  /** One page of calendarView delta. */
  delta(url: URL, pageSize: number, base: string): Record<string, unknown> {
    const q = url.searchParams;
    const path = `${base}/v1.0/me/calendarView/delta`;
    let token: Token;
    const skip = q.get('$skiptoken');
    const deltaToken = q.get('$deltatoken');
    if (skip !== null || (deltaToken !== null && deltaToken !== '')) {
      const t = decode(skip ?? deltaToken ?? '');
      if (!t) throw new GraphError(400, 'BadRequest', 'The state token is not valid.');
      if (t.g !== this.generation) throw this.expired(path);
      token = skip !== null ? t : { ...t, b: t.u, u: this.version, o: 0 };
    } else {
      const s = q.get('startDateTime') ?? q.get('startdatetime');
      const e = q.get('endDateTime') ?? q.get('enddatetime');
      if (!s || !e || Number.isNaN(Date.parse(s)) || Number.isNaN(Date.parse(e)))
        throw new GraphError(
          400,
          'ErrorInvalidParameter',
          'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
        );
      token = { s, e, b: 0, u: this.version, o: 0, g: this.generation };
    }
    const items = this.round(token);
    // Only the page is copied out (a copy of every event for every page made a 5,000-event calendar quadratic).
    const slice = items
      .slice(token.o, token.o + pageSize)
      .map((item) =>
        item.removed
          ? { '@odata.type': '#microsoft.graph.event', id: item.event.id, '@removed': { reason: 'deleted' } }
          : { '@odata.type': '#microsoft.graph.event', ...structuredClone(item.event.json) },
      );
    const out: Record<string, unknown> = {
      '@odata.context': `${base}/v1.0/$metadata#Collection(event)`,
      value: slice,
    };
    if (token.o + pageSize < items.length)
      out['@odata.nextLink'] = `${path}?$skiptoken=${encode({ ...token, o: token.o + pageSize })}`;
    else out['@odata.deltaLink'] = `${path}?$deltatoken=${encode({ ...token, o: 0 })}`;
    return out;
  }

  /** The last round listed, for its next pages (a round's pages share its window and versions). */
  private lastRound: { key: string; items: { event: StoredEvent; removed: boolean }[] } | undefined;

  private round(t: Token): { event: StoredEvent; removed: boolean }[] {
    const key = JSON.stringify([t.s, t.e, t.b, t.u, t.g]);
    if (this.lastRound?.key === key) return this.lastRound.items;
    const items = this.listRound(t);
    this.lastRound = { key, items };
    return items;
  }

  private listRound(t: Token): { event: StoredEvent; removed: boolean }[] {
    const from = Date.parse(t.s);
    const to = Date.parse(t.e);
    const inWindow = (e: StoredEvent) =>
      !e.deleted &&
      e.json.type !== 'seriesMaster' &&
      Date.parse(`${e.json.start.dateTime.slice(0, 19)}Z`) < to &&
      Date.parse(`${e.json.end.dateTime.slice(0, 19)}Z`) > from;
    const out: { event: StoredEvent; removed: boolean }[] = [];
    for (const e of [...this.events.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (e.version <= t.b || e.version > t.u) continue;
      if (inWindow(e)) out.push({ event: e, removed: false });
      else if (t.b > 0) out.push({ event: e, removed: true });
    }
    return out;
  }

  private expired(path: string): GraphError {
    const { status, code, innerCode } = this.expiry;
    return new GraphError(
      status,
      code,
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
      status === 410 ? { Location: `${path}?$deltatoken=` } : {},
      innerCode,
    );
  }

  /** Called after every change (the subscriptions' notifications). */
  onChanged(listener: (event: StoredEvent, change: 'created' | 'updated' | 'deleted') => void): void {
    this.listeners.push(listener);
  }

  private touch(e: StoredEvent, change: 'created' | 'updated' | 'deleted'): void {
    e.version = ++this.version;
    // Seven fractional digits, as Graph writes them; later changes always later.
    e.json.lastModifiedDateTime = new Date(Date.now() + this.version).toISOString().replace(/Z$/, '0000Z');
    e.json.changeKey = randomBytes(9).toString('base64');
    for (const listener of this.listeners) listener(e, change);
  }

  private put(id: string, input: CalendarEventInput, extra: Record<string, unknown>): string {
    const e: StoredEvent = {
      id,
      version: 0,
      deleted: false,
      input,
      json: { ...this.render(id, input), ...extra },
    };
    this.events.set(id, e);
    this.touch(e, 'created');
    return id;
  }

  private render(id: string, input: CalendarEventInput): StoredEvent['json'] {
    const organizer = input.organizer ?? { address: this.user.mail, name: this.user.displayName };
    const zone = input.timeZone ?? 'UTC';
    // All-day: midnight in the event's zone, given (as Graph does in UTC) as that instant in UTC.
    const time = (value: string) => (input.isAllDay ? graphTime(midnightUtc(value, zone)) : graphTime(value));
    const email = (a: { name?: string; address: string }): Email => ({
      emailAddress: { name: a.name ?? a.address, address: a.address },
    });
    const json = {
      id,
      createdDateTime: new Date().toISOString(),
      iCalUId:
        input.iCalUId ?? `040000008200E00074C5B7101A82E008${randomBytes(16).toString('hex').toUpperCase()}`,
      subject: input.subject ?? '',
      bodyPreview: (input.body?.content ?? '').slice(0, 255),
      body: input.body ?? { contentType: 'html', content: '' },
      importance: 'normal',
      sensitivity: input.sensitivity ?? 'normal',
      isAllDay: input.isAllDay ?? false,
      isCancelled: false,
      isOrganizer: organizer.address.toLowerCase() === this.user.mail.toLowerCase(),
      showAs: 'busy',
      type: 'singleInstance',
      originalStartTimeZone: zone,
      originalEndTimeZone: zone,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      start: { dateTime: time(input.start), timeZone: 'UTC' },
      end: { dateTime: time(input.end), timeZone: 'UTC' },
      location: { displayName: input.location ?? '', locationType: 'default' },
      attendees: (input.attendees ?? []).map((a) => ({
        type: a.type ?? 'required',
        status: { response: a.response ?? 'none', time: '0001-01-01T00:00:00Z' },
        ...email(a),
      })),
      organizer: email(organizer),
      isOnlineMeeting: input.joinUrl !== undefined,
      onlineMeeting: input.joinUrl ? { joinUrl: input.joinUrl } : null,
      lastModifiedDateTime: '',
      changeKey: '',
    };
    return json;
  }
}

/** Midnight of `date` in `zone` as an ISO instant. */
function midnightUtc(date: string, zone: string): string {
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
  return new Date(guess - offset(guess - offset(guess))).toISOString();
}
