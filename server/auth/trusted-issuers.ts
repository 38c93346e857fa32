import type { JSONWebKeySet } from 'jose';

/**
 * Which token issuers the server trusts, and how to reach their keys.
 *
 * Environment (a provider is trusted only when its client id is set):
 * - LIAISON_MS_CLIENT_ID      audience(s) of Outlook nested-app-auth tokens, comma-separated
 * - LIAISON_MS_TENANT         required with LIAISON_MS_CLIENT_ID: the comma-separated tenant ids whose
 *                             people may sign in (`common` or `organizations` would let any tenant in)
 * - LIAISON_MS_ISSUER         issuer template, `{tid}` stands for the tenant id
 *                             (default https://login.microsoftonline.com/{tid}/v2.0)
 * - LIAISON_MS_JWKS_URL       default https://login.microsoftonline.com/common/discovery/v2.0/keys
 * - LIAISON_GOOGLE_CLIENT_ID  audience(s) of Apps Script identity tokens (the script's OAuth client id)
 * - LIAISON_GOOGLE_ISSUER     comma-separated (default https://accounts.google.com,accounts.google.com)
 * - LIAISON_GOOGLE_JWKS_URL   default https://www.googleapis.com/oauth2/v3/certs
 * - LIAISON_GOOGLE_WORKSPACE_DOMAIN  when set, Google tokens must carry this hosted domain (`hd`)
 * - LIAISON_JWT_CLOCK_TOLERANCE  seconds of clock skew accepted on exp/nbf (default 30)
 * The embedded issuer is trusted when the server runs in embedded mode (see embedded-issuer.ts).
 */
export const MICROSOFT_DEFAULT_ISSUER = 'https://login.microsoftonline.com/{tid}/v2.0';
export const MICROSOFT_DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
/** The tenant of personal Microsoft accounts, refused under `organizations`. */
export const MICROSOFT_CONSUMER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
export const GOOGLE_DEFAULT_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
export const GOOGLE_DEFAULT_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

export interface MicrosoftTrust {
  /** Issuer with `{tid}` in place of the tenant id. */
  issuerTemplate: string;
  jwksUrl: string;
  audiences: string[];
  /** Lower-cased tenant ids (`tid`) whose people may sign in. */
  tenants: string[];
}

export interface GoogleTrust {
  issuers: string[];
  jwksUrl: string;
  audiences: string[];
  /** The organisation's Workspace domain: tokens must carry it as `hd` (LIAISON_GOOGLE_WORKSPACE_DOMAIN). */
  hostedDomain?: string;
}

export interface EmbeddedTrust {
  issuer: string;
  audiences: string[];
  jwks: JSONWebKeySet;
}

export interface TrustedIssuers {
  microsoft?: MicrosoftTrust;
  google?: GoogleTrust;
  embedded?: EmbeddedTrust;
  clockToleranceSeconds?: number;
}

type Env = Record<string, string | undefined>;

/** Google's issuers and keys (LIAISON_GOOGLE_ISSUER, LIAISON_GOOGLE_JWKS_URL), for every Google-signed token. */
export function googleKeysFromEnv(env: Env): { issuers: string[]; jwksUrl: string } {
  const issuers = list(env.LIAISON_GOOGLE_ISSUER);
  return {
    issuers: issuers.length > 0 ? issuers : [...GOOGLE_DEFAULT_ISSUERS],
    jwksUrl: env.LIAISON_GOOGLE_JWKS_URL?.trim() || GOOGLE_DEFAULT_JWKS_URL,
  };
}

/** LIAISON_GOOGLE_WORKSPACE_DOMAIN: the Workspace domain people's Google tokens must name (`hd`), if any. */
export function googleWorkspaceDomain(env: Env): { hostedDomain?: string } {
  const domain = env.LIAISON_GOOGLE_WORKSPACE_DOMAIN?.trim().toLowerCase();
  if (!domain) return {};
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))
    throw new Error(
      `LIAISON_GOOGLE_WORKSPACE_DOMAIN must be your Google Workspace domain, like ourco.com; got "${domain}"`,
    );
  return { hostedDomain: domain };
}

export function trustedIssuersFromEnv(env: Env = process.env, embedded?: EmbeddedTrust): TrustedIssuers {
  const trusted: TrustedIssuers = {};
  const msAudiences = list(env.LIAISON_MS_CLIENT_ID);
  if (msAudiences.length > 0) {
    trusted.microsoft = {
      issuerTemplate: env.LIAISON_MS_ISSUER?.trim() || MICROSOFT_DEFAULT_ISSUER,
      jwksUrl: env.LIAISON_MS_JWKS_URL?.trim() || MICROSOFT_DEFAULT_JWKS_URL,
      audiences: msAudiences,
      tenants: parseTenants(env.LIAISON_MS_TENANT),
    };
  }
  const googleAudiences = list(env.LIAISON_GOOGLE_CLIENT_ID);
  if (googleAudiences.length > 0) {
    trusted.google = { ...googleKeysFromEnv(env), audiences: googleAudiences, ...googleWorkspaceDomain(env) };
  }
  if (embedded !== undefined) trusted.embedded = embedded;
  const tolerance = env.LIAISON_JWT_CLOCK_TOLERANCE?.trim();
  if (tolerance) {
    const seconds = Number(tolerance);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 600) {
      throw new Error('LIAISON_JWT_CLOCK_TOLERANCE must be a whole number of seconds from 0 to 600');
    }
    trusted.clockToleranceSeconds = seconds;
  }
  return trusted;
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TENANT_HELP =
  'list the tenant id of your Microsoft 365 organisation (Microsoft Entra admin center, Overview, Tenant ID, ' +
  'like 72f988bf-86f1-41af-91ab-2d7cd011db47), comma-separated if several';

/**
 * The tenants whose people may sign in. Required: with `common` or `organizations` anyone in any Entra tenant could
 * sign in as the first to claim an address, and personal accounts (the consumer tenant) are never an organisation's.
 */
function parseTenants(value: string | undefined): string[] {
  const tenants = list(value).map((tenant) => tenant.toLowerCase());
  if (tenants.length === 0)
    throw new Error(`LIAISON_MS_TENANT must be set when LIAISON_MS_CLIENT_ID is: ${TENANT_HELP}.`);
  for (const tenant of tenants) {
    if (tenant === 'common' || tenant === 'organizations' || tenant === 'consumers')
      throw new Error(
        `LIAISON_MS_TENANT cannot be "${tenant}": that lets people from any Microsoft tenant sign in. Instead, ${TENANT_HELP}.`,
      );
    if (tenant === MICROSOFT_CONSUMER_TENANT)
      throw new Error(
        `LIAISON_MS_TENANT cannot name the tenant of personal Microsoft accounts (${tenant}): ${TENANT_HELP}.`,
      );
    if (!TENANT_ID.test(tenant))
      throw new Error(`LIAISON_MS_TENANT has "${tenant}", which is not a tenant id: ${TENANT_HELP}.`);
  }
  return tenants;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
