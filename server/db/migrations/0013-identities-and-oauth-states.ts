// Who signed in as whom, and OAuth attempts in flight. A Microsoft identity (tenant `tid` + object `oid`) is bound
// to the Liaison user it first signed in as: a later token naming the same address from another account is refused
// (server/auth/bound-identities.ts). An OAuth `state` is a random token whose hash is kept here with the PKCE
// verifier (sealed) until the provider redirects back; it is marked used once, so a replayed redirect is refused.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('user_identities')
    .ifNotExists()
    .addColumn('provider', 'text', (c) => c.notNull())
    /** Microsoft: the tenant id (`tid`), lower-cased. */
    .addColumn('tenant', 'text', (c) => c.notNull())
    /** Microsoft: the object id (`oid`), lower-cased. */
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_identities_pk', ['provider', 'tenant', 'subject'])
    .addUniqueConstraint('user_identities_one_per_provider', ['user_id', 'provider'])
    .execute();

  await db.schema
    .createTable('oauth_states')
    .ifNotExists()
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    /** What the attempt connects: `graph`, `gmail` or `salesforce`. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The user who started it (null for the organisation's Salesforce connection before an admin is known). */
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    /** The PKCE code verifier, sealed. */
    .addColumn('sealed_verifier', 'text', (c) => c.notNull())
    /** Anything else the callback needs (the Salesforce login URL), as JSON text. */
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('oauth_states').ifExists().execute();
  await db.schema.dropTable('user_identities').ifExists().execute();
}
