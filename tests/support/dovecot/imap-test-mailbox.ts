import { ImapFlow } from 'imapflow';
import type { DovecotServer } from './start-dovecot';

// Test-side hands on a Dovecot mailbox through imapflow: append mail, create, delete and rename folders, move
// messages. The special-use flags come from the server's config (Sent, Drafts, Junk, Trash, Archive by name).

export const SPECIAL_USE_FOLDERS = ['Sent', 'Drafts', 'Junk', 'Trash', 'Archive'] as const;

export interface TestMailbox {
  client: ImapFlow;
  /** Appends a message; `date` sets its INTERNALDATE (arrival time). Returns the new UID. */
  append(folder: string, raw: string | Buffer, options?: { date?: Date; flags?: string[] }): Promise<number>;
  create(folder: string): Promise<void>;
  /** Creates the five special-use folders of the config (skips those that exist). */
  createSpecialUseFolders(): Promise<void>;
  remove(folder: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Moves one message by UID; returns its UID in the destination. */
  move(from: string, uid: number, to: string): Promise<number>;
  close(): Promise<void>;
}

export async function openTestMailbox(server: DovecotServer, user: string): Promise<TestMailbox> {
  const account = server.users.find((u) => u.user === user);
  if (!account) throw new Error(`no such test user: ${user}`);
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: account.user, pass: account.pass },
    logger: false,
  });
  client.on('error', () => undefined); // a paused server drops the socket; the next command reports it
  await client.connect();
  const existing = async () => new Set((await client.list()).map((entry) => entry.path));
  return {
    client,
    append: async (folder, raw, options = {}) => {
      const result = await client.append(folder, raw, options.flags ?? [], options.date);
      if (!result || result.uid === undefined) throw new Error(`APPEND to ${folder} returned no UID`);
      return result.uid;
    },
    create: async (folder) => {
      await client.mailboxCreate(folder);
    },
    createSpecialUseFolders: async () => {
      const paths = await existing();
      for (const folder of SPECIAL_USE_FOLDERS) if (!paths.has(folder)) await client.mailboxCreate(folder);
    },
    remove: async (folder) => {
      await client.mailboxDelete(folder);
    },
    rename: async (from, to) => {
      await client.mailboxRename(from, to);
    },
    move: async (from, uid, to) => {
      const lock = await client.getMailboxLock(from);
      try {
        const result = await client.messageMove(String(uid), to, { uid: true });
        const moved = result ? result.uidMap?.get(uid) : undefined;
        if (moved === undefined) throw new Error(`MOVE of UID ${uid} from ${from} to ${to} returned no UID`);
        return moved;
      } finally {
        lock.release();
      }
    },
    close: async () => {
      await client.logout().catch(() => client.close());
    },
  };
}
