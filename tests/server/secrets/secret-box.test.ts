import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SecretBox, SecretBoxError } from '../../../server/secrets/secret-box';
import {
  loadSecretKeys,
  parseSecretKey,
  secretKeyPath,
  SecretKeyError,
} from '../../../server/secrets/secret-key';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const box = new SecretBox({ current: keyA, previous: [] });

function flipBit(sealed: string, partIndex: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[partIndex] as string, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join(':');
}

describe('SecretBox', () => {
  test('round trip keeps the plaintext and uses the v1 format', () => {
    const sealed = box.seal('refresh-token-ü-✓', 'user-1');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('refresh');
    expect(box.open(sealed, 'user-1')).toBe('refresh-token-ü-✓');
  });

  test('each seal uses a fresh IV', () => {
    expect(box.seal('same', 'user-1')).not.toBe(box.seal('same', 'user-1'));
  });

  test.each([
    ['IV', 1],
    ['tag', 2],
    ['ciphertext', 3],
  ])('a flipped bit in the %s is detected', (_name, partIndex) => {
    const sealed = box.seal('secret value', 'user-1');
    expect(() => box.open(flipBit(sealed, partIndex), 'user-1')).toThrow(SecretBoxError);
  });

  test('a value moved to another row (other associated data) does not open', () => {
    const sealed = box.seal('secret value', 'user-1');
    expect(() => box.open(sealed, 'user-2')).toThrow(/wrong associated data/);
  });

  test('empty associated data is refused', () => {
    expect(() => box.seal('x', '')).toThrow(SecretBoxError);
  });

  test('another key cannot open it', () => {
    const sealed = box.seal('secret value', 'user-1');
    const other = new SecretBox({ current: keyB, previous: [] });
    expect(() => other.open(sealed, 'user-1')).toThrow(SecretBoxError);
  });

  test.each(['', 'v2:a:b:c', 'v1:abc', 'v1:!!:??:==', 'not a sealed value'])(
    'malformed sealed value %p is refused clearly',
    (value) => {
      expect(() => box.open(value, 'user-1')).toThrow(SecretBoxError);
    },
  );

  test('rotation: old values open with the previous key and are re-sealed with the current one', () => {
    const oldBox = new SecretBox({ current: keyA, previous: [] });
    const sealedOld = oldBox.seal('token-1', 'org-1');
    const rotatedBox = new SecretBox({ current: keyB, previous: [keyA] });

    expect(rotatedBox.open(sealedOld, 'org-1')).toBe('token-1');
    const resealed = rotatedBox.rotate(sealedOld, 'org-1');
    expect(resealed).not.toBeNull();
    // The re-sealed value no longer needs the old key.
    const currentOnly = new SecretBox({ current: keyB, previous: [] });
    expect(currentOnly.open(resealed as string, 'org-1')).toBe('token-1');
    expect(rotatedBox.rotate(resealed as string, 'org-1')).toBeNull();
    // New values are sealed with the current key only.
    expect(() => oldBox.open(rotatedBox.seal('token-2', 'org-1'), 'org-1')).toThrow(SecretBoxError);
  });
});

