import type { SharingLevel, SyncSettings } from '../types';
import { joinAnd, LEVEL_WORDS } from './trace-text';

// Rule 12: outbound when the sender is one of the user's addresses, else inbound; the level comes from settings.

const LEVELS = new Set<unknown>(['metadata', 'subject', 'full']);

export function contentLevel(outbound: boolean, sharing: SyncSettings['sharing'] | undefined): SharingLevel {
  const level: unknown = outbound ? sharing?.outbound : sharing?.inbound;
  // A missing or unknown level shares the least.
  return LEVELS.has(level) ? (level as SharingLevel) : 'metadata';
}

export function contentSentence(
  outbound: boolean,
  level: SharingLevel,
  mode: 'autoshare' | 'thread_autosave',
  links: string[],
): string {
  const by = mode === 'thread_autosave' ? 'thread auto-save' : 'auto-sharing';
  return `Saved by ${by}, linked to ${joinAnd(links)}, with ${LEVEL_WORDS[level]}: your level for emails you ${outbound ? 'send' : 'receive'}.`;
}
