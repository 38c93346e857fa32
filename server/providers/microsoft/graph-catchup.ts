/**
 * A folder's resync after Graph dropped its delta state (graph-sync-state.ts). Delta's `$filter` takes a lower bound
 * only and then lists "only up to 5,000 messages", in no guaranteed order
 * (https://learn.microsoft.com/en-us/graph/delta-query-messages), so what arrived between the folder's high-water mark
 * and the resync is listed from `GET /me/mailFolders/{id}/messages`
 * (https://learn.microsoft.com/en-us/graph/api/mailfolder-list-messages) in receivedDateTime windows, oldest first,
 * each as large as the batch's room; the new delta round starts where the catch-up ends, a little before now.
 */
import { later, type GraphCursor } from './graph-cursor';
import type { GraphMessage } from './graph-message';

/** The new delta starts this long before now: a clock ahead of Graph's leaves no gap (the list covers it). */
const RESYNC_MARGIN_MS = 10 * 60_000;
/** Graph's largest `$top` for messages. */
const MAX_TOP = 1000;

/** One window: the folder's messages received in [from, until), oldest first, at most `top`. */
export type ListWindow = (from: string, until: string, top: number) => Promise<{ value?: GraphMessage[] }>;

/** The folder's link is dead: list from its mark (the connection without one) to a little before now, then delta. */
export function startResync(state: GraphCursor, folder: string, now = Date.now()): void {
  const from = later(state.connectedAt, state.marks?.[folder]) ?? state.connectedAt;
  const until = new Date(now - RESYNC_MARGIN_MS).toISOString();
  delete state.links[folder];
  if (state.rounds) delete state.rounds[folder];
  if (Date.parse(from) < Date.parse(until)) {
    (state.catchups ??= {})[folder] = { from, until, seen: [] };
    (state.since ??= {})[folder] = until;
  } else {
    if (state.catchups) delete state.catchups[folder];
    (state.since ??= {})[folder] = from;
  }
}

/**
 * Reads the folder's catch-up, if any, handing each message to `take` while `room()` allows. Each window starts at
 * the receivedDateTime reached (the ids already read at it are skipped), so the cursor says where to go on and the
 * mark moves with it. True when it stopped for lack of room, false when the catch-up is over.
 */
export async function readCatchup(
  state: GraphCursor,
  folder: string,
  list: ListWindow,
  room: () => number,
  take: (item: GraphMessage) => void,
): Promise<boolean> {
  const c = state.catchups?.[folder];
  if (!c) return false;
  for (;;) {
    if (room() <= 0) return true;
    const top = Math.min(MAX_TOP, room() + c.seen.length);
    const items = (await list(c.from, c.until, top)).value ?? [];
    let fresh = 0;
    for (const item of items) {
      if (c.seen.includes(item.id)) continue;
      if (room() <= 0) return true;
      if (Date.parse(item.receivedDateTime ?? '') !== Date.parse(c.from)) {
        c.from = item.receivedDateTime ?? c.from;
        c.seen = [];
      }
      c.seen.push(item.id);
      (state.marks ??= {})[folder] = later(state.marks?.[folder], c.from) ?? c.from;
      fresh++;
      take(item);
    }
    if (items.length < top) {
      delete state.catchups?.[folder];
      return false;
    }
    // A full window of ids already read: more than MAX_TOP messages in one instant. Go past it.
    if (fresh === 0) {
      c.from = new Date(Date.parse(c.from) + 1).toISOString();
      c.seen = [];
    }
  }
}
