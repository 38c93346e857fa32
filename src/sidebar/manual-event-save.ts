import { indexEventContext } from '../events/event-index';
import { eventKey } from '../events/event-key';
import { savedRule } from '../events/event-saved-rule';
import type { CalendarEvent, EventContext, SavedEvent } from '../events/event-types';
import { readEvent } from '../events/read-event';

// event-rules.md section 6: a rep may save any event they take part in by hand, linked to the records they pick;
// only rule 6's `unchanged` (saved already and not changed since, or an older copy) refuses. An event saved before
// with another fingerprint is updated rather than saved a second time: one meeting, one CRM event.

export type ManualEventSave =
  | { allowed: true; action: 'save' | 'update' }
  | { allowed: false; reason: 'invalid_event' | 'unchanged' | 'cancelled'; why: string };

export function manualEventSave(event: CalendarEvent, savedEvents: readonly SavedEvent[]): ManualEventSave {
  const read = readEvent(event);
  if (!read.ok)
    return {
      allowed: false,
      reason: 'invalid_event',
      why: `This event cannot be saved: ${read.problems.join('; ')}.`,
    };
  const key = eventKey(event);
  // Rule 6 reads the saved events alone; the index reads a partial context leniently.
  const partial: Partial<EventContext> = { savedEvents: [...savedEvents] };
  const events = indexEventContext(partial as EventContext);
  const verdict = savedRule(read.event, key, events);
  if (verdict.result.skip === 'unchanged')
    return {
      allowed: false,
      reason: 'unchanged',
      why: 'It is already saved in the CRM and has not changed since: one meeting is one CRM event for the whole company.',
    };
  if (verdict.cancel || verdict.result.skip === 'cancelled')
    return {
      allowed: false,
      reason: 'cancelled',
      why: verdict.cancel
        ? 'It was cancelled: the next sync marks its CRM event cancelled (it is never deleted).'
        : 'It was cancelled, so there is nothing to save.',
    };
  return { allowed: true, action: events.saved.has(key) ? 'update' : 'save' };
}
