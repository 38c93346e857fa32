// How one CRM event becomes Salesforce records: an Event (timed: StartDateTime and EndDateTime; all-day:
// IsAllDayEvent with ActivityDate and DurationInMinutes, as the Object Reference's Event page asks) and, with
// Shared Activities, EventRelation rows: the people after the first (IsParent, not invitees) and the colleagues
// invited (IsInvitee, RelationId the user). A recurring series arrives as occurrences, each an event of its own.
import type { CrmEventUpdate, NewCrmEvent } from '../crm-adapter';
import { activityLinks, clip } from './activity-records';
import { formatEventState } from './event-fields';

// Documented lengths (Object Reference, Event): Subject and Location 255, Description 32,000.
const TEXT_MAX = 255;
const LONG_TEXT_MAX = 32_000;
const DAY_MS = 86_400_000;
/** Salesforce refuses an event longer than this (multiday events: DurationInMinutes at most 20,160). */
export const MAX_EVENT_DAYS = 14;

type EventContent = Omit<NewCrmEvent, 'ownerId' | 'origin' | 'key'>;

/** The Event fields of an event's content and times (no links, no owner). */
export function eventFields(item: EventContent, stateField: string | undefined): Record<string, unknown> {
  const cut = cutShort(item);
  const rec: Record<string, unknown> = {
    Subject: clip(item.subject || 'Meeting', TEXT_MAX),
    Description: clip(cut ? `${cut}\n\n${item.body}` : item.body, LONG_TEXT_MAX),
    Location: item.location ? clip(item.location, TEXT_MAX) : null,
    ShowAs: item.showAs === 'free' ? 'Free' : 'Busy',
    ...eventTimes(item),
  };
  if (stateField) rec[stateField] = formatEventState(item.sequence, item.fingerprint);
  return rec;
}

/**
 * All-day: the first date as given (the calendar's own date, before any offset) and whole days; otherwise the two
 * instants in UTC. An event longer than Salesforce takes is written for its first 14 days (see cutShort).
 */
export function eventTimes(item: Pick<EventContent, 'start' | 'end' | 'allDay'>): Record<string, unknown> {
  const start = Date.parse(item.start);
  const end = Math.min(Date.parse(item.end), start + MAX_EVENT_DAYS * DAY_MS);
  if (item.allDay) {
    const date = /^\d{4}-\d{2}-\d{2}/.exec(item.start)?.[0] ?? new Date(start).toISOString().slice(0, 10);
    const days = Math.max(1, Math.round((end - start) / DAY_MS));
    return { IsAllDayEvent: true, ActivityDate: date, DurationInMinutes: days * 1440 };
  }
  return {
    IsAllDayEvent: false,
    StartDateTime: new Date(start).toISOString(),
    EndDateTime: new Date(end).toISOString(),
  };
}

/** The line that says when an event longer than Salesforce takes really ends (undefined when it fits). */
export function cutShort(item: Pick<EventContent, 'start' | 'end' | 'allDay'>): string | undefined {
  const start = Date.parse(item.start);
  const end = Date.parse(item.end);
  if (!(end - start > MAX_EVENT_DAYS * DAY_MS)) return undefined;
  // All-day: the last day, from the calendar's own end date as written (the end is the midnight after it).
  const endDate = /^\d{4}-\d{2}-\d{2}/.exec(item.end)?.[0];
  const until = item.allDay
    ? new Date(Date.parse(`${endDate ?? new Date(end).toISOString().slice(0, 10)}T00:00:00Z`) - DAY_MS)
        .toISOString()
        .slice(0, 10)
    : new Date(end)
        .toISOString()
        .replace(/:\d{2}\.\d{3}Z$/, ' UTC')
        .replace('T', ' ');
  return `Runs until ${until}: Salesforce keeps the first ${MAX_EVENT_DAYS} days of an event.`;
}

/** A new Event: content, key, owner, the primary person (WhoId) and the related record (WhatId). */
export function eventRecord(
  item: NewCrmEvent,
  keyField: string | undefined,
  stateField: string | undefined,
): Record<string, unknown> {
  const { primary, what } = activityLinks(item);
  const rec = eventFields(item, stateField);
  if (keyField) rec[keyField] = item.key;
  if (item.ownerId) rec.OwnerId = item.ownerId;
  if (primary) rec.WhoId = primary.id;
  if (what) rec.WhatId = what.id;
  return rec;
}

export interface ExistingRelations {
  /** RelationIds of the event's people (IsParent), invitees and related record (IsWhat). */
  people: Set<string>;
  invitees: Set<string>;
  hasWhat: boolean;
}

const NONE: ExistingRelations = { people: new Set(), invitees: new Set(), hasWhat: false };

/**
 * EventRelation rows an event lacks: its people after the primary one (a new event's WhoId makes that row itself),
 * then its invitees, the owner never among them. An event has up to 50 contacts or one lead: a person is added only
 * where that still holds.
 */
export function eventRelations(
  item: Pick<NewCrmEvent, 'who' | 'what' | 'invitees'> & { ownerId?: string },
  eventId: string,
  existing: ExistingRelations = NONE,
  primaryWritten = true,
): Record<string, unknown>[] {
  const { primary, others } = activityLinks(item);
  const wanted = [...(primaryWritten || !primary ? [] : [primary]), ...others];
  const people = [...existing.people, ...(primaryWritten && primary ? [primary.id] : [])];
  const rows: Record<string, unknown>[] = [];
  for (const ref of wanted) {
    if (existing.people.has(ref.id)) continue;
    const leads = [...people, ref.id].filter((id) => id.startsWith('00Q')).length;
    if ((leads > 0 && people.length > 0) || people.length >= 50) continue;
    people.push(ref.id);
    rows.push({ EventId: eventId, RelationId: ref.id, IsParent: true, IsWhat: false, IsInvitee: false });
  }
  for (const userId of new Set(item.invitees)) {
    if (!userId || userId === item.ownerId || existing.invitees.has(userId)) continue;
    rows.push({ EventId: eventId, RelationId: userId, IsParent: false, IsWhat: false, IsInvitee: true });
  }
  return rows;
}

/** The fields an update sets: content and times always; WhoId and WhatId only where the event has none. */
export function eventUpdateFields(
  item: CrmEventUpdate,
  existing: ExistingRelations,
  stateField: string | undefined,
): Record<string, unknown> {
  const rec = eventFields(item, stateField);
  if (item.ownerId) rec.OwnerId = item.ownerId;
  const { primary, what } = activityLinks(item);
  if (primary && existing.people.size === 0) rec.WhoId = primary.id;
  const hasLead = [...existing.people].some((id) => id.startsWith('00Q')) || primary?.kind === 'lead';
  if (what && !existing.hasWhat && !hasLead) rec.WhatId = what.id;
  return rec;
}
