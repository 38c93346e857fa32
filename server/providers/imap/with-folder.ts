import type { ImapFlow } from 'imapflow';

// Examines (read-only SELECT) one folder for `work`, then unselects it. Leaving a folder selected would keep this
// connection on a stale view of it: imapflow does not SELECT a path that is already open, so a folder deleted and
// recreated by another client would keep its old UIDVALIDITY and UIDs here.

export async function withFolder<T>(client: ImapFlow, path: string, work: () => Promise<T>): Promise<T> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    return await work();
  } finally {
    try {
      if (client.mailbox) await client.mailboxClose();
    } finally {
      lock.release();
    }
  }
}
