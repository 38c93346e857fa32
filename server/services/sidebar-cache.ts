import { normalizeMessageId, threadKeysOf, type MailMessage } from '../../src';
import { participantAddresses } from '../context/gather-context';
import type { User } from '../db/users-repo';
import type { SidebarInputs } from './sidebar-service';
import type { VersionedCache } from './versioned-cache';

// The sidebar's reads kept between requests: a rep moving between emails, reopening one, or the pane reloading
// asks for the same records again. Kept only while nothing they were read from has changed (change-feed.ts), and
// only for a CRM whose changes are heard (the embedded CRM, in Liaison's database); Salesforce is asked each time.

export type SidebarCache = VersionedCache<SidebarInputs>;

/** What the reads depend on: the user, the participants' addresses, the Message-ID and the thread's keys. */
export function sidebarCacheKey(user: User, message: MailMessage): string {
  return [
    user.id,
    participantAddresses([message]).join(','),
    normalizeMessageId(message.internetMessageId),
    threadKeysOf(message).join(','),
  ].join('\u0000');
}
