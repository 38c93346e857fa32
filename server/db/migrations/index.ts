// The one migration set for PGlite and PostgreSQL, in order. A new migration is a new file here
// plus one line below; names sort in the order they run.
import type { Migration, MigrationProvider } from 'kysely';
import * as core from './0001-core';
import * as embeddedCrm from './0002-embedded-crm';
import * as sync from './0003-sync';
import * as crmConnection from './0004-crm-connection';
import * as subscriptionSubject from './0005-subscription-subject';
import * as mailboxPush from './0006-mailbox-push';
import * as pendingEnvelopes from './0007-pending-envelopes';
import * as crmActivityFiles from './0008-crm-activity-files';
import * as savedActivityIndex from './0009-saved-activity-index';
import * as threadRoot from './0010-thread-root';
import * as includedBeforeStop from './0011-included-before-stop';
import * as pendingEnvelopesChecked from './0012-pending-envelopes-checked';
import * as identitiesAndOAuthStates from './0013-identities-and-oauth-states';
import * as changeFeed from './0014-change-feed';
import * as crmEvents from './0015-crm-events';
import * as calendarSync from './0016-calendar-sync';
import * as calendarPush from './0017-calendar-push';
import * as saveWhenSent from './0018-save-when-sent';
import * as recordPhones from './0019-record-phones';
import * as firstRunGuide from './0021-first-run-guide';

export const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-embedded-crm': embeddedCrm,
  '0003-sync': sync,
  '0004-crm-connection': crmConnection,
  '0005-subscription-subject': subscriptionSubject,
  '0006-mailbox-push': mailboxPush,
  '0007-pending-envelopes': pendingEnvelopes,
  '0008-crm-activity-files': crmActivityFiles,
  '0009-saved-activity-index': savedActivityIndex,
  '0010-thread-root': threadRoot,
  '0011-included-before-stop': includedBeforeStop,
  '0012-pending-envelopes-checked': pendingEnvelopesChecked,
  '0013-identities-and-oauth-states': identitiesAndOAuthStates,
  '0014-change-feed': changeFeed,
  '0015-crm-events': crmEvents,
  '0016-calendar-sync': calendarSync,
  '0017-calendar-push': calendarPush,
  '0018-save-when-sent': saveWhenSent,
  '0019-record-phones': recordPhones,
  '0021-first-run-guide': firstRunGuide,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
