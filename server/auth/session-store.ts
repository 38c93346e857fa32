/** A dashboard session as stored: only the SHA-256 of its id, never the id (the cookie value). */
export interface SessionRecord {
  idHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Slides forward with use, never past `createdAt` + the absolute lifetime. */
  expiresAt: Date;
}

/** Storage of sessions; the database-backed one lives in server/db. */
export interface SessionStore {
  insert(record: SessionRecord): Promise<void>;
  find(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Signs a user out everywhere (removed user, changed role); returns how many sessions ended. */
  deleteForUser(userId: string): Promise<number>;
  /** Housekeeping: forgets sessions that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

export class MemorySessionStore implements SessionStore {
  private readonly records = new Map<string, SessionRecord>();

  async insert(record: SessionRecord): Promise<void> {
    if (this.records.has(record.idHash)) throw new Error('duplicate session id');
    this.records.set(record.idHash, { ...record });
  }

  async find(idHash: string): Promise<SessionRecord | undefined> {
    const record = this.records.get(idHash);
    return record && { ...record };
  }

  async touch(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    const record = this.records.get(idHash);
    if (record) Object.assign(record, { lastSeenAt, expiresAt });
  }

  async delete(idHash: string): Promise<void> {
    this.records.delete(idHash);
  }

  async deleteForUser(userId: string): Promise<number> {
    return this.deleteWhere((record) => record.userId === userId);
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.deleteWhere((record) => record.expiresAt.getTime() <= now.getTime());
  }

  get size(): number {
    return this.records.size;
  }

  private deleteWhere(predicate: (record: SessionRecord) => boolean): number {
    let deleted = 0;
    for (const [hash, record] of this.records) {
      if (predicate(record)) {
        this.records.delete(hash);
        deleted += 1;
      }
    }
    return deleted;
  }
}
