// The checks every CRM's event writes share: what a writable event is, and the cancelled subject (event-rules.md
// section 4: `Cancelled: ` before the subject, once).
import { parseIsoDateTime } from '../../src';
import type { NewCrmEvent } from './crm-adapter';

const WHO_KINDS = new Set(['contact', 'lead']);
const WHAT_KINDS = new Set(['opportunity', 'account']);

export const CANCELLED_PREFIX = 'Cancelled: ';

/** The cancelled subject: `Cancelled: …` once, whatever was given. */
export function cancelledSubject(subject: string): string {
  return subject.startsWith(CANCELLED_PREFIX) ? subject : `${CANCELLED_PREFIX}${subject}`;
}

/** What every event write carries (new events add the owner and origin). */
export type EventContent = Omit<NewCrmEvent, 'ownerId' | 'origin'>;

/** Why an event cannot be written, or undefined. Shared with the Salesforce adapter. */
export function eventError(item: EventContent): string | undefined {
  if (!item || typeof item !== 'object') return 'Not an event';
  if (typeof item.key !== 'string' || item.key.trim() === '') return 'An event needs its key';
  if (typeof item.subject !== 'string' || typeof item.body !== 'string')
    return 'Subject and body must be text';
  const start = parseIsoDateTime(item.start);
  const end = parseIsoDateTime(item.end);
  if (start === null) return `Invalid start "${String(item.start)}"`;
  if (end === null) return `Invalid end "${String(item.end)}"`;
  if (end < start) return 'The event ends before it starts';
  if (typeof item.fingerprint !== 'string' || !Number.isInteger(item.sequence))
    return 'An event needs its fingerprint and sequence';
  if (!Array.isArray(item.who)) return 'who must be a list of contacts and leads';
  const badWho = item.who.find((r) => !r || !WHO_KINDS.has(r.kind) || typeof r.id !== 'string');
  if (badWho) return `who can only hold contacts and leads (got ${String(badWho?.kind)})`;
  if (item.what && (!WHAT_KINDS.has(item.what.kind) || typeof item.what.id !== 'string'))
    return `what must be an opportunity or an account (got ${String(item.what.kind)})`;
  if (!Array.isArray(item.invitees) || item.invitees.some((u) => typeof u !== 'string'))
    return 'invitees must be a list of CRM user ids';
  return undefined;
}
