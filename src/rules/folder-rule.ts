import { FOLDER_WORDS } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 1: only Inbox, Sent and Archive are read; drafts, junk, deleted items, outbox and everything else never sync.
const READ_FOLDERS = new Set(['inbox', 'sent', 'archive']);

function verdict(name: string): RuleResult {
  const words = FOLDER_WORDS[name] as string;
  if (READ_FOLDERS.has(name)) return pass(`It is in ${words}, a folder Liaison reads.`);
  return skip('excluded_folder', `it is in ${words}; Liaison only reads Inbox, Sent Items and Archive.`);
}

// One verdict per folder name, worked out once: any name Liaison does not know reads as 'other'.
const VERDICTS = new Map(Object.keys(FOLDER_WORDS).map((name) => [name, verdict(name)]));
const OTHER = verdict('other');

export function folderRule(folder: unknown): RuleResult {
  return (typeof folder === 'string' ? VERDICTS.get(folder) : undefined) ?? OTHER;
}
