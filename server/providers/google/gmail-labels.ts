/** Gmail label ids as the rulebook's folders; undefined for a message never read. */
import type { Folder } from '../../../src';

/** Never read: drafts, spam, trash, chats. */
const NEVER = ['DRAFT', 'SPAM', 'TRASH', 'CHAT'];
/** Skipped: the promotions, social, updates and forums tabs. */
const SKIPPED_CATEGORIES = ['CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL', 'CATEGORY_UPDATES', 'CATEGORY_FORUMS'];

export function gmailFolder(labelIds: readonly string[]): Folder | undefined {
  if (labelIds.some((l) => NEVER.includes(l) || SKIPPED_CATEGORIES.includes(l))) return undefined;
  if (labelIds.includes('SENT')) return 'sent'; // also when sent to oneself (SENT and INBOX)
  if (labelIds.includes('INBOX')) return 'inbox';
  return 'archive'; // neither in the inbox nor sent: archived
}

/** The same exclusions as a search query, for `messages.list` when history is gone. */
export const EXCLUDED_QUERY =
  '-in:chats -in:drafts -category:promotions -category:social -category:updates -category:forums';
