import type { RecordRef } from '../../../src';

// What the calendar engine asks of the CRM, in batches: the port the CRM adapter's event calls are reached through
// (calendar-crm.ts bridges it to CrmAdapter). Every call is safe to repeat — the engine writes to the CRM before it
// records, and a crash between the two repeats the write at the next run: a save of a key written before answers
// that event's id instead of making a second one; an update or a cancel writes the same again.

export interface EventWrite {
  /** eventKey(event): one meeting, one CRM event for the organisation. */
  key: string;
  subject: string;
  body: string;
  start: string;
  end: string;
  allDay: boolean;
  location?: string;
  /** The CRM user who owns it (event-rules.md section 5). */
  ownerId: string;
  who: RecordRef[];
  what?: RecordRef;
  /** CRM users of colleagues invited: it shows in their calendars too. */
  invitees: string[];
  fingerprint: string;
  sequence: number;
}

export interface EventCancel {
  key: string;
  crmEventId: string;
  subject: string;
  fingerprint: string;
  sequence: number;
}

export type EventWriteResult = { ok: true; id: string } | { ok: false; error: string };

export interface EventWriter {
  save(items: EventWrite[]): Promise<EventWriteResult[]>;
  update(items: (EventWrite & { crmEventId: string })[]): Promise<EventWriteResult[]>;
  /** Marks cancelled with this subject (prefixed `Cancelled: ` where it is not yet), never deleted. */
  cancel(items: EventCancel[]): Promise<EventWriteResult[]>;
}
