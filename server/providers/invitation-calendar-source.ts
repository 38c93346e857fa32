import type { CalendarEvent } from '../../src';
import type { CalendarBatch, CalendarCursor, CalendarSource } from './calendar-source';
import { messageInvitationEvents, mayHoldInvitation, newestChanges } from './invitation-events';
import type { MailCursor, MailSource } from './mail-source';

// The calendar of a mailbox that has no calendar API (IMAP, Maildir): the invitations that arrive in it. It walks
// the mailbox with a MailSource of its own, through the same folders and in the same order as the mail sync, under
// its own cursor (the mail cursor it wraps, the connection time and the horizon), and reads the calendar parts of
// each message. A series is expanded from the connection to `horizonDays` after the time of reading.
//
// `limit` bounds the messages read per call: one invitation may give several changes (a series' occurrences).
// Cancellations are events with status `cancelled` (rule 6 decides them); this source never reports removals.

const DAY_MS = 24 * 60 * 60 * 1000;

interface InvitationCursor {
  connectedAt: string;
  horizonDays: number;
  mail: MailCursor;
}

function parseCursor(cursor: CalendarCursor): InvitationCursor {
  const connectedAt = typeof cursor.connectedAt === 'string' ? Date.parse(cursor.connectedAt) : NaN;
  const { horizonDays, mail } = cursor;
  if (Number.isNaN(connectedAt) || typeof mail !== 'object' || mail === null) {
    throw new TypeError('invitation calendar cursor is not one: make a new one with initialCursor()');
  }
  return {
    connectedAt: new Date(connectedAt).toISOString(),
    horizonDays: typeof horizonDays === 'number' && Number.isFinite(horizonDays) ? horizonDays : 30,
    // The very object the mail source returned: the Maildir source continues a backlog from it.
    mail: mail as MailCursor,
  };
}

export class InvitationCalendarSource implements CalendarSource {
  constructor(
    private readonly mail: MailSource,
    private readonly options: { now?: () => Date } = {},
  ) {}

  async initialCursor(connectedAt: Date, horizonDays: number): Promise<CalendarCursor> {
    const mail = await this.mail.initialCursor(connectedAt);
    return { connectedAt: connectedAt.toISOString(), horizonDays, mail };
  }

  async changes(stored: CalendarCursor, options: { limit?: number } = {}): Promise<CalendarBatch> {
    const cursor = parseCursor(stored);
    const batch = await this.mail.fetchChanges(cursor.mail, options);
    const now = (this.options.now ?? (() => new Date()))().getTime();
    const window = { startMs: Date.parse(cursor.connectedAt), endMs: now + cursor.horizonDays * DAY_MS };
    const events: CalendarEvent[] = [];
    const skipped: string[] = [];
    for (const message of batch.messages) {
      if (!mayHoldInvitation(message)) continue;
      // The attachments with their content: IMAP kept the message's source, Maildir reads its file again.
      const whole = batch.withBody ? await batch.withBody(message) : message;
      const read = messageInvitationEvents(whole, window);
      events.push(...read.events);
      skipped.push(...read.skipped.map((reason) => `${message.internetMessageId || 'a message'}: ${reason}`));
    }
    return {
      changes: newestChanges(events),
      cursor: { connectedAt: cursor.connectedAt, horizonDays: cursor.horizonDays, mail: batch.cursor },
      more: batch.more,
      ...(skipped.length > 0 && { skipped }),
    };
  }

  async close(): Promise<void> {
    await this.mail.close();
  }
}
