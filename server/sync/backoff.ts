// Retry schedule of a failing mailbox: 1 minute after the first failure, then 2, 4, 8, 16, and 30 at most. A
// provider's Retry-After is honoured when it asks for longer.

const MINUTE = 60_000;

export function backoffMs(consecutiveFailures: number, retryAfterMs?: number): number {
  const n = Math.max(1, consecutiveFailures);
  const base = Math.min(30 * MINUTE, MINUTE * 2 ** Math.min(n - 1, 10));
  return retryAfterMs !== undefined && retryAfterMs > base ? retryAfterMs : base;
}
