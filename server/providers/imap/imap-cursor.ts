import type { MailCursor } from '../mail-source';

// Where an IMAP mailbox was left: per readable folder, the UIDVALIDITY it was read under and the last UID read.
// UIDVALIDITY is a 32-bit unsigned number that imapflow hands out as a BigInt: kept as a string for JSON.

export interface ImapFolderPosition {
  uidValidity: string;
  lastUid: number;
}

export interface ImapCursor {
  /** ISO 8601; nothing that arrived before it is read (no historical import). */
  connectedAt: string;
  folders: Record<string, ImapFolderPosition>;
}

export function toMailCursor(cursor: ImapCursor): MailCursor {
  return { connectedAt: cursor.connectedAt, folders: cursor.folders };
}

function isPosition(value: unknown): value is ImapFolderPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { uidValidity, lastUid } = value as Record<string, unknown>;
  return typeof uidValidity === 'string' && Number.isSafeInteger(lastUid) && (lastUid as number) >= 0;
}

/** Reads a stored cursor; a folder entry that does not make sense is dropped (that folder re-reads since connection). */
export function parseImapCursor(cursor: MailCursor): ImapCursor {
  const connectedAt = typeof cursor.connectedAt === 'string' ? new Date(cursor.connectedAt) : undefined;
  if (!connectedAt || Number.isNaN(connectedAt.getTime())) {
    throw new TypeError('IMAP cursor has no valid connectedAt: make a new one with initialCursor()');
  }
  const folders: Record<string, ImapFolderPosition> = {};
  const stored = typeof cursor.folders === 'object' && cursor.folders !== null ? cursor.folders : {};
  for (const [path, position] of Object.entries(stored)) {
    if (isPosition(position))
      folders[path] = { uidValidity: position.uidValidity, lastUid: position.lastUid };
  }
  return { connectedAt: connectedAt.toISOString(), folders };
}
