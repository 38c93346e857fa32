/** A `Retry-After` header (seconds or an HTTP date) as milliseconds, for any provider that sends one. */
export function retryAfterMs(value: string | null | undefined, fallbackMs: number): number {
  if (!value) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - Date.now());
}
