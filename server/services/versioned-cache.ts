import type { ChangeFeed } from '../db/change-feed';

// Answers kept between requests for as long as the data they were read from is unchanged (change-feed.ts): each is
// tagged with the feed's version taken before its read, and all are forgotten when the version moves. Bounded: the
// oldest kept goes first when full.

export class VersionedCache<V> {
  private readonly kept = new Map<string, V>();
  private at: number | undefined;
  hits = 0;
  misses = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly maxEntries: number,
  ) {}

  /** Take before reading what will be kept; undefined: the feed is deaf, keep nothing. */
  stamp(): number | undefined {
    return this.feed.version();
  }

  get(key: string): V | undefined {
    const now = this.current();
    const value = now === undefined ? undefined : this.kept.get(key);
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }

  set(key: string, stamp: number | undefined, value: V): void {
    // Read before a change that has been heard since: it may hold the old data.
    if (stamp === undefined || this.current() !== stamp || this.maxEntries <= 0) return;
    if (this.kept.size >= this.maxEntries) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, value);
  }

  get size(): number {
    return this.kept.size;
  }

  private current(): number | undefined {
    const version = this.feed.version();
    if (version !== this.at) {
      this.kept.clear();
      this.at = version;
    }
    return version;
  }
}
