/**
 * The primary calendar of a Microsoft 365 mailbox through Graph's calendarView delta
 * (https://learn.microsoft.com/en-us/graph/api/event-delta): occurrences expanded, a window from the connection to the
 * horizon, pages followed through @odata.nextLink, the @odata.deltaLink kept as the cursor, `@removed` items given as
 * removals by id.
 *
 * Starting again: a delta link Graph no longer honours (410 Gone, syncStateNotFound, resyncRequired:
 * graph-sync-state.ts) and a window extended as the horizon moves both begin a new round, which lists every event of
 * the window; calendar-replay.ts keeps the source from repeating those that did not change since the last round.
 *
 * Consent: tokens are asked for Calendars.Read alone, so mail is untouched when a mailbox connected before that scope
 * was in the consent cannot have one; the calendar then fails with CalendarConsentMissing (kind `auth`).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
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
import type { GraphTokenProvider } from './graph-auth';
import { createGraphClient, GRAPH_BASE_URL, linkPath } from './graph-client';
import { apiError, graphStatus, retryAfterMs } from './graph-errors';
import { graphCalendarPush, type GraphCalendarPushOptions } from './graph-calendar-push';
import { graphToCalendarEvent, type GraphEvent } from './graph-event';
import { syncStateLost } from './graph-sync-state';

export interface GraphCalendarSourceOptions {
  /** Tokens for Calendars.Read (graphTokenProvider with GRAPH_CALENDAR_SCOPES). */
  tokens: GraphTokenProvider;
  baseUrl?: string;
  /** Delta page size asked with `Prefer: odata.maxpagesize` (default 50). */
  pageSize?: number;
  /** Longest total wait for Retry-After within one call of `changes` (default 30 s). */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** How far the horizon moves before the window is extended (default one day). */
  extendEveryMs?: number;
  /** How far before now an extended window starts, never before the connection (default 7 days). */
  lookBackMs?: number;
  /** Change notifications on the calendar's events (absent: polled only). */
  push?: GraphCalendarPushOptions;
}

interface GraphCalendarCursor {
  v: 1;
  provider: 'graph-calendar';
  window: CalendarWindow;
  /** The round's nextLink while it is under way, its deltaLink once it completed; absent: start a round. */
  link?: string;
  /** True when `link` is a deltaLink. */
  complete?: boolean;
  memory: ReplayMemory;
}

const MAX_ATTEMPTS = 6;
const DAY_MS = 86_400_000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readCursor(cursor: CalendarCursor): GraphCalendarCursor {
  const c = cursor as Partial<GraphCalendarCursor>;
  if (c.v !== 1 || c.provider !== 'graph-calendar' || !isWindow(c.window))
    throw new MailSourceError('not_found', 'Not a Microsoft 365 calendar cursor');
  return {
    v: 1,
    provider: 'graph-calendar',
    window: { ...c.window },
    ...(typeof c.link === 'string' ? { link: c.link } : {}),
    ...(c.complete ? { complete: true } : {}),
    memory: readMemory(c.memory),
  };
}

