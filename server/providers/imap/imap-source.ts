import type { ImapFlow } from 'imapflow';
import { normalizeAddress, normalizeMessageId, type Folder, type MailMessage } from '../../../src';
import { keepSourcesForFiles } from '../attachment-content';
import { emlToMessage } from '../eml-to-message';
import type { MailBatch, MailCursor, MailSource } from '../mail-source';
import { createImapClient } from './imap-client';
import { parseImapCursor, toMailCursor, type ImapFolderPosition } from './imap-cursor';
import { toMailSourceError } from './imap-error';
import type { ImapSourceOptions } from './imap-options';
import { firstUidSince } from './first-uid-since';
import { listReadableFolders } from './readable-folders';
import { uidSet } from './uid-set';
import { withFolder } from './with-folder';
import { watchInbox } from './watch-inbox';

// A mailbox over IMAP (imapflow). Reads inbox, sent and archive folders by UID from a per-folder cursor, whole
// messages (BODY.PEEK[], so nothing gets marked \Seen) parsed by mailparser. One connection is kept between calls
// and replaced when it drops, so a server that went away is picked up again by the next call.
//
// Folders without a valid position (UIDVALIDITY changed, or the folder appeared after the connection, such as an
// Archive created later) are read from their first message that arrived at or after the connection time: nothing
// older is imported, and messages read before may come again (the engine's ledger dedupes by Message-ID). Within one
// batch a Message-ID is never returned twice; the first folder wins (inbox, then sent, then archive).

export const DEFAULT_IMAP_BATCH_LIMIT = 100;

interface Fetched {
  uid: number;
  source: Buffer;
}

