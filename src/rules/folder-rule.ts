import { FOLDER_WORDS } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 1: only Inbox, Sent and Archive are read; drafts, junk, deleted items, outbox and everything else never sync.
const READ_FOLDERS = new Set(['inbox', 'sent', 'archive']);

export function folderRule(folder: unknown): RuleResult {
  const name = typeof folder === 'string' ? folder : 'other';
  const words = Object.hasOwn(FOLDER_WORDS, name) ? FOLDER_WORDS[name] : FOLDER_WORDS.other;
  if (READ_FOLDERS.has(name)) return pass(`It is in ${words}, a folder Liaison reads.`);
  return skip('excluded_folder', `it is in ${words}; Liaison only reads Inbox, Sent Items and Archive.`);
}
