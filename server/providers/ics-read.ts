import type { CalendarEvent } from '../../src';
import { ical, type IcalComponent, type IcalEvent, type IcalTime } from './ical-module';
import { ICS_LIMITS, outOfBounds } from './ics-bounds';
import { withCandidateBudget } from './ics-recurrence-guard';
import { instantMs, zonedTime } from './ics-time';
import { veventToEvent, type InvitationMethod, type MessageFallbacks } from './ics-vevent';

// One calendar file of an invitation (RFC 5546 iTIP over RFC 5545) as the core's events: REQUEST (and PUBLISH, read
// the same way) gives the events as the organizer sent them, CANCEL gives them cancelled; REPLY, COUNTER, REFRESH
// and the rest are answers between calendars and give nothing. One event per VEVENT (UID, RECURRENCE-ID); a series
// (RRULE, RDATE) is expanded into its occurrences within the window, EXDATEs left out and overrides (VEVENTs of the
// same UID with a RECURRENCE-ID) taking their occurrence's place, as event-rules.md section 1 wants occurrences.
// Never throws: whatever cannot be read is a reason in `skipped`.

export interface IcsWindow {
  /** Epoch ms: occurrences that ended before it are not expanded (the connection). */
  startMs: number;
  /** Epoch ms: occurrences that start after it are not expanded (the horizon). */
  endMs: number;
}

export interface IcsEvents {
  events: CalendarEvent[];
  /** Why some or all of the file gave no event, for the engine's log. */
  skipped: string[];
}

function methodOf(root: IcalComponent): InvitationMethod | string {
  const method = root.getFirstPropertyValue('method');
  const upper = typeof method === 'string' ? method.trim().toUpperCase() : '';
  if (upper === 'REQUEST' || upper === 'PUBLISH') return 'REQUEST';
  if (upper === 'CANCEL') return 'CANCEL';
  return upper === '' ? 'no METHOD: not an invitation' : `METHOD:${upper} is not read`;
}

function rootOf(text: string): IcalComponent | undefined {
  const I = ical();
  const parsed: unknown = I.parse(text);
  // One component parses to ['vcalendar', …]; several to a list of them.
  const roots = Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[]);
  const first = Array.isArray(roots)
    ? roots.find((r) => Array.isArray(r) && r[0] === 'vcalendar')
    : undefined;
  return first ? new I.Component(first as ConstructorParameters<typeof I.Component>[0]) : undefined;
}

function uidOf(vevent: IcalComponent): string | undefined {
  const uid = vevent.getFirstPropertyValue('uid');
  return typeof uid === 'string' && uid.trim() !== '' ? uid.trim() : undefined;
}

function instantOf(time: IcalTime, tzid: string | undefined): number | undefined {
  const zoned = zonedTime(time, tzid);
  return zoned && instantMs(zoned);
}

class Collector {
  readonly events: CalendarEvent[] = [];
  readonly skipped: string[] = [];
  constructor(
    private readonly method: InvitationMethod,
    private readonly fallbacks: MessageFallbacks,
  ) {}

  get full(): boolean {
    return this.events.length >= ICS_LIMITS.maxEventsPerMessage;
  }

  add(component: IcalComponent, uid: string, start: IcalTime, end: IcalTime, recurrenceId?: IcalTime): void {
    if (this.full) return;
    const times = recurrenceId ? { start, end, recurrenceId } : { start, end };
    const event = veventToEvent(component, uid, times, this.method, this.fallbacks);
    if (typeof event === 'string') this.skipped.push(`${uid}: ${event}`);
    else this.events.push(event);
  }
}

/**
 * The occurrences of a series within the window, each from its override when there is one. Past the bound, the
 * latest are kept: a series that ran since the connection keeps its coming occurrences.
 */
