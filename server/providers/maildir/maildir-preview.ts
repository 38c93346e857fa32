import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailMessage } from '../../../src';
import type { CalendarChange } from '../calendar-source';
import { emlToMessage } from '../eml-to-message';
import { emlInvitationEvents, newestChanges } from '../invitation-events';
import type { IcsWindow } from '../ics-read';
import { listReadableFolders } from './maildir-folders';

// Every email (and every invitation's event) in a Maildir's readable folders, for the preview pages (npm start's demo mailbox, so the preview
// shows what autosharing did to them).

export async function maildirEmails(dir: string): Promise<MailMessage[]> {
  const messages: MailMessage[] = [];
  for (const folder of await listReadableFolders(dir)) {
    for (const sub of ['new', 'cur']) {
      const files = await readdir(path.join(dir, folder.dir, sub)).catch(() => [] as string[]);
      for (const file of files)
        messages.push(
          await emlToMessage(await readFile(path.join(dir, folder.dir, sub, file)), folder.folder),
        );
    }
  }
  return messages;
}

/** The events of the invitations in a Maildir's readable folders, one per event as the calendar sync reads them. */
export async function maildirInvitations(dir: string, window: IcsWindow): Promise<CalendarChange[]> {
  const events = [];
  for (const folder of await listReadableFolders(dir)) {
    for (const sub of ['new', 'cur']) {
      const files = await readdir(path.join(dir, folder.dir, sub)).catch(() => [] as string[]);
      for (const file of files)
        events.push(
          ...(await emlInvitationEvents(await readFile(path.join(dir, folder.dir, sub, file)), window))
            .events,
        );
    }
  }
  return newestChanges(events);
}
