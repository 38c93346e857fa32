import type { Kysely } from 'kysely';
import type { OneTimeLinks, Sessions, TokenAuth } from '../auth';
import type { CrmAdapter } from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import type { ServerConfig } from '../config';

/** Everything the HTTP app needs, built once by `serve` (or by a test) and passed in. */
export interface AppDeps {
  config: ServerConfig;
  db: Kysely<Database>;
  backend: 'postgres' | 'pglite';
  tokens: TokenAuth;
  sessions: Sessions;
  links: OneTimeLinks;
  crm: CrmAdapter;
  now: () => Date;
}
