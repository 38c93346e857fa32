import type { RecordRef } from '../types';

/** The key under which extras are passed for a record: `contact:003…`. */
export function recordKey(ref: RecordRef): string {
  return `${ref.kind}:${ref.id}`;
}
