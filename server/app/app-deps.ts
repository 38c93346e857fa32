import type { Kysely } from 'kysely';
import type { OneTimeLinks, Sessions, TokenAuth } from '../auth';
import type { CrmSwitch } from '../crm/crm-switch';
import type { SalesforceEnvConfig } from '../crm/salesforce';
import type { SecretBox } from '../secrets';
import type { Database } from '../db/database-types';
import type { ServerConfig } from '../config';
import type { ChangeFeed } from '../db/change-feed';
import type { SidebarCache } from '../services/sidebar-cache';
import type { VersionedCache } from '../services/versioned-cache';
import type { User } from '../db/users-repo';

/** Everything the HTTP app needs, built once by `serve` (or by a test) and passed in. */
export interface AppDeps {
  config: ServerConfig;
  db: Kysely<Database>;
  backend: 'postgres' | 'pglite';
  tokens: TokenAuth;
  sessions: Sessions;
  links: OneTimeLinks;
  /** The CRM in use (embedded or Salesforce), switchable at run time by an admin. */
  crm: CrmSwitch;
  secrets: SecretBox;
  salesforce: SalesforceEnvConfig;
  now: () => Date;
  /** Warnings that are no request's answer (a failed token revocation); buildApp sends them to the server's log. */
  warn?: (line: string) => void;
  /** `serve`: tells when stored data changed, from any process (change-feed.ts). */
  changes?: ChangeFeed;
  /** `serve`: the sidebar's reads kept while unchanged (sidebar-cache.ts). */
  sidebarCache?: SidebarCache;
  /** `serve`: bearer tokens' users kept while unchanged, by id. */
  userCache?: VersionedCache<User>;
  /** Set when this process runs a sync worker: runs a mailbox at once (after a connect or reconnect). */
  syncNow?: (mailboxId: string) => Promise<void>;
}
