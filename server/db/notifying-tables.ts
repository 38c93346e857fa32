// Every table whose writes notify the change feed (server/db/change-feed.ts), over all migrations: 0014 gave the
// first ones their trigger, later migrations add theirs. Migrations keep their own lists as they were written.
import { NOTIFYING_TABLES as FIRST } from './migrations/0014-change-feed';
import { EVENT_NOTIFYING_TABLES } from './migrations/0015-crm-events';

export const NOTIFYING_TABLES: readonly string[] = [...FIRST, ...EVENT_NOTIFYING_TABLES];
