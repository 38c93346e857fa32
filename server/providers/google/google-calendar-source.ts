/**
 * The primary calendar of a Google account through the Calendar API's `events.list`
 * (https://developers.google.com/calendar/api/guides/sync): `singleEvents=true` so a series comes as its instances, a
 * first full listing from the connection to the horizon (`timeMin`, `timeMax`), then the sync token alone (Google
 * refuses it with `timeMin`/`timeMax`; a sync always includes deleted and cancelled events). Pages follow
 * `nextPageToken`; the last page's `nextSyncToken` is the cursor.
 *
 * A sync reports changes to any event of the calendar: those outside the window are left out (before the connection,
 * never read; beyond the window, listed when the window reaches them). The window is extended as the horizon moves
 * by listing only the new span (the sync token goes on as it was). A sync token Google no longer honours (410 Gone,
 * `fullSyncRequired`) starts a full listing again, with deleted events, and calendar-replay.ts keeps the source from
 * repeating what did not change since the last completed sync.
 *
 * Consent: a mailbox connected before calendar.readonly was asked gets 403 `insufficientPermissions`; the calendar
 * then fails with CalendarConsentMissing (kind `auth`) while its mail goes on.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';
import type { CalendarEvent } from '../../../src';
import { calendarApi } from '../../runtime/heavy-modules';
import type {
  CalendarBatch,
  CalendarChange,
  CalendarCursor,
  CalendarPush,
  CalendarSource,
} from '../calendar-source';
import { CalendarConsentMissing } from '../calendar-consent';
import {
  alreadyGiven,
  forgetGiven,
  completeRound,
  noteGiven,
  readMemory,
  restartListing,
  type ReplayMemory,
} from '../calendar-replay';
import { extendedWindow, firstWindow, isWindow, type CalendarWindow } from '../calendar-window';
import { MailSourceError } from '../mail-source';
import { GOOGLE_CALENDAR_SCOPE } from './gmail-auth';
import { gmailError, header, httpStatus, isRateLimit, reason, retryAfterMs } from './gmail-errors';
import { googleCalendarPush, type GoogleCalendarPushOptions } from './google-calendar-push';
import { googleToCalendarEvent, type GoogleEvent } from './google-event';

export interface GoogleCalendarSourceOptions {
  auth: OAuth2Client;
  /** The API's root (default https://www.googleapis.com/); tests give the emulator's. */
  rootUrl?: string;
  /** `maxResults` per page (default 250, Google's own). */
  pageSize?: number;
  /** Longest total wait for rate limits within one call of `changes` (default 30 s). */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** How far the horizon moves before the window is extended (default one day). */
  extendEveryMs?: number;
  /** A push channel on the calendar's events (absent: polled only). */
  push?: GoogleCalendarPushOptions;
}

/** The listing under way: the sync, a full listing (first, or again after a 410), or the span a moved horizon adds. */
interface Listing {
  kind: 'sync' | 'full' | 'extend';
  timeMin?: string;
  timeMax?: string;
  showDeleted?: boolean;
  pageToken?: string;
}

interface GoogleCalendarCursor {
  v: 1;
  provider: 'google-calendar';
  window: CalendarWindow;
  syncToken?: string;
  listing?: Listing;
  memory: ReplayMemory;
}

const MAX_ATTEMPTS = 6;
const DAY_MS = 86_400_000;
const SCOPE_REASONS = ['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT'];
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readCursor(cursor: CalendarCursor): GoogleCalendarCursor {
  const c = cursor as Partial<GoogleCalendarCursor>;
  if (c.v !== 1 || c.provider !== 'google-calendar' || !isWindow(c.window))
    throw new MailSourceError('not_found', 'Not a Google calendar cursor');
  return {
    v: 1,
    provider: 'google-calendar',
    window: { ...c.window },
    ...(typeof c.syncToken === 'string' ? { syncToken: c.syncToken } : {}),
    ...(c.listing && typeof c.listing === 'object' ? { listing: { ...c.listing } } : {}),
    memory: readMemory(c.memory),
  };
}

