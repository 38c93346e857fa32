// A worker keeps mailboxes' sources open between runs (an IMAP connection, a Maildir's stat memo), rebuilt when the
// connection settings change or after a failure, and watches some of them for push.
//
// Sources that hold something of this machine's are bounded, so a worker with tens of thousands of mailboxes keeps
// a known number of connections and watches: IMAP (one connection per open source, one more for IDLE) and Maildir
// (inotify watches). At most `maxOpen` of them stay open between runs (the least recently used is closed; a source
// in use is never closed under its run), and at most `maxWatched` are watched: the most recently active ones, those
// whose runs found new mail; a mailbox with news takes the watch of the one whose news is oldest. The others are
// polled at the sync interval. Graph and Gmail sources hold no connection (their push is the provider's), so they
// stay open and watched as before.
import type { MailSource } from '../providers/mail-source';
import type { Mailbox } from '../db/mailboxes-repo';
import type { MailSourceFactory } from './mail-source-factory';

type Watcher = { stop(): Promise<void> } | undefined;

interface Entry {
  signature: string;
  source: MailSource;
  local: boolean;
  /** Runs using the source now: it is not closed under them. */
  users: number;
  /** Set by `drop` while in use: closed when its last run ends. */
  dropped: boolean;
  /** When a run of it last found new mail (0: never in this process). */
  lastNews: number;
  watcher?: Promise<Watcher>;
}

export interface SourceLimits {
  /** IMAP and Maildir sources kept open between runs (LIAISON_SYNC_MAX_OPEN_SOURCES, default 500). */
  maxOpen: number;
  /** IMAP and Maildir sources watched (IMAP IDLE, inotify) (LIAISON_SYNC_MAX_WATCHED, default 100). */
  maxWatched: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = { maxOpen: 500, maxWatched: 100 };

/** What a worker holds at a moment (for the scale bench and tests). */
export interface SourceCacheStats {
  open: number;
  openLocal: number;
  watchedLocal: number;
  inUse: number;
}

export class SourceCache {
  private readonly entries = new Map<string, Entry>();
  /** The local (IMAP, Maildir) entries, least recently used first (a use moves one to the end). */
  private readonly local = new Map<string, Entry>();
  private readonly watched = new Set<Entry>();
  private readonly limits: SourceLimits;
  private clock = 0;

  constructor(
    private readonly factory: MailSourceFactory,
    private readonly onPush?: (mailboxId: string) => void,
    limits: Partial<SourceLimits> = {},
  ) {
    this.limits = { ...DEFAULT_SOURCE_LIMITS, ...limits };
  }

  /** Runs `fn` with the mailbox's source, which stays open for as long as `fn` runs. */
  async use<T>(mailbox: Mailbox, fn: (source: MailSource) => Promise<T>): Promise<T> {
    const entry = await this.entryFor(mailbox);
    entry.users++;
    if (entry.local && !entry.dropped) {
      this.local.delete(mailbox.id);
      this.local.set(mailbox.id, entry);
    }
    try {
      return await fn(entry.source);
    } finally {
      entry.users--;
      if (entry.dropped && entry.users === 0) await this.close(entry);
      await this.trim();
    }
  }

  /** A run of the mailbox found new mail: it is among the most active, so it is watched (when its kind can be). */
  noteNews(mailboxId: string): void {
    const entry = this.entries.get(mailboxId);
    if (!entry) return;
    entry.lastNews = ++this.clock;
    if (!this.onPush || !entry.source.watch || entry.watcher || !entry.local) return;
    if (this.watched.size >= this.limits.maxWatched) {
      const oldest = [...this.watched].reduce((a, b) => (b.lastNews < a.lastNews ? b : a));
      if (oldest.lastNews >= entry.lastNews) return;
      this.unwatch(oldest);
    }
    this.watch(mailboxId, entry);
  }

  /** Closes a mailbox's source (after a failure, so the next run reconnects); in use, when its runs end. */
  async drop(mailboxId: string): Promise<void> {
    const entry = this.entries.get(mailboxId);
    if (!entry) return;
    this.entries.delete(mailboxId);
    this.local.delete(mailboxId);
    this.watched.delete(entry);
    entry.dropped = true;
    if (entry.users === 0) await this.close(entry);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.drop(id)));
  }

  stats(): SourceCacheStats {
    const all = [...this.entries.values()];
    return {
      open: all.length,
      openLocal: this.local.size,
      watchedLocal: this.watched.size,
      inUse: all.filter((e) => e.users > 0).length,
    };
  }

  private async entryFor(mailbox: Mailbox): Promise<Entry> {
    const signature = `${mailbox.kind}\0${JSON.stringify(mailbox.settings)}\0${mailbox.sealedSecret ?? ''}`;
    const current = this.entries.get(mailbox.id);
    if (current && current.signature === signature) return current;
    if (current) await this.drop(mailbox.id);
    const source = await this.factory(mailbox);
    const local = source.kind === 'imap' || source.kind === 'maildir';
    const entry: Entry = { signature, source, local, users: 0, dropped: false, lastNews: 0 };
    // Local sources are watched while there is room; the provider's push always.
    if (this.onPush && source.watch && (!local || this.watched.size < this.limits.maxWatched))
      this.watch(mailbox.id, entry);
    this.entries.set(mailbox.id, entry);
    if (local) this.local.set(mailbox.id, entry);
    return entry;
  }

  private watch(mailboxId: string, entry: Entry): void {
    const onPush = this.onPush!;
    const watcher: Promise<Watcher> = entry.source.watch!(() => onPush(mailboxId)).catch(() => {
      // Could not watch (the connection failed): the slot is free again, and polling covers the mailbox.
      if (entry.watcher === watcher) {
        entry.watcher = undefined;
        this.watched.delete(entry);
      }
      return undefined;
    });
    entry.watcher = watcher;
    if (entry.local) this.watched.add(entry);
  }

  private unwatch(entry: Entry): void {
    const watcher = entry.watcher;
    entry.watcher = undefined;
    this.watched.delete(entry);
    void watcher?.then((w) => w?.stop()).catch(() => {});
  }

  /** Closes the least recently used open local sources beyond `maxOpen` (neither in use nor watched). */
  private async trim(): Promise<void> {
    if (this.local.size <= this.limits.maxOpen) return;
    const closing: string[] = [];
    let excess = this.local.size - this.limits.maxOpen;
    for (const [id, entry] of this.local) {
      if (excess <= 0) break;
      if (entry.users > 0 || entry.watcher) continue;
      closing.push(id);
      excess--;
    }
    await Promise.all(closing.map((id) => this.drop(id)));
  }

  private async close(entry: Entry): Promise<void> {
    const watcher = await entry.watcher;
    entry.watcher = undefined;
    await watcher?.stop().catch(() => {});
    await entry.source.close().catch(() => {});
  }
}
