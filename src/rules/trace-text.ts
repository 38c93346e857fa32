import type { RecordRef, SharingLevel } from '../types';

// Small wording helpers so every trace sentence reads the same way.

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  return joinWith(items, ' and ');
}

/** `a or b`, `a, b or c`. */
export function joinOr(items: readonly string[]): string {
  return joinWith(items, ' or ');
}

/** Every trace sentence lists something, so this builds the text without intermediate arrays. */
function joinWith(items: readonly string[], last: string): string {
  const n = items.length;
  if (n <= 1) return items[0] ?? '';
  let text = items[0] as string;
  for (let i = 1; i < n - 1; i++) text += `, ${items[i]}`;
  return `${text}${last}${items[n - 1]}`;
}

/** A value from the input shown safely inside a sentence: quoted, one line, at most 80 characters. */
export function quote(value: string): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine);
}

export function describeRecord(ref: RecordRef): string {
  return `${ref.kind} ${ref.id}`;
}

export const LEVEL_WORDS: Record<SharingLevel, string> = {
  metadata: 'metadata only (sender, recipients, date and time)',
  subject: 'subject and metadata',
  full: 'full content (body, and attachments saved as files in the CRM within the size limit per email, the others named in the activity)',
};

export const FOLDER_WORDS: Record<string, string> = {
  inbox: 'Inbox',
  sent: 'Sent Items',
  archive: 'Archive',
  drafts: 'Drafts',
  junk: 'Junk Email',
  deleted: 'Deleted Items',
  outbox: 'Outbox',
  other: 'a folder Liaison does not read',
};
