import type { CalendarEvent, MailMessage } from '../../src';
import type { CalendarChange } from './calendar-source';
import { emlToMessage } from './eml-to-message';
import { ICS_LIMITS } from './ics-bounds';
import { readIcs, type IcsEvents, type IcsWindow } from './ics-read';

// The invitations an email carries: its text/calendar parts (the alternative Outlook and Google put beside the
// text) and .ics attachments (application/ics), each read by readIcs. Outlook sends the same file both ways; the
// copies give the same events, and one batch keeps one change per event (newest SEQUENCE).

type Attachment = NonNullable<MailMessage['attachments']>[number];

const MAX_REASONS = 20;
const MAX_REASON_CHARS = 300;

const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics', 'text/x-vcalendar']);

export function isCalendarPart(attachment: Pick<Attachment, 'contentType' | 'name'>): boolean {
  const type = attachment.contentType.toLowerCase();
  return (
    CALENDAR_TYPES.has(type) ||
    (type === 'application/octet-stream' && attachment.name.toLowerCase().endsWith('.ics'))
  );
}

/** Whether a message may hold an invitation: unknown when its attachments were not listed (a header-only read). */
export function mayHoldInvitation(message: MailMessage): boolean {
  return message.attachments === undefined || message.attachments.some(isCalendarPart);
}

/** The events of a message whose attachments carry their content (base64). Never throws. */
export function messageInvitationEvents(message: MailMessage, window: IcsWindow): IcsEvents {
  const parts = (message.attachments ?? []).filter(isCalendarPart);
  const result: IcsEvents = { events: [], skipped: [] };
  if (parts.length > ICS_LIMITS.maxParts)
    result.skipped.push(`only the first ${ICS_LIMITS.maxParts} of ${parts.length} calendar parts read`);
  const fallbacks = { from: message.from.address ? message.from : undefined, sentAt: message.sentAt };
  for (const part of parts.slice(0, ICS_LIMITS.maxParts)) {
    // base64 is 4/3 of the bytes: a part too large to read is refused before it is decoded.
    if (part.content === undefined || part.content.length > (ICS_LIMITS.maxChars * 4) / 3 + 4) {
      result.skipped.push(`${part.name}: ${part.content === undefined ? 'content not read' : 'too large'}`);
      continue;
    }
    const text = Buffer.from(part.content, 'base64').toString('utf8');
    const read = readIcs(text, window, fallbacks);
    const room = ICS_LIMITS.maxEventsPerMessage - result.events.length;
    result.events.push(...read.events.slice(0, room));
    result.skipped.push(...read.skipped.map((reason) => `${part.name}: ${reason}`));
  }
  // Reasons quote the file (UIDs, names): a hostile one does not make long log lines.
  const skipped = result.skipped.slice(0, MAX_REASONS).map((reason) => reason.slice(0, MAX_REASON_CHARS));
  return { events: result.events, skipped };
}

/** The events of an RFC 5322 message (a .eml file, a Maildir file, an IMAP body). Never throws. */
export async function emlInvitationEvents(source: Buffer | string, window: IcsWindow): Promise<IcsEvents> {
  let message: MailMessage;
  try {
    message = await emlToMessage(source, 'inbox', { files: true });
  } catch (error) {
    return {
      events: [],
      skipped: [`unreadable message: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  return messageInvitationEvents(message, window);
}

/** `uid|recurrenceId`, or the uid of a single event: the provider's id of an invitation's event. */
export function invitationSourceId(event: CalendarEvent): string {
  return event.recurrenceId === undefined ? event.uid : `${event.uid}|${event.recurrenceId}`;
}

function isNewer(candidate: CalendarEvent, kept: CalendarEvent): boolean {
  if (candidate.sequence !== kept.sequence) return candidate.sequence > kept.sequence;
  const a = Date.parse(candidate.updatedAt);
  const b = Date.parse(kept.updatedAt);
  // Same SEQUENCE and stamp (or none readable): the one read later (delivered later) wins.
  return Number.isNaN(a) || Number.isNaN(b) || a >= b;
}

/** One change per event, the newest SEQUENCE (then the latest stamp, then the latest read) winning. */
export function newestChanges(events: CalendarEvent[]): CalendarChange[] {
  const kept = new Map<string, CalendarEvent>();
  for (const event of events) {
    const id = invitationSourceId(event);
    const before = kept.get(id);
    if (!before || isNewer(event, before)) kept.set(id, event);
  }
  return [...kept].map(([sourceId, event]) => ({ kind: 'event', sourceId, event }));
}