describe('secret keys', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'liaison-secret-'));
  });
  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  test('base64, base64url and hex keys of 32 bytes are accepted', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64url')).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseSecretKey(` ${key.toString('hex').toUpperCase()}\n`).equals(key)).toBe(true);
  });

  test.each([
    ['too short', randomBytes(16).toString('base64'), /got 16 bytes/],
    ['too long', randomBytes(48).toString('base64'), /got 48 bytes/],
    ['not an encoding', 'correct horse battery staple!', /neither base64 nor hex/],
  ])('a bad key (%s) gives a clear error', (_name, value, message) => {
    expect(() => parseSecretKey(value)).toThrow(SecretKeyError);
    expect(() => parseSecretKey(value)).toThrow(message);
    expect(() => parseSecretKey(value)).toThrow(/LIAISON_SECRET_KEY must be 32 bytes/);
  });

  test('LIAISON_SECRET_KEY and LIAISON_SECRET_KEY_PREVIOUS are read from the environment', async () => {
    const keys = await loadSecretKeys({
      env: {
        LIAISON_SECRET_KEY: keyA.toString('base64'),
        LIAISON_SECRET_KEY_PREVIOUS: `${keyB.toString('hex')}, ${keyA.toString('base64url')}`,
      },
    });
    expect(keys.current.equals(keyA)).toBe(true);
    expect(keys.previous.map((key) => key.toString('hex'))).toEqual([
      keyB.toString('hex'),
      keyA.toString('hex'),
    ]);
  });

  test('a bad previous key names its entry', async () => {
    await expect(
      loadSecretKeys({
        env: { LIAISON_SECRET_KEY: keyA.toString('base64'), LIAISON_SECRET_KEY_PREVIOUS: 'abcd' },
      }),
    ).rejects.toThrow(/LIAISON_SECRET_KEY_PREVIOUS \(entry 1\)/);
  });

  test('outside embedded mode a missing key is a clear error', async () => {
    await expect(loadSecretKeys({ env: {}, dataDir })).rejects.toThrow(/LIAISON_SECRET_KEY is not set/);
  });

  test('embedded mode generates a 0600 key file once and reuses it', async () => {
    const first = await SecretBox.load({ env: {}, dataDir, embedded: true });
    const file = secretKeyPath(dataDir);
    const stat = await fs.stat(file);
    expect(stat.mode & 0o777).toBe(0o600);
    const sealed = first.seal('kept across restarts', 'org-1');

    const second = await SecretBox.load({ env: {}, dataDir, embedded: true });
    expect(second.open(sealed, 'org-1')).toBe('kept across restarts');
    expect(parseSecretKey(await fs.readFile(file, 'utf8')).length).toBe(32);
  });

  test('embedded mode still prefers LIAISON_SECRET_KEY and writes no file', async () => {
    const keys = await loadSecretKeys({
      env: { LIAISON_SECRET_KEY: keyA.toString('base64') },
      dataDir,
      embedded: true,
    });
    expect(keys.current.equals(keyA)).toBe(true);
    await expect(fs.stat(secretKeyPath(dataDir))).rejects.toThrow(/ENOENT/);
  });

  test('concurrent first starts agree on one key', async () => {
    const boxes = await Promise.all(
      [1, 2, 3, 4].map(() => SecretBox.load({ env: {}, dataDir, embedded: true })),
    );
    const sealed = (boxes[0] as SecretBox).seal('shared', 'org-1');
    for (const each of boxes) expect(each.open(sealed, 'org-1')).toBe('shared');
  });
});

describe('SecretBox signatures', () => {
  test('a signature is 43 base64url characters, checks for its data and purpose only', () => {
    const signature = box.sign('save-when-sent', 'pick-1');
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(box.sign('save-when-sent', 'pick-1')).toBe(signature);
    expect(box.verifySignature('save-when-sent', 'pick-1', signature)).toBe(true);
    expect(box.verifySignature('save-when-sent', 'pick-2', signature)).toBe(false);
    expect(box.verifySignature('another-purpose', 'pick-1', signature)).toBe(false);
    expect(box.verifySignature('save-when-sent', 'pick-1', `${signature.slice(0, -1)}A`)).toBe(
      signature.endsWith('A'),
    );
    expect(box.verifySignature('save-when-sent', 'pick-1', '')).toBe(false);
  });

  test('another key’s signature fails; a previous key’s still checks after rotation', () => {
    const other = new SecretBox({ current: keyB, previous: [] });
    const old = other.sign('save-when-sent', 'pick-1');
    expect(box.verifySignature('save-when-sent', 'pick-1', old)).toBe(false);
    const rotated = new SecretBox({ current: keyA, previous: [keyB] });
    expect(rotated.verifySignature('save-when-sent', 'pick-1', old)).toBe(true);
    expect(rotated.sign('save-when-sent', 'pick-1')).toBe(box.sign('save-when-sent', 'pick-1'));
  });

  test('a signature needs a purpose', () => {
    expect(() => box.sign('', 'x')).toThrow(SecretBoxError);
  });
});
