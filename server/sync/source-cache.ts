// A worker keeps each mailbox's source open between runs (an IMAP connection, a Maildir's stat memo), rebuilt when
// the connection settings change or after a failure, and watches it for push when asked to.
import type { MailSource } from '../mail/mail-source';
import type { Mailbox } from '../db/mailboxes-repo';
import type { MailSourceFactory } from './mail-source-factory';

interface Entry {
  signature: string;
  source: MailSource;
  watcher?: Promise<{ stop(): Promise<void> } | undefined>;
}

export class SourceCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly factory: MailSourceFactory,
    private readonly onPush?: (mailboxId: string) => void,
  ) {}

  async get(mailbox: Mailbox): Promise<MailSource> {
    const signature = `${mailbox.kind}\0${JSON.stringify(mailbox.settings)}\0${mailbox.sealedSecret ?? ''}`;
    const current = this.entries.get(mailbox.id);
    if (current && current.signature === signature) return current.source;
    if (current) await this.drop(mailbox.id);
    const source = await this.factory(mailbox);
    const entry: Entry = { signature, source };
    const onPush = this.onPush;
    if (onPush && source.watch) {
      entry.watcher = source.watch(() => onPush(mailbox.id)).catch(() => undefined);
    }
    this.entries.set(mailbox.id, entry);
    return source;
  }

  /** Closes a mailbox's source (after a failure, so the next run reconnects). */
  async drop(mailboxId: string): Promise<void> {
    const entry = this.entries.get(mailboxId);
    if (!entry) return;
    this.entries.delete(mailboxId);
    const watcher = await entry.watcher;
    await watcher?.stop().catch(() => {});
    await entry.source.close().catch(() => {});
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.drop(id)));
  }
}
