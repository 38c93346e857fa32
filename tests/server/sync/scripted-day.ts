// A scripted day of mail for the demo admin (admin@ourco.com, internal domain ourco.com) over the demo CRM, with
// what the rulebook predicts for each message. Used end to end on Maildir and on a real Dovecot mailbox.
import type { Kysely } from 'kysely';
import { threadIdOf } from '../../../src';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { addUserBlacklistEntries } from '../../../server/db/blacklist-repo';
import type { Database } from '../../../server/db/database-types';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { subscribeThread } from '../../../server/db/subscriptions-repo';
import { createUser } from '../../../server/db/users-repo';
import { emlToMessage } from '../../../server/providers/eml-to-message';
import { makeEml } from '../../support/dovecot/make-eml';

export interface ScriptedMessage {
  id: string;
  folder: 'INBOX' | 'Sent';
  eml: string;
  expect: { action: 'save' | 'skip'; reason: string; who?: string[]; what?: string; created?: string };
}

export const SAM = { userId: 'user-sam', address: 'sam@ourco.com', crmUserId: 'usr-sam' };

/** Seeds the demo company, a second rep (Sam), a blacklist entry, auto-creation on, and a thread subscription. */
export async function seedScriptedDay(db: Kysely<Database>, tag = 'day'): Promise<void> {
  await seedDemoCrm(db);
  await seedDemoOrganisation(db);
  await createUser(db, {
    id: SAM.userId,
    addresses: [SAM.address],
    crmUserId: SAM.crmUserId,
    displayName: 'Sam',
  });
  await addUserBlacklistEntries(db, DEMO_ADMIN.userId, ['globex.com']);
  await updateSyncSettings(db, DEMO_ADMIN.userId, { autoCreateContacts: true });
  const root = await emlToMessage(scriptedDay(new Date(), tag)[7]!.eml);
  await subscribeThread(db, DEMO_ADMIN.userId, threadIdOf(root), { kind: 'account', id: 'acc-initech' });
}

/** The messages, dated `at` (after the mailbox's connection) unless the case says otherwise. */
export function scriptedDay(at: Date, tag = 'day'): ScriptedMessage[] {
  const id = (n: string) => `${n}.${tag}@script.example`;
  const admin = 'Dana Admin <admin@ourco.com>';
  const earlier = new Date(at.getTime() - 86_400_000);
  return [
    {
      id: id('known-contact'),
      folder: 'INBOX',
      eml: makeEml({
        messageId: id('known-contact'),
        from: 'Jane Doe <jane.doe@acme.com>',
        to: admin,
        cc: SAM.address,
        date: at,
      }),
      expect: {
        action: 'save',
        reason: 'autoshare',
        who: ['contact:con-jane-doe'],
        what: 'opportunity:opp-acme-renewal',
      },
    },
    {
      id: id('reply-to-jane'),
      folder: 'Sent',
      eml: makeEml({
        messageId: id('reply-to-jane'),
        from: admin,
        to: 'jane.doe@acme.com',
        subject: 'Re: renewal',
        date: at,
        headers: { 'In-Reply-To': `<${id('known-contact')}>`, References: `<${id('known-contact')}>` },
      }),
      expect: {
        action: 'save',
        reason: 'autoshare',
        who: ['contact:con-jane-doe'],
        what: 'opportunity:opp-acme-renewal',
      },
    },
    {
      id: id('lead-only'),
      folder: 'Sent',
      eml: makeEml({ messageId: id('lead-only'), from: admin, to: 'bruce@wayne-enterprises.com', date: at }),
      expect: { action: 'skip', reason: 'no_opportunity_or_account' },
    },
    {
      id: id('internal'),
      folder: 'INBOX',
      eml: makeEml({ messageId: id('internal'), from: 'Sam Seller <sam@ourco.com>', to: admin, date: at }),
      expect: { action: 'skip', reason: 'internal' },
    },
    {
      id: id('blacklisted'),
      folder: 'INBOX',
      eml: makeEml({ messageId: id('blacklisted'), from: 'Hank <hank@globex.com>', to: admin, date: at }),
      expect: { action: 'skip', reason: 'blacklisted' },
    },
    {
      id: id('newsletter'),
      folder: 'INBOX',
      eml: makeEml({
        messageId: id('newsletter'),
        from: 'Acme News <news@acme.com>',
        to: admin,
        date: at,
        headers: { 'List-Id': '<news.acme.com>', Precedence: 'bulk' },
      }),
      expect: { action: 'skip', reason: 'automated' },
    },
    {
      id: id('stranger'),
      folder: 'INBOX',
      eml: makeEml({
        messageId: id('stranger'),
        from: 'Somebody <somebody@unknown-co.example>',
        to: admin,
        date: at,
      }),
      expect: { action: 'skip', reason: 'no_known_participant' },
    },
    {
      id: id('initech-thread'),
      folder: 'Sent',
      eml: makeEml({
        messageId: id('initech-thread'),
        from: admin,
        to: 'somebody@unknown-co.example',
        date: at,
      }),
      expect: { action: 'save', reason: 'thread_autosave', what: 'account:acc-initech' },
    },
    {
      id: id('initech-thread-reply'),
      folder: 'INBOX',
      eml: makeEml({
        messageId: id('initech-thread-reply'),
        from: 'Somebody <somebody@unknown-co.example>',
        to: admin,
        subject: 'Re: scope',
        date: at,
        headers: { 'In-Reply-To': `<${id('initech-thread')}>`, References: `<${id('initech-thread')}>` },
      }),
      expect: { action: 'save', reason: 'thread_autosave', what: 'account:acc-initech' },
    },
    {
      id: id('new-colleague'),
      folder: 'INBOX',
      eml: makeEml({
        messageId: id('new-colleague'),
        from: 'Wile Coyote <wile.coyote@acme.com>',
        to: admin,
        date: at,
      }),
      expect: {
        action: 'save',
        reason: 'autoshare',
        what: 'opportunity:opp-acme-renewal',
        created: 'wile.coyote@acme.com',
      },
    },
    {
      id: id('old'),
      folder: 'INBOX',
      eml: makeEml({ messageId: id('old'), from: 'Jane Doe <jane.doe@acme.com>', to: admin, date: earlier }),
      expect: { action: 'skip', reason: 'before_connection' },
    },
  ];
}
