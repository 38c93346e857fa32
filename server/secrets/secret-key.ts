import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { readOrCreatePrivateFile } from './private-file';

/** AES-256 needs exactly 32 bytes of key. */
export const SECRET_KEY_BYTES = 32;

/**
 * Environment:
 * - LIAISON_SECRET_KEY: 32 bytes as base64 (standard or url-safe) or as 64 hex characters.
 *   Generate one with `openssl rand -base64 32`.
 * - LIAISON_SECRET_KEY_PREVIOUS: earlier keys, comma-separated, still accepted for decryption
 *   while secrets are re-encrypted with the current key.
 * Without LIAISON_SECRET_KEY, embedded mode generates `<dataDir>/keys/secret.key` (0600).
 */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export interface SecretKeys {
  current: Buffer;
  previous: Buffer[];
}

/** Parses one key; `label` names its source in the error message. */
export function parseSecretKey(text: string, label = 'LIAISON_SECRET_KEY'): Buffer {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-f]{64}$/i.test(value)) key = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value, 'base64');
  if (key === undefined || key.length !== SECRET_KEY_BYTES) {
    const got = key === undefined ? 'text that is neither base64 nor hex' : `${key.length} bytes`;
    throw new SecretKeyError(
      `${label} must be ${SECRET_KEY_BYTES} bytes written as base64 or as 64 hex characters ` +
        `(got ${got}); generate one with \`openssl rand -base64 32\``,
    );
  }
  return key;
}

export interface LoadSecretKeysOptions {
  env?: Record<string, string | undefined>;
  /** The data folder; the generated key lives in `<dataDir>/keys/secret.key`. */
  dataDir?: string;
  /** Embedded mode may generate a key; otherwise LIAISON_SECRET_KEY is required. */
  embedded?: boolean;
}

export function secretKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'secret.key');
}

export async function loadSecretKeys(options: LoadSecretKeysOptions = {}): Promise<SecretKeys> {
  const env = options.env ?? process.env;
  const previous = (env.LIAISON_SECRET_KEY_PREVIOUS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, index) => parseSecretKey(part, `LIAISON_SECRET_KEY_PREVIOUS (entry ${index + 1})`));

  const configured = env.LIAISON_SECRET_KEY;
  if (configured !== undefined && configured.trim() !== '') {
    return { current: parseSecretKey(configured), previous };
  }
  if (!options.embedded || options.dataDir === undefined) {
    throw new SecretKeyError(
      'LIAISON_SECRET_KEY is not set: it is required outside embedded mode ' +
        '(32 bytes as base64 or hex; generate one with `openssl rand -base64 32`)',
    );
  }
  const file = secretKeyPath(options.dataDir);
  const { content } = await readOrCreatePrivateFile(file, () =>
    randomBytes(SECRET_KEY_BYTES).toString('base64'),
  );
  return { current: parseSecretKey(content, file), previous };
}
