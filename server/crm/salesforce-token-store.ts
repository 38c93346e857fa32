// The Salesforce tokens shared by every process on one database (server and workers): the refresh token and the
// latest access token, both sealed, and the refresh lease, all in the connection's row (no table of its own).
// The lease is an UPDATE that succeeds only when no other holder has an unexpired one, timed by the database's
// clock, so it works the same on PostgreSQL and PGlite and no connection is held during the HTTP refresh.
import { sql, type Kysely } from 'kysely';
import { getCrmConnection } from '../db/crm-connection-repo';
import type { Database } from '../db/database-types';
import type { SecretBox } from '../secrets';
import type { SharedTokens, TokenStore } from './salesforce/token-refresh';
import { accessTokenAad, type StoredSalesforceConnection } from './salesforce/salesforce-oauth';

const KIND = 'salesforce';

const nowMs = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export class DbTokenStore implements TokenStore {
  /** The sealed form of the refresh token last read, which a save must find still stored. */
  private lastRead?: { refreshToken: string; sealed: string };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
    private readonly organisationId: string,
  ) {}

  async read(): Promise<SharedTokens | undefined> {
    const row = await getCrmConnection<StoredSalesforceConnection>(this.db, KIND);
    if (!row) return undefined;
    const c = row.connection;
    const refreshToken = this.box.open(c.sealedRefreshToken, this.organisationId);
    this.lastRead = { refreshToken, sealed: c.sealedRefreshToken };
    return {
      refreshToken,
      ...(c.sealedAccessToken
        ? { accessToken: this.box.open(c.sealedAccessToken, accessTokenAad(this.organisationId)) }
        : {}),
      instanceUrl: c.instanceUrl,
    };
  }

  async claim(holder: string, ms: number): Promise<boolean> {
    const { rows } = await sql<{ kind: string }>`
      update crm_connection
      set connection = connection || jsonb_build_object(
        'refreshLease', jsonb_build_object('holder', ${holder}::text, 'until', ${nowMs} + ${ms}::bigint))
      where kind = ${KIND}
        and (connection -> 'refreshLease' is null
          or connection -> 'refreshLease' ->> 'holder' = ${holder}::text
          or (connection -> 'refreshLease' ->> 'until')::bigint < ${nowMs})
      returning kind`.execute(this.db);
    return rows.length > 0;
  }

  async save(holder: string, tokens: SharedTokens, basis: string): Promise<void> {
    const sealedBasis =
      this.lastRead?.refreshToken === basis ? this.lastRead.sealed : await this.sealedNow(basis);
    if (sealedBasis === undefined || !tokens.accessToken) return this.release(holder);
    const fresh = {
      sealedRefreshToken:
        tokens.refreshToken === basis ? sealedBasis : this.box.seal(tokens.refreshToken, this.organisationId),
      sealedAccessToken: this.box.seal(tokens.accessToken, accessTokenAad(this.organisationId)),
      ...(tokens.instanceUrl ? { instanceUrl: tokens.instanceUrl } : {}),
    };
    const saved = await sql<{ kind: string }>`
      update crm_connection
      set connection = (case when connection -> 'refreshLease' ->> 'holder' = ${holder}::text
                          then connection - 'refreshLease' else connection end)
                       || cast(${JSON.stringify(fresh)} as jsonb),
          updated_at = now()
      where kind = ${KIND} and connection ->> 'sealedRefreshToken' = ${sealedBasis}
      returning kind`.execute(this.db);
    if (saved.rows.length === 0) await this.release(holder);
  }

  async release(holder: string): Promise<void> {
    await sql`
      update crm_connection set connection = connection - 'refreshLease'
      where kind = ${KIND} and connection -> 'refreshLease' ->> 'holder' = ${holder}::text`.execute(this.db);
  }

  /** The stored sealed refresh token when it still opens to `refreshToken`. */
  private async sealedNow(refreshToken: string): Promise<string | undefined> {
    const row = await getCrmConnection<StoredSalesforceConnection>(this.db, KIND);
    if (!row) return undefined;
    const sealed = row.connection.sealedRefreshToken;
    return this.box.open(sealed, this.organisationId) === refreshToken ? sealed : undefined;
  }
}
