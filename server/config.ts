import path from 'node:path';
// The two modules, not the core's index, which would load the whole core (and zod) into every command.
import { DEFAULT_ATTACHMENT_LIMIT_MB } from '../src/content/attachment-files';
import { DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL } from '../src/rules/contact-creation-bound';
import { gmailAddonSettings, type GmailAddonSettings } from './gmail/addon-settings';
import { googleKeysFromEnv } from './auth/trusted-issuers';

// The server's settings, all from the environment, with defaults that run on a laptop with no configuration.

export interface ServerConfig {
  host: string;
  port: number;
  /** The URL people and add-ins reach the server at (sign-in links, manifest URLs, the embedded issuer). */
  publicUrl: string;
  dataDir: string;
  /** PostgreSQL when set; embedded PGlite in `<dataDir>/pglite` otherwise. */
  databaseUrl?: string;
  /** Schema to work in (LIAISON_DB_SCHEMA, default public): lets deployments or test runs share one database. */
  dbSchema?: string;
  /** Origins allowed to call the API from a browser besides the server's own (add-in hosts). */
  addinOrigins: string[];
  /** The server signs its own tokens for the preview pages (no Microsoft or Google account needed). */
  embeddedIssuer: boolean;
  logLevel: string;
  /** Requests per minute per caller (or per address when anonymous). */
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  /**
   * My mailbox may connect to IMAP hosts on loopback, link-local or private addresses (LIAISON_IMAP_PRIVATE_HOSTS,
   * default off; the demo turns it on). Off, such hosts are refused so the connect cannot probe the server's network.
   */
  imapPrivateHosts: boolean;
  /** Not from the environment: how long an IMAP connect check may take in all (default 15 s; tests shorten it). */
  imapCheckTimeoutMs?: number;
  /** MB of attachment files saved with one email at `full` (LIAISON_ATTACHMENT_LIMIT_MB, default 25). */
  attachmentLimitMb: number;
  /** Contacts one email may create at most (LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL, default 10). */
  maxContactsPerEmail: number;
  /** Microsoft 365 mailboxes (OAuth with Microsoft Graph); absent when LIAISON_GRAPH_CLIENT_ID is not set. */
  graph?: GraphOAuthSettings;
  /** Gmail mailboxes (OAuth with the Gmail API); absent when LIAISON_GMAIL_CLIENT_ID is not set. */
  gmail?: GmailOAuthSettings;
  /** The Gmail add-on on the Workspace add-ons HTTP runtime (server/gmail/addon-settings.ts). */
  gmailAddon?: GmailAddonSettings;
  /** Gmail push through Cloud Pub/Sub (GmailPushSettings below); absent: Gmail is polled only. */
  gmailPush?: GmailPushSettings;
}

/** The app registration Liaison signs people in with to read their Microsoft 365 mailbox. */
export interface GraphOAuthSettings {
  clientId: string;
  clientSecret: string;
  /** Tenant id, or `organizations` (any work or school account; the default). */
  tenant: string;
  /** Defaults to https://login.microsoftonline.com/<tenant> (other clouds: set LIAISON_GRAPH_AUTHORITY). */
  authority?: string;
  /** Defaults to <publicUrl>/mailbox/microsoft/callback, resolved when used (the public URL may change). */
  redirectUri?: string;
  /**
   * Change notifications at <publicUrl>/notifications/graph bring a mailbox's run forward (LIAISON_GRAPH_NOTIFICATIONS;
   * default on when LIAISON_PUBLIC_URL is https, which Graph requires of a notification URL).
   */
  notifications?: boolean;
  /** Not from the environment: msal metadata and the Graph root for the tests' emulator. */
  knownAuthorities?: string[];
  authorityMetadata?: string;
  cloudDiscoveryMetadata?: string;
  apiUrl?: string;
}