export class GoogleCalendarSource implements CalendarSource {
  readonly push?: CalendarPush;
  private readonly api: calendar_v3.Calendar;
  private readonly sleep: (ms: number) => Promise<void>;
  private waitedMs = 0;

  constructor(private readonly options: GoogleCalendarSourceOptions) {
    this.sleep = options.sleep ?? defaultSleep;
    // retry: false — gaxios would retry 429s without reading Retry-After; the source does it instead.
    this.api = calendarApi().calendar({
      version: 'v3',
      auth: options.auth,
      ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
      retry: false,
    });
    if (options.push) this.push = googleCalendarPush(this.api, options.push);
  }

  async initialCursor(connectedAt: Date, horizonDays: number): Promise<CalendarCursor> {
    const cursor: GoogleCalendarCursor = {
      v: 1,
      provider: 'google-calendar',
      window: firstWindow(connectedAt, horizonDays),
      memory: { given: {} },
    };
    return { ...cursor };
  }

  async changes(cursor: CalendarCursor, options: { limit?: number } = {}): Promise<CalendarBatch> {
    const state = readCursor(cursor);
    const limit = Math.max(1, options.limit ?? 500);
    const changes: CalendarChange[] = [];
    this.waitedMs = 0;
    let restarts = 0;
    let extended = false;
    for (;;) {
      const listing: Listing = (state.listing ??= state.syncToken
        ? { kind: 'sync' }
        : { kind: 'full', timeMin: state.window.start, timeMax: state.window.end, showDeleted: false });
      let page: calendar_v3.Schema$Events;
      try {
        page = await this.call(() => this.list(state, listing, limit - changes.length));
      } catch (e) {
        if (httpStatus(e) === 410 && restarts++ < 2) {
          this.startAgain(state, listing);
          continue;
        }
        throw this.failure(e);
      }
      for (const item of page.items ?? []) this.take(item, page.timeZone ?? undefined, state, changes);
      if (page.nextPageToken) {
        listing.pageToken = page.nextPageToken;
        if (changes.length >= limit) return { changes, cursor: { ...state }, more: true };
        continue;
      }
      // The extension's own sync token is not kept: the calendar's sync goes on from its token.
      if (listing.kind !== 'extend' && page.nextSyncToken) state.syncToken = page.nextSyncToken;
      delete state.listing;
      completeRound(state.memory);
      const wider = extended ? undefined : this.widerWindow(state.window);
      if (wider) {
        extended = true;
        restartListing(state.memory, state.window.end);
        state.listing = { kind: 'extend', timeMin: state.window.end, timeMax: wider.end, showDeleted: false };
        state.window = wider;
        if (changes.length >= limit) return { changes, cursor: { ...state }, more: true };
        continue;
      }
      return { changes, cursor: { ...state }, more: false };
    }
  }

  async close(): Promise<void> {}

  /**
   * One event by Google's id (`events.get`), as the listing maps it: what the Calendar add-on opens, whose event
   * object names the event but carries neither its title, times nor iCalendar UID. A calendar other than `primary`
   * (the only one the sync reads) is marked `other`. Undefined when Google has no such event.
   */
  async event(calendarId: string, eventId: string): Promise<CalendarEvent | undefined> {
    let item: GoogleEvent;
    try {
      item = (await this.call(() => this.api.events.get({ calendarId, eventId }))).data;
    } catch (e) {
      if (httpStatus(e) === 404 || httpStatus(e) === 410) return undefined;
      throw this.failure(e);
    }
    const event = googleToCalendarEvent(item);
    if (!event) return undefined;
    return calendarId === 'primary' ? event : { ...event, calendar: 'other' };
  }

