// Time shapes both calendar sources need: all-day dates as midnight in the calendar's zone (event-rules.md section 2),
// and an occurrence's original start as the UTC instant eventKey uses.

/** Formatters by zone: making one costs a tenth of a millisecond, and a calendar has a handful of zones. */
const FORMATS = new Map<string, Intl.DateTimeFormat | undefined>();
const MAX_ZONES = 1000;

function formatOf(zone: string): Intl.DateTimeFormat | undefined {
  if (FORMATS.has(zone)) return FORMATS.get(zone);
  let format: Intl.DateTimeFormat | undefined;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    format = undefined;
  }
  if (FORMATS.size >= MAX_ZONES) FORMATS.clear(); // garbage zone names cannot grow it without bound
  FORMATS.set(zone, format);
  return format;
}

/** The zone when Intl knows it (an IANA name); undefined for Windows names and garbage. */
export function knownZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  return formatOf(zone) ? zone : undefined;
}

/** The zone's offset from UTC at `utcMs`, in minutes. */
function offsetMinutes(zone: string, utcMs: number): number {
  const format = formatOf(zone);
  if (!format) return 0;
  const parts = format.formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` as midnight in `zone` (UTC when the zone is unknown), ISO 8601 with its offset; undefined for a bad date. */
export function midnightIn(date: string, zone: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const tz = knownZone(zone);
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utcMidnight)) return undefined;
  let offset = 0;
  if (tz) {
    // Twice: the offset at the guessed instant may differ from the offset at local midnight (a DST change).
    offset = offsetMinutes(tz, utcMidnight);
    offset = offsetMinutes(tz, utcMidnight - offset * 60_000);
  }
  return `${date}T00:00:00${formatOffset(offset)}`;
}

/** The calendar date of an instant in `zone` (UTC when unknown), `YYYY-MM-DD`. */
export function dateIn(utcMs: number, zone: string | undefined): string {
  const tz = knownZone(zone) ?? 'UTC';
  const shifted = utcMs + offsetMinutes(tz, utcMs) * 60_000;
  return new Date(shifted).toISOString().slice(0, 10);
}

/** An instant as `YYYY-MM-DDTHH:MM:SSZ` (eventKey's form of a recurrenceId); undefined when it does not parse. */
export function utcSeconds(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