type DeltaPage = { value?: GraphEvent[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

export class GraphCalendarSource implements CalendarSource {
  readonly push?: CalendarPush;
  private readonly client: Client;
  private readonly baseUrl: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private authFailure: unknown;
  private waitedMs = 0;

  constructor(private readonly options: GraphCalendarSourceOptions) {
    this.baseUrl = options.baseUrl ?? GRAPH_BASE_URL;
    this.sleep = options.sleep ?? defaultSleep;
    this.client = createGraphClient(
      {
        getAccessToken: async (o) => {
          try {
            return await options.tokens.getAccessToken(o);
          } catch (e) {
            this.authFailure = e;
            throw e;
          }
        },
      },
      this.baseUrl,
    );
    if (options.push) this.push = graphCalendarPush(this.client, options.push);
  }

  async initialCursor(connectedAt: Date, horizonDays: number): Promise<CalendarCursor> {
    const cursor: GraphCalendarCursor = {
      v: 1,
      provider: 'graph-calendar',
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
      let page: DeltaPage;
      try {
        page = (await this.call(() => this.deltaRequest(state, limit - changes.length))) as DeltaPage;
      } catch (e) {
        if (syncStateLost(e) && restarts++ < 2) {
          restartListing(state.memory);
          delete state.link;
          delete state.complete;
          continue;
        }
        throw this.failure(e);
      }
      for (const item of page.value ?? []) this.take(item, state.memory, changes);
      const next = page['@odata.nextLink'];
      const delta = page['@odata.deltaLink'];
      if (next) {
        state.link = next;
        delete state.complete;
        if (changes.length >= limit) return { changes, cursor: { ...state }, more: true };
        continue;
      }
      if (delta) {
        state.link = delta;
        state.complete = true;
        completeRound(state.memory);
        // The round is complete (nothing deleted meanwhile is missed): move the window if the horizon has.
        const wider = extended ? undefined : this.widerWindow(state.window);
        if (wider) {
          extended = true;
          restartListing(state.memory, state.window.end);
          state.window = wider;
          delete state.link;
          delete state.complete;
          if (changes.length >= limit) return { changes, cursor: { ...state }, more: true };
          continue;
        }
      }
      return { changes, cursor: { ...state }, more: false };
    }
  }

  async close(): Promise<void> {}

  /** A new round starts on a moved window (only what changed, and what the horizon newly reaches, is given). */
  private widerWindow(window: CalendarWindow): CalendarWindow | undefined {
    const now = this.options.now?.() ?? new Date();
    return extendedWindow(
      window,
      now,
      this.options.extendEveryMs ?? DAY_MS,
      this.options.lookBackMs ?? 7 * DAY_MS,
    );
  }

  private take(item: GraphEvent, memory: ReplayMemory, changes: CalendarChange[]): void {
    if (item['@removed']) {
      forgetGiven(memory, item.id);
      changes.push({ kind: 'removed', sourceId: item.id });
      return;
    }
    const modified = item.lastModifiedDateTime ?? undefined;
    const event = graphToCalendarEvent(item);
    if (!event) return;
    if (alreadyGiven(memory, item.id, modified, event.start)) return;
    noteGiven(memory, item.id, modified);
    changes.push({ kind: 'event', sourceId: item.id, event });
  }

  private deltaRequest(state: GraphCalendarCursor, room: number) {
    const size = Math.max(1, Math.min(this.options.pageSize ?? 50, room));
    const prefer = [
      `odata.maxpagesize=${size}`,
      'outlook.timezone="UTC"',
      'outlook.body-content-type="text"',
    ].join(', ');
    if (state.link) return this.client.api(linkPath(state.link, this.baseUrl)).header('Prefer', prefer).get();
    return this.client
      .api('/me/calendarView/delta')
      .header('Prefer', prefer)
      .query({ startDateTime: state.window.start, endDateTime: state.window.end })
      .get();
  }

  /** One Graph call, honouring Retry-After on 429/503 within the wait budget, retrying 5xx and dropped connections twice. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.authFailure = undefined;
      try {
        return await run();
      } catch (e) {
        if (this.authFailure !== undefined) throw this.authFailure;
        const status = graphStatus(e);
        const header = (e as { headers?: { get(n: string): string | null } }).headers?.get('retry-after');
        const retryable =
          status === 429 ||
          (status !== undefined && status >= 500 && (header || attempt < 2)) ||
          (status === undefined && attempt < 2);
        if (retryable && attempt < MAX_ATTEMPTS - 1) {
          await this.wait(retryAfterMs(header, 1000 * 2 ** attempt), e);
          continue;
        }
        throw e;
      }
    }
  }

  private async wait(ms: number, cause: unknown): Promise<void> {
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    if (this.waitedMs + ms > cap)
      throw new MailSourceError('rate_limited', `Microsoft Graph asked to wait ${ms} ms`, ms, { cause });
    this.waitedMs += ms;
    await this.sleep(ms);
  }

  private failure(e: unknown): MailSourceError {
    const error = apiError(e);
    // No consent to Calendars.Read: the token endpoint answers AADSTS65001 (consent_revoked here), Graph a 403.
    if (error.kind === 'consent_revoked')
      return new CalendarConsentMissing('Microsoft 365', 'Calendars.Read', { cause: e });
    return error;
  }
}
