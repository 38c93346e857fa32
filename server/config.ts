import path from 'node:path';

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
  };
  if (env.DATABASE_URL) config.databaseUrl = env.DATABASE_URL;
  if (env.LIAISON_DB_SCHEMA) config.dbSchema = env.LIAISON_DB_SCHEMA;
  return config;
}
