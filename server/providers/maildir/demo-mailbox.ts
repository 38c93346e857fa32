// `npm start`'s demo mailbox: a Maildir in <dataDir>/demo-mailbox connected for the demo admin, and a few demo
// emails and invitations delivered into it shortly after start (after the connection time), so autosharing is
// visible with no mail account anywhere. Delivered once per data folder (a marker file remembers it).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { DEFAULT_HORIZON_DAYS } from '../../../src';
import { DEMO_ADMIN } from '../../crm/embedded/demo-seed';
import type { Database } from '../../db/database-types';
import { storeCalendarCursor } from '../../db/event-ledger-repo';
import { connectMailbox, getMailboxOfUser, type Mailbox } from '../../db/mailboxes-repo';
import { updateSyncSettings } from '../../db/settings-repo';
import { getUser } from '../../db/users-repo';
import { demoEmails } from '../../sync/demo/demo-emails';
import { demoInvitations } from '../../sync/demo/demo-invitations';
import { deliverToMaildir } from './deliver-to-maildir';
import { InvitationCalendarSource } from '../invitation-calendar-source';
import { createMaildirSource } from './maildir-source';

export function demoMailboxDir(dataDir: string): string {
  return path.join(dataDir, 'demo-mailbox');
}

/** Connects the demo mailbox for the demo admin (once); returns it, or undefined when there is no demo admin. */
export async function connectDemoMailbox(
  db: Kysely<Database>,
  dataDir: string,
): Promise<Mailbox | undefined> {
  if (!(await getUser(db, DEMO_ADMIN.userId))) return undefined;
  const existing = await getMailboxOfUser(db, DEMO_ADMIN.userId);
  if (existing) return existing;
  const dir = demoMailboxDir(dataDir);
  await mkdir(dir, { recursive: true });
  await deliverNothing(dir);
  const connectedAt = new Date();
  const cursor = await createMaildirSource({ dir }).initialCursor(connectedAt);
  // The demo shows contact creation too (Wile E. Coyote at Acme), and its invitations autoshared as meetings and
  // appointments (calendar sharing is off for everyone else until they turn it on).
  await updateSyncSettings(db, DEMO_ADMIN.userId, {
    autoCreateContacts: true,
    autoshareMeetings: true,
    autoshareAppointments: true,
  });
  const mailbox = await connectMailbox(db, {
    userId: DEMO_ADMIN.userId,
    kind: 'maildir',
    settings: { dir },
    connectedAt,
    cursor,
  });
  // Its calendar starts at the connection too, before the invitations arrive.
  const calendar = new InvitationCalendarSource(createMaildirSource({ dir }));
  await storeCalendarCursor(db, mailbox.id, await calendar.initialCursor(connectedAt, DEFAULT_HORIZON_DAYS));
  await calendar.close();
  return mailbox;
}

/** Delivers the demo emails after `delayMs` unless this data folder already had them. */
export function scheduleDemoEmails(dataDir: string, delayMs = 3000): NodeJS.Timeout | undefined {
  const dir = demoMailboxDir(dataDir);
  const marker = path.join(dir, '.demo-delivered');
  if (existsSync(marker)) return undefined;
  const timer = setTimeout(() => {
    void (async () => {
      const at = new Date();
      for (const m of [...demoEmails(at), ...demoInvitations(at)])
        await deliverToMaildir(dir, m.folder, m.eml);
      await writeFile(marker, new Date().toISOString());
    })().catch(() => {});
  }, delayMs);
  timer.unref();
  return timer;
}

async function deliverNothing(dir: string): Promise<void> {
  // An empty Maildir (tmp/new/cur) so the source and its watcher have folders to look at.
  await Promise.all(['tmp', 'new', 'cur'].map((sub) => mkdir(path.join(dir, sub), { recursive: true })));
}
