/**
 * Keeps a Gmail mailbox's watch alive. One watch per mailbox is stored (mailbox_push, through the functions the
 * source factory passes in: the source knows no database); every worker holding the mailbox's source shares it.
 * Starting reuses a stored watch with more than a day left, else calls users.watch. A check every hour renews the
 * watch once it is a day old (Google: at least every 7 days, daily advised); workers race for the renewal with an
 * optimistic claim on the stored expiry, so one calls users.watch and the others leave it. Failures are logged and
 * ignored: polling still reads the mailbox, and the next check tries again.
 */
import type { GmailWatch } from './gmail-watch';

export interface GmailPushOptions {
  /** projects/<project>/topics/<topic>, with Publisher granted to gmail-api-push@system.gserviceaccount.com. */
  topicName: string;
  /** The mailbox's address, what notifications name (read from the profile when not given). */
  address?: string;
  /** The stored watch of this mailbox, if any. */
  load(): Promise<{ expiresAt: string } | undefined>;
  /** Stores a new watch (replacing any). */
  save(address: string, expiresAt: Date): Promise<void>;
  /** Moves the stored expiry only if it is still `previousExpiresAt`: true when this call won. */
  renew(previousExpiresAt: string, expiresAt: Date): Promise<boolean>;
  /** How often the renewal check runs (default an hour). */
  checkEveryMs?: number;
  log?: (line: string) => void;
  now?: () => Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A stored watch with less than this left is not reused at start. */
export const REUSE_ABOVE_MS = DAY;
/** A watch lasts 7 days: one with less than 6 left is a day old and due for renewal. */
export const RENEW_BELOW_MS = 6 * DAY;

export class GmailPushWatcher {
  private readonly now: () => Date;

  constructor(
    private readonly options: GmailPushOptions,
    private readonly gmail: { watch(): Promise<GmailWatch>; address(): Promise<string> },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<{ stop(): Promise<void> }> {
    try {
      const stored = await this.options.load();
      if (!stored || this.left(stored.expiresAt) <= REUSE_ABOVE_MS) await this.watchAndSave();
    } catch (error) {
      this.failed(error);
    }
    const timer = setInterval(() => {
      this.renew().catch((error: unknown) => this.failed(error));
    }, this.options.checkEveryMs ?? HOUR);
    timer.unref();
    // Stopping clears the timer only: the watch is the mailbox's, shared with other workers (users.stop is for a
    // disconnect).
    return { stop: async () => clearInterval(timer) };
  }

  /** One renewal check: renews a day-old (or missing) watch unless another worker just did. */
  async renew(): Promise<'renewed' | 'not_due' | 'lost'> {
    const stored = await this.options.load();
    if (!stored) {
      // The first watch failed (or was never made): try again.
      await this.watchAndSave();
      return 'renewed';
    }
    if (this.left(stored.expiresAt) >= RENEW_BELOW_MS) return 'not_due';
    // Claim the renewal by moving the stored expiry a millisecond: of several workers, one wins.
    const claim = new Date(Date.parse(stored.expiresAt) + 1);
    if (!(await this.options.renew(stored.expiresAt, claim))) return 'lost';
    let watch: GmailWatch;
    try {
      watch = await this.gmail.watch();
    } catch (error) {
      // Give the claim back so the next check (here or elsewhere) tries again.
      await this.options.renew(claim.toISOString(), new Date(stored.expiresAt)).catch(() => false);
      throw error;
    }
    await this.options.renew(claim.toISOString(), watch.expiresAt);
    return 'renewed';
  }

  private async watchAndSave(): Promise<void> {
    const address = (await this.gmail.address()).toLowerCase();
    const watch = await this.gmail.watch();
    await this.options.save(address, watch.expiresAt);
  }

  private left(expiresAt: string): number {
    return Date.parse(expiresAt) - this.now().getTime();
  }

  private failed(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.options.log?.(`gmail push: no watch (${detail}); the mailbox is still read on its schedule`);
  }
}
