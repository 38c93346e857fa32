import { normalizeAddress } from '../addresses/normalize';
import { decideEventAutoshare } from '../events/decide-event';
import { eventKey } from '../events/event-key';
import { eventParticipants } from '../events/event-participants';
import type { CalendarEvent, EventContext } from '../events/event-types';
import { indexContext } from '../rules/context-index';
import type { RecordRef } from '../types';
import { eventAutoshareLine } from './event-autoshare-line';
import { manualEventSave } from './manual-event-save';
import type { MeetingExtras, MeetingRole, MeetingView } from './meeting-types';
import { readableTrace } from './readable-trace';
import { recordKey } from './record-key';
import { namesOf, sidebarPeople, traceRefs, unnamedRecord, type ViewParticipant } from './sidebar-people';

// event-rules.md section 6, for both sidebars: the open meeting's participants with their records (as for an email,
// through the same sidebarPeople), rooms and equipment named apart and never as people, what autosharing will do
// with it and why (decideEventAutoshare, the sync's own decision), where it was saved and by whom, and whether a rep
// may save it by hand. Pure: the server gives the context, the records' names and the ledger's entry.

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Section 2's participants, with the names the event gives them (rooms and equipment never). */
function participantsOf(event: CalendarEvent): ViewParticipant<MeetingRole>[] {
  const attendees: unknown[] = Array.isArray(event?.attendees) ? event.attendees : [];
  const names = new Map<string, string>();
  for (const entry of [event?.organizer, ...attendees]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { address, name } = entry as { address?: unknown; name?: unknown };
    const key = normalizeAddress(address);
    if (typeof name === 'string' && name.trim() !== '' && !names.has(key)) names.set(key, name.trim());
  }
  return eventParticipants(event?.organizer, attendees).map((p) => {
    const name = names.get(p.address);
    return { address: p.address, given: p.given, field: p.role, ...(name ? { name } : {}) };
  });
}

/** Rooms and equipment, by name (their address when unnamed), each once. */
function resourcesOf(event: CalendarEvent): string[] {
  const attendees: unknown[] = Array.isArray(event?.attendees) ? event.attendees : [];
  const seen = new Set<string>();
  const names: string[] = [];
  for (const entry of attendees) {
    if (typeof entry !== 'object' || entry === null) continue;
    const a = entry as { address?: unknown; name?: unknown; type?: unknown };
    if (a.type !== 'resource') continue;
    const address = normalizeAddress(a.address);
    if (seen.has(address)) continue;
    seen.add(address);
    names.push(text(a.name).trim() || text(a.address).trim());
  }
  return names.filter((n) => n !== '');
}

export function buildMeetingView(
  event: CalendarEvent,
  ctx: EventContext,
  extras: MeetingExtras = {},
): MeetingView {
  const index = indexContext(ctx);
  const decision = decideEventAutoshare(event, ctx);
  const name = (kind: string, id: string): string =>
    extras.details?.[`${kind}:${id}`]?.name ?? unnamedRecord(kind);
  const { people, suggestions, hiddenBlacklisted, pickable } = sidebarPeople(
    participantsOf(event),
    index,
    extras,
    new Set(decision.who.map(recordKey)),
    ctx?.user?.crmUserId,
  );
  const createRefs = decision.create.map((c): RecordRef => ({ kind: 'account', id: c.accountId }));
  const savedEvents = Array.isArray(ctx?.savedEvents) ? ctx.savedEvents : [];
  const manual = manualEventSave(event, savedEvents);
  const key = eventKey(event);
  const location = text(event?.location).trim();
  return {
    key,
    kind: decision.kind,
    subject: text(event?.subject),
    start: text(event?.start),
    end: text(event?.end),
    allDay: event?.allDay === true,
    ...(location ? { location } : {}),
    cancelled: event?.status === 'cancelled',
    people,
    suggestions,
    hiddenBlacklisted,
    resources: resourcesOf(event),
    alreadySaved: extras.saved !== undefined || savedEvents.some((s) => s?.key === key),
    ...(extras.saved ? { saved: extras.saved } : {}),
    manualSave: manual.allowed ? manual : { allowed: false, why: manual.why },
    pickable,
    names: namesOf([...traceRefs(decision, people), ...(extras.saved?.links ?? []), ...createRefs], name),
    autoshare: {
      decision,
      line: eventAutoshareLine(decision, name),
      trace: readableTrace(decision, [...traceRefs(decision, people), ...createRefs], name),
      willSave: decision.action !== 'skip',
    },
  };
}
