/** A sign-in link as stored: only the SHA-256 of its token, never the token. */
export interface OneTimeTokenRecord {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
}

/** Storage of sign-in links; the database-backed one lives in server/db. */
export interface OneTimeTokenStore {
  insert(record: OneTimeTokenRecord): Promise<void>;
  find(tokenHash: string): Promise<OneTimeTokenRecord | undefined>;
  /**
   * Marks the link used only if it is still unused, atomically (in SQL:
   * `UPDATE … SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL`), and says whether it did.
   * This is what makes a link single-use when two requests race.
   */
  markUsed(tokenHash: string, usedAt: Date): Promise<boolean>;
  /** Housekeeping: forgets links that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

export class MemoryOneTimeTokenStore implements OneTimeTokenStore {
  private readonly records = new Map<string, OneTimeTokenRecord>();

  async insert(record: OneTimeTokenRecord): Promise<void> {
    if (this.records.has(record.tokenHash)) throw new Error('duplicate sign-in token');
    this.records.set(record.tokenHash, { ...record });
  }

  async find(tokenHash: string): Promise<OneTimeTokenRecord | undefined> {
    const record = this.records.get(tokenHash);
    return record && { ...record };
  }

  async markUsed(tokenHash: string, usedAt: Date): Promise<boolean> {
    const record = this.records.get(tokenHash);
    if (!record || record.usedAt) return false;
    record.usedAt = usedAt;
    return true;
  }

  async deleteExpired(now: Date): Promise<number> {
    let deleted = 0;
    for (const [hash, record] of this.records) {
      if (record.expiresAt.getTime() <= now.getTime()) {
        this.records.delete(hash);
        deleted += 1;
      }
    }
    return deleted;
  }

  get size(): number {
    return this.records.size;
  }
}