  /** A 410: the sync token (or a page token of the listing) is gone. */
  private startAgain(state: GoogleCalendarCursor, listing: Listing): void {
    if (listing.kind === 'extend') {
      delete listing.pageToken;
      return;
    }
    delete state.syncToken;
    restartListing(state.memory);
    // With deleted events: what was deleted or cancelled since the last sync must still be told.
    state.listing = {
      kind: 'full',
      timeMin: state.window.start,
      timeMax: state.window.end,
      showDeleted: true,
    };
  }

  private take(
    item: GoogleEvent,
    zone: string | undefined,
    state: GoogleCalendarCursor,
    changes: CalendarChange[],
  ): void {
    const id = item.id;
    if (!id) return;
    const event = googleToCalendarEvent(item, zone);
    if (!event) {
      forgetGiven(state.memory, id);
      changes.push({ kind: 'removed', sourceId: id });
      return;
    }
    // A sync reports every event of the calendar; the window is the connection to the horizon.
    const start = Date.parse(event.start);
    const end = Date.parse(event.end);
    if (end <= Date.parse(state.window.start) || start >= Date.parse(state.window.end)) return;
    const modified = item.updated ?? undefined;
    if (alreadyGiven(state.memory, id, modified, event.start)) return;
    noteGiven(state.memory, id, modified);
    changes.push({ kind: 'event', sourceId: id, event });
  }

  private async list(
    state: GoogleCalendarCursor,
    listing: Listing,
    room: number,
  ): Promise<calendar_v3.Schema$Events> {
    const params: calendar_v3.Params$Resource$Events$List = {
      calendarId: 'primary',
      singleEvents: true,
      maxResults: Math.max(1, Math.min(this.options.pageSize ?? 250, room)),
      ...(listing.pageToken ? { pageToken: listing.pageToken } : {}),
    };
    if (listing.kind === 'sync' && state.syncToken) params.syncToken = state.syncToken;
    else {
      if (listing.timeMin) params.timeMin = listing.timeMin;
      if (listing.timeMax) params.timeMax = listing.timeMax;
      params.showDeleted = listing.showDeleted ?? false;
    }
    const res = await this.api.events.list(params);
    return res.data;
  }

  private widerWindow(window: CalendarWindow): CalendarWindow | undefined {
    const now = this.options.now?.() ?? new Date();
    return extendedWindow(window, now, this.options.extendEveryMs ?? DAY_MS);
  }

  /** One call, waiting out 429 / rate-limit 403 (Retry-After, else 1 s doubling), retrying 5xx and dropped connections twice. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (e) {
        const status = httpStatus(e);
        const body = (e as { response?: { data?: unknown } }).response?.data;
        const oauthError = typeof (body as { error?: unknown } | undefined)?.error === 'string';
        const retryable =
          isRateLimit(status, body) ||
          (status !== undefined && status >= 500 && attempt < 2) ||
          (status === undefined && !oauthError && attempt < 2);
        if (!oauthError && retryable && attempt < MAX_ATTEMPTS - 1) {
          await this.wait(retryAfterMs(header(e, 'retry-after'), 1000 * 2 ** attempt), e);
          continue;
        }
        throw e;
      }
    }
  }

  private async wait(ms: number, cause: unknown): Promise<void> {
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    if (this.waitedMs + ms > cap)
      throw new MailSourceError('rate_limited', `Google Calendar asked to wait ${ms} ms`, ms, { cause });
    this.waitedMs += ms;
    await this.sleep(ms);
  }

  private failure(e: unknown): MailSourceError {
    const body = (e as { response?: { data?: unknown } } | undefined)?.response?.data;
    const details = JSON.stringify(body ?? '');
    if (
      httpStatus(e) === 403 &&
      (SCOPE_REASONS.includes(reason(body) ?? '') || SCOPE_REASONS.some((r) => details.includes(r)))
    )
      return new CalendarConsentMissing('Google', GOOGLE_CALENDAR_SCOPE, { cause: e });
    return gmailError(e);
  }
}
