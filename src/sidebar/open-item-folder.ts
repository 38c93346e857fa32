import { normalizeAddress } from '../addresses/normalize';
import type { Folder } from '../types';

// Which folder the email open in a sidebar counts as, for the rules' direction and folder checks. Outlook's
// office-js does not say where an item is, Gmail's labels say more; both answer here so the same email reads
// alike in both sidebars (and as the sync reads it: mail from the rep is Sent).

export interface OpenItemFacts {
  /** The sender's address. */
  from: string;
  /** The rep's own addresses. */
  userAddresses: readonly string[];
  /** What the host knows; undefined when it cannot tell. */
  draft?: boolean;
  trash?: boolean;
  inInbox?: boolean;
}

export function openItemFolder(item: OpenItemFacts): Folder {
  if (item.draft === true) return 'drafts';
  if (item.trash === true) return 'deleted';
  const from = normalizeAddress(item.from);
  if (from !== '' && item.userAddresses.some((a) => normalizeAddress(a) === from)) return 'sent';
  // Not known to be elsewhere: the rep is reading it as in the inbox.
  return item.inInbox === false ? 'archive' : 'inbox';
}
