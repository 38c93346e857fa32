import type { IcalTime } from './ical-module';

// An iCalendar time as the core wants it: ISO 8601 with its offset. ical.js resolves a TZID through the VTIMEZONE
// in the same file; a TZID with no VTIMEZONE (allowed in practice, not by RFC 5545) is read as an IANA zone name
// when it is one, and a time with no zone at all (floating) as UTC. Dates (VALUE=DATE) are midnight UTC.

export interface ZonedTime {
  /** Wall-clock fields in the event's zone. */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Seconds east of UTC. */
  offset: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isUtc(time: IcalTime): boolean {
  return time.zone?.tzid === 'UTC';
}

function isFloating(time: IcalTime): boolean {
  return !time.zone || time.zone.tzid === 'floating';
}

/** Seconds east of UTC of the IANA `zone` at `instantMs`, or undefined when Intl does not know the zone. */
function ianaOffsetAt(zone: string, instantMs: number): number | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instantMs))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - Math.floor(instantMs / 1000) * 1000) / 1000);
}

/** The offset of a wall-clock time in an IANA zone (the later offset when the clock was set back). */
function ianaOffsetOfWallClock(zone: string, wallMs: number): number | undefined {
  const first = ianaOffsetAt(zone, wallMs);
  if (first === undefined) return undefined;
  const second = ianaOffsetAt(zone, wallMs - first * 1000);
  return second ?? first;
}

export function zonedTime(time: IcalTime, tzidHint?: string): ZonedTime | undefined {
  const fields = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  };
  if (!Object.values(fields).every(Number.isSafeInteger) || fields.year < 1000 || fields.year > 9999)
    return undefined;
  if (time.isDate || isUtc(time)) return { ...fields, offset: 0 };
  if (isFloating(time)) {
    const wall = Date.UTC(
      fields.year,
      fields.month - 1,
      fields.day,
      fields.hour,
      fields.minute,
      fields.second,
    );
    const offset = tzidHint ? ianaOffsetOfWallClock(tzidHint, wall) : undefined;
    return { ...fields, offset: offset ?? 0 };
  }
  const offset = time.utcOffset();
  return Number.isFinite(offset) ? { ...fields, offset } : undefined;
}

/** `2026-12-08T10:00:00+01:00`, or `…Z` at UTC. */
export function isoWithOffset(t: ZonedTime): string {
  const date = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  if (t.offset === 0) return `${date}Z`;
  const sign = t.offset < 0 ? '-' : '+';
  const abs = Math.abs(t.offset);
  return `${date}${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}

/** Epoch milliseconds of the instant. */
export function instantMs(t: ZonedTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - t.offset * 1000;
}

/** `2026-12-08T09:00:00Z`: the same instant at UTC (recurrence ids, so a sourceId stays stable). */
export function utcIso(t: ZonedTime): string {
  const d = new Date(instantMs(t));
  return `${d.toISOString().slice(0, 19)}Z`;
}
