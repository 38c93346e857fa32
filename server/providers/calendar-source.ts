// What a calendar looks like to the sync engine, as MailSource is for a mailbox: a cursor, and what changed since
// it. Each provider turns its own shapes into the core's CalendarEvent (src/events/event-types.ts, as
// shared/spec/event-rules.md section 1 and 2 define it: all-day events as midnight to midnight, occurrences of a
// series expanded, each with its recurrenceId); the engine stores the cursor, decides each event
// (decideEventAutoshare), records, and only then stores the new cursor, as for mail.
import type { CalendarEvent } from '../../src';

/** Opaque, JSON-serialisable position in a calendar (a delta link, a sync token, a mailbox's UID position…). */
export type CalendarCursor = Record<string, unknown>;

/**
 * One change since the cursor. `sourceId` is the provider's own id of the event or occurrence (Graph event id,
 * Google event id, or for an invitation read from mail `uid|recurrenceId`): stable across changes, so a removal that
 * carries only the id (Graph `@removed`, a Google event gone with `showDeleted`) can be matched by the engine to the
 * key it saved under (its ledger keeps sourceId → eventKey).
 */
export type CalendarChange =
  { kind: 'event'; sourceId: string; event: CalendarEvent } | { kind: 'removed'; sourceId: string };

export interface CalendarBatch {
  changes: CalendarChange[];
  /** Where the next call starts; store it only after the batch has been recorded. */
  cursor: CalendarCursor;
  /** True when the source has more right away (a page limit was reached). */
  more: boolean;
  /** What was read but gave no event, and why (a malformed invitation), for the engine's log. */
  skipped?: string[];
}

/**
 * Change notifications for a calendar (a Graph subscription on its events, a Google Calendar channel), kept by the
 * calendar's runs rather than by a timer of its own: each run while calendars are shared calls `keep`, which renews
 * or replaces what is due within a day; the runs come far more often than that. A notification brings the
 * mailbox's next run forward, as for mail.
 */
export interface CalendarPush {
  /** Makes sure a live subscription exists (one call to the provider only when one is missing or due). */
  keep(): Promise<void>;
  /** Ends it at the provider, best effort, and forgets it (calendar sharing turned off). */
  stop(): Promise<void>;
}

export interface CalendarSource {
  /**
   * The cursor for a calendar connected at `connectedAt`, reading from there to `horizonDays` ahead: events that
   * ended before the connection are never read (event-rules.md rule 5 would skip them anyway).
   */
  initialCursor(connectedAt: Date, horizonDays: number): Promise<CalendarCursor>;
  /** What changed since `cursor`, at most `limit` changes; fails with a MailSourceError, as a MailSource does. */
  changes(cursor: CalendarCursor, options?: { limit?: number }): Promise<CalendarBatch>;
  close(): Promise<void>;
  /** Present where the provider notifies changes and this server is set to hear them. */
  push?: CalendarPush;
}
