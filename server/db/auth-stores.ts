// Database-backed stores for sign-in links and dashboard sessions (only hashes are stored).
import type { Kysely } from 'kysely';
import type { OneTimeTokenRecord, OneTimeTokenStore, SessionRecord, SessionStore } from '../auth';
import type { Database } from './database-types';

export class DbOneTimeTokenStore implements OneTimeTokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: OneTimeTokenRecord): Promise<void> {
    await this.db
      .insertInto('sign_in_tokens')
      .values({
        token_hash: record.tokenHash,
        user_id: record.userId,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
        used_at: record.usedAt ?? null,
      })
      .execute();
  }

  async find(tokenHash: string): Promise<OneTimeTokenRecord | undefined> {
    const row = await this.db
      .selectFrom('sign_in_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const record: OneTimeTokenRecord = {
      tokenHash: row.token_hash,
      userId: row.user_id,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    };
    if (row.used_at) record.usedAt = new Date(row.used_at);
    return record;
  }

  async markUsed(tokenHash: string, usedAt: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('sign_in_tokens')
      .set({ used_at: usedAt })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('sign_in_tokens')
      .where('expires_at', '<', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export class DbSessionStore implements SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: record.idHash,
        user_id: record.userId,
        created_at: record.createdAt,
        last_seen_at: record.lastSeenAt,
        expires_at: record.expiresAt,
      })
      .execute();
  }

  async find(idHash: string): Promise<SessionRecord | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      idHash: row.token_hash,
      userId: row.user_id,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at ?? row.created_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async touch(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('token_hash', '=', idHash)
      .execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', idHash).execute();
  }

  async deleteForUser(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