/** The Google Cloud OAuth client Liaison signs people in with to read their Gmail. */
export interface GmailOAuthSettings {
  clientId: string;
  clientSecret: string;
  /** Defaults to <publicUrl>/mailbox/google/callback, resolved when used. */
  redirectUri?: string;
  /**
   * Google Calendar push channels post to <publicUrl>/notifications/google-calendar and bring a mailbox's run forward
   * (LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS; on by default when the public URL is https, which Google requires).
   */
  calendarNotifications?: boolean;
  /** Not from the environment: Google's endpoints and the Gmail root for the tests' emulator. */
  endpoints?: { oauth2TokenUrl?: string; oauth2AuthBaseUrl?: string; oauth2RevokeUrl?: string };
  apiUrl?: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** Salesforce takes at most 37.5 MB of file in one JSON request (REST API, "Insert or Update Blob Data"). */
const MAX_ATTACHMENT_LIMIT_MB = 35;

/** LIAISON_ATTACHMENT_LIMIT_MB: whole MB of files saved per email at `full`, 0 (names only) to 35; default 25. */
export function attachmentLimitMb(env: Record<string, string | undefined> = process.env): number {
  const mb = integer(
    'LIAISON_ATTACHMENT_LIMIT_MB',
    env.LIAISON_ATTACHMENT_LIMIT_MB,
    DEFAULT_ATTACHMENT_LIMIT_MB,
  );
  if (mb > MAX_ATTACHMENT_LIMIT_MB)
    throw new Error(
      `LIAISON_ATTACHMENT_LIMIT_MB must be at most ${MAX_ATTACHMENT_LIMIT_MB} (Salesforce takes at most 37.5 MB of file in one request), got "${env.LIAISON_ATTACHMENT_LIMIT_MB}"`,
    );
  return mb;
}

/** LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL: contacts one email may create at most (0: none); default 10. */
export function maxContactsPerEmail(env: Record<string, string | undefined> = process.env): number {
  return integer(
    'LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL',
    env.LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL,
    DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL,
  );
}

/** LIAISON_SIDEBAR_CACHE_ENTRIES: sidebar answers' reads kept between requests by `serve` (0: none); default 2,000. */
export function sidebarCacheEntries(env: Record<string, string | undefined> = process.env): number {
  return integer('LIAISON_SIDEBAR_CACHE_ENTRIES', env.LIAISON_SIDEBAR_CACHE_ENTRIES, 2000);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const host = env.HOST || '127.0.0.1';
  const port = integer('PORT', env.PORT, 3000);
  const publicUrl = (
    env.LIAISON_PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  ).replace(/\/+$/, '');
  const config: ServerConfig = {
    host,
    port,
    publicUrl,
    dataDir: path.resolve(env.LIAISON_DATA_DIR || 'data'),
    addinOrigins: list(env.LIAISON_ADDIN_ORIGINS),
    embeddedIssuer: env.LIAISON_EMBEDDED_ISSUER !== 'off',
    logLevel: env.LOG_LEVEL || 'info',
    rateLimitPerMinute: integer('LIAISON_RATE_LIMIT', env.LIAISON_RATE_LIMIT, 600),
    bodyLimitBytes: integer('LIAISON_BODY_LIMIT', env.LIAISON_BODY_LIMIT, 5 * 1024 * 1024),
    imapPrivateHosts: onOff('LIAISON_IMAP_PRIVATE_HOSTS', env.LIAISON_IMAP_PRIVATE_HOSTS, false),
    attachmentLimitMb: attachmentLimitMb(env),
    maxContactsPerEmail: maxContactsPerEmail(env),
  };
  if (env.DATABASE_URL) config.databaseUrl = env.DATABASE_URL;
  if (env.LIAISON_DB_SCHEMA) config.dbSchema = env.LIAISON_DB_SCHEMA;
  const graph = graphSettings(env);
  if (graph) config.graph = graph;
  const gmail = gmailSettings(env);
  if (gmail) config.gmail = gmail;
  const gmailAddon = gmailAddonSettings(env);
  if (gmailAddon) config.gmailAddon = gmailAddon;
  const gmailPush = gmailPushSettings(env);
  if (gmailPush) config.gmailPush = gmailPush;
  return config;
}

function required(env: Record<string, string | undefined>, name: string, because: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set when ${because} is`);
  return value;
}

function graphSettings(env: Record<string, string | undefined>): GraphOAuthSettings | undefined {
  const clientId = env.LIAISON_GRAPH_CLIENT_ID;
  if (!clientId) return undefined;
  const settings: GraphOAuthSettings = {
    clientId,
    clientSecret: required(env, 'LIAISON_GRAPH_CLIENT_SECRET', 'LIAISON_GRAPH_CLIENT_ID'),
    tenant: env.LIAISON_GRAPH_TENANT || 'organizations',
  };
  if (env.LIAISON_GRAPH_AUTHORITY) settings.authority = env.LIAISON_GRAPH_AUTHORITY.replace(/\/+$/, '');
  if (env.LIAISON_GRAPH_REDIRECT_URI) settings.redirectUri = env.LIAISON_GRAPH_REDIRECT_URI;
  settings.notifications = onOff(
    'LIAISON_GRAPH_NOTIFICATIONS',
    env.LIAISON_GRAPH_NOTIFICATIONS,
    (env.LIAISON_PUBLIC_URL ?? '').startsWith('https://'),
  );
  return settings;
}

function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new Error(`${name} must be on or off, got "${value}"`);
}

function gmailSettings(env: Record<string, string | undefined>): GmailOAuthSettings | undefined {
  const clientId = env.LIAISON_GMAIL_CLIENT_ID;
  if (!clientId) return undefined;
  const settings: GmailOAuthSettings = {
    clientId,
    clientSecret: required(env, 'LIAISON_GMAIL_CLIENT_SECRET', 'LIAISON_GMAIL_CLIENT_ID'),
  };
  if (env.LIAISON_GMAIL_REDIRECT_URI) settings.redirectUri = env.LIAISON_GMAIL_REDIRECT_URI;
  settings.calendarNotifications = onOff(
    'LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS',
    env.LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS,
    (env.LIAISON_PUBLIC_URL ?? '').startsWith('https://'),
  );
  return settings;
}

/**
 * Gmail push: the workers ask Gmail (users.watch) to publish each mailbox's INBOX changes to a Cloud Pub/Sub topic,
 * whose push subscription posts them to `<LIAISON_PUBLIC_URL>/notifications/gmail` with an OIDC token. On when
 * LIAISON_GMAIL_PUBSUB_TOPIC is set.
 *
 * - LIAISON_GMAIL_PUBSUB_TOPIC          projects/<project>/topics/<topic> (the project of the Gmail OAuth client)
 * - LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT  the push subscription's service account: the token's `email` (required)
 * - LIAISON_GMAIL_PUSH_AUDIENCE         the subscription's audience (default: the endpoint's URL)
 * Google's issuers and keys: LIAISON_GOOGLE_ISSUER and LIAISON_GOOGLE_JWKS_URL, as for Apps Script tokens.
 */
export interface GmailPushSettings {
  topicName: string;
  serviceAccount: string;
  /** Absent: the endpoint's URL, resolved when used (the public URL may change). */
  audience?: string;
  issuers: string[];
  jwksUrl: string;
}

const TOPIC = /^projects\/[^/\s]+\/topics\/[^/\s]+$/;

export function gmailPushSettings(env: Record<string, string | undefined>): GmailPushSettings | undefined {
  const topicName = env.LIAISON_GMAIL_PUBSUB_TOPIC?.trim();
  if (!topicName) return undefined;
  if (!TOPIC.test(topicName))
    throw new Error(
      `LIAISON_GMAIL_PUBSUB_TOPIC must be projects/<project>/topics/<topic>, got "${topicName}"`,
    );
  const serviceAccount = env.LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT?.trim();
  if (!serviceAccount)
    throw new Error('LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT must be set when LIAISON_GMAIL_PUBSUB_TOPIC is');
  const settings: GmailPushSettings = {
    topicName,
    serviceAccount: serviceAccount.toLowerCase(),
    ...googleKeysFromEnv(env),
  };
  const audience = env.LIAISON_GMAIL_PUSH_AUDIENCE?.trim();
  if (audience) settings.audience = audience;
  return settings;
}
