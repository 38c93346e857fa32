// The span a calendar source reads: from the connection to the horizon. The horizon moves with the clock, so the
// window is extended as days pass: an event that was beyond the horizon when first listed is listed again once the
// horizon reaches it (event-rules.md rule 5 decides it again then), with nothing else repeated.

export interface CalendarWindow {
  connectedAt: string;
  horizonDays: number;
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

export function firstWindow(connectedAt: Date, horizonDays: number): CalendarWindow {
  const days = Number.isFinite(horizonDays) && horizonDays > 0 ? horizonDays : 30;
  return {
    connectedAt: connectedAt.toISOString(),
    horizonDays: days,
    start: connectedAt.toISOString(),
    end: new Date(connectedAt.getTime() + days * DAY_MS).toISOString(),
  };
}

/**
 * The window to read next when the horizon has moved at least `stepMs` past the current end; undefined otherwise.
 * `lookBackMs`: how far before now the new window starts (never before the connection).
 */
export function extendedWindow(
  window: CalendarWindow,
  now: Date,
  stepMs: number,
  lookBackMs?: number,
): CalendarWindow | undefined {
  const horizonEnd = now.getTime() + window.horizonDays * DAY_MS;
  if (horizonEnd - Date.parse(window.end) < stepMs) return undefined;
  const connected = Date.parse(window.connectedAt);
  const start =
    lookBackMs === undefined ? Date.parse(window.start) : Math.max(connected, now.getTime() - lookBackMs);
  return { ...window, start: new Date(start).toISOString(), end: new Date(horizonEnd).toISOString() };
}

export function isWindow(value: unknown): value is CalendarWindow {
  const w = value as Partial<CalendarWindow> | undefined;
  return (
    typeof w === 'object' &&
    typeof w.connectedAt === 'string' &&
    typeof w.horizonDays === 'number' &&
    typeof w.start === 'string' &&
    typeof w.end === 'string'
  );
}
