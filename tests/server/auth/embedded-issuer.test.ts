import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { EmbeddedIssuer, issuerKeyPath } from '../../../server/auth/embedded-issuer';

const ISSUER = 'http://127.0.0.1:3000';
const NOW = new Date('2026-03-01T12:00:00Z');
let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'liaison-issuer-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

test('the first start writes a 0600 key file; later starts reuse the key', async () => {
  const first = await EmbeddedIssuer.open({ dataDir, issuer: ISSUER, now: () => NOW });
  const stat = await fs.stat(issuerKeyPath(dataDir));
  expect(stat.mode & 0o777).toBe(0o600);
  expect((await fs.stat(path.dirname(issuerKeyPath(dataDir)))).mode & 0o077).toBe(0);
  const token = await first.issue({ userId: 'user-1', audience: 'liaison' });

  const restarted = await EmbeddedIssuer.open({ dataDir, issuer: ISSUER, now: () => NOW });
  expect(restarted.kid).toBe(first.kid);
  expect(restarted.jwks()).toEqual(first.jwks());
  // A token issued before the restart still verifies against the restarted issuer's keys.
  const { payload } = await jwtVerify(token, createLocalJWKSet(restarted.jwks()), {
    issuer: ISSUER,
    audience: 'liaison',
    currentDate: NOW,
  });
  expect(payload.sub).toBe('user-1');
});

test('another data folder gets another key', async () => {
  const first = await EmbeddedIssuer.open({ dataDir, issuer: ISSUER });
  const otherDir = await fs.mkdtemp(path.join(os.tmpdir(), 'liaison-issuer-'));
  try {
    const other = await EmbeddedIssuer.open({ dataDir: otherDir, issuer: ISSUER });
    expect(other.kid).not.toBe(first.kid);
  } finally {
    await fs.rm(otherDir, { recursive: true, force: true });
  }
});

test('the JWKS publishes only the public ES256 key', async () => {
  const issuer = await EmbeddedIssuer.open({ dataDir, issuer: ISSUER });
  const { keys } = issuer.jwks();
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: issuer.kid });
  expect(keys[0]).not.toHaveProperty('d');
  const saved = JSON.parse(await fs.readFile(issuerKeyPath(dataDir), 'utf8')) as { d?: string };
  expect(typeof saved.d).toBe('string');
});

test('issued tokens carry issuer, audience, the user id as subject (no address), kid and the ttl', async () => {
  const issuer = await EmbeddedIssuer.open({ dataDir, issuer: ISSUER, now: () => NOW });
  const token = await issuer.issue({ userId: 'user-7', audience: 'liaison', ttl: 300 });
  expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: issuer.kid });
  const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
    issuer: ISSUER,
    audience: 'liaison',
    currentDate: NOW,
  });
  const nowSeconds = NOW.getTime() / 1000;
  expect(payload).not.toHaveProperty('email');
  expect(payload).toMatchObject({
    sub: 'user-7',
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + 300,
  });
  await expect(
    jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
      currentDate: new Date(NOW.getTime() + 301_000),
    }),
  ).rejects.toThrow(/exp/);
});

test('loose permissions on an existing key file are tightened', async () => {
  await EmbeddedIssuer.open({ dataDir, issuer: ISSUER });
  await fs.chmod(issuerKeyPath(dataDir), 0o644);
  await EmbeddedIssuer.open({ dataDir, issuer: ISSUER });
  expect((await fs.stat(issuerKeyPath(dataDir))).mode & 0o777).toBe(0o600);
});

test('a damaged key file is a clear error, not a silent new key', async () => {
  await fs.mkdir(path.dirname(issuerKeyPath(dataDir)), { recursive: true });
  await fs.writeFile(issuerKeyPath(dataDir), '{ not json', { mode: 0o600 });
  await expect(EmbeddedIssuer.open({ dataDir, issuer: ISSUER })).rejects.toThrow(/not valid JSON/);
  await fs.writeFile(issuerKeyPath(dataDir), '{"kty":"oct","k":"abc"}', { mode: 0o600 });
  await expect(EmbeddedIssuer.open({ dataDir, issuer: ISSUER })).rejects.toThrow(/ES256 private key/);
});
