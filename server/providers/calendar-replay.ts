// What a calendar source remembers so that a listing started again (a lost delta link or sync token, an extended
// window) says nothing the engine has heard already: the newest change time of every finished round (`seenUntil`),
// and the id and change time of each event given in the round under way (`given`), which a restart or a replayed
// page would otherwise repeat.
import { createHash } from 'node:crypto';

export interface ReplayMemory {
  /** Newest lastModified / updated of the rounds completed. */
  seenUntil?: string;
  /** Newest change time in the round under way (becomes seenUntil when it completes). */
  roundMax?: string;
  /**
   * Event (a short hash of its id: Graph ids run to 150 characters and a first round may list thousands) → change time,
   * for the round under way and the last round's (replays).
   */
  given: Record<string, string>;
  /** The restarted listing's filter: only what changed after `since`, or starts at or after `newFrom`. */
  restart?: { since?: string; newFrom?: string };
}

/** 72 bits of the id's SHA-1: collisions among one calendar's events are out of reach. */
const short = (id: string) => createHash('sha1').update(id).digest('base64url').slice(0, 12);

const later = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : Date.parse(b) > Date.parse(a) ? b : a;

/** True when an event listed again carries nothing new (given already at this change time, or before the restart). */
export function alreadyGiven(
  memory: ReplayMemory,
  id: string,
  modified: string | undefined,
  start?: string,
): boolean {
  if (modified !== undefined && memory.given[short(id)] === modified) return true;
  const restart = memory.restart;
  if (!restart || restart.since === undefined || modified === undefined) return false;
  const isNew =
    restart.newFrom !== undefined && start !== undefined && Date.parse(start) >= Date.parse(restart.newFrom);
  return !isNew && Date.parse(modified) <= Date.parse(restart.since);
}

export function noteGiven(memory: ReplayMemory, id: string, modified: string | undefined): void {
  if (modified === undefined) return;
  memory.given[short(id)] = modified;
  memory.roundMax = later(memory.roundMax, modified);
}

/** The event is gone: if it comes back unchanged, it is news again. */
export function forgetGiven(memory: ReplayMemory, id: string): void {
  delete memory.given[short(id)];
}

/** A listing is starting again: only what changed after the last completed round (and what is newly in range). */
export function restartListing(memory: ReplayMemory, newFrom?: string): void {
  const since = memory.restart?.since ?? memory.seenUntil;
  memory.restart = {
    ...(since !== undefined ? { since } : {}),
    ...(newFrom !== undefined
      ? { newFrom }
      : memory.restart?.newFrom !== undefined
        ? { newFrom: memory.restart.newFrom }
        : {}),
  };
}

/** The round ended with a delta link or sync token: its ids are kept only when few (replays of its last items). */
export function completeRound(memory: ReplayMemory, keep = 200): void {
  memory.seenUntil = later(memory.seenUntil, memory.roundMax);
  delete memory.roundMax;
  delete memory.restart;
  const entries = Object.entries(memory.given);
  memory.given = entries.length <= keep ? memory.given : {};
}

export function readMemory(value: unknown): ReplayMemory {
  const m = (value ?? {}) as Partial<ReplayMemory>;
  return {
    ...(typeof m.seenUntil === 'string' ? { seenUntil: m.seenUntil } : {}),
    ...(typeof m.roundMax === 'string' ? { roundMax: m.roundMax } : {}),
    given: typeof m.given === 'object' && m.given !== null ? { ...m.given } : {},
    ...(m.restart && typeof m.restart === 'object' ? { restart: { ...m.restart } } : {}),
  };
}
