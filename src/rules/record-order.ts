import { parseIsoDateTime } from '../time/iso-date-time';

// The rulebook orders records "by createdAt then id", ids compared as strings (code unit order, not locale).
// A createdAt that cannot be read sorts after every readable one, so a broken record is never preferred.

export interface Dated {
  id: string;
  createdAt: string;
}

export function createdMs(record: Dated): number {
  return parseIsoDateTime(record.createdAt) ?? Number.POSITIVE_INFINITY;
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first: earliest createdAt, then smallest id. */
export function byCreatedThenId(a: { ms: number; id: string }, b: { ms: number; id: string }): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return compareIds(a.id, b.id);
}
