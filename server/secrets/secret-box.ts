import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { loadSecretKeys, type LoadSecretKeysOptions, type SecretKeys } from './secret-key';

/**
 * AES-256-GCM for secrets at rest (CRM refresh tokens and the like).
 * Sealed format: `v1:<iv>:<tag>:<ciphertext>`, each part base64url, a fresh random 12-byte IV
 * per seal. The associated data (for example the owning user's or organisation's id) is
 * authenticated but not stored, so a sealed value copied to another row fails to open.
 * Rotation: values sealed with a previous key still open; `rotate` re-seals them with the current key.
 */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

export class SecretBox {
  private readonly keys: Buffer[];

  constructor(keys: SecretKeys) {
    this.keys = [keys.current, ...keys.previous];
  }

  static async load(options: LoadSecretKeysOptions = {}): Promise<SecretBox> {
    return new SecretBox(await loadSecretKeys(options));
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.currentKey(), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, b64(iv), b64(tag), b64(ciphertext)].join(':');
  }

  open(sealed: string, associatedData: string): string {
    return this.openWithIndex(sealed, associatedData).plaintext;
  }

  /** Re-seals with the current key a value sealed with a previous one; null when already current. */
  rotate(sealed: string, associatedData: string): string | null {
    const { plaintext, keyIndex } = this.openWithIndex(sealed, associatedData);
    return keyIndex === 0 ? null : this.seal(plaintext, associatedData);
  }

  /**
   * An HMAC-SHA256 signature of `data` (base64url, 43 characters), under a key derived for `purpose` from the
   * current secret key: what a signed token carries (a Save when sent mark) so no one can make one up.
   */
  sign(purpose: string, data: string): string {
    return signWith(this.currentKey(), purpose, data).toString('base64url');
  }

  /** Whether `signature` is `data`'s for `purpose` under the current or a previous key (rotation keeps tokens good). */
  verifySignature(purpose: string, data: string, signature: string): boolean {
    const given = Buffer.from(signature, 'base64url');
    return this.keys.some((key) => {
      const expected = signWith(key, purpose, data);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }

  private openWithIndex(sealed: string, associatedData: string): { plaintext: string; keyIndex: number } {
    const { iv, tag, ciphertext } = parse(sealed);
    const data = aad(associatedData);
    for (const [keyIndex, key] of this.keys.entries()) {
      try {
        const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(data);
        decipher.setAuthTag(tag);
        const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
        return { plaintext: plaintext.toString('utf8'), keyIndex };
      } catch {
        // Wrong key or tampered data look the same under GCM: try the next key.
      }
    }
    throw new SecretBoxError(
      'sealed secret failed authentication: wrong key, wrong associated data, or tampered value',
    );
  }

  private currentKey(): Buffer {
    return this.keys[0] as Buffer;
  }
}

/** A key of its own per purpose, so a signature is never the encryption key's output for the same input. */
function signWith(key: Buffer, purpose: string, data: string): Buffer {
  if (purpose === '') throw new SecretBoxError('a signature needs a purpose');
  const derived = createHmac('sha256', key).update(`liaison-sign\0${purpose}`, 'utf8').digest();
  return createHmac('sha256', derived).update(data, 'utf8').digest();
}

function aad(associatedData: string): Buffer {
  // An empty binding would let a value move between rows, which is what the AAD is there to stop.
  if (associatedData === '') throw new SecretBoxError('associated data must not be empty');
  return Buffer.from(`${VERSION}\0${associatedData}`, 'utf8');
}

function parse(sealed: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new SecretBoxError(`sealed secret is not in the ${VERSION}:<iv>:<tag>:<ciphertext> format`);
  }
  const [, ivText, tagText, ciphertextText] = parts as [string, string, string, string];
  if (![ivText, tagText, ciphertextText].every((part) => /^[A-Za-z0-9_-]*$/.test(part))) {
    throw new SecretBoxError('sealed secret contains characters outside base64url');
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretBoxError('sealed secret has a malformed IV or tag');
  }
  return { iv, tag, ciphertext: Buffer.from(ciphertextText, 'base64url') };
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
