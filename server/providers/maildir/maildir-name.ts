// Maildir file names: `<unique>:2,<flags>` in cur/, `<unique>` in new/. Reading flags or moving a message from
// new/ to cur/ renames the file but keeps the unique part, which is therefore the message's identity here.

export function uniquePartOf(fileName: string): string {
  const colon = fileName.indexOf(':');
  // Some systems that cannot have ':' in names use '!' (mutt on FAT, Dovecot's maildir_info_separator option).
  const bang = fileName.indexOf('!2,');
  const end = colon >= 0 ? colon : bang >= 0 ? bang : fileName.length;
  return fileName.slice(0, end);
}

export function flagsOf(fileName: string): string {
  const match = /[:!]2,([A-Za-z]*)$/.exec(fileName);
  return match?.[1] ?? '';
}

/** Marked for deletion (T, "trashed"): about to be expunged, not mail to read. */
export function isTrashed(fileName: string): boolean {
  return flagsOf(fileName).includes('T');
}