export class ImapSource implements MailSource {
  readonly kind = 'imap' as const;
  private client: ImapFlow | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ImapSourceOptions) {}

  async initialCursor(connectedAt: Date): Promise<MailCursor> {
    return this.run('initial cursor', async (client) => {
      const folders: Record<string, ImapFolderPosition> = {};
      for (const { path } of await listReadableFolders(client)) {
        const { uidValidity, uidNext } = await folderStatus(client, path);
        folders[path] = { uidValidity, lastUid: uidNext - 1 };
      }
      return toMailCursor({ connectedAt: connectedAt.toISOString(), folders });
    });
  }

  async fetchChanges(stored: MailCursor, options: { limit?: number } = {}): Promise<MailBatch> {
    const cursor = parseImapCursor(stored);
    const connectedAt = new Date(cursor.connectedAt);
    let remaining = Math.max(1, options.limit ?? DEFAULT_IMAP_BATCH_LIMIT);
    return this.run('fetch', async (client) => {
      const next: Record<string, ImapFolderPosition> = {};
      const messages: MailMessage[] = [];
      const places = new WeakMap<MailMessage, string>();
      const seenIds = new Set<string>();
      const files = keepSourcesForFiles();
      let more = false;
      for (const { path, folder } of await listReadableFolders(client)) {
        const status = await folderStatus(client, path);
        let position = cursor.folders[path];
        if (!position || position.uidValidity !== status.uidValidity) {
          const start = await firstUidSince(client, path, connectedAt, status.uidNext);
          position = { uidValidity: status.uidValidity, lastUid: start - 1 };
        }
        next[path] = position;
        if (status.uidNext - 1 <= position.lastUid) continue;
        if (remaining === 0) {
          more = true;
          continue;
        }
        const page = await this.readFolder(client, path, position.lastUid, remaining);
        more ||= page.more;
        for (const { uid, source } of page.fetched) {
          const message = await emlToMessage(source, folder);
          const id = normalizeMessageId(message.internetMessageId);
          if (id === '' || !seenIds.has(id)) {
            messages.push(message);
            places.set(message, placeOf(position.uidValidity, uid, path));
            files.keep(message, source);
          }
          if (id !== '') seenIds.add(id);
          position = { uidValidity: position.uidValidity, lastUid: uid };
          remaining--;
        }
        next[path] = position;
      }
      return {
        messages,
        cursor: toMailCursor({ connectedAt: cursor.connectedAt, folders: next }),
        more,
        withBody: files.withBody,
        sourceIdOf: (message: MailMessage) => places.get(message),
      };
    });
  }

  /** By `<UIDVALIDITY>:<UID>:<folder path>`, with the attachments' content: undefined when the folder is gone, was rebuilt, or lost the UID. */
  async fetchMessage(sourceId: string, folder: Folder): Promise<MailMessage | undefined> {
    const place = /^([^:]+):(\d+):(.+)$/s.exec(sourceId);
    if (!place) return undefined;
    const [, uidValidity, uid, path] = place as unknown as [string, string, string, string];
    return this.run('fetch message', async (client) => {
      if (!(await listReadableFolders(client)).some((f) => f.path === path)) return undefined;
      const raw = await withFolder(client, path, async () => {
        if (client.mailbox && client.mailbox.uidValidity.toString() !== uidValidity) return undefined;
        const found = await client.fetchOne(uid, { uid: true, source: true }, { uid: true });
        return found && found.uid === Number(uid) ? found.source : undefined;
      });
      return raw ? emlToMessage(raw, folder, { files: true }) : undefined;
    });
  }

  /** SEARCH FROM in the inbox (a substring match: the parsed From is checked), the newest few UIDs read whole. */
  async latestFrom(address: string): Promise<MailMessage | undefined> {
    return this.run('search', async (client) => {
      const inbox = (await listReadableFolders(client)).find((f) => f.folder === 'inbox');
      if (!inbox) return undefined;
      return withFolder(client, inbox.path, async () => {
        const found = (await client.search({ from: address }, { uid: true })) || [];
        for (const uid of found.sort((a, b) => b - a).slice(0, 5)) {
          const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
          if (!message || !message.source) continue;
          const parsed = await emlToMessage(message.source, 'inbox');
          if (normalizeAddress(parsed.from.address) === address) return parsed;
        }
        return undefined;
      });
    });
  }

  async watch(onChange: () => void): Promise<{ stop(): Promise<void> }> {
    return watchInbox(this.options, onChange);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (client) await client.logout().catch(() => client.close());
  }

  /** The next `limit` messages after `lastUid`, in UID order. */
  private async readFolder(
    client: ImapFlow,
    path: string,
    lastUid: number,
    limit: number,
  ): Promise<{ fetched: Fetched[]; more: boolean }> {
    return withFolder(client, path, async () => {
      // `N:*` always matches the highest UID, even when it is below N: keep only what is really newer.
      const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
      const wanted = uids.slice(0, limit);
      const fetched: Fetched[] = [];
      if (wanted.length > 0) {
        for await (const message of client.fetch(
          uidSet(wanted),
          { uid: true, source: true },
          { uid: true },
        )) {
          if (message.uid > lastUid && message.source)
            fetched.push({ uid: message.uid, source: message.source });
        }
      }
      fetched.sort((a, b) => a.uid - b.uid);
      return { fetched, more: uids.length > wanted.length };
    });
  }

  /** Runs one operation at a time on the shared connection; a failure drops the connection and is mapped. */
  private run<T>(doing: string, operation: (client: ImapFlow) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      try {
        return await operation(await this.connection());
      } catch (error) {
        this.drop();
        throw toMailSourceError(error, doing);
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async connection(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.drop();
    const client = createImapClient(this.options, { disableAutoIdle: true });
    await client.connect();
    this.client = client;
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    if (client) client.close();
  }
}

function placeOf(uidValidity: string, uid: number, path: string): string {
  return `${uidValidity}:${uid}:${path}`;
}

async function folderStatus(
  client: ImapFlow,
  path: string,
): Promise<{ uidValidity: string; uidNext: number }> {
  const status = await client.status(path, { uidNext: true, uidValidity: true });
  if (status && status.uidNext !== undefined && status.uidValidity !== undefined) {
    return { uidValidity: status.uidValidity.toString(), uidNext: status.uidNext };
  }
  // A server that leaves STATUS items out still reports both when the folder is examined.
  return withFolder(client, path, async () => {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`could not open ${path}`);
    return { uidValidity: mailbox.uidValidity.toString(), uidNext: mailbox.uidNext };
  });
}

export function createImapSource(options: ImapSourceOptions): ImapSource {
  return new ImapSource(options);
}