function expand(series: IcalEvent, uid: string, window: IcsWindow, out: Collector): void {
  const tzid = series.component.getFirstProperty('dtstart')?.getParameter('tzid');
  const zone = typeof tzid === 'string' ? tzid : undefined;
  const iterator = series.iterator();
  const utc = ical().Timezone.utcTimezone;
  const seen = new Set<string>();
  const kept: { component: IcalComponent; start: IcalTime; end: IcalTime; recurrenceId: IcalTime }[] = [];
  let steps = 0;
  let dropped = 0;
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (++steps > ICS_LIMITS.maxIterations) {
      out.skipped.push(`${uid}: series not expanded past ${ICS_LIMITS.maxIterations} steps`);
      break;
    }
    const original = instantOf(next, zone);
    if (original === undefined || original > window.endMs) break;
    const details = series.getOccurrenceDetails(next);
    const end = instantOf(details.endDate, zone);
    if (end === undefined || end < window.startMs) continue;
    seen.add(next.toString()).add(next.convertToZone(utc).toString());
    kept.push({
      component: details.item.component,
      start: details.startDate,
      end: details.endDate,
      recurrenceId: next,
    });
    if (kept.length > ICS_LIMITS.maxOccurrences) {
      kept.shift();
      dropped++;
    }
  }
  if (dropped > 0)
    out.skipped.push(`${uid}: the first ${dropped} occurrences left out, the last ${kept.length} kept`);
  for (const o of kept) out.add(o.component, uid, o.start, o.end, o.recurrenceId);
  // An override moved into the window from an occurrence outside it.
  for (const [id, override] of Object.entries(series.exceptions)) {
    if (seen.has(id)) continue;
    const start = instantOf(override.startDate, zone);
    const end = instantOf(override.endDate, zone);
    if (start !== undefined && end !== undefined && start <= window.endMs && end >= window.startMs)
      out.add(override.component, uid, override.startDate, override.endDate, override.recurrenceId);
  }
}

function readUid(uid: string, vevents: IcalComponent[], window: IcsWindow, out: Collector): void {
  const I = ical();
  const master = vevents.find((v) => !v.hasProperty('recurrence-id'));
  const overrides = vevents.filter((v) => v.hasProperty('recurrence-id'));
  if (master) {
    const series = new I.Event(master, { exceptions: overrides });
    if (series.isRecurring()) return expand(series, uid, window, out);
    if (!series.startDate) return void out.skipped.push(`${uid}: no DTSTART`);
    out.add(master, uid, series.startDate, series.endDate);
  }
  // Overrides alone (an update or a cancellation of one occurrence), or beside a master that does not recur.
  for (const override of overrides) {
    const event = new I.Event(override);
    if (!event.startDate) {
      out.skipped.push(`${uid}: no DTSTART`);
      continue;
    }
    out.add(override, uid, event.startDate, event.endDate, event.recurrenceId);
  }
}

function readUnsafe(text: string, window: IcsWindow, fallbacks: MessageFallbacks): IcsEvents {
  const refused = outOfBounds(text);
  if (refused) return { events: [], skipped: [refused] };
  const root = rootOf(text);
  if (!root) return { events: [], skipped: ['no VCALENDAR'] };
  const method = methodOf(root);
  if (method !== 'REQUEST' && method !== 'CANCEL') return { events: [], skipped: [method] };
  const out = new Collector(method, fallbacks);
  const all = root.getAllSubcomponents('vevent');
  if (all.length > ICS_LIMITS.maxVevents)
    out.skipped.push(`only the first ${ICS_LIMITS.maxVevents} of ${all.length} VEVENTs read`);
  const byUid = new Map<string, IcalComponent[]>();
  for (const vevent of all.slice(0, ICS_LIMITS.maxVevents)) {
    const uid = uidOf(vevent);
    if (!uid) {
      out.skipped.push('VEVENT without UID');
      continue;
    }
    byUid.set(uid, [...(byUid.get(uid) ?? []), vevent]);
  }
  for (const [uid, vevents] of byUid) {
    try {
      readUid(uid, vevents, window, out);
    } catch (error) {
      out.skipped.push(`${uid}: ${reasonOf(error)}`);
    }
  }
  if (all.length === 0) out.skipped.push('no VEVENT');
  return { events: out.events, skipped: out.skipped };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 200);
}

export function readIcs(text: string, window: IcsWindow, fallbacks: MessageFallbacks = {}): IcsEvents {
  try {
    const budget = { left: ICS_LIMITS.maxCandidates };
    const read = withCandidateBudget(ical(), budget, () => readUnsafe(text, window, fallbacks));
    return read ?? { events: [], skipped: ['recurrences cannot be bounded with this ical.js'] };
  } catch (error) {
    return { events: [], skipped: [`unreadable calendar: ${reasonOf(error)}`] };
  }
}
