/**
 * The Graph source's cursor, per folder (inbox, sentitems, archive): the delta link of the round in progress or of
 * the next round, and the high-water mark of receivedDateTime where a resync starts. Delta lists messages in no
 * guaranteed order, so a round's newest receivedDateTime becomes the mark only once the round is complete.
 */
import { createHash } from 'node:crypto';
import { MailSourceError, type MailCursor } from '../mail-source';

/** Keys kept per folder and round against replays: the last ones handed out (a replay repeats a recent change). */
const RECENT_KEYS = 500;

export interface Catchup {
  /** Listed oldest first: what is older than `from` was handed out. */
  from: string;
  /** Where the new delta round starts (the resync's time): the catch-up lists up to it. */
  until: string;
  /** Ids already handed out whose receivedDateTime is `from` (the next window starts at `from` again). */
  seen: string[];
}

export interface GraphCursor {
  v: 1;
  connectedAt: string;
  /** Per folder: the nextLink (a round in progress) or deltaLink (the next round). */
  links: Record<string, string>;
  /** Per folder: the newest receivedDateTime of what completed rounds and catch-ups read. */
  marks?: Record<string, string>;
  /** Per folder: the newest receivedDateTime of the round in progress. */
  rounds?: Record<string, string>;
  /** Per folder: the `receivedDateTime ge` of the folder's next first delta request (the connection otherwise). */
  since?: Record<string, string>;
  /** Per folder: a resync's listing of what arrived between the mark and the new round's start. */
  catchups?: Record<string, Catchup>;
  /**
   * Per folder: short keys of the ids the round in progress (`now`) and the round before (`before`) handed out.
   * "Your application must be prepared for replays, which occur when the same change appears in subsequent
   * responses" (https://learn.microsoft.com/en-us/graph/delta-query-overview, "Replays"): a replay in a later fetch
   * is dropped here, not decided and logged again.
   */
  recent?: Record<string, { now: string[]; before: string[] }>;
}

/** 60 bits of the id's hash: a cursor keeps hundreds of them. */
const keyOf = (id: string) => createHash('sha256').update(id).digest('base64url').slice(0, 10);

/** True when the folder's current or previous round handed this id out already; else notes it. */
export function replayed(state: GraphCursor, folder: string, id: string): boolean {
  const recent = ((state.recent ??= {})[folder] ??= { now: [], before: [] });
  const key = keyOf(id);
  if (recent.now.includes(key)) return true;
  // Handed out before, or not: this round has it now (a round may replay the last item of the one before).
  recent.now.push(key);
  if (recent.now.length > RECENT_KEYS) recent.now.shift();
  return recent.before.includes(key);
}

/** A copy the source may change (the caller's cursor stays as it was, to be read again if the batch fails). */
export function readCursor(cursor: MailCursor): GraphCursor {
  const c = cursor as Partial<GraphCursor>;
  if (c.v !== 1 || typeof c.connectedAt !== 'string')
    throw new MailSourceError('not_found', 'Not a Graph cursor');
  return structuredClone({ ...c, v: 1, connectedAt: c.connectedAt, links: c.links ?? {} });
}

/** The later of two instants (either may be missing), as given. */
export function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || Number.isNaN(Date.parse(a))) return b;
  if (b === undefined || Number.isNaN(Date.parse(b))) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Records a message's receivedDateTime in the folder's round in progress. */
export function noteReceived(state: GraphCursor, folder: string, receivedDateTime: string | undefined): void {
  const newest = later(state.rounds?.[folder], receivedDateTime);
  if (newest !== undefined) (state.rounds ??= {})[folder] = newest;
}

/** The folder's round reached its deltaLink: its newest message is now synced for good. */
export function completeRound(state: GraphCursor, folder: string): void {
  const mark = later(state.marks?.[folder], state.rounds?.[folder]);
  if (mark !== undefined) (state.marks ??= {})[folder] = mark;
  if (state.rounds) delete state.rounds[folder];
  const recent = state.recent?.[folder];
  if (recent) state.recent![folder] = { now: [], before: recent.now };
}
