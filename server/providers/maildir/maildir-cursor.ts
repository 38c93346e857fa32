import type { MailCursor } from '../mail-source';

// Where a Maildir was left, per folder, without a list of every file: messages are known by the unique part of
// their file name and by their mtime, which delivery sets and renames (flag changes, new/ → cur/, moves between
// folders) keep. A file is new when its mtime is at or after the folder's floor and its unique part is not in
// `seen`. The floor starts at the connection time (no historical import; a second before it, with whatever was
// there at connection marked seen) and follows the newest message read, one day behind: a message whose mtime is
// more than a day older than the newest one read is taken as old.

export const SEEN_WINDOW_MS = 24 * 60 * 60 * 1000;
/** File systems stamp mtimes from a coarse clock, a few ms behind: start a little before the connection. */
export const CLOCK_SLACK_MS = 1000;

export interface MaildirFolderPosition {
  /** Epoch ms: files older than this are not read. */
  floor: number;
  /** Unique part → mtime (epoch ms) of the messages read (or there at connection) with mtime >= floor. */
  seen: Record<string, number>;
}

export interface MaildirCursor {
  connectedAt: string;
  folders: Record<string, MaildirFolderPosition>;
}

export function toMailCursor(cursor: MaildirCursor): MailCursor {
  return { connectedAt: cursor.connectedAt, folders: cursor.folders };
}

export function emptyPosition(connectedAt: Date): MaildirFolderPosition {
  return { floor: connectedAt.getTime() - CLOCK_SLACK_MS, seen: {} };
}

export function parseMaildirCursor(cursor: MailCursor): MaildirCursor {
  const connectedAt = typeof cursor.connectedAt === 'string' ? new Date(cursor.connectedAt) : undefined;
  if (!connectedAt || Number.isNaN(connectedAt.getTime())) {
    throw new TypeError('Maildir cursor has no valid connectedAt: make a new one with initialCursor()');
  }
  const folders: Record<string, MaildirFolderPosition> = {};
  const stored = typeof cursor.folders === 'object' && cursor.folders !== null ? cursor.folders : {};
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value !== 'object' || value === null) continue;
    const { floor, seen } = value as Record<string, unknown>;
    if (typeof floor !== 'number' || !Number.isFinite(floor)) continue;
    const kept: Record<string, number> = {};
    if (typeof seen === 'object' && seen !== null) {
      for (const [unique, mtime] of Object.entries(seen)) if (typeof mtime === 'number') kept[unique] = mtime;
    }
    folders[key] = { floor, seen: kept };
  }
  return { connectedAt: connectedAt.toISOString(), folders };
}

/** Raises the floor to a day before the newest message seen and forgets what falls below it. */
export function prunePosition(position: MaildirFolderPosition): MaildirFolderPosition {
  let newest = -Infinity;
  for (const unique in position.seen) newest = Math.max(newest, position.seen[unique]!);
  const floor = Math.max(position.floor, newest - SEEN_WINDOW_MS);
  // Every entry is at or above the floor it was added under: when the floor stays, so do they all.
  if (floor === position.floor) return position;
  const seen: Record<string, number> = {};
  for (const [unique, mtime] of Object.entries(position.seen)) if (mtime >= floor) seen[unique] = mtime;
  return { floor, seen };
}
